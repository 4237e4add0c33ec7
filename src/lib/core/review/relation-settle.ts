/**
 * Settling relation candidates into gold, like spans: accepting one rejects what contradicts it, and
 * a gold relation needs its two ends in gold, so accepting a relation whose ends are not there yet
 * accepts those spans with it. Pure plans: the review page carries them out in one transaction.
 */
import { reviewProgress } from './candidates';
import type { Relation, Result, Span } from '../types';
import { candidateKey } from './candidates';
import { GOLD_ANNOTATOR } from '../layers';
import { relationKeyOf, resolveRelations, type RelationCandidate, type RelationEnd, type RelationReviewRules } from './relation-candidates';

/** What accepting a relation candidate takes and settles besides itself. */
export interface RelationAcceptPlan {
	/** Its ends that gold lacks: they must be accepted (as spans) with it, head first. */
	readonly addEnds: readonly RelationEnd[];
	/** The candidates it contradicts: each must be rejected (those already rejected stay so). */
	readonly others: readonly RelationCandidate[];
	/** Of those, the ones gold holds now: they leave gold. */
	readonly leaveGold: readonly RelationCandidate[];
}

/** What accepting `key` takes (see `RelationAcceptPlan`); null for an unknown key. */
export function relationAcceptPlan(candidates: readonly RelationCandidate[], key: string): RelationAcceptPlan | null {
	const c = candidates.find((x) => x.key === key);
	if (!c) return null;
	const addEnds: RelationEnd[] = [];
	if (!c.headInGold) addEnds.push(c.head);
	if (!c.tailInGold && candidateKey(c.tail) !== candidateKey(c.head)) addEnds.push(c.tail);
	const contradicts = new Set(c.conflictsWith);
	const others = candidates.filter((x) => contradicts.has(x.key));
	return { addEnds, others, leaveGold: others.filter((x) => x.settled === 'accepted') };
}

/**
 * The gold relation for candidate `c`: its type between the gold spans equal to its ends. An error
 * names the end gold lacks (accept it first, or with `relationAcceptPlan`'s `addEnds`).
 */
export function goldRelationFor(
	c: RelationCandidate,
	goldSpans: readonly Span[],
	make: { readonly id: string; readonly articleId: string; readonly now: number; readonly annotator?: string }
): Result<Relation> {
	const find = (e: RelationEnd) => goldSpans.find((s) => s.start === e.start && s.end === e.end && s.label === e.label);
	const head = find(c.head);
	const tail = find(c.tail);
	const missing = !head ? ['head', c.head] : !tail ? ['tail', c.tail] : null;
	if (missing) {
		const e = missing[1] as RelationEnd;
		return { error: `the ${c.label} relation needs its ${missing[0]} (${e.label} ${e.start}–${e.end}) in gold first` };
	}
	const relation: Relation = {
		id: make.id,
		articleId: make.articleId,
		label: c.label,
		head: (head as Span).id,
		tail: (tail as Span).id,
		annotator: make.annotator ?? GOLD_ANNOTATOR,
		createdAt: make.now,
		updatedAt: make.now
	};
	return { ok: relation };
}

/** The gold relations that are the candidates `keys` (to remove when those leave gold). */
export function goldRelationsOf(
	keys: Iterable<string>,
	goldSpans: readonly Span[],
	goldRelations: readonly Relation[],
	rules: RelationReviewRules = {}
): Relation[] {
	const wanted = new Set(keys);
	return resolveRelations(goldSpans, goldRelations)
		.filter(([relation, head, tail]) => wanted.has(relationKeyOf(relation.label, head, tail, rules)))
		.map(([relation]) => relation);
}

/**
 * The gold relations that lose an end when the gold spans `leaving` leave gold: they must leave with
 * them (a gold relation needs both ends in gold).
 */
export function relationsLosingEnds(goldRelations: readonly Relation[], leaving: readonly Pick<Span, 'id'>[]): Relation[] {
	const gone = new Set(leaving.map((s) => s.id));
	return goldRelations.filter((r) => gone.has(r.head) || gone.has(r.tail));
}

/** How far the review of relations has come: candidates and conflicts settled of all. */
export function relationReviewProgress(candidates: readonly RelationCandidate[]): { candidates: number; settled: number; conflicts: number; conflictsSettled: number } {
	return reviewProgress(candidates);
}
