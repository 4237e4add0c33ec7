/**
 * Key names in the style of prosemirror-keymap: modifiers `Alt-`, `Ctrl-`, `Meta-`, `Shift-` and
 * `Mod-` (Ctrl, or ⌘ on a Mac) before a key name as `KeyboardEvent.key` gives it ("z", "ArrowLeft",
 * "Enter", "?"). A printable character carries its own shift (`?`, `A`, `)`), so `Shift-` is only
 * written with it when Ctrl or ⌘ is held too ("Mod-Shift-z").
 */

/** The fields of a keyboard event a binding is matched on. */
export interface KeyPress {
	readonly key: string;
	readonly altKey: boolean;
	readonly ctrlKey: boolean;
	readonly metaKey: boolean;
	readonly shiftKey: boolean;
}

const MODIFIERS = ['Alt', 'Ctrl', 'Meta', 'Shift'] as const;
type Modifier = (typeof MODIFIERS)[number];

/** True for a key that types one character (its `key` is that character). */
function isCharacter(key: string): boolean {
	return key !== ' ' && [...key].length === 1;
}

function canonical(mods: ReadonlySet<Modifier>, key: string): string {
	return [...MODIFIERS.filter((m) => mods.has(m)), key].join('-');
}

/**
 * A binding in canonical form for a platform: `Mod` resolved to `Meta` (Mac) or `Ctrl`, modifiers in
 * the order Alt, Ctrl, Meta, Shift, and a letter lower-cased when Ctrl or ⌘ is part of it.
 * Throws a RangeError for a binding that names an unknown modifier or no key.
 */
export function normalizeBinding(binding: string, mac: boolean): string {
	// The key is the last part; "-" itself is written as the key in "Mod--".
	const parts = binding.endsWith('--') ? [...binding.slice(0, -2).split('-'), '-'] : binding.split('-');
	let key = parts.pop() ?? '';
	if (!key) throw new RangeError(`shortcut "${binding}" names no key`);
	const mods = new Set<Modifier>();
	for (const part of parts) {
		const mod = part === 'Mod' ? (mac ? 'Meta' : 'Ctrl') : part === 'Cmd' ? 'Meta' : part === 'Control' ? 'Ctrl' : part;
		if (!(MODIFIERS as readonly string[]).includes(mod)) throw new RangeError(`shortcut "${binding}" has an unknown modifier "${part}"`);
		mods.add(mod as Modifier);
	}
	if (key === 'Space') key = ' ';
	if (isCharacter(key) && (mods.has('Ctrl') || mods.has('Meta'))) key = key.toLowerCase();
	return canonical(mods, key === ' ' ? 'Space' : key);
}

/** The canonical binding a key press stands for (see `normalizeBinding`). */
export function bindingOf(event: KeyPress): string {
	const mods = new Set<Modifier>();
	if (event.altKey) mods.add('Alt');
	if (event.ctrlKey) mods.add('Ctrl');
	if (event.metaKey) mods.add('Meta');
	let key = event.key;
	if (key === ' ') key = 'Space';
	if (isCharacter(key)) {
		if (event.ctrlKey || event.metaKey) {
			key = key.toLowerCase();
			if (event.shiftKey) mods.add('Shift');
		}
	} else if (event.shiftKey) mods.add('Shift');
	return canonical(mods, key);
}

const MAC_SYMBOLS: Record<Modifier, string> = { Alt: '⌥', Ctrl: '⌃', Meta: '⌘', Shift: '⇧' };
const KEY_NAMES: Record<string, string> = {
	ArrowLeft: '←',
	ArrowRight: '→',
	ArrowUp: '↑',
	ArrowDown: '↓',
	Escape: 'Esc',
	Space: 'Space',
	Delete: 'Delete',
	Backspace: 'Backspace'
};

/** How a binding is written for the user: "Ctrl+Shift+Z" elsewhere, "⌘⇧Z" on a Mac. */
export function formatBinding(binding: string, mac: boolean): string {
	const parts = normalizeBinding(binding, mac).split('-');
	const key = binding.endsWith('--') ? '-' : (parts.pop() ?? '');
	const mods = (binding.endsWith('--') ? parts.slice(0, -1) : parts) as Modifier[];
	const shown = KEY_NAMES[key] ?? (key.length === 1 && mods.some((m) => m === 'Ctrl' || m === 'Meta') ? key.toUpperCase() : key);
	if (mac) return mods.map((m) => MAC_SYMBOLS[m]).join('') + shown;
	return [...mods.map((m) => (m === 'Meta' ? 'Win' : m)), shown].join('+');
}

/** Whether a platform string (`navigator.platform`, or the user agent) is a Mac's, where Mod is ⌘. */
export function isMacPlatform(platform: string): boolean {
	return /Mac|iPhone|iPad|iPod/i.test(platform);
}

const ARIA_MODIFIERS: Record<Modifier, string> = { Alt: 'Alt', Ctrl: 'Control', Meta: 'Meta', Shift: 'Shift' };

/** A binding as `aria-keyshortcuts` writes it ("Control+Shift+Z", "Meta+Z"). */
export function ariaBinding(binding: string, mac: boolean): string {
	const parts = normalizeBinding(binding, mac).split('-');
	const key = parts.pop() ?? '';
	return [...(parts as Modifier[]).map((m) => ARIA_MODIFIERS[m]), key.length === 1 ? key.toUpperCase() : key].join('+');
}
