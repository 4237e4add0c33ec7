/**
 * Review of relations: the candidate relations of an article as several annotators' layers propose
 * them, compared across annotators, and where each stands. A candidate is one distinct (type, head
 * span, tail span), its ends named by `start:end:label` like span candidates, so that two
 * annotators' relations between their own (equal) spans are the same candidate.
 *
 * Matching, as the agreement figures count it (agreement/relations-match.ts):
 * - exact: same type, and both ends the same span (same offsets and label);
 * - overlap: same type, and each end overlaps the other's with the same label. `similarTo` lists the
 *   other candidates that match a candidate by overlap only (the same link drawn over slightly
 *   different span edges); `overlapAnnotators` is who has it exactly or by overlap.
 *
 * A symmetric type (`rules.symmetric`) has no head and tail: its ends are put in key order, so A–B and
 * B–A are one candidate. Status:
 * - `conflict`: another candidate contradicts it: the same two ends with another type; the reverse
 *   link of the same directed type; or, for a type with at most one relation per head
 *   (`rules.onePerHead`, e.g. a claim has one source), the same head with another tail of that type;
 * - `unanimous`: every annotator of the review has it exactly; `partial`: some have it.
 *
 * Settled: `accepted` when gold has this relation (a gold relation of the type between gold spans
 * equal to its ends), `rejected` when `rejected` holds its key, else null. A gold relation needs its
 * two ends in gold: `headInGold` / `tailInGold` say whether they are, and relation-settle.ts plans
 * what accepting it takes.
 */
import type { Relation, Span } from '../types';
import { candidateKey } from './candidates';

/** One end of a candidate relation: a span as span candidates know it. */
export interface RelationEnd {
	readonly start: number;
	readonly end: number;
	readonly label: string;
}

export type RelationCandidateStatus = 'unanimous' | 'partial' | 'conflict';

export interface RelationCandidate {
	/** `head key>type>tail key` (span candidate keys): stable across reloads, so decisions can be stored by it. */
	readonly key: string;
	/** The relation type. */
	readonly label: string;
	readonly head: RelationEnd;
	readonly tail: RelationEnd;
	/** Who made exactly this relation, sorted. */
	readonly annotators: readonly string[];
	/** Ids of the annotators' relations it stands for (to show or jump to them), in input order. */
	readonly relationIds: readonly string[];
	/** Who made it exactly or by overlap (a relation of the type whose ends overlap these with the same labels), sorted. */
	readonly overlapAnnotators: readonly string[];
	/** Keys of the candidates that match this one by overlap but not exactly. */
	readonly similarTo: readonly string[];
	readonly status: RelationCandidateStatus;
	/** Keys of the candidates that contradict it. */
	readonly conflictsWith: readonly string[];
	readonly settled: 'accepted' | 'rejected' | null;
	/** Whether gold holds a span equal to each end. */
	readonly headInGold: boolean;
	readonly tailInGold: boolean;
}

/** The rules of the relation types that review needs, by type name. */
export interface RelationReviewRules {
	/** Types whose two ends are interchangeable. */
	readonly symmetric?: ReadonlySet<string>;
	/** Types with at most one relation per head span. */
	readonly onePerHead?: ReadonlySet<string>;
}

export interface RelationCandidateInput {
	/** Every layer's spans (the ends of `relations` must be among them; relations with an end elsewhere are ignored). */
	readonly spans: readonly Span[];
	readonly relations: readonly Relation[];
	/** Whose relations to compare; those of anyone else are ignored. */
	readonly annotators: readonly string[];
	/** The gold layer as it stands. */
	readonly goldSpans: readonly Span[];
	readonly goldRelations: readonly Relation[];
	/** Keys of candidates the reviewer rejected. */
	readonly rejected: ReadonlySet<string>;
	readonly rules?: RelationReviewRules;
}

/** The key of a relation between two ends. */
export function relationCandidateKey(label: string, head: RelationEnd, tail: RelationEnd): string {
	return `${candidateKey(head)}>${label}>${candidateKey(tail)}`;
}

/** The two ends in the order a candidate keeps them: as given, or in key order for a symmetric type. */
function ordered(label: string, head: RelationEnd, tail: RelationEnd, rules: RelationReviewRules): [RelationEnd, RelationEnd] {
	if (!rules.symmetric?.has(label)) return [head, tail];
	return candidateKey(tail) < candidateKey(head) ? [tail, head] : [head, tail];
}

/** The candidate key of a relation between spans `head` and `tail` under `rules` (symmetric types: ends in key order). */
export function relationKeyOf(label: string, head: RelationEnd, tail: RelationEnd, rules: RelationReviewRules = {}): string {
	const [a, b] = ordered(label, head, tail, rules);
	return relationCandidateKey(label, a, b);
}

/** Whether two ends overlap with the same label (touching ranges do not). */
export function endsOverlap(a: RelationEnd, b: RelationEnd): boolean {
	return a.label === b.label && a.start < b.end && b.start < a.end;
}

/** The ends of `relations` found among `spans`, as [relation, head, tail]; relations with a missing end are left out. */
export function resolveRelations(spans: readonly Span[], relations: readonly Relation[]): [Relation, Span, Span][] {
	const byId = new Map(spans.map((s) => [s.id, s]));
	const out: [Relation, Span, Span][] = [];
	for (const relation of relations) {
		const head = byId.get(relation.head);
		const tail = byId.get(relation.tail);
		if (head && tail) out.push([relation, head, tail]);
	}
	return out;
}

const end = (s: RelationEnd): RelationEnd => ({ start: s.start, end: s.end, label: s.label });

type Entry = readonly [string, { readonly label: string; readonly head: RelationEnd; readonly tail: RelationEnd }];

