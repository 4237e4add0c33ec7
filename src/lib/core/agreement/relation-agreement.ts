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

/** Order of links: by head, then tail (start, end), then key; the same for any input order. */
function compareLinks(a: Link, b: Link): number {
	return (
		a.head.start - b.head.start ||
		a.head.end - b.head.end ||
		a.tail.start - b.tail.start ||
		a.tail.end - b.tail.end ||
		(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
	);
}

/** The links as a set (equal ones once), in `compareLinks` order. */
function uniqueLinks(links: readonly Link[]): Link[] {
	if (links.length === 0) return [];
	const sorted = [...links].sort(compareLinks);
	const out: Link[] = [sorted[0]];
	for (let k = 1; k < sorted.length; k++) if (sorted[k].key !== out[out.length - 1].key) out.push(sorted[k]);
	return out;
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

/**
 * The ends of a list sorted by start, to find those that intersect a range: only ends starting
 * after `start − longest` and before `end` can (a sweep instead of comparing every pair, which at
 * 3,000 relations per annotator took seconds).
 */
class EndIndex {
	readonly #order: Int32Array;
	readonly #starts: Float64Array;
	readonly #longest: number;
	constructor(ends: readonly AgreementRelationEnd[]) {
		const order = new Int32Array(ends.length);
		let sorted = true;
		let longest = 0;
		for (let k = 0; k < ends.length; k++) {
			order[k] = k;
			if (k > 0 && ends[k].start < ends[k - 1].start) sorted = false;
			longest = Math.max(longest, ends[k].end - ends[k].start);
		}
		// Heads of `uniqueLinks` come sorted already; tails need sorting.
		if (!sorted) order.set(Array.from(order).sort((x, y) => ends[x].start - ends[y].start));
		this.#order = order;
		this.#starts = Float64Array.from(order, (k) => ends[k].start);
		this.#longest = longest;
	}

	/** Calls `visit` with the index of each end that may intersect [start, end). */
	forEachNear(start: number, end: number, visit: (k: number) => void): void {
		const from = start - this.#longest;
		let low = 0;
		let high = this.#starts.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.#starts[mid] <= from) low = mid + 1;
			else high = mid;
		}
		for (let m = low; m < this.#starts.length && this.#starts[m] < end; m++) visit(this.#order[m]);
	}
}

/** Exact and overlap match counts of two annotators' links of one type (each a set). */
export function matchRelationLinks(a: readonly Link[], b: readonly Link[], symmetric: boolean): { exact: number; overlap: number } {
	const keys = new Set(a.map((l) => l.key));
	const exact = b.filter((l) => keys.has(l.key)).length;
	const candidates: { i: number; j: number; inter: number; union: number }[] = [];
	// A matching pair has intersecting heads, or (symmetric, crossed) a's head meets b's tail.
	const byHead = new EndIndex(b.map((l) => l.head));
	const byTail = symmetric ? new EndIndex(b.map((l) => l.tail)) : null;
	const seen = new Int32Array(b.length).fill(-1);
	for (let i = 0; i < a.length; i++) {
		const consider = (j: number) => {
			if (seen[j] === i) return;
			seen[j] = i;
			const o = linkOverlap(a[i], b[j], symmetric);
			if (o) candidates.push({ i, j, ...o });
		};
		byHead.forEachNear(a[i].head.start, a[i].head.end, consider);
		byTail?.forEachNear(a[i].head.start, a[i].head.end, consider);
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
			const problem = offsetRangeProblem(r.head.start, r.head.end, article.text.length);
			const which = problem ? 'head' : 'tail';
			const bad = problem ?? offsetRangeProblem(r.tail.start, r.tail.end, article.text.length);
			if (bad) throw new RangeError(`article "${article.id}": ${r.label} relation by ${r.annotator}: ${which} ${bad.field} ${bad.detail}`);
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
