import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeAgreement, computeArticleAgreement } from './agreement';
import { krippendorffAlphaU } from './unitizing';
import { tokenOffsets } from './token-grid';
import type { AgreementArticle, AgreementSpan, PRF } from './index';

/** Ten tokens of two letters: token k is [3k, 3k + 2). Length 29. */
const TEXT = 'aa bb cc dd ee ff gg hh ii jj';

const span = (annotator: string, label: string, start: number, end: number): AgreementSpan => ({ annotator, label, start, end });

/**
 * ann: actor [0,5) (tokens 0–1), actor [9,11) (token 3), claim [0,17) (tokens 0–5, around both actors)
 * bob: actor [0,5), actor [10,14) (tokens 3–4: starts inside "dd"), claim [3,29) (tokens 1–9), and
 *      actor [0,5) a second time (counts once)
 */
const ANN = [span('ann', 'actor', 0, 5), span('ann', 'actor', 9, 11), span('ann', 'claim', 0, 17)];
const BOB = [span('bob', 'actor', 0, 5), span('bob', 'actor', 10, 14), span('bob', 'claim', 3, 29), span('bob', 'actor', 0, 5)];
/** cat: actor [0,2) (token 0), claim [0,17) like ann. */
const CAT = [span('cat', 'actor', 0, 2), span('cat', 'claim', 0, 17)];

const article = (spans: AgreementSpan[], id = 'a1', text = TEXT): AgreementArticle => ({ id, text, spans });

/** Compares a PRF with hand values, floats to 14 digits. */
function expectPrf(actual: PRF, expected: PRF): void {
	expect({ tp: actual.tp, fp: actual.fp, fn: actual.fn }).toEqual({ tp: expected.tp, fp: expected.fp, fn: expected.fn });
	for (const key of ['precision', 'recall', 'f1'] as const) {
		if (expected[key] === null) expect(actual[key], key).toBeNull();
		else expect(actual[key], key).toBeCloseTo(expected[key]!, 14);
	}
}

const p = (precision: number | null, recall: number | null, f1: number | null, tp: number, fp: number, fn: number): PRF => ({
	precision,
	recall,
	f1,
	tp,
	fp,
	fn
});

