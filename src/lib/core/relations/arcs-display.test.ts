import { describe, expect, it } from 'vitest';
import { ALL_RELATIONS_LIMIT, RELATION_DISPLAY_MODES, defaultDisplayMode, isDrawn, linkCounts } from './arcs-display';

const r = (id: string, head: string, tail: string) => ({ id, head, tail });

describe('display modes', () => {
	it('opens in "all" up to 200 relations and in "selected" above', () => {
		expect(ALL_RELATIONS_LIMIT).toBe(200);
		expect(defaultDisplayMode(0)).toBe('all');
		expect(defaultDisplayMode(200)).toBe('all');
		expect(defaultDisplayMode(201)).toBe('selected');
	});

	it('draws every relation in "all", none in "none", and the selected span’s (or the selected relation) in "selected"', () => {
		const rel = r('r1', 's-claim', 's-actor');
		expect(isDrawn('all', rel, null)).toBe(true);
		expect(isDrawn('none', rel, 's-claim', 'r1')).toBe(false);
		expect(isDrawn('selected', rel, null)).toBe(false);
		expect(isDrawn('selected', rel, 's-other')).toBe(false);
		expect(isDrawn('selected', rel, 's-claim')).toBe(true);
		expect(isDrawn('selected', rel, 's-actor')).toBe(true);
		expect(isDrawn('selected', rel, null, 'r1')).toBe(true);
	});

	it('badges spans only where their links are not all drawn', () => {
		expect(RELATION_DISPLAY_MODES.all.badges).toBe(false);
		expect(RELATION_DISPLAY_MODES.none.badges).toBe(true);
		expect(RELATION_DISPLAY_MODES.selected.badges).toBe(true);
	});

	it('counts each span’s links as head or tail, a link to itself once', () => {
		const counts = linkCounts([r('1', 'a', 'b'), r('2', 'a', 'c'), r('3', 'c', 'c')]);
		expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 1, c: 2 });
	});
});
