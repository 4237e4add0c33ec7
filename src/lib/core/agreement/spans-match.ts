/**
 * Span-level agreement between two annotators on one label: how many spans match, and precision,
 * recall and F1 from those counts.
 *
 * Spans are half-open ranges `[start, end)` of UTF-16 offsets. A span list is taken as a set: spans
 * with the same `start` and `end` count once (the caller has already split spans by label and
 * annotator, so "same label" holds for everything compared here).
 *
 * - Exact match: `a` and `b` have the same `start` and `end`. `tp = |A ∩ B|`.
 * - Overlap match: the ranges intersect, `max(a.start, b.start) < min(a.end, b.end)` (touching ranges
 *   such as `[0,5)` and `[5,9)` do not). Matching is one-to-one, so `tp ≤ min(|A|, |B|)`, chosen
 *   greedily: every intersecting pair is a candidate, candidates are taken in order of (1) larger
 *   intersection, (2) smaller union `max(end) − min(start)`, (3) the smaller of the two spans by
 *   (start, end), (4) the larger one; a candidate is accepted when neither span is matched yet. The
 *   order depends only on the pair of spans, not on which side each came from, so swapping A and B
 *   gives the same `tp`. An exact match always wins over any other candidate of its spans, so
 *   overlap `tp ≥` exact `tp`. Greedy is not maximum-cardinality: with a = [0,10), [10,12) and
 *   b = [1,11), [0,1) it pairs [0,10)–[1,11) (intersection 9) and stops at tp = 1, where a perfect
 *   matching of two thin overlaps exists. That is deliberate: each span pairs with its best partner.
 *
 * With A the reference ("gold") and B the other annotator:
 *
 *     tp = matched pairs      fp = |B| − tp      fn = |A| − tp
 *     precision = tp / (tp + fp) = tp / |B|
 *     recall    = tp / (tp + fn) = tp / |A|
 *     F1        = 2·tp / (2·tp + fp + fn) = 2·tp / (|A| + |B|)      (symmetric in A and B)
 *
 * Zero denominators give null, not 0 or 1: precision is null when B has no spans, recall when A has
 * none, F1 when neither has any (there is nothing to agree or disagree on). When only one side has
 * spans, F1 is 0.
 */

/** A half-open range `[start, end)`. */
export interface Interval {
	readonly start: number;
	readonly end: number;
}

/** Precision, recall and F1 with the counts they come from (snake_case: printed as is by the CLI). */
export interface PRF {
	readonly precision: number | null;
	readonly recall: number | null;
	readonly f1: number | null;
	readonly tp: number;
	readonly fp: number;
	readonly fn: number;
}

/** Order by start, then end. */
export function compareIntervals(a: Interval, b: Interval): number {
	return a.start - b.start || a.end - b.end;
}

/**
 * The intervals sorted by (start, end) with repeats removed. Returns `spans` itself when it already
 * is (the common case on the hot path), otherwise a new array.
 */
export function uniqueSorted<T extends Interval>(spans: readonly T[]): readonly T[] {
	let ordered = true;
	for (let i = 1; i < spans.length && ordered; i++) ordered = compareIntervals(spans[i - 1], spans[i]) < 0;
	if (ordered) return spans;
	const sorted = [...spans].sort(compareIntervals);
	const unique: T[] = [];
	for (const span of sorted) {
		const last = unique[unique.length - 1];
		if (!last || last.start !== span.start || last.end !== span.end) unique.push(span);
	}
	return unique;
}

/** Number of ranges present in both lists (same start and end), each list taken as a set. */
export function exactMatchCount(a: readonly Interval[], b: readonly Interval[]): number {
	const x = uniqueSorted(a);
	const y = uniqueSorted(b);
	let i = 0;
	let j = 0;
	let tp = 0;
	while (i < x.length && j < y.length) {
		const order = compareIntervals(x[i], y[j]);
		if (order === 0) {
			tp++;
			i++;
			j++;
		} else if (order < 0) i++;
		else j++;
	}
	return tp;
}

interface Candidate {
	readonly i: number;
	readonly j: number;
	readonly overlap: number;
	readonly union: number;
	readonly low: Interval;
	readonly high: Interval;
}

function compareCandidates(p: Candidate, q: Candidate): number {
	return (
		q.overlap - p.overlap ||
		p.union - q.union ||
		compareIntervals(p.low, q.low) ||
		compareIntervals(p.high, q.high) ||
		p.i - q.i ||
		p.j - q.j
	);
}

/**
 * The one-to-one greedy overlap matching of the module comment, as pairs of indices into
 * `uniqueSorted(a)` and `uniqueSorted(b)`, in the order they were accepted.
 */
export function overlapMatching(a: readonly Interval[], b: readonly Interval[]): [number, number][] {
	const x = uniqueSorted(a);
	const y = uniqueSorted(b);
	const candidates: Candidate[] = [];
	// reach[j]: the furthest end among y[0..j]. x is sorted by start, so the first y that can still
	// reach into p (reach > p.start) only moves forward: the y before it all end before p starts.
	const reach = new Float64Array(y.length);
	for (let j = 0, furthest = -Infinity; j < y.length; j++) reach[j] = furthest = Math.max(furthest, y[j].end);
	let from = 0;
	for (let i = 0; i < x.length; i++) {
		const p = x[i];
		while (from < y.length && reach[from] <= p.start) from++;
		// y is sorted by start: nothing from the first y starting at or after p.end intersects p.
		for (let j = from; j < y.length && y[j].start < p.end; j++) {
			const q = y[j];
			const overlap = Math.min(p.end, q.end) - Math.max(p.start, q.start);
			if (overlap <= 0) continue;
			const pFirst = compareIntervals(p, q) <= 0;
			candidates.push({
				i,
				j,
				overlap,
				union: Math.max(p.end, q.end) - Math.min(p.start, q.start),
				low: pFirst ? p : q,
				high: pFirst ? q : p
			});
		}
	}
	candidates.sort(compareCandidates);
	const usedA = new Uint8Array(x.length);
	const usedB = new Uint8Array(y.length);
	const pairs: [number, number][] = [];
	for (const { i, j } of candidates) {
		if (usedA[i] || usedB[j]) continue;
		usedA[i] = 1;
		usedB[j] = 1;
		pairs.push([i, j]);
	}
	return pairs;
}

/** Number of pairs in the greedy one-to-one overlap matching of `a` and `b`. */
export function overlapMatchCount(a: readonly Interval[], b: readonly Interval[]): number {
	return overlapMatching(a, b).length;
}

/** Precision, recall and F1 from counts, null where the denominator is 0 (see the module comment). */
export function prf(tp: number, fp: number, fn: number): PRF {
	return {
		precision: tp + fp > 0 ? tp / (tp + fp) : null,
		recall: tp + fn > 0 ? tp / (tp + fn) : null,
		f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
		tp,
		fp,
		fn
	};
}

/** `prf` for a reference A with `sizeA` spans, B with `sizeB`, and `tp` matched pairs. */
export function prfFromSizes(tp: number, sizeA: number, sizeB: number): PRF {
	return prf(tp, sizeB - tp, sizeA - tp);
}

/** Exact and overlap figures of B against the reference A (both taken as sets of ranges). */
export function matchSpans(a: readonly Interval[], b: readonly Interval[]): { readonly exact: PRF; readonly overlap: PRF } {
	const x = uniqueSorted(a);
	const y = uniqueSorted(b);
	return {
		exact: prfFromSizes(exactMatchCount(x, y), x.length, y.length),
		overlap: prfFromSizes(overlapMatchCount(x, y), x.length, y.length)
	};
}