describe('computeAgreement, two annotators (worked by hand)', () => {
	const report = computeAgreement({ articles: [article([...ANN, ...BOB])] });

	it('lists annotators and labels sorted, and one pair', () => {
		expect(report.annotators).toEqual(['ann', 'bob']);
		expect(Object.keys(report.labels)).toEqual(['actor', 'claim']);
		expect(report.pairs.map((pair) => [pair.a, pair.b])).toEqual([['ann', 'bob']]);
	});

	it('span-level figures per label', () => {
		// actor: A = {[0,5), [9,11)}, B = {[0,5), [10,14)}. Exact: [0,5) → tp 1, fp 1, fn 1 → 1/2 each.
		expectPrf(report.labels.actor.exact, p(0.5, 0.5, 0.5, 1, 1, 1));
		// overlap: [0,5)–[0,5) and [9,11)–[10,14) (∩ [10,11)) → tp 2
		expectPrf(report.labels.actor.overlap, p(1, 1, 1, 2, 0, 0));
		// claim: [0,17) vs [3,29): no exact match, overlap ∩ [3,17)
		expectPrf(report.labels.claim.exact, p(0, 0, 0, 0, 1, 1));
		expectPrf(report.labels.claim.overlap, p(1, 1, 1, 1, 0, 0));
	});

	it('token-level Cohen\'s kappa per label', () => {
		// actor: ann marks tokens {0,1,3}, bob {0,1,3,4} → both 3, only ann 0, only bob 1, neither 6
		// κ = 2(3·6 − 0·1) / ((3 + 0)(0 + 6) + (3 + 1)(1 + 6)) = 36 / 46 = 18/23
		// (p_o = 0.9, p_e = 0.3·0.4 + 0.7·0.6 = 0.54, (0.9 − 0.54) / 0.46 = 18/23)
		expect(report.labels.actor.cohen_kappa).toBeCloseTo(18 / 23, 14);
		// claim: ann {0..5}, bob {1..9} → both 5, only ann 1, only bob 4, neither 0
		// κ = 2(5·0 − 1·4) / ((6)(1) + (9)(4)) = −8/42 = −4/21
		expect(report.labels.claim.cohen_kappa).toBeCloseTo(-4 / 21, 14);
		expect(report.labels.actor.fleiss_kappa).toBeNull();
	});

	it('Krippendorff\'s α_u per label', () => {
		// actor, L = 29: ann sections U[0,5) G[5,9) U[9,11) G[11,29); bob U[0,5) G[5,10) U[10,14) G[14,29)
		// Σ δ² = 0 + ((9 − 10)² + (11 − 14)²) = 10; D_o = 2·10 / (2·29²) = 10/841
		// units 5, 2, 5, 4 (N = 4); gaps 4, 18, 5, 15; denominator 58·57 − (20 + 2 + 20 + 12) = 3252
		//   l = 5: 5·4·9 = 180, + 25·(14 + 1 + 11) = 650 → 830 (twice)
		//   l = 2: 2·1·3 = 6, + 4·(3 + 17 + 4 + 14) = 152 → 158
		//   l = 4: 4·3·7 = 84, + 16·(1 + 15 + 2 + 12) = 480 → 564
		//   D_e = (2/29)·2382 / 3252 = 4764/94308
		// α_u = 1 − (10/841)·(94308/4764) = 1 − 2710/11513 = 8803/11513 = 0.76461
		expect(report.labels.actor.krippendorff_alpha_u).toBeCloseTo(8803 / 11513, 14);
		// claim: ann U[0,17) G[17,29); bob G[0,3) U[3,29). δ² = 3² + 12² = 153; D_o = 153/841
		// units 17, 26 (N = 2); gaps 12, 3; denominator 3306 − (272 + 650) = 2384
		//   l = 17: 17·16·33/3 = 2992, no gap ≥ 17; l = 26: 26·25·51/3 = 11050 → Σ 14042
		//   D_e = (2/29)·14042 / 2384 = 28084/69136
		// α_u = 1 − (153/841)·(69136/28084) = 1 − 5364/11977 = 6613/11977 = 0.55214
		expect(report.labels.claim.krippendorff_alpha_u).toBeCloseTo(6613 / 11977, 14);
	});

	it('overall micro pools the counts of both labels', () => {
		// exact: tp 1 + 0, fp 1 + 1, fn 1 + 1 → 1/3 each; overlap: tp 3 → 1
		expectPrf(report.overall.micro.exact, p(1 / 3, 1 / 3, 1 / 3, 1, 2, 2));
		expectPrf(report.overall.micro.overlap, p(1, 1, 1, 3, 0, 0));
		// 20 (token, label) items: both 8, only ann 1, only bob 5, neither 6
		// κ = 2(8·6 − 1·5) / ((9)(7) + (13)(11)) = 86/206 = 43/103
		expect(report.overall.micro.cohen_kappa).toBeCloseTo(43 / 103, 14);
		// α_u = 1 − (10 + 153)/841 / (4764/94308 + 28084/69136) = 35712679/62039787 = 0.57564
		expect(report.overall.micro.krippendorff_alpha_u).toBeCloseTo(35712679 / 62039787, 14);
		expect(report.overall.micro.fleiss_kappa).toBeNull();
	});

	it('overall macro averages the labels, keeping the pooled counts', () => {
		// exact: P = (1/2 + 0)/2 = 1/4, same for R and F1
		expectPrf(report.overall.macro.exact, p(0.25, 0.25, 0.25, 1, 2, 2));
		expectPrf(report.overall.macro.overlap, p(1, 1, 1, 3, 0, 0));
		// κ = (18/23 − 4/21) / 2 = 143/483
		expect(report.overall.macro.cohen_kappa).toBeCloseTo(143 / 483, 14);
		expect(report.overall.macro.krippendorff_alpha_u).toBeCloseTo((8803 / 11513 + 6613 / 11977) / 2, 14);
	});

	it('pair figures are the same numbers for the only pair', () => {
		const [pair] = report.pairs;
		expectPrf(pair.labels.actor.exact, p(0.5, 0.5, 0.5, 1, 1, 1));
		expect(pair.labels.claim.cohen_kappa).toBeCloseTo(-4 / 21, 14);
		expectPrf(pair.overall.exact, p(1 / 3, 1 / 3, 1 / 3, 1, 2, 2));
		expect(pair.overall.cohen_kappa).toBeCloseTo(43 / 103, 14);
		expectPrf(pair.macro.exact, p(0.25, 0.25, 0.25, 1, 2, 2));
		expect(pair.macro.cohen_kappa).toBeCloseTo(143 / 483, 14);
	});

	it('is plain JSON', () => {
		expect(JSON.parse(JSON.stringify(report))).toEqual(report);
	});
});

