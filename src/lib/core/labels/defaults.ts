/**
 * The labels a new workspace starts with, the colours new labels get, and the rules for label names
 * and hotkeys. Colours are the Okabe–Ito palette, which stays distinguishable with colour blindness.
 */
import type { Label } from '../types';
import { codePointLength } from '../text/offsets';
import { boundKeys } from '../shortcuts/dispatch';

/** actor / claim / figure on keys 1 / 2 / 3, with the guideline shown to labellers. */
export const DEFAULT_LABELS: readonly Label[] = [
	{
		name: 'actor',
		color: '#0072B2',
		hotkey: '1',
		description: 'A person, organisation, country or group that acts or speaks.'
	},
	{
		name: 'claim',
		color: '#D55E00',
		hotkey: '2',
		description: 'A statement put forward by an actor — the whole clause, often reported speech.'
	},
	{
		name: 'figure',
		color: '#009E73',
		hotkey: '3',
		description: 'A quantity with its unit, or a date: "$60.84 billion", "February 2022".'
	}
];

/** The rest of the Okabe–Ito palette first, then the default labels' colours. */
export const PALETTE: readonly string[] = ['#E69F00', '#56B4E9', '#CC79A7', '#F0E442', '#000000', '#0072B2', '#D55E00', '#009E73'];

/**
 * The colour for a new label: the first palette colour not in `used`; once all are taken, the one
 * used least often (earliest on ties), so colours cycle through the palette.
 */
export function nextLabelColor(used: readonly string[]): string {
	const uses = new Map(PALETTE.map((color) => [color, 0]));
	for (const color of used) {
		const key = color.toUpperCase();
		if (uses.has(key)) uses.set(key, uses.get(key)! + 1);
	}
	let best = PALETTE[0];
	for (const color of PALETTE) if (uses.get(color)! < uses.get(best)!) best = color;
	return best;
}

/** Longest label name, in characters (code points). */
export const MAX_LABEL_NAME_LENGTH = 40;

/** Control characters, line/paragraph separators and bidi controls: invisible or layout-changing in a name. */
const FORBIDDEN_IN_NAMES = /[\p{Cc}\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u;

/** How names compare: trimmed, canonically composed, case-insensitive. */
function nameKey(name: string): string {
	return name.trim().normalize('NFC').toLowerCase();
}

/**
 * Null if `name` can name a new label (or rename the label now called `self`), else why not: empty,
 * longer than 40 characters, control characters, or the same as another label ignoring case.
 * `noun` names the kind of thing in the messages (relation types follow the same rules).
 */
export function checkLabelName(name: string, existing: readonly Pick<Label, 'name'>[], self?: string, noun = 'label'): string | null {
	const trimmed = name.trim();
	if (trimmed === '') return `a ${noun} needs a name`;
	const length = codePointLength(trimmed);
	if (length > MAX_LABEL_NAME_LENGTH) {
		return `a ${noun} name can have at most ${MAX_LABEL_NAME_LENGTH} characters (this one has ${length})`;
	}
	if (FORBIDDEN_IN_NAMES.test(trimmed)) return `a ${noun} name cannot contain control characters`;
	const key = nameKey(trimmed);
	const clash = existing.find((label) => label.name !== self && nameKey(label.name) === key);
	return clash ? `there is already a ${noun} "${clash.name}"` : null;
}

/**
 * Keys the app keeps for itself: the single characters of the editor's shortcuts in the shortcut
 * table ("?" the shortcut list, "[" "]" spans, "/" find, "(" ")" "{" "}" sentences and paragraphs,
 * "." "," "<" ">" span edges) and of the article page's that work in the text ("n" notes, the
 * suggestion keys "j" "k" "a" "x" "A" "m"), so a label key never hides one.
 */
const RESERVED_KEYS: readonly string[] = [...new Set([...boundKeys('editor', false), ...boundKeys('article', false)])].filter((key) => [...key].length === 1);

/**
 * Null if `key` can be the hotkey of the label named `self` (or of a new label), else why not: it must
 * be one printable character, not space, not a reserved key, and not another label's key (ignoring
 * case, since Shift turns "a" into "A"), nor the key of one of `relationTypes` (which pick a link's
 * type while the same keys relabel spans).
 */
export function checkHotkey(
	key: string,
	existing: readonly Pick<Label, 'name' | 'hotkey'>[],
	self?: string,
	relationTypes: readonly Pick<Label, 'name' | 'hotkey'>[] = []
): string | null {
	if (key === '') return 'choose a key';
	if (codePointLength(key) !== 1) return `a hotkey is a single key, not "${key}"`;
	if (/^\p{White_Space}$/u.test(key)) return 'space cannot be a hotkey';
	if (/^[\p{Cc}\p{Cf}\p{M}]$/u.test(key)) return 'a hotkey must be a printable character';
	if (RESERVED_KEYS.includes(key)) return `"${key}" is reserved for another shortcut`;
	const lower = key.toLowerCase();
	const clash = existing.find((label) => label.name !== self && label.hotkey.toLowerCase() === lower);
	if (clash) return `"${key}" is already the key of "${clash.name}"`;
	const type = relationTypes.find((t) => t.hotkey.toLowerCase() === lower);
	return type ? `"${key}" is already the key of the relation type "${type.name}"` : null;
}
