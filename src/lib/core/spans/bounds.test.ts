import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundarySplitProblem, checkSpanBounds, offsetRangeProblem } from './bounds';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

describe('checkSpanBounds', () => {
	const text = 'The 👨‍👩‍👧 and e\u0301 😀.';

	it('accepts a valid span', () => {
		expect(checkSpanBounds(text, 0, 3)).toBeNull();
		expect(checkSpanBounds(text, 4, 12)).toBeNull();
	});

	it('names the field and value of bad offsets', () => {
		expect(checkSpanBounds(text, 1.5, 3)).toBe('start 1.5 is not a whole number');
		expect(checkSpanBounds(text, 0, NaN)).toBe('end NaN is not a whole number');
		expect(checkSpanBounds(text, -1, 3)).toBe('start -1 is negative');
		expect(checkSpanBounds('abc', 0, 40)).toBe('end 40 is beyond the text (length 3)');
		expect(checkSpanBounds('abc', 5, 6)).toBe('start 5 is beyond the text (length 3)');
		expect(checkSpanBounds('abc', 2, 2)).toBe('end 2 is not after start 2');
		expect(checkSpanBounds('abc', 2, 1)).toBe('end 1 is not after start 2');
	});

	it('refuses to split surrogate pairs and grapheme clusters', () => {
		expect(checkSpanBounds(text, 6, 12)).toBe('start 6 splits the grapheme cluster "👨‍👩‍👧"');
		expect(checkSpanBounds(text, 5, 12)).toBe('start 5 splits the surrogate pair of "👨"');
		expect(checkSpanBounds(text, 17, 18)).toBe('end 18 splits the grapheme cluster "e\u0301"');
		expect(checkSpanBounds('a\r\nb', 0, 2)).toBe('end 2 splits the grapheme cluster "\\r\\n"');
	});

	it('prints the values in the unit the user gave', () => {
		expect(boundarySplitProblem(text, 6, 12, { start: 5, end: 9 })).toEqual({
			field: 'start',
			detail: '5 splits the grapheme cluster "👨‍👩‍👧"'
		});
		expect(offsetRangeProblem(3, 9, 8)).toEqual({ field: 'end', detail: '9 is beyond the text (length 8)' });
	});

	it('accepts exactly the spans between grapheme boundaries', () => {
		fc.assert(
			fc.property(unicodeText(), fc.nat(), fc.nat(), (text, a, b) => {
				const start = a % (text.length + 1);
				const end = b % (text.length + 1);
				const boundaries = new Set(allGraphemeBoundaries(text));
				const valid = start < end && boundaries.has(start) && boundaries.has(end);
				expect(checkSpanBounds(text, start, end) === null).toBe(valid);
			}),
			{ numRuns: 200 }
		);
	});
});
