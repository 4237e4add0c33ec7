import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binaryCohenKappa, binaryFleissKappa, cohenKappa, fleissKappa } from './kappa';

describe('cohenKappa', () => {
	it('gives 0.4 on the textbook 2×2 table (Wikipedia, "Cohen\'s kappa", 50 grant proposals)', () => {
		// Yes/Yes 20, A yes B no 5, A no B yes 10, No/No 15. N = 50.
		// p_o = (20 + 15) / 50 = 0.7; A says yes 25/50 = 0.5, B 30/50 = 0.6
		// p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
		expect(cohenKappa([[20, 5], [10, 15]])).toBeCloseTo(0.4, 15);
		expect(binaryCohenKappa(20, 5, 10, 15)).toBeCloseTo(0.4, 15);
	});

	it('handles k categories', () => {
		// N = 30, diagonal 10 + 8 + 6 = 24; rows 12, 10, 8; columns 11, 12, 7
		// Σ r·c = 132 + 120 + 56 = 308; κ = (30·24 − 308) / (30² − 308) = 412 / 592 = 103/148
		expect(cohenKappa([[10, 2, 0], [1, 8, 1], [0, 2, 6]])).toBeCloseTo(103 / 148, 15);
	});

	it('is 1 on perfect agreement, 0 when two constant coders always differ, negative below chance', () => {
		// [[3,0],[0,2]]: (5·5 − (3·3 + 2·2)) / (25 − 13) = 12/12
		expect(cohenKappa([[3, 0], [0, 2]])).toBe(1);
		// A always 0, B always 1: diagonal 0, Σ r·c = 5·0 + 0·5 = 0 → (0 − 0) / (25 − 0) = 0
		expect(cohenKappa([[0, 5], [0, 0]])).toBe(0);
		// diagonal 0; rows 3, 2; columns 2, 3; Σ r·c = 6 + 6 = 12 → (0 − 12) / (25 − 12) = −12/13
		expect(cohenKappa([[0, 3], [2, 0]])).toBeCloseTo(-12 / 13, 15);
	});

	it('is null with no items or when both coders put everything in one category (p_e = 1)', () => {
		expect(cohenKappa([[0, 0], [0, 0]])).toBeNull();
		expect(cohenKappa([])).toBeNull();
		expect(cohenKappa([[5, 0], [0, 0]])).toBeNull();
		expect(binaryCohenKappa(0, 0, 0, 7)).toBeNull();
		expect(binaryCohenKappa(7, 0, 0, 0)).toBeNull();
		expect(binaryCohenKappa(0, 0, 0, 0)).toBeNull();
	});

	it('rejects a matrix that is not square', () => {
		expect(() => cohenKappa([[1, 2], [3]])).toThrow(RangeError);
	});

	it('binaryCohenKappa agrees with cohenKappa and with 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d))', () => {
		const count = fc.integer({ min: 0, max: 1000 });
		fc.assert(
			fc.property(count, count, count, count, (a, b, c, d) => {
				const kappa = binaryCohenKappa(a, b, c, d);
				expect(kappa).toBe(cohenKappa([[a, b], [c, d]]));
				const denominator = (a + b) * (b + d) + (a + c) * (c + d);
				if (kappa === null) expect(denominator).toBe(0);
				else expect(kappa).toBeCloseTo((2 * (a * d - b * c)) / denominator, 12);
			})
		);
	});
});

describe('fleissKappa', () => {
	/** Wikipedia, "Fleiss' kappa", worked example: 10 items, 14 raters, 5 categories. */
	const WIKIPEDIA = [
		[0, 0, 0, 0, 14],
		[0, 2, 6, 4, 2],
		[0, 0, 3, 5, 6],
		[0, 3, 9, 2, 0],
		[2, 2, 8, 1, 1],
		[7, 7, 0, 0, 0],
		[3, 2, 6, 3, 0],
		[2, 5, 3, 2, 2],
		[6, 5, 2, 1, 0],
		[0, 2, 2, 3, 7]
	];

	it('gives 0.210 on the Wikipedia example', () => {
		// Σ n² per row: 196, 60, 70, 94, 74, 98, 58, 46, 66, 66 → S = 828; M = 10·14 = 140
		// P̄ = (828 − 140) / (140·13) = 688/1820 = 0.378
		// column totals 20, 28, 39, 21, 32 → T = 400 + 784 + 1521 + 441 + 1024 = 4170; P̄_e = 4170/19600 = 0.2128
		// κ = ((S − M)·M − T·(n − 1)) / ((n − 1)(M² − T)) = (688·140 − 4170·13) / (13·(19600 − 4170))
		//   = (96320 − 54210) / 200590 = 42110/200590 = 4211/20059 = 0.20993
		expect(fleissKappa(WIKIPEDIA)).toBeCloseTo(4211 / 20059, 15);
		expect(fleissKappa(WIKIPEDIA)).toBeCloseTo(0.21, 3);
	});

	it('is 1 on perfect agreement with some variation, null with none or no items', () => {
		// rows [3,0] and [0,3]: S = 18, M = 6, T = 9 + 9 = 18 → ((18 − 6)·6 − 18·2) / (2·(36 − 18)) = 36/36
		expect(fleissKappa([[3, 0], [0, 3]])).toBe(1);
		expect(fleissKappa([[3, 0], [3, 0]])).toBeNull();
		expect(fleissKappa([])).toBeNull();
	});

	it('rejects rows with different numbers of raters, or fewer than 2', () => {
		expect(() => fleissKappa([[3, 0], [1, 1]])).toThrow(RangeError);
		expect(() => fleissKappa([[1, 0]])).toThrow(RangeError);
		expect(() => fleissKappa([[1, 1], [1]])).toThrow(RangeError);
	});
});

describe('binaryFleissKappa', () => {
	it('computes from a histogram of how many raters marked each item', () => {
		// 3 raters, 10 items: 6 marked by none, 1 by one, 2 by two, 1 by all three.
		// S = Σ k² + (3 − k)² = 6·9 + 1·5 + 2·5 + 1·9 = 78; M = 30; marked 0 + 1 + 4 + 3 = 8, unmarked 22
		// T = 8² + 22² = 548 → κ = (48·30 − 548·2) / (2·(900 − 548)) = 344/704 = 43/88
		expect(binaryFleissKappa([6, 1, 2, 1])).toBeCloseTo(43 / 88, 15);
		expect(fleissKappa([...Array(6).fill([0, 3]), [1, 2], [2, 1], [2, 1], [3, 0]])).toBeCloseTo(43 / 88, 15);
	});

	it('is null when no item or every item is unmarked by all', () => {
		expect(binaryFleissKappa([0, 0, 0, 0])).toBeNull();
		expect(binaryFleissKappa([12, 0, 0, 0])).toBeNull();
		expect(() => binaryFleissKappa([1, 1])).toThrow(RangeError);
	});

	it('equals fleissKappa of the expanded table', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 7 }), (histogram) => {
				const n = histogram.length - 1;
				const table = histogram.flatMap((h, k) => Array.from({ length: h }, () => [k, n - k]));
				const kappa = binaryFleissKappa(histogram);
				const expected = fleissKappa(table);
				if (expected === null) expect(kappa).toBeNull();
				else expect(kappa).toBeCloseTo(expected, 12);
			})
		);
	});
});
