import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactMatchCount, matchSpans, overlapMatchCount, overlapMatching, prf, uniqueSorted, type Interval } from './spans-match';

const iv = (start: number, end: number): Interval => ({ start, end });

/** Up to 12 ranges inside [0, 60), possibly repeated, nested or crossing. */
const intervals = fc.array(
	fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 1, max: 15 })).map(([start, length]) => iv(start, Math.min(60, start + length))),
	{ maxLength: 12 }
);

describe('matchSpans', () => {
	it('counts exact and overlap matches with A as the reference', () => {
		const a = [iv(0, 5), iv(10, 20), iv(30, 40)];
		const b = [iv(0, 5), iv(10, 21), iv(30, 40), iv(50, 60)];
		const { exact, overlap } = matchSpans(a, b);
		// exact: [0,5) and [30,40) → tp 2, fp = 4 − 2 = 2, fn = 3 − 2 = 1
		// P = 2/4, R = 2/3, F1 = 2·2 / (3 + 4) = 4/7
		expect(exact).toEqual({ precision: 0.5, recall: 2 / 3, f1: 4 / 7, tp: 2, fp: 2, fn: 1 });
		// overlap: also [10,20)–[10,21) → tp 3, fp 1, fn 0; P = 3/4, R = 1, F1 = 6/7
		expect(overlap).toEqual({ precision: 0.75, recall: 1, f1: 6 / 7, tp: 3, fp: 1, fn: 0 });
	});

	it('counts a repeated span once', () => {
		// A = {[0,5)}, B = {[0,5)}: tp 1, fp 0, fn 0
		expect(matchSpans([iv(0, 5), iv(0, 5)], [iv(0, 5)]).exact).toEqual(prf(1, 0, 0));
		expect(uniqueSorted([iv(3, 4), iv(0, 5), iv(3, 4)])).toEqual([iv(0, 5), iv(3, 4)]);
	});

	it('does not match touching ranges', () => {
		expect(overlapMatchCount([iv(0, 5)], [iv(5, 9)])).toBe(0);
	});

	it('gives null where a denominator is 0', () => {
		// nobody marked anything: everything null
		expect(matchSpans([], []).exact).toEqual({ precision: null, recall: null, f1: null, tp: 0, fp: 0, fn: 0 });
		// only A marked: precision null (B has no spans), recall 0/2, F1 0/(0 + 0 + 2)
		expect(matchSpans([iv(0, 1), iv(2, 3)], []).overlap).toEqual({ precision: null, recall: 0, f1: 0, tp: 0, fp: 0, fn: 2 });
		// only B marked: recall null
		expect(matchSpans([], [iv(0, 1)]).exact).toEqual({ precision: 0, recall: null, f1: 0, tp: 0, fp: 1, fn: 0 });
	});
});

describe('overlapMatching', () => {
	it('is one-to-one and greedy by largest intersection (not maximum-cardinality)', () => {
		// [0,10)–[1,11) intersect by 9; [0,10)–[0,1) and [10,12)–[1,11) by 1 each.
		// Greedy takes the 9 first; both thin pairs then reuse a matched span: tp = 1.
		const a = [iv(0, 10), iv(10, 12)];
		const b = [iv(1, 11), iv(0, 1)];
		expect(overlapMatching(a, b)).toEqual([[0, 1]]); // indices into the sorted lists: b sorted is [0,1), [1,11)
		expect(overlapMatchCount(a, b)).toBe(1);
	});

	it('breaks ties of intersection by the smaller union', () => {
		// a1 = [0,4): with b1 = [2,6) intersection 2, union 6; with b2 = [0,2) intersection 2, union 4.
		// a2 = [4,6): with b1 intersection 2, union 4. Taking a1–b2 and a2–b1 (unions 4) gives tp 2;
		// had a1 taken b1 (union 6), a2 would have been left over.
		expect(overlapMatchCount([iv(0, 4), iv(4, 6)], [iv(2, 6), iv(0, 2)])).toBe(2);
	});

	it('matches nested and crossing spans', () => {
		// A: outer [0,20) with nested [5,8); B: crossing [15,30) and nested [6,8).
		// candidates: [0,20)–[15,30) ∩5, [0,20)–[6,8) ∩2, [5,8)–[6,8) ∩2 (union 3 < 20) → take ∩5, then [5,8)–[6,8)
		expect(overlapMatchCount([iv(0, 20), iv(5, 8)], [iv(15, 30), iv(6, 8)])).toBe(2);
		expect(exactMatchCount([iv(0, 20), iv(5, 8)], [iv(15, 30), iv(6, 8)])).toBe(0);
	});

	it('gives the pairs of the greedy rule taken over every pair (the scan skips only ranges that end before)', () => {
		const greedy = (a: readonly Interval[], b: readonly Interval[]): [number, number][] => {
			const x = uniqueSorted(a);
			const y = uniqueSorted(b);
			const all: { i: number; j: number; overlap: number; union: number; low: Interval; high: Interval }[] = [];
			x.forEach((p, i) =>
				y.forEach((q, j) => {
					const overlap = Math.min(p.end, q.end) - Math.max(p.start, q.start);
					const pFirst = p.start - q.start || p.end - q.end;
					if (overlap > 0) all.push({ i, j, overlap, union: Math.max(p.end, q.end) - Math.min(p.start, q.start), low: pFirst <= 0 ? p : q, high: pFirst <= 0 ? q : p });
				})
			);
			const order = (u: Interval, v: Interval) => u.start - v.start || u.end - v.end;
			all.sort((p, q) => q.overlap - p.overlap || p.union - q.union || order(p.low, q.low) || order(p.high, q.high) || p.i - q.i || p.j - q.j);
			const usedA = new Set<number>();
			const usedB = new Set<number>();
			const pairs: [number, number][] = [];
			for (const { i, j } of all) {
				if (usedA.has(i) || usedB.has(j)) continue;
				usedA.add(i);
				usedB.add(j);
				pairs.push([i, j]);
			}
			return pairs;
		};
		fc.assert(
			fc.property(intervals, intervals, (a, b) => {
				expect(overlapMatching(a, b)).toEqual(greedy(a, b));
			}),
			{ numRuns: 500 }
		);
	});

	it('never counts more than either side, and at least the exact matches', () => {
		fc.assert(
			fc.property(intervals, intervals, (a, b) => {
				const tp = overlapMatchCount(a, b);
				expect(tp).toBeLessThanOrEqual(Math.min(uniqueSorted(a).length, uniqueSorted(b).length));
				expect(tp).toBeGreaterThanOrEqual(exactMatchCount(a, b));
			})
		);
	});

	it('swapping A and B swaps precision and recall and keeps F1', () => {
		fc.assert(
			fc.property(intervals, intervals, (a, b) => {
				const ab = matchSpans(a, b);
				const ba = matchSpans(b, a);
				for (const kind of ['exact', 'overlap'] as const) {
					expect(ba[kind].tp).toBe(ab[kind].tp);
					expect(ba[kind].precision).toBe(ab[kind].recall);
					expect(ba[kind].recall).toBe(ab[kind].precision);
					expect(ba[kind].f1).toBe(ab[kind].f1);
				}
			})
		);
	});

	it('matches everything of an identical copy', () => {
		fc.assert(
			fc.property(intervals, (a) => {
				const { exact, overlap } = matchSpans(a, [...a].reverse());
				const n = uniqueSorted(a).length;
				expect(exact.tp).toBe(n);
				expect(overlap.tp).toBe(n);
				expect(exact.f1).toBe(n > 0 ? 1 : null);
			})
		);
	});
});