describe('computeAgreement, three annotators (worked by hand)', () => {
	const report = computeAgreement({ articles: [article([...ANN, ...BOB, ...CAT])] });

	it('pools span counts over the three pairs', () => {
		expect(report.pairs.map((pair) => `${pair.a}-${pair.b}`)).toEqual(['ann-bob', 'ann-cat', 'bob-cat']);
		// actor exact: ann–bob tp 1 (2 vs 2 spans); ann–cat 0 (2 vs 1); bob–cat 0 (2 vs 1)
		// tp 1, fp (2−1) + 1 + 1 = 3, fn (2−1) + 2 + 2 = 5 → P 1/4, R 1/6, F1 2/(2 + 8) = 1/5
		expectPrf(report.labels.actor.exact, p(1 / 4, 1 / 6, 1 / 5, 1, 3, 5));
		// actor overlap: ann–bob 2, ann–cat 1 ([0,2) in [0,5)), bob–cat 1 → tp 4, fp 0, fn 0 + 1 + 1 = 2
		expectPrf(report.labels.actor.overlap, p(1, 2 / 3, 4 / 5, 4, 0, 2));
		// claim exact: ann–bob 0, ann–cat 1, bob–cat 0 (1 span each) → tp 1, fp 2, fn 2
		expectPrf(report.labels.claim.exact, p(1 / 3, 1 / 3, 1 / 3, 1, 2, 2));
	});

	it('averages Cohen\'s kappa over pairs', () => {
		// actor: ann–bob 18/23; ann {0,1,3} vs cat {0}: both 1, only ann 2, neither 7 →
		//   2(1·7 − 0) / ((3)(9) + (1)(7)) = 14/34 = 7/17; bob {0,1,3,4} vs cat: 2·6 / ((4)(9) + (1)(6)) = 12/42 = 2/7
		expect(report.labels.actor.cohen_kappa).toBeCloseTo((18 / 23 + 7 / 17 + 2 / 7) / 3, 14);
		// claim: ann–bob −4/21; ann–cat identical → 1; bob {1..9} vs cat {0..5}: both 5, only bob 4,
		//   only cat 1, neither 0 → 2(0 − 4) / ((9)(4) + (6)(1)) = −4/21 → mean (1 − 8/21)/3 = 13/63
		expect(report.labels.claim.cohen_kappa).toBeCloseTo(13 / 63, 14);
	});

	it('gives Fleiss\' kappa per label and pooled', () => {
		// actor, raters per token: t0 3, t1 2, t2 0, t3 2, t4 1, t5–t9 0 → histogram [6, 1, 2, 1]
		// S = 6·9 + 1·5 + 2·5 + 1·9 = 78, M = 30, marked 8, T = 8² + 22² = 548
		// κ = (48·30 − 548·2) / (2·(900 − 548)) = 344/704 = 43/88
		expect(report.labels.actor.fleiss_kappa).toBeCloseTo(43 / 88, 14);
		// claim: t0 2 (ann, cat), t1–t5 3, t6–t9 1 (bob) → histogram [0, 4, 1, 5]
		// S = 4·5 + 1·5 + 5·9 = 70, marked 4 + 2 + 15 = 21, T = 21² + 9² = 522
		// κ = (40·30 − 522·2) / (2·(900 − 522)) = 156/756 = 13/63
		expect(report.labels.claim.fleiss_kappa).toBeCloseTo(13 / 63, 14);
		// pooled histogram [6, 5, 3, 6]: S = 54 + 25 + 15 + 54 = 148, M = 60, marked 5 + 6 + 18 = 29
		// T = 29² + 31² = 1802 → κ = (88·60 − 1802·2) / (2·(3600 − 1802)) = 1676/3596 = 419/899
		expect(report.overall.micro.fleiss_kappa).toBeCloseTo(419 / 899, 14);
		expect(report.overall.macro.fleiss_kappa).toBeCloseTo((43 / 88 + 13 / 63) / 2, 14);
	});

	it('gives α_u of all three coders', () => {
		const actor = (spans: AgreementSpan[]) => spans.filter((s) => s.label === 'actor');
		const units = [actor(ANN), actor(BOB).slice(0, 2), actor(CAT)];
		expect(report.labels.actor.krippendorff_alpha_u).toBeCloseTo(krippendorffAlphaU([{ length: 29, units }])!, 14);
	});
});

