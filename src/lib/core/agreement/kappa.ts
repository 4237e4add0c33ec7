/**
 * Chance-corrected agreement on coded items: Cohen's kappa for two coders, Fleiss' kappa for any
 * number of coders who all code every item.
 *
 * Cohen (1960), from the k×k confusion matrix `m[x][y]` = items coder 1 put in category x and
 * coder 2 in category y, with N = Σ m, row sums r_x and column sums c_x:
 *
 *     p_o = Σ_x m[x][x] / N                    observed agreement
 *     p_e = Σ_x r_x · c_x / N²                 agreement expected from each coder's own category rates
 *     κ   = (p_o − p_e) / (1 − p_e) = (N·Σ_x m[x][x] − Σ_x r_x·c_x) / (N² − Σ_x r_x·c_x)
 *
 * The last form is computed, in integers until the one division, so counts below about 9·10⁷ give
 * the exact ratio. For a 2×2 table [[a, b], [c, d]] it equals 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)).
 *
 * Fleiss (1971), from `n[i][x]` = how many of the n coders put item i in category x (every row sums
 * to the same n ≥ 2), N items:
 *
 *     P_i = (Σ_x n[i][x]² − n) / (n(n − 1))    agreeing coder pairs of item i, as a share of all pairs
 *     P̄   = Σ_i P_i / N
 *     p_x = Σ_i n[i][x] / (N·n)                share of all codings in category x
 *     P̄_e = Σ_x p_x²
 *     κ   = (P̄ − P̄_e) / (1 − P̄_e)
 *
 * computed as ((S − M)·M − T·(n − 1)) / ((n − 1)(M² − T)) with S = Σ_i Σ_x n[i][x]², M = N·n and
 * T = Σ_x (Σ_i n[i][x])².
 *
 * Degenerate cases are null, never a number: no items (N = 0), and p_e = 1 (P̄_e = 1), which happens
 * exactly when every coding falls into one and the same category, so that p_o = 1 too and κ = 0/0.
 * Kappa is then undefined: there was nothing to tell apart (e.g. a label nobody used).
 */

/** Cohen's kappa of a square confusion matrix of counts; null when undefined (see the module comment). */
export function cohenKappa(matrix: readonly (readonly number[])[]): number | null {
	const k = matrix.length;
	const rows = new Array<number>(k).fill(0);
	const columns = new Array<number>(k).fill(0);
	let total = 0;
	let diagonal = 0;
	for (let x = 0; x < k; x++) {
		if (matrix[x].length !== k) throw new RangeError(`row ${x} has ${matrix[x].length} cells, expected ${k}`);
		for (let y = 0; y < k; y++) {
			const count = matrix[x][y];
			rows[x] += count;
			columns[y] += count;
			total += count;
			if (x === y) diagonal += count;
		}
	}
	let chance = 0;
	for (let x = 0; x < k; x++) chance += rows[x] * columns[x];
	return binaryOrNull(total * diagonal - chance, total * total - chance, total);
}

/**
 * Cohen's kappa of a 2×2 table: `both` items both coders marked, `onlyA` only the first, `onlyB`
 * only the second, `neither` neither. Same value as `cohenKappa([[both, onlyA], [onlyB, neither]])`.
 */
export function binaryCohenKappa(both: number, onlyA: number, onlyB: number, neither: number): number | null {
	const total = both + onlyA + onlyB + neither;
	const a = both + onlyA;
	const b = both + onlyB;
	const chance = a * b + (total - a) * (total - b);
	return binaryOrNull(total * (both + neither) - chance, total * total - chance, total);
}

function binaryOrNull(numerator: number, denominator: number, total: number): number | null {
	if (total === 0 || denominator === 0) return null;
	return numerator / denominator;
}

/**
 * Fleiss' kappa of an items × categories table of counts (each row: how many coders chose each
 * category for that item; all rows sum to the same n ≥ 2, else RangeError). Null when undefined.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
	if (counts.length === 0) return null;
	const n = counts[0].reduce((sum, c) => sum + c, 0);
	if (n < 2) throw new RangeError(`Fleiss' kappa needs at least 2 coders per item, got ${n}`);
	const totals = new Array<number>(counts[0].length).fill(0);
	let squares = 0;
	for (let i = 0; i < counts.length; i++) {
		const row = counts[i];
		if (row.length !== totals.length) throw new RangeError(`item ${i} has ${row.length} categories, expected ${totals.length}`);
		let sum = 0;
		for (let x = 0; x < row.length; x++) {
			sum += row[x];
			squares += row[x] * row[x];
			totals[x] += row[x];
		}
		if (sum !== n) throw new RangeError(`item ${i} has ${sum} codings, expected ${n}`);
	}
	return fleissFromSums(squares, counts.length * n, totals.reduce((sum, t) => sum + t * t, 0), n);
}

/**
 * Fleiss' kappa for two categories ("marked" / "not marked") from a histogram: `histogram[k]` is the
 * number of items exactly k of the n = `histogram.length − 1` coders marked. Same value as
 * `fleissKappa` of the table with rows [k, n − k], each repeated histogram[k] times.
 */
export function binaryFleissKappa(histogram: ArrayLike<number>): number | null {
	const n = histogram.length - 1;
	if (n < 2) throw new RangeError(`Fleiss' kappa needs at least 2 coders per item, got ${n}`);
	let items = 0;
	let squares = 0;
	let marked = 0;
	for (let k = 0; k <= n; k++) {
		const h = histogram[k];
		items += h;
		squares += h * (k * k + (n - k) * (n - k));
		marked += h * k;
	}
	const codings = items * n;
	return fleissFromSums(squares, codings, marked * marked + (codings - marked) * (codings - marked), n);
}

/** κ = ((S − M)·M − T·(n − 1)) / ((n − 1)(M² − T)); null when M = 0 or M² = T (P̄_e = 1). */
function fleissFromSums(squares: number, codings: number, squaredTotals: number, n: number): number | null {
	const denominator = (n - 1) * (codings * codings - squaredTotals);
	if (codings === 0 || denominator === 0) return null;
	return ((squares - codings) * codings - squaredTotals * (n - 1)) / denominator;
}
