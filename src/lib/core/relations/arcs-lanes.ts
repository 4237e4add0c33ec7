/**
 * Interval packing for relation arcs: which lane above a line an arc's horizontal run takes, and
 * which gutter track a link between lines runs down. The same problem twice (intervals on one axis,
 * a lane/track each, no two in one lane closer than a gap), so one free function over plain data.
 */

/** A closed interval `[from, to]` on one axis (x for lanes, y for gutter tracks), `from <= to`. */
export interface Interval {
	readonly from: number;
	readonly to: number;
}

/**
 * Packs intervals into numbered lanes (0 = nearest the text), in the order given: each takes the
 * lowest lane where it keeps at least `gap` from every interval already there. Order decides who
 * gets the low lanes; callers put what matters first (the selected relation) and then the narrow
 * before the wide, so nested arcs nest (the inner one below the outer one) instead of overlapping.
 * Intervals that find no lane below `maxLanes` get -1. `accept(index, lane)` may refuse a lane (its
 * chip does not fit there): the interval then tries the next lane up.
 * Returns one lane per interval, in the input's order.
 */
export function packLanes(
	intervals: readonly Interval[],
	maxLanes: number,
	gap: number,
	accept: (index: number, lane: number) => boolean = () => true
): number[] {
	if (!(gap >= 0)) throw new RangeError(`lane gap must be >= 0, got ${gap}`);
	const lanes: Interval[][] = [];
	const result: number[] = [];
	intervals.forEach((interval, index) => {
		if (!(interval.from <= interval.to)) throw new RangeError(`interval ${index} is reversed: [${interval.from}, ${interval.to}]`);
		let chosen = -1;
		for (let lane = 0; lane < maxLanes; lane++) {
			const taken = lanes[lane] ?? [];
			if (taken.some((other) => other.from - gap < interval.to && interval.from < other.to + gap)) continue;
			if (!accept(index, lane)) continue;
			chosen = lane;
			(lanes[lane] ??= []).push(interval);
			break;
		}
		result.push(chosen);
	});
	return result;
}

/** Narrow intervals first (ties: leftmost first): the order that makes packed arcs nest. */
export function narrowFirst(a: Interval, b: Interval): number {
	return a.to - a.from - (b.to - b.from) || a.from - b.from;
}