describe('computeAgreement, edge cases', () => {
	it('an annotator with no spans', () => {
		const report = computeAgreement({ articles: [article(ANN)], annotators: ['ann', 'dan'] });
		const pair = report.pairs[0];
		// dan has no spans: precision null, recall 0 of 2, F1 0
		expectPrf(pair.labels.actor.exact, p(null, 0, 0, 0, 0, 2));
		// actor tokens: ann {0,1,3}, dan none → both 0, only ann 3, neither 7
		// κ = 2(0·7 − 3·0) / ((3)(7) + (0)(7)) = 0  (p_o = 0.7 = p_e)
		expect(pair.labels.actor.cohen_kappa).toBe(0);
		// claim: nobody but ann, α_u is defined: dan's gap holds ann's unit
		expect(report.labels.claim.krippendorff_alpha_u).not.toBeNull();
	});

	it('a single annotator: no pairs, kappas and α_u null', () => {
		const report = computeAgreement({ articles: [article(ANN)] });
		expect(report.annotators).toEqual(['ann']);
		expect(report.pairs).toEqual([]);
		for (const figures of [report.labels.actor, report.overall.micro, report.overall.macro]) {
			expectPrf(figures.exact, p(null, null, null, 0, 0, 0));
			expect(figures.cohen_kappa).toBeNull();
			expect(figures.fleiss_kappa).toBeNull();
			expect(figures.krippendorff_alpha_u).toBeNull();
		}
	});

	it('no articles, no annotators, no labels', () => {
		const report = computeAgreement({ articles: [] });
		expect(report.annotators).toEqual([]);
		expect(Object.keys(report.labels)).toEqual([]);
		expect(report.pairs).toEqual([]);
		expectPrf(report.overall.micro.exact, p(null, null, null, 0, 0, 0));
		expect(report.overall.micro.cohen_kappa).toBeNull();
		expect(report.overall.macro.krippendorff_alpha_u).toBeNull();
	});

	it('a label nobody used has null kappas and α_u', () => {
		const report = computeAgreement({ articles: [article([...ANN, ...BOB])], labels: ['actor', 'figure'] });
		expect(Object.keys(report.labels)).toEqual(['actor', 'figure']);
		// 10 tokens neither marked: p_e = 1
		expect(report.labels.figure.cohen_kappa).toBeNull();
		expect(report.labels.figure.krippendorff_alpha_u).toBeNull();
		expectPrf(report.labels.figure.exact, p(null, null, null, 0, 0, 0));
		// macro skips it: actor alone
		expect(report.overall.macro.cohen_kappa).toBeCloseTo(18 / 23, 14);
		// and claim spans are ignored: micro = actor
		expectPrf(report.overall.micro.exact, p(0.5, 0.5, 0.5, 1, 1, 1));
	});

	it('nested spans of one label: tokens unchanged, α_u undefined for that label only', () => {
		const nested = [...ANN, span('ann', 'claim', 3, 5)];
		const report = computeAgreement({ articles: [article([...nested, ...BOB])] });
		// [3,5) lies inside [0,17): the claim tokens are still {0..5}
		expect(report.labels.claim.cohen_kappa).toBeCloseTo(-4 / 21, 14);
		// claim exact: A = {[0,17), [3,5)}, B = {[3,29)} → tp 0, fp 1, fn 2; overlap picks [0,17) (∩ 14)
		expectPrf(report.labels.claim.overlap, p(1, 0.5, 2 / 3, 1, 0, 1));
		expect(report.labels.claim.krippendorff_alpha_u).toBeNull();
		expect(report.labels.actor.krippendorff_alpha_u).toBeCloseTo(8803 / 11513, 14);
		expect(report.overall.micro.krippendorff_alpha_u).toBeNull();
		expect(report.overall.macro.krippendorff_alpha_u).toBeCloseTo(8803 / 11513, 14);
	});

	it('crossing spans of different labels are independent', () => {
		// ann's claim [0,17) crosses bob's claim [3,29); give bob an actor crossing ann's claim too:
		const report = computeAgreement({ articles: [article([...ANN, ...BOB, span('bob', 'actor', 15, 20)])] });
		expect(report.labels.claim.cohen_kappa).toBeCloseTo(-4 / 21, 14);
		// actor: bob now {0,1,3,4,5,6}: both 3, only bob 3, neither 4 → 2(3·4) / ((3)(4) + (6)(7)) = 24/54 = 4/9
		expect(report.labels.actor.cohen_kappa).toBeCloseTo(4 / 9, 14);
	});

	it('ignores spans of unlisted annotators and labels; keeps the given annotator order', () => {
		const report = computeAgreement({ articles: [article([...ANN, ...BOB, ...CAT])], annotators: ['bob', 'ann'], labels: ['actor'] });
		expect(report.pairs.map((pair) => [pair.a, pair.b])).toEqual([['bob', 'ann']]);
		expect(Object.keys(report.labels)).toEqual(['actor']);
		expect(report.labels.actor.cohen_kappa).toBeCloseTo(18 / 23, 14);
	});

	it('takes label names that are Object.prototype keys', () => {
		const spans = [span('x', '__proto__', 0, 2), span('y', '__proto__', 0, 2), span('x', 'constructor', 3, 5)];
		const report = computeAgreement({ articles: [article(spans)] });
		expect(Object.keys(report.labels)).toEqual(['__proto__', 'constructor']);
		expect(report.labels['__proto__'].exact.f1).toBe(1);
		expect(JSON.parse(JSON.stringify(report)).labels['__proto__'].exact.f1).toBe(1);
	});

	it('rejects spans outside their text and repeated article ids', () => {
		expect(() => computeAgreement({ articles: [article([span('ann', 'actor', 20, 40)])] })).toThrow(/beyond the text/);
		expect(() => computeAgreement({ articles: [article([span('ann', 'actor', 5, 5)])] })).toThrow(RangeError);
		expect(() => computeAgreement({ articles: [article(ANN), article(BOB)] })).toThrow(/appears twice/);
		expect(() => computeAgreement({ articles: [{ ...article(ANN), tokens: new Int32Array([0, 40]) }] })).toThrow(RangeError);
	});

	it('uses tokens given with the article', () => {
		const given = computeAgreement({ articles: [{ ...article([...ANN, ...BOB]), tokens: tokenOffsets(TEXT) }] });
		expect(given).toEqual(computeAgreement({ articles: [article([...ANN, ...BOB])] }));
	});
});

