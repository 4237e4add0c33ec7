import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	agreeingAfter,
	agreeingBefore,
	collapseWhitespace,
	isSpaceUnit,
	normalisedIndexOf,
	normalisedLength,
	normaliseWhitespace
} from './whitespace';
import { unicodeText } from '../testing/unicode';

describe('normaliseWhitespace', () => {
	it('collapses runs, CRLF and lone CR included, and maps back', () => {
		const view = normaliseWhitespace('a\r\n\r\nb  c\rd\t\u00a0e');
		expect(view.text).toBe('a b c d e');
		expect([...view.starts]).toEqual([0, 1, 5, 6, 8, 9, 10, 11, 13, 14]);
		expect([...view.ends]).toEqual([1, 5, 6, 8, 9, 10, 11, 13, 14, 14]);
		expect(normalisedIndexOf(view, 3)).toBe(1);
		expect(normalisedIndexOf(view, 5)).toBe(2);
		expect(normalisedIndexOf(view, 14)).toBe(9);
	});

	it('matches \\p{White_Space} exactly', () => {
		for (let code = 0; code < 0x10000; code++) {
			expect(isSpaceUnit(code), code.toString(16)).toBe(/\p{White_Space}/u.test(String.fromCharCode(code)));
		}
	});

	it('property: the view is the collapsed text and its map tiles the original', () => {
		fc.assert(
			fc.property(unicodeText(40), (text) => {
				const view = normaliseWhitespace(text);
				expect(view.text).toBe(collapseWhitespace(text));
				expect(normalisedLength(text)).toBe(view.text.length);
				expect(view.starts.length).toBe(view.text.length + 1);
				let at = 0;
				for (let i = 0; i < view.text.length; i++) {
					expect(view.starts[i]).toBe(at);
					const piece = text.slice(view.starts[i], view.ends[i]);
					expect(collapseWhitespace(piece)).toBe(view.text[i]);
					at = view.ends[i];
				}
				expect(at).toBe(text.length);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('agreeing context', () => {
	it('counts normalised characters up to the first difference', () => {
		expect(agreeingBefore('said the', 'he said the', 11)).toBe(8);
		expect(agreeingBefore('said the', 'he paid the', 11)).toBe(7);
		expect(agreeingBefore('said\r\nthe', 'he said  the', 12)).toBe(8);
		expect(agreeingAfter(' the vote\r\nwas', ' the  vote\nwas delayed', 0)).toBe(13);
		expect(agreeingAfter('abc', 'xabc', 0)).toBe(0);
	});

	it('with strict, stops at a different white space run', () => {
		expect(agreeingBefore('said\r\nthe', 'he said  the', 12, true)).toBe(3);
		expect(agreeingBefore('said  the', 'he said  the', 12, true)).toBe(8);
		// A run cut by the edge of the context only has to fit the target's run.
		expect(agreeingBefore(' the', 'said   the', 10, true)).toBe(4);
		expect(agreeingAfter('the\r\n', 'the\r\n\r\nx', 0, true)).toBe(4);
		expect(agreeingAfter('the\n', 'the\r\nx', 0, true)).toBe(3);
	});
});
