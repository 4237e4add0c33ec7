/**
 * The one tokenizer behind Prodigy's `tokens` (and the `token_start` / `token_end` of its spans).
 *
 * Rule: the text is cut into Unicode word segments (`Intl.Segmenter('en', {granularity: 'word'})`,
 * UAX #29 as the runtime's ICU implements it) and each maximal run of non-whitespace (JavaScript
 * `\s`) inside a segment is a token; all-whitespace segments give none. So words, numbers ("60.84"),
 * contractions ("don't") and whole emoji, flags and ZWJ sequences are one token each, and every
 * punctuation segment ("$", ".", ":") is a token of its own. A token's `ws` is true when whitespace
 * follows it. Offsets are code points by default, as Prodigy (Python) counts them; `id` is the
 * token's position.
 *
 * This is not spaCy's tokenizer, so Prodigy recipes that re-tokenize may cut differently; the
 * character offsets of spans are the truth and the tokens are a convenience for Prodigy's views.
 */
import { OffsetConverter } from '../text/offsets';
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

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });
const NON_WHITESPACE = /\S+/gu;
const WHITESPACE_AT = /\s/uy;

/** Length of the pieces long texts are segmented in. */
const CHUNK = 2048;
/**
 * A place where UAX #29 always puts a word boundary: after a space, tab or LF (none of them ignored
 * by rule WB4) and before a letter or digit. No rule looks across it, so segmenting the text in
 * pieces cut there gives the segments of the whole.
 */
const SAFE_CUT = /[ \t\n][\p{L}\p{N}]/gu;

/**
 * The word segments of `text`, with UTF-16 indices. Long texts are segmented in pieces of about
 * `CHUNK` code units cut at `SAFE_CUT`: V8's segment iterator slows down quadratically with the
 * length of the text (a 100,000-character article took seconds).
 */
function* wordSegments(text: string): Generator<{ segment: string; index: number }> {
	let from = 0;
	while (from < text.length) {
		let cut = text.length;
		if (text.length - from > 2 * CHUNK) {
			SAFE_CUT.lastIndex = from + CHUNK;
			const found = SAFE_CUT.exec(text);
			if (found) cut = found.index + 1;
		}
		for (const { segment, index } of wordSegmenter.segment(text.slice(from, cut))) yield { segment, index: from + index };
		from = cut;
	}
}

/**
 * The tokens of `text`, offsets in `unit` (code points unless told: what Prodigy expects). Each
 * maximal run of non-whitespace inside a word segment is a token: nearly always the whole segment,
 * but a segment such as " \u0301" (a space carrying a combining mark) gives the token "\u0301".
 */
export function tokenize(text: string, unit: OffsetUnit = 'codepoint'): Token[] {
	const converter = unit === 'codepoint' ? new OffsetConverter(text) : null;
	const at = (utf16: number) => (converter ? converter.toCodePoint(utf16) : utf16);
	const tokens: Token[] = [];
	for (const { segment, index } of wordSegments(text)) {
		for (const match of segment.matchAll(NON_WHITESPACE)) {
			const start = index + match.index;
			const end = start + match[0].length;
			WHITESPACE_AT.lastIndex = end;
			tokens.push({ text: match[0], start: at(start), end: at(end), id: tokens.length, ws: WHITESPACE_AT.test(text) });
		}
	}
	return tokens;
}

/**
 * The inclusive token range of the span `[start, end)`, offsets in the unit of `tokens` (UTF-16 for
 * `tokenize(text, 'utf16')`). A boundary inside a token takes that token; whitespace at either edge
 * of the span is skipped. Null when the span covers no token (it is all whitespace).
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