describe('computeAgreement per article', () => {
	const first = article([...ANN, ...BOB], 'first');
	// second: "xx yy" (tokens 0–2, 3–5), both mark actor [0,2)
	const second = article([span('ann', 'actor', 0, 2), span('bob', 'actor', 0, 2)], 'second', 'xx yy');
	const report = computeAgreement({ articles: [first, second] }, { perArticle: true });

	it('reports each article alone, with the session\'s annotators and labels', () => {
		expect(Object.keys(report.articles!)).toEqual(['first', 'second']);
		expect(report.articles!.first).toEqual(computeArticleAgreement(first));
		expect(report.articles!.second).toEqual(computeArticleAgreement(second, { labels: ['actor', 'claim'] }));
		expect(report.articles!.second.labels.actor.exact.f1).toBe(1);
		expect(computeAgreement({ articles: [first, second] }).articles).toBeUndefined();
	});

	it('sums the counts across articles', () => {
		// actor exact: first tp 1, fp 1, fn 1; second tp 1 → tp 2, fp 1, fn 1 → P = R = F1 = 2/3
		expectPrf(report.labels.actor.exact, p(2 / 3, 2 / 3, 2 / 3, 2, 1, 1));
		// actor tokens: first (3, 0, 1, 6) + second (1, 0, 0, 1) = (4, 0, 1, 7)
		// κ = 2(4·7 − 0) / ((4)(7) + (5)(8)) = 56/68 = 14/17
		expect(report.labels.actor.cohen_kappa).toBeCloseTo(14 / 17, 14);
		const withoutArticles = computeAgreement({ articles: [first, second] });
		expect({ ...report, articles: undefined }).toEqual({ ...withoutArticles, articles: undefined });
	});
});

