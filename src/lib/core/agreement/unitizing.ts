/**
 * Krippendorff's alpha for unitizing, α_u (Krippendorff 1995, "On the reliability of unitizing
 * continuous data", Sociological Methodology 25; in the form of Krippendorff 2004, Content Analysis,
 * 2nd ed.), for one category at a time, binary: a position is inside a unit of the category or not.
 *
 * The continuum is a text, positions are UTF-16 code units. Each of the m coders cuts it into
 * sections: their units (spans of the category) and the gaps between them. A coder's units of one
 * category must not overlap (the coefficient is only defined for that); if they do, α_u is null.
 * With b the start, e the end and l = e − b the length of a section:
 *
 *     δ²(g, h) = (b_g − b_h)² + (e_g − e_h)²   g and h are units of two coders and intersect
 *              = l_g²                          g is a unit lying wholly inside a gap h of the other coder
 *              = l_h²                          h is a unit lying wholly inside a gap g
 *              = 0                             otherwise (gap with gap, unit partly over a gap, …)
 *
 *     D_o = Σ_{i≠j} Σ_{g of coder i} Σ_{h of coder j} δ²(g, h) / (m(m − 1)·L²)
 *
 *     D_e = (2/L) · Σ_u [ (N − 1)·l_u(l_u − 1)(2l_u − 1)/3 + l_u² · Σ_{gaps γ: l_γ ≥ l_u} (l_γ − l_u + 1) ]
 *           / ( mL(mL − 1) − Σ_u l_u(l_u − 1) )
 *
 *     α_u = 1 − D_o / D_e
 *
 * where L is the length of the continuum, u runs over the N units of all coders and γ over the gaps
 * of all coders. Over several categories the pooled coefficient is α_u = 1 − Σ_c D_o(c) / Σ_c D_e(c).
 * This reproduces the worked example of Krippendorff (2004) as DKPro Statistics' tests carry it:
 * D_o = 0.0144, D_e = 0.0532, α_u = 0.7286 for category c, D_e = 0.0490 and α_u = 1 for k; pooled
 * 0.85867, published as 0.8591 because it was computed from the rounded D values (see
 * unitizing.test.ts, where the example is redone by hand).
 *
 * Several texts (a session's articles) form one continuum of length L = Σ lengths laid end to end,
 * with a section boundary at each article boundary: a gap never runs from one article into the next
 * and a unit is only ever placed inside one article. D_o is the same as for plain concatenation
 * (a unit inside a gap stays inside the part of the gap in its own article); only the gap lengths
 * seen by D_e differ.
 *
 * Null (undefined): fewer than 2 coders, L = 0, overlapping units of one coder, or D_e = 0, which
 * happens exactly when nobody marked any unit (N = 0). α_u = 1 when units exist and all coders
 * agree exactly.
 */
import { compareIntervals, type Interval } from './spans-match';

/** One continuum (a text of `length` positions) and each coder's units of one category on it. */
export interface UnitizingContinuum {
	readonly length: number;
	/** `units[r]`: coder r's units, in any order; repeats count once. Every continuum lists the same coders. */
	readonly units: readonly (readonly Interval[])[];
}

/** Observed and expected disagreement of one category, as defined in the module comment. */
export interface UnitizingDisagreement {
	readonly observed: number;
	readonly expected: number;
}

/**
 * Accumulates what α_u needs for one category, continuum after continuum: the sum of δ² over coder
 * pairs, the total length, and the lengths of all units and gaps (D_e needs them all at the end).
 */
export class UnitizingTally {
	/** Number of coders. */
	readonly coders: number;
	/** Σ over unordered coder pairs of Σ δ²; D_o's numerator is twice this. */
	#deltaSquares = 0;
	#length = 0;
	#units: number[] = [];
	#gaps: number[] = [];
	#overlapping = false;

	/** A tally for `coders` coders. */
	constructor(coders: number) {
		this.coders = coders;
	}

	/** Whether some coder had overlapping units somewhere, which leaves α_u undefined. */
	get overlapping(): boolean {
		return this.#overlapping;
	}