/**
 * Which candidates contradict each other and which match by overlap, each list in `entries` order.
 * Grouped instead of comparing every pair (five annotators with 3,000 relations each make 15,000
 * candidates): contradictions only occur between candidates over the same two spans, or with the
 * same head; overlap matches are found by a sweep over heads in start order.
 */
function compare(entries: readonly Entry[], rules: RelationReviewRules): { conflicts: Map<string, string[]>; similar: Map<string, string[]> } {
	const info = entries.map(([key, c], i) => ({ i, key, c, hk: candidateKey(c.head), tk: candidateKey(c.tail) }));
	const symmetric = (label: string) => rules.symmetric?.has(label) ?? false;
	const conflictPairs: [number, number][] = [];
	const groups = new Map<string, typeof info>();
	const group = (key: string, x: (typeof info)[number]) => (groups.get(key) ?? groups.set(key, []).get(key)!).push(x);
	for (const x of info) {
		group(`ends ${x.hk < x.tk ? `${x.hk}|${x.tk}` : `${x.tk}|${x.hk}`}`, x);
		if (rules.onePerHead?.has(x.c.label)) group(`head ${x.c.label}|${x.hk}`, x);
	}
	for (const [name, members] of groups) {
		for (let m = 0; m < members.length; m++) {
			for (let n = m + 1; n < members.length; n++) {
				const [a, b] = [members[m], members[n]];
				let contradicts: boolean;
				if (name.startsWith('head ')) contradicts = a.tk !== b.tk;
				else {
					const same = a.hk === b.hk && a.tk === b.tk;
					const reversed = a.hk === b.tk && a.tk === b.hk;
					contradicts =
						a.c.label !== b.c.label ? same || (reversed && (symmetric(a.c.label) || symmetric(b.c.label))) : reversed && !same && !symmetric(a.c.label);
				}
				if (contradicts) conflictPairs.push([a.i, b.i]);
			}
		}
	}
	const similarPairs: [number, number][] = [];
	const byLabel = new Map<string, typeof info>();
	for (const x of info) (byLabel.get(x.c.label) ?? byLabel.set(x.c.label, []).get(x.c.label)!).push(x);
	for (const members of byLabel.values()) {
		const sorted = [...members].sort((a, b) => a.c.head.start - b.c.head.start);
		for (let m = 0; m < sorted.length; m++) {
			const a = sorted[m];
			// Heads starting at or after a's head ends cannot overlap it; earlier ones were paired from their side.
			for (let n = m + 1; n < sorted.length && sorted[n].c.head.start < a.c.head.end; n++) {
				const b = sorted[n];
				if (endsOverlap(a.c.head, b.c.head) && endsOverlap(a.c.tail, b.c.tail)) similarPairs.push([a.i, b.i]);
			}
		}
	}
	const lists = (pairs: [number, number][]) => {
		const out = new Map<number, Set<number>>();
		const add = (x: number, y: number) => (out.get(x) ?? out.set(x, new Set()).get(x)!).add(y);
		for (const [x, y] of pairs) {
			add(x, y);
			add(y, x);
		}
		return new Map([...out].map(([x, ys]) => [entries[x][0], [...ys].sort((p, q) => p - q).map((y) => entries[y][0])]));
	};
	return { conflicts: lists(conflictPairs), similar: lists(similarPairs) };
}

/**
 * The relation candidates of the review's annotators, ordered by head (text order: start, longer
 * first, label), then tail, then type, with their status and whether gold settles them.
 */
export function buildRelationCandidates(input: RelationCandidateInput): RelationCandidate[] {
	const rules = input.rules ?? {};
	const wanted = new Set(input.annotators);
	const byKey = new Map<string, { label: string; head: RelationEnd; tail: RelationEnd; who: Set<string>; ids: string[] }>();
	for (const [relation, h, t] of resolveRelations(input.spans, input.relations)) {
		if (!wanted.has(relation.annotator)) continue;
		const [head, tail] = ordered(relation.label, end(h), end(t), rules);
		const key = relationCandidateKey(relation.label, head, tail);
		let entry = byKey.get(key);
		if (!entry) byKey.set(key, (entry = { label: relation.label, head, tail, who: new Set(), ids: [] }));
		entry.who.add(relation.annotator);
		entry.ids.push(relation.id);
	}
	const order = (a: RelationEnd, b: RelationEnd) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
	const entries = [...byKey].sort(([, a], [, b]) => order(a.head, b.head) || order(a.tail, b.tail) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

	const goldKeys = new Set<string>();
	for (const [relation, h, t] of resolveRelations(input.goldSpans, input.goldRelations)) {
		goldKeys.add(relationKeyOf(relation.label, h, t, rules));
	}
	const goldSpanKeys = new Set(input.goldSpans.map(candidateKey));

	const { conflicts, similar } = compare(entries, rules);

	return entries.map(([key, c]) => {
		const annotators = [...c.who].sort();
		const similarTo = similar.get(key) ?? [];
		const overlapAnnotators = [...new Set([...annotators, ...similarTo.flatMap((k) => [...(byKey.get(k)?.who ?? [])])])].sort();
		const conflictsWith = conflicts.get(key) ?? [];
		const status: RelationCandidateStatus = conflictsWith.length > 0 ? 'conflict' : annotators.length === wanted.size ? 'unanimous' : 'partial';
		return {
			key,
			label: c.label,
			head: c.head,
			tail: c.tail,
			annotators,
			relationIds: c.ids,
			overlapAnnotators,
			similarTo,
			status,
			conflictsWith,
			settled: goldKeys.has(key) ? 'accepted' : input.rejected.has(key) ? 'rejected' : null,
			headInGold: goldSpanKeys.has(candidateKey(c.head)),
			tailInGold: goldSpanKeys.has(candidateKey(c.tail))
		};
	});
}