describe('computeAgreement properties', () => {
	const words = 'aa bb cc dd ee ff gg hh ii jj kk ll';
	const spans = fc.array(
		fc.record({
			label: fc.constantFrom('actor', 'claim', 'figure'),
			start: fc.integer({ min: 0, max: words.length - 1 }),
			length: fc.integer({ min: 1, max: 12 })
		}),
		{ maxLength: 10 }
	);
	const toSpans = (annotator: string, list: { label: string; start: number; length: number }[]) =>
		list.map(({ label, start, length }) => span(annotator, label, start, Math.min(words.length, start + length)));

	it('an annotator agrees perfectly with an identical copy where the figures are defined', () => {
		fc.assert(
			fc.property(spans, (list) => {
				const report = computeAgreement({ articles: [article([...toSpans('x', list), ...toSpans('y', list)], 'a', words)] });
				for (const figures of [...Object.values(report.labels), report.overall.micro, report.overall.macro]) {
					for (const value of [figures.exact.f1, figures.overlap.f1, figures.cohen_kappa, figures.krippendorff_alpha_u]) {
						if (value !== null) expect(value).toBeCloseTo(1, 12);
					}
					expect(figures.exact.fp + figures.exact.fn).toBe(0);
				}
				if (list.length > 0) expect(report.overall.micro.exact.f1).toBe(1);
			})
		);
	});

	it('swapping the annotators swaps precision and recall and keeps F1 and kappa', () => {
		fc.assert(
			fc.property(spans, spans, (x, y) => {
				const input = { articles: [article([...toSpans('x', x), ...toSpans('y', y)], 'a', words)] };
				const xy = computeAgreement({ ...input, annotators: ['x', 'y'] });
				const yx = computeAgreement({ ...input, annotators: ['y', 'x'] });
				for (const [f, g] of [
					[xy.overall.micro, yx.overall.micro],
					...Object.keys(xy.labels).map((label) => [xy.labels[label], yx.labels[label]])
				]) {
					for (const kind of ['exact', 'overlap'] as const) {
						expect(g[kind].precision).toBe(f[kind].recall);
						expect(g[kind].recall).toBe(f[kind].precision);
						expect(g[kind].f1).toBe(f[kind].f1);
					}
					expect(g.cohen_kappa).toBe(f.cohen_kappa);
					expect(g.krippendorff_alpha_u).toBe(f.krippendorff_alpha_u);
				}
			})
		);
	});
});
