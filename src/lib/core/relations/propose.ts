/**
 * Deciding what a link action makes, as pure functions over one layer's spans and relations: the
 * type a new link gets, whether the type's rules allow it, and the relation that results. The
 * article session turns the result into an edit; nothing here changes any state.
 */
import type { Relation, RelationType, Result, Span } from '../types';
import type { SpanSet } from '../spans/span-set';
import { quoted } from '../text/isolate';
import type { RelationSet } from './relation-set';
import { relationRefusal, typesFitting } from './rules';

/** One layer as link actions see it. */
export interface LinkLayer {
	readonly spans: SpanSet;
	readonly relations: RelationSet;
	readonly types: readonly RelationType[];
	/** Whose layer it is (named in messages). */
	readonly annotator: string;
}

/** Makes the relation of `type` from `head` to `tail` (fresh id, timestamps): the caller's part. */
export type MakeRelation = (type: string, head: Span, tail: Span) => Relation;

/** The relations at either of two spans: all that a link between them can clash with. */
export function relationsNear(relations: RelationSet, a: string, b: string): Relation[] {
	if (a === b) return relations.touching(a);
	return [...relations.touching(a), ...relations.touching(b).filter((r) => r.head !== a && r.tail !== a)];
}

/**
 * The type a link from `head` to `tail` gets: the one named `typeName`, or with none named the one
 * type whose label rules fit the two spans. The error says there is no such type, that no type fits
 * (and which would fit the other way round), or that several fit, naming them with their keys so the
 * user can pick one.
 */
export function chooseRelationType(types: readonly RelationType[], head: Span, tail: Span, typeName?: string): Result<RelationType> {
	if (typeName !== undefined) {
		const type = types.find((t) => t.name === typeName);
		return type ? { ok: type } : { error: `There is no relation type ${quoted(typeName)}.` };
	}
	const fitting = typesFitting(types, head.label, tail.label);
	if (fitting.length === 1) return { ok: fitting[0] };
	if (fitting.length > 1) {
		return { error: `Choose the type of this link: ${fitting.map((t) => (t.hotkey ? `${quoted(t.name)} (key ${t.hotkey})` : quoted(t.name))).join(', ')}.` };
	}
	const reversed = typesFitting(types, tail.label, head.label);
	const hint = reversed.length > 0 ? ` A ${reversed.map((t) => quoted(t.name)).join(' or ')} link goes the other way: start it from the ${quoted(tail.label)}.` : '';
	return { error: `No relation type links a ${quoted(head.label)} span to a ${quoted(tail.label)} span.${hint}` };
}

/**
 * The relation a link from span `headId` to span `tailId` makes in `layer` (see `chooseRelationType`
 * for `typeName`), or why none: a span not in the layer, the type, or the rule it breaks.
 */
export function proposeRelation(layer: LinkLayer, headId: string, tailId: string, typeName: string | undefined, make: MakeRelation): Result<Relation> {
	const head = layer.spans.get(headId);
	const tail = layer.spans.get(tailId);
	if (!head || !tail) return { error: `There is no span ${quoted(head ? tailId : headId)} in ${quoted(layer.annotator)}’s layer to link.` };
	const type = chooseRelationType(layer.types, head, tail, typeName);
	if (type.error !== undefined) return type;
	const refusal = relationRefusal(type.ok, head, tail, relationsNear(layer.relations, head.id, tail.id));
	return refusal ? { error: refusal.message } : { ok: make(type.ok.name, head, tail) };
}

/**
 * Relation `relation` with `change` (a new type, or swapped ends) at time `now`, if the rules of its
 * (new) type allow it among the layer's other relations; a relation of a type no longer configured
 * is changed unchecked.
 */
export function proposeRelationChange(layer: LinkLayer, relation: Relation, change: Partial<Pick<Relation, 'label' | 'head' | 'tail'>>, now: number): Result<Relation> {
	const after: Relation = { ...relation, ...change, updatedAt: now };
	const head = layer.spans.get(after.head);
	const tail = layer.spans.get(after.tail);
	if (!head || !tail) return { error: 'An end of that link is not in this layer any more.' };
	const type = layer.types.find((t) => t.name === after.label);
	if (change.label !== undefined && !type) return { error: `There is no relation type ${quoted(change.label)}.` };
	if (type) {
		const refusal = relationRefusal(type, head, tail, relationsNear(layer.relations, head.id, tail.id), relation.id);
		if (refusal) return { error: refusal.message };
	}
	return { ok: after };
}

/**
 * The relations that `specs` make in `layer`, checked against the layer and against each other (a
 * review settling links into gold). One the layer already has is left out silently; one refused is
 * named in `refused` ("head → tail (type): why"). A type not configured is taken as it is.
 */
export function proposeRelations(
	layer: LinkLayer,
	specs: readonly { readonly head: string; readonly tail: string; readonly label: string }[],
	make: MakeRelation
): { relations: Relation[]; refused: string[] } {
	const types = new Map(layer.types.map((t) => [t.name, t]));
	const relations: Relation[] = [];
	const refused: string[] = [];
	for (const spec of specs) {
		const head = layer.spans.get(spec.head);
		const tail = layer.spans.get(spec.tail);
		const name = `${spec.head} → ${spec.tail} (${spec.label})`;
		if (!head || !tail) {
			refused.push(`${name}: an end is not in ${quoted(layer.annotator)}’s layer`);
			continue;
		}
		const ends = new Set([head.id, tail.id]);
		const near = [...relationsNear(layer.relations, head.id, tail.id), ...relations.filter((r) => ends.has(r.head) || ends.has(r.tail))];
		if (near.some((r) => r.label === spec.label && r.head === head.id && r.tail === tail.id)) continue;
		const type = types.get(spec.label);
		const refusal = type ? relationRefusal(type, head, tail, near) : null;
		if (refusal) refused.push(`${name}: ${refusal.message}`);
		else relations.push(make(spec.label, head, tail));
	}
	return { relations, refused };
}
