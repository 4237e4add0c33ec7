import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markTokens, tokenOffsets, tokensInside } from './token-grid';
import { spanTokenRange, tokensFromOffsets } from '../codecs/tokens';
import { tokenOffsets as textTokenOffsets } from '../text/tokenizer';

describe('tokenOffsets', () => {
	it('gives the UTF-16 offsets of the tokenizer (no white-space tokens)', () => {
		// "The" 0–3, "$" 4–5, "60.84" 5–10, "figure" 11–17, "." 17–18
		expect([...tokenOffsets('The $60.84 figure.')]).toEqual([0, 3, 4, 5, 5, 10, 11, 17, 17, 18]);
		const text = 'Fam 👨‍👩‍👧 in Kyiv 🇺🇦\r\nsaid.';
		expect([...tokenOffsets(text)]).toEqual([...textTokenOffsets(text)]);
		// Fam, family, in, Kyiv, flag, said, full stop: the CRLF is no item of agreement.
		expect(tokenOffsets(text).length).toBe(2 * 7);
		expect(tokenOffsets('  ').length).toBe(0);
	});
});

describe('tokensInside', () => {
	const offsets = tokenOffsets('aa bb cc'); // aa 0–2, bb 3–5, cc 6–8

	it('takes every token a range intersects, none for whitespace', () => {
		expect(tokensInside(offsets, 0, 2)).toEqual([0, 1]);
		expect(tokensInside(offsets, 1, 4)).toEqual([0, 2]); // inside "aa" to inside "bb"
		expect(tokensInside(offsets, 2, 3)).toEqual([1, 1]); // the space
		expect(tokensInside(offsets, 0, 8)).toEqual([0, 3]);
	});

	it('agrees with spanTokenRange', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '\n', '7'), maxLength: 30 }),
				fc.nat(),
				fc.nat(),
				(text, x, y) => {
					const start = x % (text.length + 1);
					const end = start + (y % (text.length - start + 1));
					const [first, last] = tokensInside(tokenOffsets(text), start, end);
					const range = spanTokenRange(tokensFromOffsets(text, tokenOffsets(text), 'utf16'), start, end);
					expect(first < last ? { token_start: first, token_end: last - 1 } : null).toEqual(range);
				}
			)
		);
	});
});

describe('markTokens', () => {
	it('marks the union of nested and crossing spans', () => {
		const offsets = tokenOffsets('aa bb cc dd ee'); // tokens at 0, 3, 6, 9, 12
		const marks = new Uint8Array(5);
		const scratch = new Int32Array(6);
		// [0,8) covers aa bb cc; [3,5) nested; [7,10) crosses into dd; ee untouched
		markTokens(offsets, [{ start: 0, end: 8 }, { start: 3, end: 5 }, { start: 7, end: 10 }], marks, scratch);
		expect([...marks]).toEqual([1, 1, 1, 1, 0]);
		markTokens(offsets, [{ start: 12, end: 13 }], marks, scratch);
		expect([...marks]).toEqual([0, 0, 0, 0, 1]);
	});
});
