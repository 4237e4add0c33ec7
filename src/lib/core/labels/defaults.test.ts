import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, checkHotkey, checkLabelName, nextLabelColor } from './defaults';

describe('DEFAULT_LABELS', () => {
	it('are actor, claim and figure on keys 1, 2, 3 in Okabe–Ito colours', () => {
		expect(DEFAULT_LABELS.map((label) => [label.name, label.hotkey, label.color])).toEqual([
			['actor', '1', '#0072B2'],
			['claim', '2', '#D55E00'],
			['figure', '3', '#009E73']
		]);
		for (const label of DEFAULT_LABELS) expect(label.description.length).toBeGreaterThan(20);
	});
});

describe('nextLabelColor', () => {
	it('takes the first unused palette colour', () => {
		const defaults = DEFAULT_LABELS.map((label) => label.color);
		expect(nextLabelColor(defaults)).toBe('#E69F00');
		expect(nextLabelColor([...defaults, '#e69f00'])).toBe('#56B4E9');
		expect(nextLabelColor([])).toBe('#E69F00');
	});

	it('cycles once every colour is used', () => {
		const used: string[] = [];
		for (let i = 0; i < 20; i++) used.push(nextLabelColor(used));
		expect(new Set(used.slice(0, 8)).size).toBe(8);
		expect(used.slice(8, 16)).toEqual(used.slice(0, 8));
	});
});

describe('checkLabelName', () => {
	it('accepts a new name', () => {
		expect(checkLabelName('location', DEFAULT_LABELS)).toBeNull();
		expect(checkLabelName('  source 📰 ', DEFAULT_LABELS)).toBeNull();
	});

	it('refuses empty, long and control-character names', () => {
		expect(checkLabelName('  ', DEFAULT_LABELS)).toBe('a label needs a name');
		expect(checkLabelName('x'.repeat(41), DEFAULT_LABELS)).toBe('a label name can have at most 40 characters (this one has 41)');
		expect(checkLabelName('😀'.repeat(40), DEFAULT_LABELS)).toBeNull();
		expect(checkLabelName('a\tb', DEFAULT_LABELS)).toBe('a label name cannot contain control characters');
		expect(checkLabelName('evil\u202Eman', DEFAULT_LABELS)).toBe('a label name cannot contain control characters');
	});

	it('refuses duplicates ignoring case, but not the label being renamed', () => {
		expect(checkLabelName(' Actor ', DEFAULT_LABELS)).toBe('there is already a label "actor"');
		expect(checkLabelName('Actor', DEFAULT_LABELS, 'actor')).toBeNull();
		expect(checkLabelName('CLAIM', DEFAULT_LABELS, 'actor')).toBe('there is already a label "claim"');
		expect(checkLabelName('caf\u00e9', [{ ...DEFAULT_LABELS[0], name: 'cafe\u0301' }])).not.toBeNull();
	});
});

describe('checkHotkey', () => {
	it('accepts a free printable key', () => {
		expect(checkHotkey('4', DEFAULT_LABELS)).toBeNull();
		expect(checkHotkey('é', DEFAULT_LABELS)).toBeNull();
		expect(checkHotkey('1', DEFAULT_LABELS, 'actor')).toBeNull();
	});

	it('refuses what cannot be a label key', () => {
		expect(checkHotkey('', DEFAULT_LABELS)).toBe('choose a key');
		expect(checkHotkey('ab', DEFAULT_LABELS)).toBe('a hotkey is a single key, not "ab"');
		expect(checkHotkey(' ', DEFAULT_LABELS)).toBe('space cannot be a hotkey');
		expect(checkHotkey('\u0007', DEFAULT_LABELS)).toBe('a hotkey must be a printable character');
		expect(checkHotkey('?', DEFAULT_LABELS)).toBe('"?" is reserved for another shortcut');
		for (const key of ['/', '(', ')', '{', '}', '.', ',', '<', '>', '[', ']']) expect(checkHotkey(key, DEFAULT_LABELS)).toBe(`"${key}" is reserved for another shortcut`);
		expect(checkHotkey('[', DEFAULT_LABELS)).not.toBeNull();
		expect(checkHotkey(']', DEFAULT_LABELS)).not.toBeNull();
	});

	it("refuses another label's key, ignoring case", () => {
		expect(checkHotkey('2', DEFAULT_LABELS, 'actor')).toBe('"2" is already the key of "claim"');
		const labels = [...DEFAULT_LABELS, { name: 'place', color: '#000000', hotkey: 'p', description: '' }];
		expect(checkHotkey('P', labels)).toBe('"P" is already the key of "place"');
	});
});

describe('checkHotkey against relation types', () => {
	it('refuses the key of a relation type, so a key never both relabels and picks a link type', () => {
		const types = [{ name: 'source', hotkey: 's' }];
		expect(checkHotkey('S', DEFAULT_LABELS, undefined, types)).toBe('"S" is already the key of the relation type "source"');
		expect(checkHotkey('q', DEFAULT_LABELS, undefined, types)).toBeNull();
		expect(checkHotkey('s', DEFAULT_LABELS)).toBeNull();
	});
});
