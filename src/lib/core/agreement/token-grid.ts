/**
 * Tokens as the items of token-level agreement. The tokens are those of the one tokenizer
 * (../text/tokenizer.ts: spaCy's English rules, the tokens of word snapping and of the Prodigy
 * export), kept compactly as a flat `Int32Array` [start₀, end₀, start₁, end₁, …] of UTF-16 offsets,
 * so a session's articles can be tokenized once and the offsets reused (article texts never change).
 *
 * A token is inside a span when their ranges intersect (`token.start < span.end` and
 * `span.start < token.end`), the same rule as `spanTokenRange`: a span boundary inside a word takes
 * the whole word, a span of only whitespace covers no token. For one label and one annotator, a token
 * is "marked" when it is inside any of that annotator's spans of that label, so nested and crossing
 * spans simply mark the union of their tokens.
 *
 * Tokenizing is the slow part of token-level agreement. The rule tokenizer makes one linear pass
 * (about 0.1–0.15 s for 600,000 characters in Node 20, a third to a fifth of what `Intl.Segmenter`
 * word segmentation took), so it must stay free of per-character segmenter calls.
 */
import { tokenOffsets } from '../text/tokenizer';
import type { Interval } from './spans-match';

/** The tokens of `text` as flat UTF-16 offsets [start₀, end₀, start₁, end₁, …] (the tokenizer's own function). */
export { tokenOffsets };

/**
 * Indices `[first, last)` of the tokens that intersect `[start, end)` (`first === last` when none
 * do), by binary search in flat `offsets`.
 */
export function tokensInside(offsets: Int32Array, start: number, end: number): [number, number] {
	const count = offsets.length >> 1;
	let low = 0;
	let high = count;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (offsets[2 * mid + 1] <= start) low = mid + 1;
		else high = mid;
	}
	const first = low;
	high = count;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (offsets[2 * mid] < end) low = mid + 1;
		else high = mid;
	}
	return [first, Math.max(first, low)];
}

/**
 * Writes into `marks` (one cell per token, length = token count) 1 for every token inside at least
 * one of `spans`, 0 elsewhere. `scratch` is reused working space of at least `marks.length + 1` cells.
 */
export function markTokens(offsets: Int32Array, spans: readonly Interval[], marks: Uint8Array, scratch: Int32Array): void {
	const count = marks.length;
	scratch.fill(0, 0, count + 1);
	for (const span of spans) {
		const [first, last] = tokensInside(offsets, span.start, span.end);
		if (first < last) {
			scratch[first]++;
			scratch[last]--;
		}
	}
	let depth = 0;
	for (let t = 0; t < count; t++) {
		depth += scratch[t];
		marks[t] = depth > 0 ? 1 : 0;
	}
}
