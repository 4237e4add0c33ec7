import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quoteAnchor } from './quote';
import { allGraphemeBoundaries, textWithGraphemeSpan } from '../testing/unicode';

describe('quoteAnchor', () => {
	it('keeps the quote and up to `context` units either side', () => {
		const text = 'The minister said the proposal was premature.';
		const start = text.indexOf('said');
		expect(quoteAnchor(text, start, start + 4, 8)).toEqual({
			exact: 'said',
			prefix: 'inister ',
			suffix: ' the pro',
			start,
			end: start + 4
		});
	});

	it('shortens the context at the ends of the text', () => {
		expect(quoteAnchor('abc', 0, 3)).toEqual({ exact: 'abc', prefix: '', suffix: '', start: 0, end: 3 });
		expect(quoteAnchor('abcdef', 1, 2, 32)).toMatchObject({ prefix: 'a', suffix: 'cdef' });
	});

	it('never cuts the context inside a grapheme cluster', () => {
		const family = '👨‍👩‍👧'; // 8 units
		const text = `x${family}word${family}y`;
		const start = text.indexOf('word');
		// 3 units back lands inside the family: the whole cluster is left out, not half of it.
		const anchor = quoteAnchor(text, start, start + 4, 3);
		expect(anchor.prefix).toBe('');
		expect(anchor.suffix).toBe('');
		expect(quoteAnchor(text, start, start + 4, 8)).toMatchObject({ prefix: family, suffix: family });
		expect(quoteAnchor('ae\u0301b', 2 + 1, 4, 1).prefix).toBe('');
		expect(quoteAnchor('🇺🇦🇩🇪x', 8, 9, 3).prefix).toBe('');
		expect(quoteAnchor('🇺🇦🇩🇪x', 8, 9, 4).prefix).toBe('🇩🇪');
	});

	it('rejects offsets outside the text and empty spans', () => {
		expect(() => quoteAnchor('abc', 2, 2)).toThrow(RangeError);
		expect(() => quoteAnchor('abc', -1, 2)).toThrow(RangeError);
		expect(() => quoteAnchor('abc', 1, 4)).toThrow(RangeError);
		expect(() => quoteAnchor('abc', 0.5, 2)).toThrow(RangeError);
		expect(() => quoteAnchor('abc', 0, 2, -1)).toThrow(RangeError);
	});

	it('property: context lies on grapheme boundaries and within `context` units', () => {
		fc.assert(
			fc.property(textWithGraphemeSpan(40), fc.integer({ min: 0, max: 40 }), ({ text, start, end }, context) => {
				const anchor = quoteAnchor(text, start, end, context);
				const boundaries = new Set(allGraphemeBoundaries(text));
				expect(anchor.exact).toBe(text.slice(start, end));
				expect(anchor.prefix.length).toBeLessThanOrEqual(context);
				expect(anchor.suffix.length).toBeLessThanOrEqual(context);
				expect(text.slice(start - anchor.prefix.length, start)).toBe(anchor.prefix);
				expect(text.slice(end, end + anchor.suffix.length)).toBe(anchor.suffix);
				expect(boundaries.has(start - anchor.prefix.length)).toBe(true);
				expect(boundaries.has(end + anchor.suffix.length)).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});
