import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeAgreement } from './agreement';
import { computeRelationAgreement, resolveAgreementRelations } from './relation-agreement';
import type { AgreementArticle, AgreementRelation } from './types';
import { spanBuilder } from '../testing/spans';

const TEXT = 'x'.repeat(100);
const end = (start: number, stop: number, label: string) => ({ start, end: stop, label });
const rel = (annotator: string, label: string, head: [number, number, string], tail: [number, number, string]): AgreementRelation => ({
	label, annotator, head: end(...head), tail: end(...tail)
});

/**
 * maria: source 10–40 → 0–5, source 60–80 → 82–90, about 10–40 → 41–45 (figure).
 * jon:   source 10–40 → 0–5 (exact), source 60–79 → 82–91 (overlap only), source 10–40 → 50–55 (no match).
 * ines:  source 10–40 → 0–5.
 */
const relations: AgreementRelation[] = [
	rel('maria', 'source', [10, 40, 'claim'], [0, 5, 'actor']),
	rel('maria', 'source', [60, 80, 'claim'], [82, 90, 'actor']),
	rel('maria', 'about', [10, 40, 'claim'], [41, 45, 'figure']),
	rel('jon', 'source', [10, 40, 'claim'], [0, 5, 'actor']),
	rel('jon', 'source', [60, 79, 'claim'], [82, 91, 'actor']),
	rel('jon', 'source', [10, 40, 'claim'], [50, 55, 'actor']),
	rel('ines', 'source', [10, 40, 'claim'], [0, 5, 'actor']),
	// a repeat counts once
	rel('ines', 'source', [10, 40, 'claim'], [0, 5, 'actor'])
];
const article: AgreementArticle = { id: 'a', text: TEXT, spans: [], relations };

