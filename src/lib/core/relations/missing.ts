/** Spans that lack a relation their type expects: the side panel's "claims with no source". */
import type { AnnotationEdit, RelationType, Span } from '../types';
import type { SpanSet } from '../spans/span-set';
import type { RelationSet } from './relation-set';

/**
 * The spans of `spans` (in their order) that could head a `type` link (their label is one of its
 * head labels; any label when it lists none) and head none. For the default `source` type: the
 * claims with no source. O(spans) with the set's index, no scan of the relations.
 */
export function spansLacking(type: RelationType, spans: Iterable<Span>, relations: RelationSet): Span[] {
	const out: Span[] = [];
	for (const span of spans) if (lacks(type, span, relations)) out.push(span);
	return out;
}

/** The claims with no source: `spansLacking` for the type named `source` (none when there is no such type). */
export function claimsWithoutSource(types: readonly RelationType[], spans: Iterable<Span>, relations: RelationSet): Span[] {
	const source = sourceType(types);
	return source ? spansLacking(source, spans, relations) : [];
}

/** The type the side panel's "claims with no source" is about: the one named `source`, if any. */
export function sourceType(types: readonly RelationType[]): RelationType | undefined {
	return types.find((t) => t.name === 'source');
}

/**
 * `spansLacking`, kept up to date edit by edit: built once in O(spans), then each batch of edits
 * re-checks only the spans it touched (a span edited, or an end of a relation edited), so a tag in
 * an article of 100,000 spans does not walk all of them. Mutable: its owner updates it with every
 * batch applied to the sets it was built on (or builds a new one).
 */
export class LackingLinks {
	readonly type: RelationType | undefined;
	readonly #ids = new Set<string>();

	/** `type` undefined: nothing lacks anything (no such type configured). */
	constructor(type: RelationType | undefined, spans: SpanSet, relations: RelationSet) {
		this.type = type;
		if (type) for (const span of spans.all()) if (lacks(type, span, relations)) this.#ids.add(span.id);
	}

	/** Brings the index up to date after `edits` were applied, giving `spans` and `relations`. */
	update(edits: readonly AnnotationEdit[], spans: SpanSet, relations: RelationSet): void {
		const type = this.type;
		if (!type) return;
		const touched = new Set<string>();
		for (const edit of edits) {
			switch (edit.type) {
				case 'add':
				case 'remove':
					touched.add(edit.span.id);
					break;
				case 'update':
					touched.add(edit.before.id).add(edit.after.id);
					break;
				case 'add-relation':
				case 'remove-relation':
					touched.add(edit.relation.head).add(edit.relation.tail);
					break;
				case 'update-relation':
					touched.add(edit.before.head).add(edit.before.tail).add(edit.after.head).add(edit.after.tail);
					break;
			}
		}
		for (const id of touched) {
			const span = spans.get(id);
			if (span && lacks(type, span, relations)) this.#ids.add(id);
			else this.#ids.delete(id);
		}
	}

	/** How many spans lack the link. */
	get size(): number {
		return this.#ids.size;
	}

	/** The first `limit` of them in the order of `spans` (the set this index follows). */
	first(spans: SpanSet, limit = Infinity): Span[] {
		const out: Span[] = [];
		if (this.#ids.size === 0) return out;
		for (const span of spans.all()) {
			if (out.length >= limit) break;
			if (this.#ids.has(span.id)) out.push(span);
		}
		return out;
	}
}

function lacks(type: RelationType, span: Span, relations: RelationSet): boolean {
	if (type.headLabels.length > 0 && !type.headLabels.includes(span.label)) return false;
	if (relations.outgoing(span.id).some((r) => r.label === type.name)) return false;
	if (!type.directed && relations.incoming(span.id).some((r) => r.label === type.name)) return false;
	return true;
}
