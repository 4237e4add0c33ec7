import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLibraryMemory, serializeLibraryMemory, type LibraryMemory } from './library-memory';
import { EMPTY_QUERY } from './library-query';

const DEFAULTS: LibraryMemory = { query: EMPTY_QUERY, layer: { kind: 'mine' }, workList: null };

describe('parseLibraryMemory', () => {
	it('gives back what was stored, without text matches', () => {
		const memory: LibraryMemory = {
			query: { search: 'barrier', textMatches: new Set(['a']), status: 'done', label: 'claim', sort: 'title' },
			layer: { kind: 'annotator', name: 'jon' },
			workList: ['a', 'b']
		};
		expect(parseLibraryMemory(serializeLibraryMemory(memory))).toEqual({ ...memory, query: { ...memory.query, textMatches: null } });
		expect(parseLibraryMemory(serializeLibraryMemory(DEFAULTS))).toEqual(DEFAULTS);
	});

	it('falls back to the defaults for nothing, bad JSON and odd fields', () => {
		expect(parseLibraryMemory(null)).toEqual(DEFAULTS);
		expect(parseLibraryMemory('{not json')).toEqual(DEFAULTS);
		expect(parseLibraryMemory('[1,2]')).toEqual(DEFAULTS);
		expect(parseLibraryMemory(JSON.stringify({ query: { status: 'lost', sort: 'random', search: 4 }, layer: { kind: 'annotator', name: '' }, workList: ['a', 3] }))).toEqual(DEFAULTS);
		expect(parseLibraryMemory(JSON.stringify({ layer: { kind: 'all' } })).layer).toEqual({ kind: 'all' });
	});

	it('never throws and always gives a usable state', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
				const memory = parseLibraryMemory(raw);
				expect(['changed-desc', 'changed-asc', 'title']).toContain(memory.query.sort);
				expect(['mine', 'all', 'annotator']).toContain(memory.layer.kind);
				expect(memory.workList === null || memory.workList.every((id) => typeof id === 'string')).toBe(true);
			})
		);
	});
});