describe('computeRelationAgreement (figures counted by hand)', () => {
	const report = computeRelationAgreement([article], ['ines', 'jon', 'maria']);

	it('per pair and type: exact needs both ends equal, overlap both ends overlapping with the same labels', () => {
		const [inesJon, inesMaria, jonMaria] = report.pairs;
		expect([inesJon.a, inesJon.b, jonMaria.a, jonMaria.b]).toEqual(['ines', 'jon', 'jon', 'maria']);
		// ines {I1} vs jon {J1, J2, J3}: 1 exact → P 1/3, R 1, F1 2·1/(1+3) = 0.5.
		expect(inesJon.types.source.exact).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5, tp: 1, fp: 2, fn: 0 });
		// ines vs maria {M1, M2}: F1 2/3.
		expect(inesMaria.types.source.exact.f1).toBeCloseTo(2 / 3, 12);
		// jon vs maria: exact 1 (F1 2/5), overlap 2 (60–79 → 82–91 ~ 60–80 → 82–90: F1 4/5).
		expect(jonMaria.types.source.exact).toMatchObject({ tp: 1, f1: 0.4 });
		expect(jonMaria.types.source.overlap).toMatchObject({ tp: 2, f1: 0.8 });
		// about: only maria, b of the pair, has one: precision 0 over her one relation, recall undefined (jon has none).
		expect(jonMaria.types.about.exact).toEqual({ precision: 0, recall: null, f1: 0, tp: 0, fp: 1, fn: 0 });
		expect(inesJon.types.about.exact).toEqual({ precision: null, recall: null, f1: null, tp: 0, fp: 0, fn: 0 });
		// The pair's overall pools its types: jon/maria exact tp 1 of |A| 3, |B| 3 → F1 1/3.
		expect(jonMaria.overall.exact.f1).toBeCloseTo(1 / 3, 12);
	});

	it('per type pooled over pairs, and overall micro and macro', () => {
		// source exact: tp 1+1+1 = 3, |A| 1+1+3 = 5, |B| 3+2+2 = 7 → P 3/7, R 3/5, F1 6/12.
		expect(report.types.source.exact).toEqual({ precision: 3 / 7, recall: 3 / 5, f1: 0.5, tp: 3, fp: 4, fn: 2 });
		// source overlap: tp 1+1+2 = 4 → F1 8/12.
		expect(report.types.source.overlap.f1).toBeCloseTo(2 / 3, 12);
		// about: |A| 0, |B| 2 → F1 0.
		expect(report.types.about.exact).toMatchObject({ tp: 0, f1: 0, recall: null });
		// micro: exact tp 3 of |A| 5, |B| 9 → F1 6/14; overlap tp 4 → 8/14.
		expect(report.overall.micro.exact.f1).toBeCloseTo(3 / 7, 12);
		expect(report.overall.micro.overlap.f1).toBeCloseTo(4 / 7, 12);
		// macro: mean of the type F1s (0.5 and 0; 2/3 and 0), counts as micro's.
		expect(report.overall.macro.exact).toMatchObject({ f1: 0.25, tp: 3 });
		expect(report.overall.macro.overlap.f1).toBeCloseTo(1 / 3, 12);
	});

	it('matches a symmetric type either way round, a directed one only head to head', () => {
		const links = [rel('maria', 'same_as', [0, 5, 'actor'], [50, 55, 'actor']), rel('jon', 'same_as', [50, 55, 'actor'], [0, 5, 'actor'])];
		const one = [{ ...article, relations: links }];
		expect(computeRelationAgreement(one, ['jon', 'maria'], { symmetric: new Set(['same_as']) }).types.same_as.exact.f1).toBe(1);
		const directed = computeRelationAgreement(one, ['jon', 'maria']).types.same_as;
		expect([directed.exact.f1, directed.overlap.f1]).toEqual([0, 0]);
		// By overlap, crossed: 0–6 ~ 0–5 and 49–55 ~ 50–55.
		const near = [{ ...article, relations: [links[0], rel('jon', 'same_as', [49, 55, 'actor'], [0, 6, 'actor'])] }];
		const sym = computeRelationAgreement(near, ['jon', 'maria'], { symmetric: new Set(['same_as']) }).types.same_as;
		expect([sym.exact.f1, sym.overlap.f1]).toEqual([0, 1]);
	});

	it('an end with another label or only touching is no overlap; each relation matches at most one', () => {
		const links = [
			rel('maria', 'source', [10, 40, 'claim'], [0, 5, 'actor']),
			rel('jon', 'source', [10, 40, 'claim'], [0, 5, 'figure']),
			rel('jon', 'source', [40, 60, 'claim'], [0, 5, 'actor']),
			rel('jon', 'source', [11, 40, 'claim'], [1, 5, 'actor']),
			rel('jon', 'source', [12, 40, 'claim'], [2, 5, 'actor'])
		];
		const r = computeRelationAgreement([{ ...article, relations: links }], ['jon', 'maria']).types.source;
		expect(r.exact.tp).toBe(0);
		expect(r.overlap).toMatchObject({ tp: 1, fp: 0, fn: 3 });
	});

	it('throws a RangeError naming the article for an end outside the text', () => {
		expect(() => computeRelationAgreement([{ ...article, relations: [rel('maria', 'source', [10, 140, 'claim'], [0, 5, 'actor'])] }], ['maria'])).toThrow(
			/article "a": source relation by maria: head end 140 is beyond the text/
		);
	});
});

describe('relations in computeAgreement and resolving them from spans', () => {
	it('adds report.relations only when some article has relations, with annotators who made only relations', () => {
		const span = spanBuilder();
		const spans = [span('maria', 0, 5, 'actor'), span('jon', 0, 5, 'actor')];
		const without = computeAgreement({ articles: [{ id: 'a', text: TEXT, spans }] });
		expect(Object.keys(without)).toEqual(['annotators', 'labels', 'overall', 'pairs']);
		const withRelations = computeAgreement({ articles: [{ ...article, spans }] }, { perArticle: true });
		expect(withRelations.annotators).toEqual(['ines', 'jon', 'maria']);
		expect(withRelations.relations?.types.source.exact.f1).toBe(0.5);
		expect(withRelations.articles?.a.relations?.types.source.exact.f1).toBe(0.5);
	});

	it('resolves relations to their spans, leaving out those with a missing end', () => {
		const span = spanBuilder();
		const [claim, actor] = [span('maria', 10, 40, 'claim'), span('maria', 0, 5, 'actor')];
		const base = { articleId: 'a', annotator: 'maria', createdAt: 0, updatedAt: 0 };
		expect(resolveAgreementRelations([claim, actor], [{ ...base, id: 'r1', label: 'source', head: claim.id, tail: actor.id }, { ...base, id: 'r2', label: 'source', head: claim.id, tail: 'gone' }])).toEqual([
			{ label: 'source', annotator: 'maria', head: { start: 10, end: 40, label: 'claim' }, tail: { start: 0, end: 5, label: 'actor' } }
		]);
	});
});

