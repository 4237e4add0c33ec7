import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addRunsHistogram, markedRuns, markTokens, runsLength, runsOverlap, tokenOffsets, tokensInside } from './token-grid';
import { uniqueSorted } from './spans-match';
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

describe('marked runs', () => {
	it('joins nested, crossing and touching spans into runs of token indices', () => {
		const offsets = tokenOffsets('aa bb cc dd ee ff'); // tokens at 0, 3, 6, 9, 12, 15
		// [0,8) aa–cc, [3,5) nested, [7,10) crosses into dd; ee unmarked; [15,17) ff, [16,17) inside ff
		expect(markedRuns(offsets, [{ start: 0, end: 8 }, { start: 3, end: 5 }, { start: 7, end: 10 }, { start: 15, end: 17 }, { start: 16, end: 17 }])).toEqual([0, 4, 5, 6]);
		// a run that starts where the last one ended is joined to it
		expect(markedRuns(offsets, [{ start: 0, end: 5 }, { start: 6, end: 8 }])).toEqual([0, 3]);
		expect(markedRuns(offsets, [{ start: 2, end: 3 }])).toEqual([]); // only the space
		expect(runsOverlap([0, 2, 4, 6], [1, 5])).toBe(2);
		expect(runsLength([0, 2, 4, 6])).toBe(4);
		const histogram = new Float64Array(4);
		addRunsHistogram([[0, 2], [1, 3], [1, 2]], 5, histogram, 0);
		// token 0: one coder; 1: three; 2: one; 3, 4: none
		expect([...histogram]).toEqual([2, 2, 0, 1]);
	});

	it('give the same 2×2 tables and histograms as marking every token', () => {
		const words = fc.constantFrom('aa', 'b', 'Kyiv’s', '$60.84', 'well-known', ',', '.', '👨‍👩‍👧', 'x');
		const article = fc
			.array(words, { minLength: 1, maxLength: 30 })
			.map((ws) => ws.join(' '))
			.chain((text) => {
				const span = fc.tuple(fc.nat(text.length), fc.nat(text.length)).filter(([a, b]) => a !== b).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
				return fc.tuple(fc.constant(text), fc.array(fc.array(span, { maxLength: 8 }), { minLength: 1, maxLength: 4 }));
			});
		fc.assert(
			fc.property(article, ([text, coders]) => {
				const offsets = tokenOffsets(text);
				const T = offsets.length >> 1;
				const sets = coders.map((spans) => uniqueSorted(spans));
				const marks = sets.map((spans) => {
					const m = new Uint8Array(T);
					markTokens(offsets, spans, m, new Int32Array(T + 1));
					return m;
				});
				const runs = sets.map((spans) => markedRuns(offsets, spans));
				for (let a = 0; a < sets.length; a++) {
					expect(runsLength(runs[a])).toBe(marks[a].reduce((n, v) => n + v, 0));
					for (let b = 0; b < sets.length; b++) {
						let both = 0;
						for (let t = 0; t < T; t++) both += marks[a][t] & marks[b][t];
						expect(runsOverlap(runs[a], runs[b])).toBe(both);
					}
				}
				const expected = new Float64Array(sets.length + 1);
				for (let t = 0; t < T; t++) expected[marks.reduce((n, m) => n + m[t], 0)]++;
				const histogram = new Float64Array(sets.length + 3);
				addRunsHistogram(runs, T, histogram, 2);
				expect([...histogram.subarray(2)]).toEqual([...expected]);
			}),
			{ numRuns: 300 }
		);
	});
});
