/**
 * Prodigy's `tokens` (and the `token_start` / `token_end` of its spans), from the one tokenizer of
 * Spanwise (../text/tokenizer.ts: spaCy's English rules on news text, never inside a grapheme), with
 * white space as spaCy's tokenizer leaves it: a single space is the `ws` of the token before it, any
 * other white space is a token of its own. Offsets are code points by default, as Prodigy (Python)
 * counts them; `id` is the token's position.
 *
 * Spans need not end on token edges (Alt bypasses snapping; imports keep their offsets), so an export
 * cuts the tokens at every span edge first (`cutAtSpanEdges`): then `tokens[token_start].start ==
 * start` and `tokens[token_end].end == end` hold for every span, and the number of tokens cut is
 * reported to the user.
 */
import { OffsetConverter } from '../text/offsets';
import { tokenOffsets } from '../text/tokenizer';
import type { OffsetUnit } from './codec';

/** One token as Prodigy stores it: `[start, end)` in the chosen unit, `id` its index. */
export interface Token {
	readonly text: string;
	readonly start: number;
	readonly end: number;
	readonly id: number;
	readonly ws: boolean;
}

/** Inclusive token indices of a span, as Prodigy's `token_start` / `token_end`. */
export interface TokenRange {
	readonly token_start: number;
	readonly token_end: number;
}

const ALL_WHITE_SPACE = /^\p{White_Space}+$/u;

/**
 * Prodigy tokens from flat UTF-16 offsets [start₀, end₀, …] that tile the text but for single
 * spaces, offsets written in `unit`. `ws` is spaCy's: the token is followed by exactly one space that
 * no token holds, so concatenating `text + (ws ? ' ' : '')` over the tokens gives the text back.
 */
export function tokensFromOffsets(text: string, offsets: ArrayLike<number>, unit: OffsetUnit = 'codepoint'): Token[] {
	const converter = unit === 'codepoint' ? new OffsetConverter(text) : null;
	const at = (utf16: number) => (converter ? converter.toCodePoint(utf16) : utf16);
	const tokens: Token[] = [];
	for (let k = 0; k < offsets.length; k += 2) {
		const start = offsets[k];
		const end = offsets[k + 1];
		const next = k + 2 < offsets.length ? offsets[k + 2] : text.length;
		const ws = next === end + 1 && text.charCodeAt(end) === 0x20;
		tokens.push({ text: text.slice(start, end), start: at(start), end: at(end), id: tokens.length, ws });
	}
	return tokens;
}

/**
 * The tokenizer's tokens (flat UTF-16 `offsets` of `text`) with spaCy's white-space tokens added: a
 * single space after a token is that token's `ws`; any other white space between tokens (a newline,
 * two spaces, a tab, white space at the start) is a token of its own, as spaCy's tokenizer makes them.
 * So a spaCy `Doc(vocab, words, spaces)` built from Prodigy's tokens has exactly the article's text.
 */
export function withWhiteSpaceTokens(text: string, offsets: Int32Array): Int32Array {
	const out: number[] = [];
	let last = 0;
	const gap = (from: number, to: number, afterToken: boolean) => {
		if (afterToken && from < to && text.charCodeAt(from) === 0x20) from++;
		if (from < to) out.push(from, to);
	};
	for (let k = 0; k < offsets.length; k += 2) {
		gap(last, offsets[k], k > 0);
		out.push(offsets[k], offsets[k + 1]);
		last = offsets[k + 1];
	}
	gap(last, text.length, offsets.length > 0);
	return out.length === offsets.length ? offsets : Int32Array.from(out);
}

/** Prodigy's tokens of `text` (the tokenizer's and spaCy's white-space tokens), offsets in `unit` (code points unless told). */
export function tokenize(text: string, unit: OffsetUnit = 'codepoint'): Token[] {
	return tokensFromOffsets(text, withWhiteSpaceTokens(text, tokenOffsets(text)), unit);
}

/** Token offsets cut so that every span edge is a token edge. */
export interface CutTokens {
	/** Flat UTF-16 offsets [start₀, end₀, …]. */
	readonly offsets: Int32Array;
	/** How many of the tokens (not counting white space) had a span edge inside and were cut. */
	readonly split: number;
}

/**
 * Cuts the tokens (flat UTF-16 `offsets` of `text`, as `tokenOffsets` or `withWhiteSpaceTokens` give)
 * at the edges of `spans` (UTF-16): a token with an edge strictly inside is cut there ("Zelenskyy’s"
 * with a span ending after "Zelensk" → "Zelensk", "yy’s"; counted in `split` unless it is white
 * space); white space between tokens that holds an edge (a span that starts or ends with a space)
 * becomes tokens of its own, cut at the edges, so that every span starts at a token start and ends
 * at a token end. When nothing needs cutting, the result holds `offsets` itself.
 */
export function cutAtSpanEdges(text: string, offsets: Int32Array, spans: readonly { start: number; end: number }[]): CutTokens {
	if (spans.length === 0) return { offsets, split: 0 };
	const starts = new Set<number>();
	const ends = new Set<number>();
	for (const span of spans) {
		starts.add(span.start);
		ends.add(span.end);
	}
	const edges = [...new Set([...starts, ...ends])].sort((a, b) => a - b);
	const out: number[] = [];
	let split = 0;
	let e = 0;
	/** Emits [from, to) cut at the edges strictly inside it; returns how many cuts it made. */
	const emit = (from: number, to: number): number => {
		while (e < edges.length && edges[e] <= from) e++;
		let at = from;
		let cuts = 0;
		for (; e < edges.length && edges[e] < to; e++, cuts++) {
			out.push(at, edges[e]);
			at = edges[e];
		}
		out.push(at, to);
		return cuts;
	};
	/** White space [from, to) between tokens becomes tokens only when a span edge needs it. */
	const gap = (from: number, to: number) => {
		if (from >= to) return;
		while (e < edges.length && edges[e] <= from) e++;
		if (starts.has(from) || ends.has(to) || (e < edges.length && edges[e] < to)) emit(from, to);
	};
	let last = 0;
	for (let k = 0; k < offsets.length; k += 2) {
		gap(last, offsets[k]);
		if (emit(offsets[k], offsets[k + 1]) > 0 && !ALL_WHITE_SPACE.test(text.slice(offsets[k], offsets[k + 1]))) split++;
		last = offsets[k + 1];
	}
	gap(last, text.length);
	// Cuts and white-space tokens only ever add tokens: as many as before means nothing changed.
	if (out.length === offsets.length) return { offsets, split: 0 };
	return { offsets: Int32Array.from(out), split };
}

/**
 * The inclusive token range of the span `[start, end)`, offsets in the unit of `tokens` (UTF-16 for
 * `tokenize(text, 'utf16')`). A boundary inside a token takes that token; whitespace at either edge
 * of the span is skipped. Null when the span covers no token (it is all whitespace). After
 * `cutAtSpanEdges` over the span, the range starts and ends exactly at the span's edges.
 */
export function spanTokenRange(tokens: readonly Token[], start: number, end: number): TokenRange | null {
	// First token ending after `start`: the one containing it, or the next one after whitespace.
	let low = 0;
	let high = tokens.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (tokens[mid].end <= start) low = mid + 1;
		else high = mid;
	}
	const first = low;
	// Last token starting before `end`.
	low = 0;
	high = tokens.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (tokens[mid].start < end) low = mid + 1;
		else high = mid;
	}
	const last = low - 1;
	return first <= last ? { token_start: first, token_end: last } : null;
}
