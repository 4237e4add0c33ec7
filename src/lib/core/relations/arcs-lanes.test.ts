import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { narrowFirst, packLanes, type Interval } from './arcs-lanes';

const iv = (from: number, to: number): Interval => ({ from, to });

describe('packLanes', () => {
	it('puts disjoint intervals in lane 0 and overlapping ones in the next lane up', () => {
		expect(packLanes([iv(0, 10), iv(20, 30), iv(5, 25)], 3, 2)).toEqual([0, 0, 1]);
	});

	it('keeps the gap: intervals closer than it go to different lanes', () => {
		expect(packLanes([iv(0, 10), iv(11, 20)], 3, 2)).toEqual([0, 1]);
		expect(packLanes([iv(0, 10), iv(12, 20)], 3, 2)).toEqual([0, 0]);
	});

	it('nests narrow-first: the inner interval lies below the outer one', () => {
		const intervals = [iv(0, 100), iv(40, 60)];
		const order = [...intervals.keys()].sort((a, b) => narrowFirst(intervals[a], intervals[b]));
		const lanes = packLanes(order.map((i) => intervals[i]), 3, 2);
		expect(lanes[order.indexOf(1)]).toBe(0);
		expect(lanes[order.indexOf(0)]).toBe(1);
	});

	it('gives -1 beyond the lane cap, and lets accept refuse a lane', () => {
		expect(packLanes([iv(0, 10), iv(0, 10), iv(0, 10)], 2, 0)).toEqual([0, 1, -1]);
		expect(packLanes([iv(0, 10)], 3, 0, (_, lane) => lane === 2)).toEqual([2]);
	});

	it('throws a RangeError naming a reversed interval', () => {
		expect(() => packLanes([iv(5, 1)], 2, 0)).toThrow(/interval 0 is reversed: \[5, 1\]/);
	});

	it('property: no two intervals of one lane come within the gap, and -1 only when every lane is blocked', () => {
		const interval = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 })).map(([a, w]) => iv(a, a + w));
		fc.assert(
			fc.property(fc.array(interval, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 6 }), (intervals, max, gap) => {
				const lanes = packLanes(intervals, max, gap);
				const clash = (a: Interval, b: Interval) => a.from - gap < b.to && b.from - gap < a.to;
				for (let i = 0; i < intervals.length; i++) {
					expect(lanes[i]).toBeLessThan(max);
					for (let j = 0; j < i; j++) if (lanes[i] >= 0 && lanes[i] === lanes[j]) expect(clash(intervals[i], intervals[j])).toBe(false);
					if (lanes[i] === -1) {
						for (let lane = 0; lane < max; lane++) {
							expect(intervals.some((other, j) => j < i && lanes[j] === lane && clash(other, intervals[i]))).toBe(true);
						}
					}
				}
			})
		);
	});
});
