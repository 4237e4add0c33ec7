/**
 * Relation-level agreement between annotators: precision, recall and F1 per relation type, exact and
 * by overlap, per annotator pair and pooled over pairs, like span agreement (spans-match.ts has the
 * formulas and the null cases; `a` is the reference of a pair).
 *
 * A relation is (type, head, tail), each end a span's range and label. Each annotator's relations are
 * a set: equal ones count once.
 * - Exact match: same type, and both ends equal (same start, end and label).
 * - Overlap match: same type, and each end intersects the other relation's end with the same label
 *   (touching ranges do not). One-to-one, chosen greedily: every matching pair is a candidate, taken in
 *   order of (1) larger summed intersection of the two ends, (2) smaller summed union, (3) the order of
 *   the relations; so an exact match always wins over other candidates of its relations and overlap
 *   tp ≥ exact tp.
 * A symmetric type (`symmetricRelations`) matches either way round: its ends are compared as an
 * unordered pair (for overlap, the better of the two pairings).
 *
 * Pooling: tp, |A| and |B| are summed over articles (and, for `types` and `overall`, over all pairs);
 * P/R/F1 come from the sums. `overall.micro` pools all types; `overall.macro` (and a pair's `macro`)
 * averages the per-type ratios, skipping nulls, with the pooled counts.
 */
import { offsetRangeProblem } from '../spans/bounds';
import type { Relation, Span } from '../types';
import { prf, prfFromSizes, type PRF } from './spans-match';
import type { AgreementArticle, AgreementRelation, AgreementRelationEnd, RelationAgreement, RelationFigures, RelationPairFigures } from './types';

const endKey = (e: AgreementRelationEnd) => `${e.start}:${e.end}:${e.label}`;

/** The relations' ends resolved to `spans` (by id), as agreement takes them; relations with a missing end are left out. */
export function resolveAgreementRelations(spans: readonly Span[], relations: readonly Relation[]): AgreementRelation[] {
	const byId = new Map(spans.map((s) => [s.id, s]));
	const out: AgreementRelation[] = [];
	for (const r of relations) {
		const head = byId.get(r.head);
		const tail = byId.get(r.tail);
		if (!head || !tail) continue;
		out.push({ label: r.label, annotator: r.annotator, head: { start: head.start, end: head.end, label: head.label }, tail: { start: tail.start, end: tail.end, label: tail.label } });
	}
	return out;
}

/** A relation of one type as matching sees it: its ends (in key order for a symmetric type) and its key. */
interface Link {
	readonly head: AgreementRelationEnd;
	readonly tail: AgreementRelationEnd;
	readonly key: string;
}

function link(r: AgreementRelation, symmetric: boolean): Link {
	const [head, tail] = symmetric && endKey(r.tail) < endKey(r.head) ? [r.tail, r.head] : [r.head, r.tail];
	return { head, tail, key: `${endKey(head)}>${endKey(tail)}` };
}

