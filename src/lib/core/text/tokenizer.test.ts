import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextTokenEdge, nextTokenEnd, pieceCuts, previousTokenEdge, previousTokenStart, tokenAt, tokenOffsets } from './tokenizer';
import { KEEP_WHOLE, SPLIT_WHOLE } from './tokenizer-rules';
import { TRICKY_PIECES, allGraphemeBoundaries } from '../testing/unicode';

/** Pieces of news text that exercise the rules, mixed with the pieces that break offset code. */
const NEWS_PIECES = [
	'Zelenskyy’s', "Biden's", 'don’t', "can't", 'they’re', '’s', "'", '’', '“', '”', '"', '$', '€60', '₴', '%', '50%',
	'60.84', '1,000', '2008-2011', '-', '—', '–', '...', '…', 'Kyiv-based', 'U.S.', 'Mr.', 'US.', 'https://x.com/a',
	'press@nato.int', '(', ')', ',', '.', '5pm', 'cannot', ' ', ' ', '\n', 'word', '中文', '👍🏽', '🇺🇦'
];

const piece = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...NEWS_PIECES) },
	{ weight: 2, arbitrary: fc.constantFrom(...TRICKY_PIECES) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }
);

function newsText(maxPieces = 40): fc.Arbitrary<string> {
	return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

const SPACE = /^\p{White_Space}$/u;

function pairs(offsets: Int32Array): [number, number][] {
	const out: [number, number][] = [];
	for (let k = 0; k < offsets.length; k += 2) out.push([offsets[k], offsets[k + 1]]);
	return out;
}

describe('tokenOffsets', () => {
	it('never cuts a grapheme cluster', () => {
		fc.assert(
			fc.property(newsText(), (text) => {
				const boundaries = new Set(allGraphemeBoundaries(text));
				for (const edge of tokenOffsets(text)) expect(boundaries.has(edge), `${edge} in ${JSON.stringify(text)}`).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});

	it('covers every non-white-space character exactly once, in order, and no token is only white space', () => {
		fc.assert(
			fc.property(newsText(), (text) => {
				const covered = new Uint8Array(text.length);
				let last = 0;
				for (const [start, end] of pairs(tokenOffsets(text))) {
					expect(start).toBeGreaterThanOrEqual(last);
					expect(end).toBeGreaterThan(start);
					expect(text.slice(start, end)).not.toMatch(/^\p{White_Space}+$/u);
					for (let i = start; i < end; i++) covered[i]++;
					last = end;
				}
				for (let i = 0; i < text.length; i++) {
					if (!SPACE.test(text[i])) expect(covered[i], `code unit ${i} of ${JSON.stringify(text)}`).toBe(1);
					else expect(covered[i]).toBeLessThanOrEqual(1);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('gives nothing for empty or blank text', () => {
		expect(tokenOffsets('')).toEqual(new Int32Array());
		expect(tokenOffsets(' \t\r\n\u00a0\u3000')).toEqual(new Int32Array());
	});

	it('keeps a combining mark after a space with that space (one cluster)', () => {
		expect(pairs(tokenOffsets('a \u0301b'))).toEqual([[0, 1], [1, 4]]);
	});

	it('cuts pieces with a plain-word fast path that agrees with the rules', () => {
		expect(pieceCuts('Ukraine')).toEqual([]);
		expect(pieceCuts('2024')).toEqual([]);
		expect(pieceCuts('cannot')).toEqual([3]);
		expect(pieceCuts('Ukraine’s')).toEqual([7]);
	});

	it('takes shortcuts that never change a cut', () => {
		const pieces = fc.array(fc.oneof(fc.constantFrom(...NEWS_PIECES.filter((p) => !/\s/u.test(p))), fc.constantFrom('a', 'Z', 'é', 'я', '҂', '×', '7', "'", '’', 'km', 's', 't', 'n', '.', '...', '😀', '\u0301', '\u200d', '🏽', '(', ')')), { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''));
		fc.assert(
			fc.property(pieces, (piece) => {
				expect(pieceCuts(piece), piece).toEqual(pieceCuts(piece, false));
			}),
			{ numRuns: 1000 }
		);
	});

	it('cuts a lower-case word and its comma or full stop by a shortcut that agrees with the rules, special cases included', () => {
		expect(pieceCuts('said,')).toEqual([4]);
		expect(pieceCuts('billion.')).toEqual([7]);
		const specials = [...KEEP_WHOLE, ...Object.keys(SPLIT_WHOLE)].filter((p) => /^[a-z]+[.,]?$/.test(p));
		expect(specials.length).toBeGreaterThan(0);
		for (const word of specials) for (const piece of [word, `${word},`, `${word}.`]) expect(pieceCuts(piece), piece).toEqual(pieceCuts(piece, false));
		fc.assert(
			fc.property(fc.stringMatching(/^[a-z]{1,12}[.,]$/), (piece) => {
				expect(pieceCuts(piece), piece).toEqual(pieceCuts(piece, false));
			}),
			{ numRuns: 500 }
		);
	});

	it('cuts very long pieces of punctuation or emoji without stripping them one by one to the end', () => {
		const brackets = '('.repeat(100_000) + 'Kyiv' + ')'.repeat(100_000);
		const tokens = pairs(tokenOffsets(brackets));
		// 64 rounds strip 64 brackets at each end; what is left is one token.
		expect(tokens).toHaveLength(129);
		expect(tokens[64]).toEqual([64, brackets.length - 64]);
		const emoji = '😀'.repeat(50_000);
		expect(pairs(tokenOffsets(emoji))).toHaveLength(50_000);
	});

	it('tokenizes a 100,000-word article in one linear pass', () => {
		// Correctness at scale: the count is exact, and every token is where its sentence puts it.
		const sentence = 'Zelenskyy’s office said the $60.84 billion U.S. package, “don’t” 50% Kyiv-based.\n';
		const perSentence = ['Zelenskyy', '’s', 'office', 'said', 'the', '$', '60.84', 'billion', 'U.S.', 'package', ',', '“', 'do', 'n’t', '”', '50', '%', 'Kyiv', '-', 'based', '.'];
		// 15 words a sentence: 105,000 words.
		const text = sentence.repeat(7000);
		const offsets = tokenOffsets(text);
		expect(offsets.length / 2).toBe(perSentence.length * 7000);
		const k = perSentence.length * 2 * 6999;
		expect(pairs(offsets.subarray(k, k + 6)).map(([s, e]) => text.slice(s, e))).toEqual(perSentence.slice(0, 3));
	});
});

describe('windowed questions agree with the whole text', () => {
	/** Texts longer than a window, with and without white space to cut at. */
	const longText = fc.oneof(
		fc.array(newsText(10), { minLength: 150, maxLength: 200 }).map((parts) => parts.join('')),
		fc.array(fc.constantFrom('Ukraine’s', '👨‍👩‍👧', 'e\u0301', '$5', '—'), { minLength: 300, maxLength: 400 }).map((parts) => parts.join(''))
	);

	function check(text: string, indices: number[]): void {
		const whole = pairs(tokenOffsets(text));
		const edges = whole.flat();
		const starts = whole.map(([s]) => s);
		const ends = whole.map(([, e]) => e);
		for (const index of indices) {
			expect(nextTokenEnd(text, index)).toBe(ends.find((edge) => edge > index) ?? text.length);
			expect(previousTokenStart(text, index)).toBe(starts.filter((edge) => edge < index).at(-1) ?? 0);
			const holding = whole.find(([s, e]) => s <= index && index < e) ?? null;
			expect(tokenAt(text, index)).toEqual(holding && { start: holding[0], end: holding[1] });
			expect(nextTokenEdge(text, index)).toBe(edges.find((edge) => edge > index) ?? text.length);
			expect(previousTokenEdge(text, index)).toBe(edges.filter((edge) => edge < index).at(-1) ?? 0);
		}
	}

	it('on random news text', () => {
		fc.assert(
			fc.property(newsText(), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (text, ns) => {
				check(text, ns.map((n) => n % (text.length + 1)));
			}),
			{ numRuns: 300 }
		);
	});

	it('on long texts', () => {
		fc.assert(
			fc.property(longText, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (text, ns) => {
				check(text, ns.map((n) => n % (text.length + 1)));
			}),
			{ numRuns: 20 }
		);
	});

	it('steps by tokens: a clitic is its own step', () => {
		const text = 'Ukraine’s army, “said”.';
		const forward = [0];
		while (forward.at(-1)! < text.length) forward.push(nextTokenEdge(text, forward.at(-1)!));
		expect(forward).toEqual([0, 7, 9, 10, 14, 15, 16, 17, 21, 22, 23]);
		const backward = [text.length];
		while (backward.at(-1)! > 0) backward.push(previousTokenEdge(text, backward.at(-1)!));
		expect(backward).toEqual([...forward].reverse());
	});

	it('moves the caret to the next token end and the previous token start, as browsers move by word', () => {
		const text = 'Ukraine’s army, “said”.';
		const forward = [0];
		while (forward.at(-1)! < text.length) forward.push(nextTokenEnd(text, forward.at(-1)!));
		expect(forward).toEqual([0, 7, 9, 14, 15, 17, 21, 22, 23]);
		const backward = [text.length];
		while (backward.at(-1)! > 0) backward.push(previousTokenStart(text, backward.at(-1)!));
		expect(backward).toEqual([23, 22, 21, 17, 16, 14, 10, 7, 0]);
	});

	it('throws RangeError outside the text', () => {
		expect(() => tokenAt('abc', 4)).toThrow(RangeError);
		expect(() => nextTokenEdge('abc', -1)).toThrow(/index -1/);
		expect(() => previousTokenEdge('abc', 1.5)).toThrow(RangeError);
	});
});
