import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spanTokenRange, tokenize } from './tokens';
import { unicodeText } from '../testing/unicode';

/**
 * UTF-16: Fam 0–3, family 4–12 (three astral + two ZWJ), in 13–15, Kyiv 16–20, flag 21–25, CRLF 25–27,
 * said 27–31, 😀 32–34, café 35–40 (e + U+0301), ok 41–43, "." 43–44.
 * Code points: Fam 0–3, family 4–9, in 10–12, Kyiv 13–17, flag 18–20, CRLF 20–22, said 22–26,
 * 😀 27–28, café 29–34, ok 35–37, "." 37–38.
 */
const TEXT = 'Fam 👨‍👩‍👧 in Kyiv 🇺🇦\r\nsaid 😀 cafe\u0301 ok.';

describe('tokenize', () => {
	it('gives Prodigy tokens with code point offsets', () => {
		expect(tokenize(TEXT)).toEqual([
			{ text: 'Fam', start: 0, end: 3, id: 0, ws: true },
			{ text: '👨‍👩‍👧', start: 4, end: 9, id: 1, ws: true },
			{ text: 'in', start: 10, end: 12, id: 2, ws: true },
			{ text: 'Kyiv', start: 13, end: 17, id: 3, ws: true },
			{ text: '🇺🇦', start: 18, end: 20, id: 4, ws: true },
			{ text: 'said', start: 22, end: 26, id: 5, ws: true },
			{ text: '😀', start: 27, end: 28, id: 6, ws: true },
			{ text: 'cafe\u0301', start: 29, end: 34, id: 7, ws: true },
			{ text: 'ok', start: 35, end: 37, id: 8, ws: false },
			{ text: '.', start: 37, end: 38, id: 9, ws: false }
		]);
	});

	it('gives UTF-16 offsets when asked', () => {
		expect(tokenize(TEXT, 'utf16').map((t) => [t.start, t.end])).toEqual([
			[0, 3], [4, 12], [13, 15], [16, 20], [21, 25], [27, 31], [32, 34], [35, 40], [41, 43], [43, 44]
		]);
	});

	it('makes every punctuation segment a token and keeps numbers and contractions whole', () => {
		expect(tokenize('"$60.84," don\'t...  go').map((t) => [t.text, t.ws])).toEqual([
			['"', false], ['$', false], ['60.84', false], [',', false], ['"', true], ["don't", false],
			['.', false], ['.', false], ['.', true], ['go', false]
		]);
	});

	it('trims whitespace off a segment that carries a combining mark', () => {
		// " \u0301" is one word segment (the mark extends the space); its token is the mark alone.
		expect(tokenize('a \u0301b')).toEqual([
			{ text: 'a', start: 0, end: 1, id: 0, ws: true },
			{ text: '\u0301', start: 2, end: 3, id: 1, ws: false },
			{ text: 'b', start: 3, end: 4, id: 2, ws: false }
		]);
	});

	it('gives no tokens for empty or blank text', () => {
		expect(tokenize('')).toEqual([]);
		expect(tokenize(' \t\r\n ')).toEqual([]);
	});

	it('tiles the text: tokens in order, whitespace only between them, ws when whitespace follows', () => {
		fc.assert(
			fc.property(unicodeText(), (text) => {
				const tokens = tokenize(text);
				const codePoints = Array.from(text);
				let at = 0;
				for (const [i, token] of tokens.entries()) {
					expect(token.id).toBe(i);
					expect(token.start).toBeGreaterThanOrEqual(at);
					expect(token.end).toBeGreaterThan(token.start);
					expect(codePoints.slice(at, token.start).join('')).toMatch(/^\s*$/u);
					expect(codePoints.slice(token.start, token.end).join('')).toBe(token.text);
					expect(token.text).not.toMatch(/^\s+$/u);
					expect(token.ws).toBe(/^\s/u.test(codePoints[token.end] ?? ''));
					at = token.end;
				}
				expect(codePoints.slice(at).join('')).toMatch(/^\s*$/u);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('spanTokenRange', () => {
	const tokens = tokenize(TEXT);

	it('maps spans on token edges to inclusive token indices', () => {
		expect(spanTokenRange(tokens, 4, 9)).toEqual({ token_start: 1, token_end: 1 });
		expect(spanTokenRange(tokens, 13, 20)).toEqual({ token_start: 3, token_end: 4 });
		expect(spanTokenRange(tokens, 0, 38)).toEqual({ token_start: 0, token_end: 9 });
	});

	it('takes the token containing a boundary inside it', () => {
		expect(spanTokenRange(tokens, 14, 16)).toEqual({ token_start: 3, token_end: 3 });
		expect(spanTokenRange(tokens, 15, 24)).toEqual({ token_start: 3, token_end: 5 });
	});

	it('skips whitespace at the edges, and gives null for an all-whitespace span', () => {
		expect(spanTokenRange(tokens, 17, 23)).toEqual({ token_start: 4, token_end: 5 });
		expect(spanTokenRange(tokens, 20, 22)).toBeNull();
		expect(spanTokenRange([], 0, 1)).toBeNull();
	});

	it('works on UTF-16 tokens with UTF-16 offsets', () => {
		expect(spanTokenRange(tokenize(TEXT, 'utf16'), 35, 40)).toEqual({ token_start: 7, token_end: 7 });
	});
});

describe('tokenize on long texts', () => {
	/** The rule applied to the whole text at once: what the piecewise segmentation must equal. */
	function reference(text: string): [string, number][] {
		const segments = [...new Intl.Segmenter('en', { granularity: 'word' }).segment(text)];
		return segments.flatMap(({ segment, index }) => [...segment.matchAll(/\S+/gu)].map((m): [string, number] => [m[0], index + m.index]));
	}

	/** Longer than two pieces, with places to cut. */
	const longText = fc
		.array(unicodeText(), { minLength: 400, maxLength: 500 })
		.map((parts) => parts.join(' '))
		.filter((text) => text.length > 4096);

	it('gives the tokens of whole-text segmentation', () => {
		fc.assert(
			fc.property(longText, (text) => {
				const tokens = tokenize(text, 'utf16');
				expect(tokens.map((t): [string, number] => [t.text, t.start])).toEqual(reference(text));
			}),
			{ numRuns: 12 }
		);
	});

	it('is fast on a 300,000-character article', () => {
		const started = performance.now();
		const tokens = tokenize('Kyiv 🇺🇦 said 😀 the Pentagon, "no."\n'.repeat(8000));
		// Kyiv, 🇺🇦, said, 😀, the, Pentagon, ",", '"', no, ".", '"'
		expect(tokens).toHaveLength(8000 * 11);
		expect(performance.now() - started).toBeLessThan(10000);
	});
});
