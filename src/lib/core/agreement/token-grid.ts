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

/**
 * The tokens `markTokens` would mark, as sorted disjoint runs [first₀, last₀, first₁, last₁, …] of
 * token indices (`last` exclusive; runs that touch are joined). `spans` must be sorted by start (as
 * `uniqueSorted` leaves them). Agreement counts from runs without a pass over every token.
 */
export function markedRuns(offsets: Int32Array, spans: readonly Interval[]): number[] {
	const runs: number[] = [];
	for (const span of spans) {
		const [first, last] = tokensInside(offsets, span.start, span.end);
		if (first >= last) continue;
		const n = runs.length;
		if (n > 0 && first <= runs[n - 1]) {
			if (last > runs[n - 1]) runs[n - 1] = last;
		} else runs.push(first, last);
	}
	return runs;
}

/** Number of tokens in `runs` (as `markedRuns` gives them). */
export function runsLength(runs: readonly number[]): number {
	let total = 0;
	for (let k = 0; k < runs.length; k += 2) total += runs[k + 1] - runs[k];
	return total;
}

/** Number of tokens in both `x` and `y` (runs as `markedRuns` gives them). */
export function runsOverlap(x: readonly number[], y: readonly number[]): number {
	let i = 0;
	let j = 0;
	let both = 0;
	while (i < x.length && j < y.length) {
		const low = Math.max(x[i], y[j]);
		const high = Math.min(x[i + 1], y[j + 1]);
		if (high > low) both += high - low;
		if (x[i + 1] < y[j + 1]) i += 2;
		else j += 2;
	}
	return both;
}

/**
 * Adds to `histogram[offset + k]`, for every k, the number of the `count` tokens marked by exactly
 * k of the annotators' `runs` (the items of Fleiss' κ), by one sweep over the runs' edges.
 */
export function addRunsHistogram(runs: readonly (readonly number[])[], count: number, histogram: Float64Array, offset: number): void {
	let edges = 0;
	for (const r of runs) edges += r.length;
	// An edge is position * 2 + 1 for a run's first token (depth + 1), position * 2 for the token
	// after its last (depth − 1); the order within one position does not matter (no tokens between).
	const sorted = new Int32Array(edges);
	let at = 0;
	for (const r of runs) {
		for (let k = 0; k < r.length; k += 2) {
			sorted[at++] = r[k] * 2 + 1;
			sorted[at++] = r[k + 1] * 2;
		}
	}
	sorted.sort();
	let depth = 0;
	let previous = 0;
	for (let k = 0; k < sorted.length; k++) {
		const position = sorted[k] >> 1;
		histogram[offset + depth] += position - previous;
		previous = position;
		depth += sorted[k] & 1 ? 1 : -1;
	}
	histogram[offset + depth] += count - previous;
}
