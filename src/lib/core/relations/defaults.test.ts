import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, PALETTE } from '../labels/defaults';
import { DEFAULT_RELATION_TYPES, checkRelationHotkey, checkRelationType, checkRelationTypeName } from './defaults';

const source = DEFAULT_RELATION_TYPES[0];

describe('DEFAULT_RELATION_TYPES', () => {
	it('is source: claim → actor, directed, one per claim, on key s, in a palette colour no label has', () => {
		expect(DEFAULT_RELATION_TYPES.map((t) => t.name)).toEqual(['source']);
		expect(source).toMatchObject({ headLabels: ['claim'], tailLabels: ['actor'], directed: true, onePerHead: true, hotkey: 's', description: 'Who puts the claim forward.' });
		expect(PALETTE).toContain(source.color);
		expect(DEFAULT_LABELS.map((l) => l.color)).not.toContain(source.color);
		expect(checkRelationType(source, DEFAULT_RELATION_TYPES, DEFAULT_LABELS, 'source')).toBeNull();
	});
});

describe('checkRelationTypeName', () => {
	it('accepts a new name and the type keeping its own', () => {
		expect(checkRelationTypeName('quantifies', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBeNull();
		expect(checkRelationTypeName('Source', DEFAULT_RELATION_TYPES, DEFAULT_LABELS, 'source')).toBeNull();
	});

	it('refuses empty, long, control characters, another type and a label name, saying so', () => {
		expect(checkRelationTypeName(' ', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('a relation type needs a name');
		expect(checkRelationTypeName('x'.repeat(41), DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('a relation type name can have at most 40 characters (this one has 41)');
		expect(checkRelationTypeName('a\u0007b', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('a relation type name cannot contain control characters');
		expect(checkRelationTypeName('SOURCE', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('there is already a relation type "source"');
		expect(checkRelationTypeName('Claim', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toMatch(/already a label named "Claim"/);
	});
});

describe('checkRelationHotkey', () => {
	it('accepts a free key, and the type keeping its own', () => {
		expect(checkRelationHotkey('q', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBeNull();
		expect(checkRelationHotkey('s', DEFAULT_RELATION_TYPES, DEFAULT_LABELS, 'source')).toBeNull();
		// No key: the type is picked by its button.
		expect(checkRelationHotkey('', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBeNull();
	});

	it('refuses label keys, other types’ keys, link keys and the editor’s keys', () => {
		expect(checkRelationHotkey('1', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('"1" is already the key of the label "actor"');
		expect(checkRelationHotkey('S', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('"S" is already the key of "source"');
		expect(checkRelationHotkey('r', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toMatch(/reserved for making and reversing links/);
		expect(checkRelationHotkey('R', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toMatch(/reserved/);
		expect(checkRelationHotkey(']', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('"]" is reserved for another shortcut');
		expect(checkRelationHotkey('n', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('"n" is reserved for another shortcut');
		expect(checkRelationHotkey('?', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('"?" is reserved for another shortcut');
		expect(checkRelationHotkey('ab', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toMatch(/single key/);
		expect(checkRelationHotkey(' ', DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('space cannot be a hotkey');
	});
});

describe('checkRelationType', () => {
	it('names bad colours and head/tail labels that are not labels or repeat', () => {
		const base = { ...source, name: 'quantifies', hotkey: 'q', headLabels: ['claim'], tailLabels: ['figure'] };
		expect(checkRelationType(base, DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBeNull();
		expect(checkRelationType({ ...base, color: 'red' }, DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('the colour of "quantifies" must be #rrggbb, not "red"');
		expect(checkRelationType({ ...base, tailLabels: ['place'] }, DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('the tail labels of "quantifies" name "place", which is not a label');
		expect(checkRelationType({ ...base, headLabels: ['claim', 'claim'] }, DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toBe('the head labels of "quantifies" list a label twice');
		expect(checkRelationType({ ...base, hotkey: '2' }, DEFAULT_RELATION_TYPES, DEFAULT_LABELS)).toMatch(/key of the label "claim"/);
	});
});