/** The links as a set (equal ones once), in key order. */
function uniqueLinks(links: readonly Link[]): Link[] {
	const byKey = new Map<string, Link>();
	for (const l of links) if (!byKey.has(l.key)) byKey.set(l.key, l);
	return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Intersection and union of two ends with the same label; null when they do not intersect. */
function endOverlap(a: AgreementRelationEnd, b: AgreementRelationEnd): { inter: number; union: number } | null {
	if (a.label !== b.label) return null;
	const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
	return inter > 0 ? { inter, union: Math.max(a.end, b.end) - Math.min(a.start, b.start) } : null;
}

/** How well two links overlap end to end (both ways round for a symmetric type); null when they do not. */
function linkOverlap(a: Link, b: Link, symmetric: boolean): { inter: number; union: number } | null {
	const pair = (x: AgreementRelationEnd, y: AgreementRelationEnd, z: AgreementRelationEnd, w: AgreementRelationEnd) => {
		const one = endOverlap(x, y);
		const two = endOverlap(z, w);
		return one && two ? { inter: one.inter + two.inter, union: one.union + two.union } : null;
	};
	const straight = pair(a.head, b.head, a.tail, b.tail);
	const crossed = symmetric ? pair(a.head, b.tail, a.tail, b.head) : null;
	if (!straight) return crossed;
	if (!crossed) return straight;
	return crossed.inter > straight.inter || (crossed.inter === straight.inter && crossed.union < straight.union) ? crossed : straight;
}

/** Exact and overlap match counts of two annotators' links of one type (each a set). */
export function matchRelationLinks(a: readonly Link[], b: readonly Link[], symmetric: boolean): { exact: number; overlap: number } {
	const keys = new Set(a.map((l) => l.key));
	const exact = b.filter((l) => keys.has(l.key)).length;
	const candidates: { i: number; j: number; inter: number; union: number }[] = [];
	for (let i = 0; i < a.length; i++) {
		for (let j = 0; j < b.length; j++) {
			const o = linkOverlap(a[i], b[j], symmetric);
			if (o) candidates.push({ i, j, ...o });
		}
	}
	candidates.sort((p, q) => q.inter - p.inter || p.union - q.union || p.i - q.i || p.j - q.j);
	const usedA = new Uint8Array(a.length);
	const usedB = new Uint8Array(b.length);
	let overlap = 0;
	for (const { i, j } of candidates) {
		if (usedA[i] || usedB[j]) continue;
		usedA[i] = usedB[j] = 1;
		overlap++;
	}
	return { exact, overlap };
}

/** Counts per (pair, type): exact tp, overlap tp, |A|, |B|. */
type Tally = Float64Array;
const CELLS = 4;

function mean(values: readonly (number | null)[]): number | null {
	const defined = values.filter((v): v is number => v !== null);
	return defined.length > 0 ? defined.reduce((x, y) => x + y, 0) / defined.length : null;
}

function figuresOf(tally: Tally, cells: readonly number[]): RelationFigures {
	let exact = 0;
	let overlap = 0;
	let sizeA = 0;
	let sizeB = 0;
	for (const at of cells) {
		exact += tally[at];
		overlap += tally[at + 1];
		sizeA += tally[at + 2];
		sizeB += tally[at + 3];
	}
	return { exact: prfFromSizes(exact, sizeA, sizeB), overlap: prfFromSizes(overlap, sizeA, sizeB) };
}

function macroOf(perType: readonly RelationFigures[], pooled: RelationFigures): RelationFigures {
	const average = (pick: (f: RelationFigures) => PRF, counts: PRF): PRF => ({
		...prf(counts.tp, counts.fp, counts.fn),
		precision: mean(perType.map((f) => pick(f).precision)),
		recall: mean(perType.map((f) => pick(f).recall)),
		f1: mean(perType.map((f) => pick(f).f1))
	});
	return { exact: average((f) => f.exact, pooled.exact), overlap: average((f) => f.overlap, pooled.overlap) };
}

/**
 * Relation agreement of `annotators` (pairs (a, b) for a before b) over `articles`; types default to
 * every type seen, sorted. Relations of other annotators or types are ignored. RangeError on an end
 * outside its article's text.
 */
export function computeRelationAgreement(
	articles: readonly AgreementArticle[],
	annotators: readonly string[],
	options: { readonly types?: readonly string[]; readonly symmetric?: ReadonlySet<string> } = {}
): RelationAgreement {
	const types = options.types ? [...new Set(options.types)] : [...new Set(articles.flatMap((a) => (a.relations ?? []).map((r) => r.label)))].sort();
	const symmetric = options.symmetric ?? new Set<string>();
	const annotatorIndex = new Map(annotators.map((name, i) => [name, i]));
	const typeIndex = new Map(types.map((name, t) => [name, t]));
	const pairs: [number, number][] = [];
	for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) pairs.push([i, j]);
	const K = types.length;
	const tally: Tally = new Float64Array(pairs.length * K * CELLS);

	for (const article of articles) {
		const buckets: Link[][] = Array.from({ length: annotators.length * K }, () => []);
		for (const r of article.relations ?? []) {
			for (const [which, e] of [['head', r.head], ['tail', r.tail]] as const) {
				const problem = offsetRangeProblem(e.start, e.end, article.text.length);
				if (problem) throw new RangeError(`article "${article.id}": ${r.label} relation by ${r.annotator}: ${which} ${problem.field} ${problem.detail}`);
			}
			const who = annotatorIndex.get(r.annotator);
			const t = typeIndex.get(r.label);
			if (who !== undefined && t !== undefined) buckets[who * K + t].push(link(r, symmetric.has(r.label)));
		}
		const sets = buckets.map(uniqueLinks);
		for (let p = 0; p < pairs.length; p++) {
			for (let t = 0; t < K; t++) {
				const a = sets[pairs[p][0] * K + t];
				const b = sets[pairs[p][1] * K + t];
				if (a.length === 0 && b.length === 0) continue;
				const m = matchRelationLinks(a, b, symmetric.has(types[t]));
				const at = (p * K + t) * CELLS;
				tally[at] += m.exact;
				tally[at + 1] += m.overlap;
				tally[at + 2] += a.length;
				tally[at + 3] += b.length;
			}
		}
	}

	const cells = (ps: readonly number[], ts: readonly number[]) => ps.flatMap((p) => ts.map((t) => (p * K + t) * CELLS));
	const allTypes = types.map((_, t) => t);
	const allPairs = pairs.map((_, p) => p);
	const pairFigures: RelationPairFigures[] = pairs.map(([i, j], p) => {
		const perType = allTypes.map((t) => figuresOf(tally, cells([p], [t])));
		const overall = figuresOf(tally, cells([p], allTypes));
		return { a: annotators[i], b: annotators[j], types: Object.fromEntries(perType.map((f, t) => [types[t], f])), overall, macro: macroOf(perType, overall) };
	});
	const perType = allTypes.map((t) => figuresOf(tally, cells(allPairs, [t])));
	const micro = figuresOf(tally, cells(allPairs, allTypes));
	return { types: Object.fromEntries(perType.map((f, t) => [types[t], f])), overall: { micro, macro: macroOf(perType, micro) }, pairs: pairFigures };
}
