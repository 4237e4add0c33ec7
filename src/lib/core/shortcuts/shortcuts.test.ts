import { describe, expect, it } from 'vitest';
import { bindingOf, formatBinding, isMacPlatform, normalizeBinding, type KeyPress } from './bindings';
import { SHORTCUTS, keysOf, type ShortcutContext } from './table';
import { Keymap, ariaShortcuts, boundKeys, clashes, helpRows } from './dispatch';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
	key,
	altKey: false,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	...mods
});

const CONTEXTS: ShortcutContext[] = ['editor', 'article', 'review', 'find', 'panel'];

describe('the shortcut table', () => {
	for (const mac of [false, true]) {
		for (const context of CONTEXTS) {
			it(`binds no key twice in ${context} (${mac ? 'Mac' : 'other'})`, () => {
				const seen = new Map<string, string>();
				for (const s of SHORTCUTS.filter((s) => s.context === context)) {
					for (const key of keysOf(s, mac)) {
						const name = normalizeBinding(key, mac);
						expect(seen.get(name), `${key} → ${s.command}`).toBeUndefined();
						seen.set(name, s.command);
					}
				}
				expect(() => new Keymap(context, mac)).not.toThrow();
			});
		}
		it(`means one thing per key across contexts active together (${mac ? 'Mac' : 'other'})`, () => {
			expect(clashes(mac)).toEqual([]);
		});
	}

	it('gives every command help text and at least one key', () => {
		for (const s of SHORTCUTS) {
			expect(s.help.trim().length, s.command).toBeGreaterThan(8);
			expect(s.keys.length, s.command).toBeGreaterThan(0);
		}
	});

	it('keeps the default label keys 1, 2, 3 free in the editor', () => {
		for (const mac of [false, true]) for (const key of ['1', '2', '3']) expect(boundKeys('editor', mac).has(key)).toBe(false);
	});

	it('keeps the existing shortcuts (undo, redo, Enter, ] [, Delete, Escape, ?, Alt+arrows)', () => {
		const editor = new Keymap('editor', false);
		expect(editor.command(press('z', { ctrlKey: true }))).toBe('undo');
		expect(editor.command(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
		expect(editor.command(press('y', { ctrlKey: true }))).toBe('redo');
		expect(editor.command(press('Enter'))).toBe('selectSpanAtCaret');
		expect(editor.command(press(']'))).toBe('nextSpan');
		expect(editor.command(press('['))).toBe('previousSpan');
		expect(editor.command(press('Delete'))).toBe('removeSpan');
		expect(editor.command(press('Backspace'))).toBe('removeSpan');
		expect(editor.command(press('Escape'))).toBe('deselect');
		expect(editor.command(press('?', { shiftKey: true }))).toBe('help');
		expect(editor.command(press('ArrowRight', { altKey: true }))).toBe('spanEndWordRight');
		expect(editor.command(press('ArrowLeft', { altKey: true, shiftKey: true }))).toBe('spanStartWordLeft');
		expect(editor.command(press('/'))).toBe('find');
		expect(editor.command(press('f', { ctrlKey: true }))).toBe('find');
		const review = new Keymap('review', false);
		expect(['n', 'p', 'j', 'k', 'a', 'x'].map((k) => review.command(press(k)))).toEqual([
			'reviewNextConflict',
			'reviewPreviousConflict',
			'reviewNextCandidate',
			'reviewPreviousCandidate',
			'reviewAccept',
			'reviewReject'
		]);
		expect(review.command(press('A', { shiftKey: true }))).toBe('reviewAcceptAllUnanimous');
	});

	it('binds Mac-only keys (⌘↑: start of the text) on a Mac only', () => {
		expect(new Keymap('editor', true).command(press('ArrowUp', { metaKey: true }))).toBe('textStart');
		expect(new Keymap('editor', false).command(press('ArrowUp', { metaKey: true }))).toBeUndefined();
		expect(helpRows(['editor'], false).find((r) => r.command === 'textStart')?.keys).toEqual(['Ctrl+Home']);
	});

	it('does not dispatch native bindings, but lists them', () => {
		const table = [{ command: 'caretWordRight', keys: ['Ctrl-ArrowRight'], help: 'Word right', context: 'editor', native: true }] as const;
		const editor = new Keymap('editor', false, table);
		expect(editor.lookup(press('ArrowRight', { ctrlKey: true }))?.command).toBe('caretWordRight');
		expect(editor.command(press('ArrowRight', { ctrlKey: true }))).toBeUndefined();
		expect(helpRows(['editor'], false, table).map((r) => r.command)).toContain('caretWordRight');
	});

	it('moves by word in the editor itself (by tokens), not by the browser', () => {
		const editor = new Keymap('editor', false);
		expect(editor.command(press('ArrowRight', { ctrlKey: true }))).toBe('caretWordRight');
		expect(editor.command(press('ArrowLeft', { ctrlKey: true, shiftKey: true }))).toBe('extendWordLeft');
	});

	it('refuses a table that binds one key twice in a context, naming both commands', () => {
		const table = [
			{ command: 'undo', keys: ['Mod-z'], help: 'Undo it all', context: 'editor' },
			{ command: 'redo', keys: ['Ctrl-z'], help: 'Redo it all', context: 'editor' }
		] as const;
		expect(() => new Keymap('editor', false, table)).toThrow(/undo and redo/);
		expect(() => new Keymap('editor', true, table)).not.toThrow();
	});
});

describe('Mod', () => {
	it('is Ctrl elsewhere and ⌘ on a Mac', () => {
		expect(normalizeBinding('Mod-z', false)).toBe('Ctrl-z');
		expect(normalizeBinding('Mod-z', true)).toBe('Meta-z');
		expect(new Keymap('editor', true).command(press('z', { metaKey: true }))).toBe('undo');
		expect(new Keymap('editor', true).command(press('z', { ctrlKey: true }))).toBeUndefined();
		expect(new Keymap('editor', false).command(press('z', { metaKey: true }))).toBeUndefined();
	});

	it('is written Ctrl+… elsewhere and ⌘… on a Mac', () => {
		expect(formatBinding('Mod-Shift-z', false)).toBe('Ctrl+Shift+Z');
		expect(formatBinding('Mod-Shift-z', true)).toBe('⌘⇧Z');
		expect(formatBinding('Alt-ArrowLeft', false)).toBe('Alt+←');
		expect(formatBinding('Alt-ArrowLeft', true)).toBe('⌥←');
		expect(formatBinding('?', false)).toBe('?');
	});

	it('is written Control+… or Meta+… for aria-keyshortcuts', () => {
		expect(ariaShortcuts('redo', 'article', false)).toBe('Control+Shift+Z Control+Y');
		expect(ariaShortcuts('undo', 'article', true)).toBe('Meta+Z');
		expect(ariaShortcuts('help', 'article', false)).toBe('?');
	});

	it('recognises Mac platforms', () => {
		expect(isMacPlatform('MacIntel')).toBe(true);
		expect(isMacPlatform('iPad')).toBe(true);
		expect(isMacPlatform('Linux x86_64')).toBe(false);
		expect(isMacPlatform('Win32')).toBe(false);
	});
});

describe('key names', () => {
	const cases: [KeyPress, string][] = [
		[press('z', { ctrlKey: true }), 'Ctrl-z'],
		[press('Z', { ctrlKey: true, shiftKey: true }), 'Ctrl-Shift-z'],
		[press('?', { shiftKey: true }), '?'],
		[press('A', { shiftKey: true }), 'A'],
		[press(')', { shiftKey: true }), ')'],
		[press('Enter', { shiftKey: true }), 'Shift-Enter'],
		[press('ArrowDown', { altKey: true, shiftKey: true }), 'Alt-Shift-ArrowDown'],
		[press(' '), 'Space']
	];
	for (const [event, name] of cases) it(`names ${JSON.stringify(event)} ${name}`, () => expect(bindingOf(event)).toBe(name));

	it('puts modifiers in one order whatever order a binding names them in', () => {
		expect(normalizeBinding('Shift-Alt-ArrowDown', false)).toBe('Alt-Shift-ArrowDown');
		expect(normalizeBinding('Shift-Mod-Z', false)).toBe('Ctrl-Shift-z');
	});

	it('throws a RangeError naming a bad binding', () => {
		expect(() => normalizeBinding('Hyper-z', false)).toThrow(/Hyper-z.*Hyper/);
		expect(() => normalizeBinding('', false)).toThrow(RangeError);
	});
});
