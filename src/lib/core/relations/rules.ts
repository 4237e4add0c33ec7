/**
 * The rules a relation must meet, as data (`RelationRule`) and one check that names the rule a
 * link breaks. Used when a link is made, retyped or reversed, when a span is relabelled, and on
 * import (where a broken rule is reported, not refused: imported data is kept as it is).
 */
import type { Relation, RelationType, Result, Span } from '../types';
import { quoted } from '../text/isolate';

/** Why a relation is refused. */
export type RelationRule =
	/** The head span's label is not one of the type's head labels. */
	| 'head-label'
	/** The tail span's label is not one of the type's tail labels. */
	| 'tail-label'
	/** The two ends are spans of different articles. */
	| 'other-article'
	/** The two ends are spans of different layers (annotators, gold). */
	| 'other-layer'
	/** Head and tail are the same span. */
	| 'self-link'
	/** The type allows one relation per head, and the head has one already. */
	| 'one-per-head'
	/** The same relation (type and ends; either way round for a symmetric type) exists already. */
	| 'duplicate';

/** A refusal: the rule broken and a message naming it for the user. */
export interface RelationRefusal {
	readonly rule: RelationRule;
	readonly message: string;
}

function labelList(names: readonly string[]): string {
	return names.map((n) => quoted(n)).join(names.length === 2 ? ' or ' : ', ');
}

/** Whether `head` → `tail` fits the type's label lists (either way round for a symmetric type). */
function labelsFit(type: RelationType, headLabel: string, tailLabel: string): boolean {
	const fits = (h: string, t: string) => (type.headLabels.length === 0 || type.headLabels.includes(h)) && (type.tailLabels.length === 0 || type.tailLabels.includes(t));
	return fits(headLabel, tailLabel) || (!type.directed && fits(tailLabel, headLabel));
}

/**
 * Null if a relation of `type` from `head` to `tail` may be made among `existing`, else the first
 * rule it breaks (in the order: article, layer, self-link, labels, one per head, duplicate).
 * `existing` must hold at least the relations at `head` and `tail` (all of the layer's will do);
 * the relation `self` (by id) is left out of it, so a retype or reverse is checked against the others.
 */
export function relationRefusal(type: RelationType, head: Span, tail: Span, existing: Iterable<Relation>, self?: string): RelationRefusal | null {
	if (head.articleId !== tail.articleId) return { rule: 'other-article', message: 'A link joins two spans of the same article.' };
	if (head.annotator !== tail.annotator) {
		return { rule: 'other-layer', message: `A link joins two spans of one layer; these belong to ${quoted(head.annotator)} and ${quoted(tail.annotator)}.` };
	}
	if (head.id === tail.id) return { rule: 'self-link', message: 'A span cannot be linked to itself.' };
	if (!labelsFit(type, head.label, tail.label)) {
		const inHead = (label: string) => type.headLabels.length === 0 || type.headLabels.includes(label);
		// Directed: the head is wrong if it is not a head label. Symmetric: if neither end could be the head.
		if (type.directed ? !inHead(head.label) : !inHead(head.label) && !inHead(tail.label)) {
			return {
				rule: 'head-label',
				message: `A ${quoted(type.name)} link starts at a ${labelList(type.headLabels)} span, not at a ${quoted(head.label)} span.`
			};
		}
		return {
			rule: 'tail-label',
			message: `A ${quoted(type.name)} link ends at a ${labelList(type.tailLabels)} span, not at a ${quoted(tail.label)} span.`
		};
	}
	for (const other of existing) {
		if (other.id === self || other.label !== type.name) continue;
		const same = (other.head === head.id && other.tail === tail.id) || (!type.directed && other.head === tail.id && other.tail === head.id);
		if (same) return { rule: 'duplicate', message: `These two spans are linked by ${quoted(type.name)} already.` };
		if (type.onePerHead && other.head === head.id) {
			return { rule: 'one-per-head', message: `This ${quoted(head.label)} has a ${quoted(type.name)} already (one per ${quoted(head.label)}); retype or delete that link first.` };
		}
	}
	return null;
}

/**
 * `checkRelation` as a `Result`: `{ok: true}` when `head` → `tail` may be linked by `type` among
 * `existing`, else `{error}` naming the rule broken (see `relationRefusal`).
 */
export function checkRelation(type: RelationType, head: Span, tail: Span, existing: Iterable<Relation>, self?: string): Result<true> {
	const refusal = relationRefusal(type, head, tail, existing, self);
	return refusal ? { error: refusal.message } : { ok: true };
}

/** The types of `types` whose label rules allow a link from a `headLabel` span to a `tailLabel` span, in order. */
export function typesFitting(types: readonly RelationType[], headLabel: string, tailLabel: string): RelationType[] {
	return types.filter((type) => labelsFit(type, headLabel, tailLabel));
}

/** Whether a span labelled `label` may be an end of some `type` link at all (as head or tail). */
export function labelCanLink(type: RelationType, label: string, end: 'head' | 'tail' | 'either' = 'either'): boolean {
	const inList = (names: readonly string[]) => names.length === 0 || names.includes(label);
	if (end === 'head') return inList(type.headLabels) || (!type.directed && inList(type.tailLabels));
	if (end === 'tail') return inList(type.tailLabels) || (!type.directed && inList(type.headLabels));
	return inList(type.headLabels) || inList(type.tailLabels);
}

/**
 * The relations at `span` that its label `label` would break (their types' label rules no longer
 * allowing the link), given the other ends' spans: what relabelling a span takes away. A relation of
 * a type not in `types` is kept (nothing says it is wrong).
 */
export function relationsBrokenByLabel(
	span: Span,
	label: string,
	touching: readonly Relation[],
	spanOf: (id: string) => Span | undefined,
	types: readonly RelationType[]
): Relation[] {
	const byName = new Map(types.map((t) => [t.name, t]));
	return touching.filter((relation) => {
		const type = byName.get(relation.label);
		if (!type) return false;
		const headLabel = relation.head === span.id ? label : spanOf(relation.head)?.label;
		const tailLabel = relation.tail === span.id ? label : spanOf(relation.tail)?.label;
		if (headLabel === undefined || tailLabel === undefined) return false;
		return !labelsFit(type, headLabel, tailLabel);
	});
}