	/**
	 * Adds a continuum of `length` positions with `units[r]`, coder r's units: sorted by (start, end),
	 * without repeats, within `[0, length)` (RangeError otherwise). Overlapping units mark the tally.
	 */
	add(length: number, units: readonly (readonly Interval[])[]): void {
		if (units.length !== this.coders) throw new RangeError(`expected units of ${this.coders} coders, got ${units.length}`);
		this.#length += length;
		for (const list of units) {
			let position = 0;
			for (let k = 0; k < list.length; k++) {
				const { start, end } = list[k];
				if (!(start >= 0 && end > start && end <= length)) throw new RangeError(`unit [${start}, ${end}) is not inside [0, ${length})`);
				if (k > 0 && compareIntervals(list[k - 1], list[k]) >= 0) throw new RangeError('units must be sorted by (start, end) without repeats');
				if (start < position) this.#overlapping = true;
				else if (start > position) this.#gaps.push(start - position);
				this.#units.push(end - start);
				position = Math.max(position, end);
			}
			if (position < length) this.#gaps.push(length - position);
		}
		if (this.#overlapping) return;
		for (let i = 0; i < units.length; i++) {
			for (let j = i + 1; j < units.length; j++) this.#deltaSquares += pairDeltaSquares(units[i], units[j]);
		}
	}

	/** Adds everything another tally of the same coders holds. */
	merge(other: UnitizingTally): void {
		if (other.coders !== this.coders) throw new RangeError('tallies of different coder counts');
		this.#deltaSquares += other.#deltaSquares;
		this.#length += other.#length;
		for (const u of other.#units) this.#units.push(u);
		for (const g of other.#gaps) this.#gaps.push(g);
		this.#overlapping ||= other.#overlapping;
	}

	/** D_o and D_e, or null when α_u is undefined for a reason other than D_e = 0 (see the module comment). */
	disagreement(): UnitizingDisagreement | null {
		const m = this.coders;
		const L = this.#length;
		if (m < 2 || L === 0 || this.#overlapping) return null;
		const observed = (2 * this.#deltaSquares) / (m * (m - 1) * L * L);
		const N = this.#units.length;
		if (N === 0) return { observed, expected: 0 };
		// Gaps ascending with suffix sums: Σ_{γ ≥ l} (l_γ − l + 1) = (sum of those gaps) − count·(l − 1).
		const gaps = Float64Array.from(this.#gaps).sort();
		const suffix = new Float64Array(gaps.length + 1);
		for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + gaps[k];
		let numerator = 0;
		let unitPairs = 0;
		for (const l of this.#units) {
			let low = 0;
			let high = gaps.length;
			while (low < high) {
				const mid = (low + high) >>> 1;
				if (gaps[mid] < l) low = mid + 1;
				else high = mid;
			}
			const placements = suffix[low] - (gaps.length - low) * (l - 1);
			numerator += ((N - 1) * l * (l - 1) * (2 * l - 1)) / 3 + l * l * placements;
			unitPairs += l * (l - 1);
		}
		const expected = ((2 / L) * numerator) / (m * L * (m * L - 1) - unitPairs);
		return { observed, expected };
	}

	/** α_u = 1 − D_o / D_e of this category; null when undefined. */
	alpha(): number | null {
		return unitizingAlpha([this.disagreement()]);
	}
}

/**
 * Σ δ² between the sections of two coders (each unit list sorted, non-overlapping): unit pairs that
 * intersect, plus l² for each unit that intersects no unit of the other coder (it lies in a gap).
 */
function pairDeltaSquares(x: readonly Interval[], y: readonly Interval[]): number {
	let sum = 0;
	const yHit = new Uint8Array(y.length);
	let j0 = 0;
	for (const p of x) {
		// Units of y ending at or before p.start cannot meet p or any later unit of x.
		while (j0 < y.length && y[j0].end <= p.start) j0++;
		let hit = false;
		for (let j = j0; j < y.length && y[j].start < p.end; j++) {
			const q = y[j];
			const db = p.start - q.start;
			const de = p.end - q.end;
			sum += db * db + de * de;
			yHit[j] = 1;
			hit = true;
		}
		if (!hit) sum += (p.end - p.start) * (p.end - p.start);
	}
	for (let j = 0; j < y.length; j++) {
		if (!yHit[j]) sum += (y[j].end - y[j].start) * (y[j].end - y[j].start);
	}
	return sum;
}

/** Sorted by (start, end), repeats removed. */
function normalized(units: readonly Interval[]): Interval[] {
	const sorted = [...units].sort(compareIntervals);
	return sorted.filter((u, k) => k === 0 || compareIntervals(sorted[k - 1], u) !== 0);
}

/** D_o and D_e of one category over the given continua; null when α_u is undefined (not for D_e = 0). */
export function unitizingDisagreement(continua: readonly UnitizingContinuum[]): UnitizingDisagreement | null {
	const coders = continua.length > 0 ? continua[0].units.length : 0;
	const tally = new UnitizingTally(coders);
	for (const continuum of continua) tally.add(continuum.length, continuum.units.map(normalized));
	return tally.disagreement();
}

/**
 * α_u pooled over categories: 1 − Σ D_o / Σ D_e. Null when any category is undefined (null) or
 * Σ D_e = 0 (no units at all). With one category this is that category's α_u.
 */
export function unitizingAlpha(parts: readonly (UnitizingDisagreement | null)[]): number | null {
	let observed = 0;
	let expected = 0;
	for (const part of parts) {
		if (part === null) return null;
		observed += part.observed;
		expected += part.expected;
	}
	return expected > 0 ? 1 - observed / expected : null;
}

/** Krippendorff's α_u of one category over the given continua (see the module comment); null when undefined. */
export function krippendorffAlphaU(continua: readonly UnitizingContinuum[]): number | null {
	return unitizingAlpha([unitizingDisagreement(continua)]);
}