describe('relation overlap matching, against comparing every pair', () => {
	type End = AgreementRelation['head'];
	const k = (e: End) => `${e.start}:${e.end}:${e.label}`;

	/** The module comment's greedy matching over every pair (no sweep), written out again as the oracle. */
	function bruteOverlap(a: AgreementRelation[], b: AgreementRelation[], symmetric: boolean): number {
		const norm = (r: AgreementRelation) => {
			const [head, tail] = symmetric && k(r.tail) < k(r.head) ? [r.tail, r.head] : [r.head, r.tail];
			return { head, tail, key: `${k(head)}>${k(tail)}` };
		};
		const order = (p: ReturnType<typeof norm>, q: ReturnType<typeof norm>) =>
			p.head.start - q.head.start || p.head.end - q.head.end || p.tail.start - q.tail.start || p.tail.end - q.tail.end || (p.key < q.key ? -1 : p.key > q.key ? 1 : 0);
		const unique = (xs: AgreementRelation[]) => [...new Map(xs.map(norm).map((x) => [x.key, x])).values()].sort(order);
		const [x, y] = [unique(a), unique(b)];
		const meet = (p: End, q: End) =>
			p.label === q.label && Math.min(p.end, q.end) > Math.max(p.start, q.start)
				? { inter: Math.min(p.end, q.end) - Math.max(p.start, q.start), union: Math.max(p.end, q.end) - Math.min(p.start, q.start) }
				: null;
		const both = (p: End, q: End, r: End, w: End) => {
			const one = meet(p, q);
			const two = meet(r, w);
			return one && two ? { inter: one.inter + two.inter, union: one.union + two.union } : null;
		};
		const pairs: { i: number; j: number; inter: number; union: number }[] = [];
		x.forEach((p, i) =>
			y.forEach((q, j) => {
				const straight = both(p.head, q.head, p.tail, q.tail);
				const crossed = symmetric ? both(p.head, q.tail, p.tail, q.head) : null;
				const best = !straight ? crossed : !crossed ? straight : crossed.inter > straight.inter || (crossed.inter === straight.inter && crossed.union < straight.union) ? crossed : straight;
				if (best) pairs.push({ i, j, ...best });
			})
		);
		pairs.sort((p, q) => q.inter - p.inter || p.union - q.union || p.i - q.i || p.j - q.j);
		const usedA = new Set<number>();
		const usedB = new Set<number>();
		let tp = 0;
		for (const { i, j } of pairs) {
			if (usedA.has(i) || usedB.has(j)) continue;
			usedA.add(i);
			usedB.add(j);
			tp++;
		}
		return tp;
	}

	it('pairs exactly as comparing every pair would (random relations, nested and long ends, both directions)', () => {
		const endArb = fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 40 }), fc.constantFrom('claim', 'actor')).map(([start, length, label]) => ({ start, end: start + length, label }));
		const relArb = (annotator: string) => fc.record({ head: endArb, tail: endArb }).map(({ head, tail }): AgreementRelation => ({ label: 'r', annotator, head, tail }));
		fc.assert(
			fc.property(fc.array(relArb('a'), { maxLength: 10 }), fc.array(relArb('b'), { maxLength: 10 }), fc.boolean(), (a, b, symmetric) => {
				fc.pre(a.length + b.length > 0);
				const got = computeRelationAgreement([{ id: 'x', text: 'x'.repeat(120), spans: [], relations: [...a, ...b] }], ['a', 'b'], symmetric ? { symmetric: new Set(['r']) } : {});
				expect(got.types.r.overlap.tp).toBe(bruteOverlap(a, b, symmetric));
				expect(got.types.r.exact.tp).toBeLessThanOrEqual(got.types.r.overlap.tp);
			}),
			{ numRuns: 400 }
		);
	});
});
