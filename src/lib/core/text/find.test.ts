import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextFinder, foldForFind, matchFrom } from './find';

describe('find', () => {
	it('folds case, apostrophes, quotes, spaces and dashes, one code unit for one', () => {
		const text = 'Ukraine’s “Plan”\u00a0—\u00a0AB';
		expect(foldForFind(text)).toBe('ukraine\'s "plan" - ab');
		expect(foldForFind(text).length).toBe(text.length);
	});

	it('finds every occurrence, whatever the case or apostrophe', () => {
		const text = "Ukraine’s army. UKRAINE's allies; ukraine";
		const found = new TextFinder(text).find("ukraine's");
		expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['Ukraine’s', "UKRAINE's"]);
		expect(new TextFinder(text).find('Ukraine')).toHaveLength(3);
		expect(new TextFinder(text).find('')).toEqual([]);
		expect(new TextFinder(text).find('Russia')).toEqual([]);
	});

	it('finds overlapping occurrences and stops at the limit', () => {
		expect(new TextFinder('aaaa').find('aa').map((m) => m.start)).toEqual([0, 1, 2]);
		expect(new TextFinder('aaaa').find('a', 2)).toHaveLength(2);
	});

	it('leaves out matches that split a grapheme', () => {
		const text = 'cafe\u0301 and cafe';
		expect(new TextFinder(text).find('cafe').map((m) => m.start)).toEqual([text.lastIndexOf('cafe')]);
		expect(new TextFinder('👍🏽 ok').find('👍')).toEqual([]);
	});

	it('keeps the text’s UTF-16 offsets after astral characters', () => {
		const text = '🇺🇦 Kyiv and 👨‍👩‍👧 Kyiv';
		const found = new TextFinder(text).find('kyiv');
		expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['Kyiv', 'Kyiv']);
	});

	it('picks the next match at or after an offset and the previous before it, wrapping', () => {
		const m = [{ start: 2, end: 4 }, { start: 10, end: 12 }, { start: 20, end: 22 }];
		expect(matchFrom(m, 0, 1)).toBe(0);
		expect(matchFrom(m, 3, 1)).toBe(1);
		expect(matchFrom(m, 10, 1)).toBe(1);
		expect(matchFrom(m, 21, 1)).toBe(0);
		expect(matchFrom(m, 10, -1)).toBe(0);
		expect(matchFrom(m, 2, -1)).toBe(2);
		expect(matchFrom([], 2, -1)).toBe(-1);
	});

	it('every match is the query, folded, at grapheme boundaries (random Unicode)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), (text, query) => {
				for (const m of new TextFinder(text).find(query)) {
					expect(foldForFind(text.slice(m.start, m.end))).toBe(foldForFind(query));
				}
			})
		);
	});
});
