import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cutAtSpanEdges, spanTokenRange, tokenize, tokensFromOffsets, withWhiteSpaceTokens } from './tokens';
import { tokenOffsets } from '../text/tokenizer';
import { splitsSurrogatePair } from '../text/offsets';
import { unicodeText } from '../testing/unicode';

/**
 * UTF-16: Fam 0–3, family 4–12 (three astral + two ZWJ), in 13–15, Kyiv 16–20, flag 21–25, CRLF 25–27,
 * said 27–31, 😀 32–34, café 35–40 (e + U+0301), ok 41–43, "." 43–44.
 * Code points: Fam 0–3, family 4–9, in 10–12, Kyiv 13–17, flag 18–20, CRLF 20–22, said 22–26,
 * 😀 27–28, café 29–34, ok 35–37, "." 37–38.
 */
const TEXT = 'Fam 👨‍👩‍👧 in Kyiv 🇺🇦\r\nsaid 😀 cafe\u0301 ok.';

describe('tokenize', () => {
	it('gives Prodigy tokens with code point offsets, CRLF a white-space token as spaCy makes it', () => {
		expect(tokenize(TEXT)).toEqual([
			{ text: 'Fam', start: 0, end: 3, id: 0, ws: true },
			{ text: '👨‍👩‍👧', start: 4, end: 9, id: 1, ws: true },
			{ text: 'in', start: 10, end: 12, id: 2, ws: true },
			{ text: 'Kyiv', start: 13, end: 17, id: 3, ws: true },
			{ text: '🇺🇦', start: 18, end: 20, id: 4, ws: false },
			{ text: '\r\n', start: 20, end: 22, id: 5, ws: false },
			{ text: 'said', start: 22, end: 26, id: 6, ws: true },
			{ text: '😀', start: 27, end: 28, id: 7, ws: true },
			{ text: 'cafe\u0301', start: 29, end: 34, id: 8, ws: true },
			{ text: 'ok', start: 35, end: 37, id: 9, ws: false },
			{ text: '.', start: 37, end: 38, id: 10, ws: false }
		]);
	});

	it('gives UTF-16 offsets when asked', () => {
		expect(tokenize(TEXT, 'utf16').map((t) => [t.start, t.end])).toEqual([
			[0, 3], [4, 12], [13, 15], [16, 20], [21, 25], [25, 27], [27, 31], [32, 34], [35, 40], [41, 43], [43, 44]
		]);
	});

	it('follows the tokenizer: punctuation, currency and clitics split, numbers whole; a second space is a token', () => {
		expect(tokenize('"$60.84," don\'t...  go').map((t) => [t.text, t.ws])).toEqual([
			['"', false], ['$', false], ['60.84', false], [',', false], ['"', true], ['do', false], ["n't", false],
			['...', true], [' ', false], ['go', false]
		]);
	});

	it('keeps a combining mark with the space it extends (one grapheme cluster)', () => {
		expect(tokenize('a \u0301b')).toEqual([
			{ text: 'a', start: 0, end: 1, id: 0, ws: false },
			{ text: ' \u0301b', start: 1, end: 4, id: 1, ws: false }
		]);
	});

	it('makes white space at the start, the end or alone a token, as spaCy does', () => {
		expect(tokenize('')).toEqual([]);
		expect(tokenize(' \t\r\n ').map((t) => [t.text, t.ws])).toEqual([[' \t\r\n ', false]]);
		expect(tokenize(' a \n').map((t) => [t.text, t.ws])).toEqual([[' ', false], ['a', true], ['\n', false]]);
		expect(tokenize('a ').map((t) => [t.text, t.ws])).toEqual([['a', true]]);
	});

	it('rebuilds the text exactly from text + (ws ? " " : ""), as spaCy’s Doc(words, spaces) does', () => {
		fc.assert(
			fc.property(unicodeText(), (text) => {
				const tokens = tokenize(text);
				expect(tokens.map((t) => t.text + (t.ws ? ' ' : '')).join('')).toBe(text);
				const codePoints = Array.from(text);
				let at = 0;
				for (const [i, token] of tokens.entries()) {
					expect(token.id).toBe(i);
					expect(token.start).toBe(at + (i > 0 && tokens[i - 1].ws ? 1 : 0));
					expect(codePoints.slice(token.start, token.end).join('')).toBe(token.text);
					expect(token.end).toBeGreaterThan(token.start);
					at = token.end;
				}
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
		expect(spanTokenRange(tokens, 0, 38)).toEqual({ token_start: 0, token_end: 10 });
	});

	it('takes the token containing a boundary inside it', () => {
		expect(spanTokenRange(tokens, 14, 16)).toEqual({ token_start: 3, token_end: 3 });
		expect(spanTokenRange(tokens, 15, 24)).toEqual({ token_start: 3, token_end: 6 });
	});

	it('skips a single space at the edges; a span in white space covers its white-space token', () => {
		expect(spanTokenRange(tokens, 17, 20)).toEqual({ token_start: 4, token_end: 4 });
		expect(spanTokenRange(tokens, 20, 22)).toEqual({ token_start: 5, token_end: 5 });
		expect(spanTokenRange(tokens, 3, 4)).toBeNull();
		expect(spanTokenRange([], 0, 1)).toBeNull();
	});

	it('works on UTF-16 tokens with UTF-16 offsets', () => {
		expect(spanTokenRange(tokenize(TEXT, 'utf16'), 35, 40)).toEqual({ token_start: 8, token_end: 8 });
	});
});

describe('tokenize on long texts', () => {
	it('gives every token of a 300,000-character article, in order', () => {
		const line = 'Kyiv 🇺🇦 said 😀 the Pentagon’s, "no."\n';
		const tokens = tokenize(line.repeat(8000));
		// Kyiv, 🇺🇦, said, 😀, the, Pentagon, ’s, ",", '"', no, ".", '"', "\n"
		expect(tokens).toHaveLength(8000 * 13);
		const cp = Array.from(line).length;
		expect(tokens.slice(13 * 7999, 13 * 7999 + 3).map((t) => [t.text, t.start])).toEqual([
			['Kyiv', cp * 7999], ['🇺🇦', cp * 7999 + 5], ['said', cp * 7999 + 8]
		]);
		expect(tokens.every((t, i) => t.id === i)).toBe(true);
	});
});

describe('cutAtSpanEdges', () => {
	const text = 'Zelenskyy’s  plan, said Kyiv-based aides.';
	const offsets = tokenOffsets(text);
	const texts = (cut: Int32Array) => {
		const out: string[] = [];
		for (let k = 0; k < cut.length; k += 2) out.push(text.slice(cut[k], cut[k + 1]));
		return out;
	};

	it('leaves tokens alone when every edge is a token edge', () => {
		const result = cutAtSpanEdges(text, offsets, [{ start: 0, end: 9 }, { start: 24, end: 34 }]);
		expect(result.split).toBe(0);
		expect(result.offsets).toBe(offsets);
	});

	it('cuts a token at an edge inside it and counts it', () => {
		const result = cutAtSpanEdges(text, offsets, [{ start: 0, end: 7 }]);
		expect(result.split).toBe(1);
		expect(texts(result.offsets).slice(0, 3)).toEqual(['Zelensk', 'yy', '’s']);
		// Two edges in one token: one token split (into three pieces).
		const twice = cutAtSpanEdges(text, offsets, [{ start: 2, end: 5 }]);
		expect(twice.split).toBe(1);
		expect(texts(twice.offsets).slice(0, 3)).toEqual(['Ze', 'len', 'skyy']);
	});

	it('makes white space a token where a span starts or ends in it', () => {
		// "  " between "’s" and "plan" is 11–13; a span from the second space, one ending after the first.
		const result = cutAtSpanEdges(text, offsets, [{ start: 12, end: 17 }, { start: 0, end: 12 }]);
		expect(result.split).toBe(0);
		expect(texts(result.offsets).slice(0, 5)).toEqual(['Zelenskyy', '’s', ' ', ' ', 'plan']);
	});

	it('gives spans their exact token range on random Unicode with random edges', () => {
		fc.assert(
			fc.property(unicodeText(), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }), (text, raw) => {
				fc.pre(text.length > 0);
				const spans = raw.map(([a, b]) => {
					const x = a % (text.length + 1);
					const y = b % (text.length + 1);
					return { start: Math.min(x, y), end: Math.max(x, y) };
				}).filter((s) => s.start < s.end && !splitsSurrogatePair(text, s.start) && !splitsSurrogatePair(text, s.end));
				const cut = cutAtSpanEdges(text, withWhiteSpaceTokens(text, tokenOffsets(text)), spans);
				const tokens = tokensFromOffsets(text, cut.offsets, 'utf16');
				// spaCy's Doc(words, spaces) still gives the text back.
				expect(tokens.map((t) => t.text + (t.ws ? ' ' : '')).join('')).toBe(text);
				for (const span of spans) {
					const range = spanTokenRange(tokens, span.start, span.end);
					expect(range, JSON.stringify({ text, span })).not.toBeNull();
					expect(tokens[range!.token_start].start).toBe(span.start);
					expect(tokens[range!.token_end].end).toBe(span.end);
				}
				// Cut tokens still tile the text in order and cover every non-space code unit.
				let at = 0;
				for (const token of tokens) {
					expect(token.start).toBeGreaterThanOrEqual(at);
					expect(text.slice(at, token.start)).toMatch(/^\p{White_Space}*$/u);
					at = token.end;
				}
			}),
			{ numRuns: 300 }
		);
	});
});
