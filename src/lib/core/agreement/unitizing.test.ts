import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { krippendorffAlphaU, unitizingAlpha, unitizingDisagreement, UnitizingTally } from './unitizing';
import type { Interval } from './spans-match';

const iv = (start: number, end: number): Interval => ({ start, end });

describe('krippendorffAlphaU', () => {
	it('two coders, one continuum (worked by hand)', () => {
		// L = 10. Coder 0: gap 2, unit [2,6) (l 4), gap 4. Coder 1: gap 3, unit [3,6) (l 3), gap 4.
		// D_o: the units intersect: δ² = (2 − 3)² + (6 − 6)² = 1; no unit lies in a gap.
		//      D_o = 2·1 / (2·1·10²) = 0.01
		// D_e: N = 2 units (4, 3); gaps 2, 4, 3, 4; mL = 20; denominator 20·19 − (4·3 + 3·2) = 362
		//      l = 4: (N − 1)·4·3·7/3 = 28, gaps ≥ 4: (4−4+1) + (4−4+1) = 2, ·16 = 32 → 60
		//      l = 3: 3·2·5/3 = 10, gaps ≥ 3: 2 + 1 + 2 = 5, ·9 = 45 → 55
		//      D_e = (2/10)·115 / 362 = 23/362
		// α_u = 1 − 0.01 / (23/362) = 1 − 362/2300 = 969/1150 = 0.84261
		const continua = [{ length: 10, units: [[iv(2, 6)], [iv(3, 6)]] }];
		const d = unitizingDisagreement(continua)!;
		expect(d.observed).toBeCloseTo(0.01, 15);
		expect(d.expected).toBeCloseTo(23 / 362, 15);
		expect(krippendorffAlphaU(continua)).toBeCloseTo(969 / 1150, 14);
	});

	it('three coders, one of whom marked nothing (worked by hand)', () => {
		// As above plus coder 2 with one gap [0,10).
		// Σ δ² over unordered pairs: (0,1) 1; (0,2) unit [2,6) inside the gap → 4² = 16; (1,2) 3² = 9 → 26
		// D_o = 2·26 / (3·2·10²) = 13/150
		// D_e: units 4, 3; gaps 2, 4, 3, 4, 10; mL = 30; denominator 30·29 − 18 = 852
		//      l = 4: 28 + 16·((1) + (1) + (7)) = 28 + 144 = 172;  l = 3: 10 + 9·(2 + 1 + 2 + 8) = 127
		//      D_e = (2/10)·299 / 852 = 299/4260
		// α_u = 1 − (13/150)·(4260/299) = 1 − 142/115 = −27/115
		const continua = [{ length: 10, units: [[iv(2, 6)], [iv(3, 6)], []] }];
		const d = unitizingDisagreement(continua)!;
		expect(d.observed).toBeCloseTo(13 / 150, 15);
		expect(d.expected).toBeCloseTo(299 / 4260, 15);
		expect(krippendorffAlphaU(continua)).toBeCloseTo(-27 / 115, 14);
	});

	it('reproduces the worked example of Krippendorff (2004), redone by hand', () => {
		// Continuum [150, 450) of the book, shifted to [0, 300). Category c:
		//   coder 0 units [75,145) [220,250); coder 1 units [70,150) [205,225) [250,270)
		// Category k: both coders [30,90) and [150,200).
		const c = { length: 300, units: [[iv(75, 145), iv(220, 250)], [iv(70, 150), iv(205, 225), iv(250, 270)]] };
		const k = { length: 300, units: [[iv(30, 90), iv(150, 200)], [iv(30, 90), iv(150, 200)]] };
		// c, D_o: [75,145)–[70,150): 5² + 5² = 50; [220,250)–[205,225): 15² + 25² = 850;
		//   coder 1's [250,270) lies in coder 0's gap [250,300): 20² = 400 → Σ 1300
		//   D_o = 2·1300 / (2·1·300²) = 1300/90000 = 0.01444
		// c, D_e: units 70, 30, 80, 20, 20 (N = 5); gaps 75, 75, 50 | 70, 55, 25, 30
		//   denominator 600·599 − (70·69 + 30·29 + 80·79 + 20·19 + 20·19) = 359400 − 12780 = 346620
		//   l = 70: (4/3)·70·69·139 = 895160, + 4900·(6 + 6 + 1) = 63700 → 958860
		//   l = 30: (4/3)·30·29·59 = 68440, + 900·(46 + 46 + 21 + 41 + 26 + 1) = 162900 → 231340
		//   l = 80: (4/3)·80·79·159 = 1339840, no gap ≥ 80 → 1339840
		//   l = 20 (twice): (4/3)·20·19·39 = 19760, + 400·(56 + 56 + 31 + 51 + 36 + 6 + 11) = 98800 → 118560
		//   Σ = 2767160; D_e = (2/300)·2767160 / 346620 = 0.05322
		//   α_u(c) = 1 − 0.014444/0.053222 = 0.7286 (the book's value)
		const dc = unitizingDisagreement([c])!;
		const expectedC = ((2 / 300) * 2767160) / 346620;
		expect(dc.observed).toBeCloseTo(1300 / 90000, 15);
		expect(dc.expected).toBeCloseTo(expectedC, 15);
		expect(krippendorffAlphaU([c])).toBeCloseTo(1 - 1300 / 90000 / expectedC, 14);
		expect(krippendorffAlphaU([c])).toBeCloseTo(0.7286, 4);
		// k, D_o = 0. D_e: units 60, 50, 60, 50 (N = 4, (N − 1)/3 = 1); gaps 30, 60, 100 per coder
		//   denominator 359400 − 2·(60·59 + 50·49) = 347420
		//   l = 60: 60·59·119 = 421260, + 3600·(1 + 41 + 1 + 41) = 302400 → 723660 (twice)
		//   l = 50: 50·49·99 = 242550, + 2500·(11 + 51 + 11 + 51) = 310000 → 552550 (twice)
		//   Σ = 2552420; D_e = (2/300)·2552420 / 347420 = 0.04898; α_u(k) = 1
		const dk = unitizingDisagreement([k])!;
		const expectedK = ((2 / 300) * 2552420) / 347420;
		expect(dk.observed).toBe(0);
		expect(dk.expected).toBeCloseTo(expectedK, 15);
		expect(krippendorffAlphaU([k])).toBe(1);
		// pooled: 1 − (0.014444 + 0) / (0.053222 + 0.048979) = 1 − 0.141333 = 0.85867. The published
		// 0.8591 is the same formula on rounded values: 1 − 0.0144 / (0.0532 + 0.0490) = 0.85910.
		expect(unitizingAlpha([dc, dk])).toBeCloseTo(1 - 1300 / 90000 / (expectedC + expectedK), 14);
		expect(unitizingAlpha([dc, dk])).toBeCloseTo(0.85867, 5);
		expect(unitizingAlpha([dc, dk])).toBeCloseTo(0.8591, 3);
	});

	it('cuts gaps at the boundary between continua', () => {
		// Article X (L 5): both coders unit [0,2), gap 3. Article Y (L 5): both coders a gap of 5.
		// L = 10, N = 2 units of 2, gaps 3, 3, 5, 5 (not 8, 8: a gap does not run into the next article)
		// each unit: (1/3)·2·1·3 = 2, + 4·((3−2+1) + (3−2+1) + (5−2+1) + (5−2+1)) = 4·12 = 48 → 50
		// D_e = (2/10)·100 / (20·19 − 2·2·1) = 20/376 = 5/94; D_o = 0
		const d = unitizingDisagreement([
			{ length: 5, units: [[iv(0, 2)], [iv(0, 2)]] },
			{ length: 5, units: [[], []] }
		])!;
		expect(d.expected).toBeCloseTo(5 / 94, 15);
		expect(d.observed).toBe(0);
	});

	it('is null when undefined: one coder, no units, empty continuum, overlapping units of one coder', () => {
		expect(krippendorffAlphaU([{ length: 10, units: [[iv(0, 3)]] }])).toBeNull();
		expect(krippendorffAlphaU([{ length: 10, units: [[], []] }])).toBeNull();
		expect(unitizingDisagreement([{ length: 10, units: [[], []] }])).toEqual({ observed: 0, expected: 0 });
		expect(krippendorffAlphaU([{ length: 0, units: [[], []] }])).toBeNull();
		expect(krippendorffAlphaU([{ length: 10, units: [[iv(0, 5), iv(2, 4)], [iv(0, 5)]] }])).toBeNull();
		expect(unitizingAlpha([{ observed: 0.1, expected: 0.2 }, null])).toBeNull();
	});

	it('takes units in any order, repeats once, and touching units as two units', () => {
		const a = krippendorffAlphaU([{ length: 20, units: [[iv(5, 9), iv(0, 5), iv(0, 5)], [iv(0, 5), iv(5, 9)]] }]);
		expect(a).toBe(1);
		expect(() => unitizingDisagreement([{ length: 5, units: [[iv(0, 6)], []] }])).toThrow(RangeError);
	});

	it('is 1 for identical coders, and the same whether continua are tallied together or merged', () => {
		const units = fc
			.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 3 })), { maxLength: 4 })
			.map((cuts) => {
				// non-overlapping units in [0, 40): one per slot of 4 positions
				const slots = new Map(cuts.map(([slot, length]) => [slot, length]));
				return [...slots].sort((x, y) => x[0] - y[0]).map(([slot, length]) => iv(slot * 4, slot * 4 + length));
			});
		fc.assert(
			fc.property(units, units, units, (a, b, c) => {
				const alone = krippendorffAlphaU([{ length: 40, units: [a, a, a] }]);
				expect(alone).toBe(a.length > 0 ? 1 : null);
				const together = new UnitizingTally(2);
				together.add(40, [a, b]);
				together.add(40, [c, a]);
				const merged = new UnitizingTally(2);
				const second = new UnitizingTally(2);
				merged.add(40, [a, b]);
				second.add(40, [c, a]);
				merged.merge(second);
				expect(merged.disagreement()).toEqual(together.disagreement());
			})
		);
	});
});
