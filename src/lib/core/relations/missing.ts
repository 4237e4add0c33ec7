/** Spans that lack a relation their type expects: the side panel's "claims with no source". */
import type { RelationType, Span } from '../types';
import type { RelationSet } from './relation-set';

/**
 * The spans of `spans` (in their order) that could head a `type` link (their label is one of its
 * head labels; any label when it lists none) and head none. For the default `source` type: the
 * claims with no source. O(spans) with the set's index, no scan of the relations.
 */
export function spansLacking(type: RelationType, spans: Iterable<Span>, relations: RelationSet): Span[] {
	const out: Span[] = [];
	for (const span of spans) {
		if (type.headLabels.length > 0 && !type.headLabels.includes(span.label)) continue;
		if (relations.outgoing(span.id).some((r) => r.label === type.name)) continue;
		if (!type.directed && relations.incoming(span.id).some((r) => r.label === type.name)) continue;
		out.push(span);
	}
	return out;
}

/** The claims with no source: `spansLacking` for the type named `source` (none when there is no such type). */
export function claimsWithoutSource(types: readonly RelationType[], spans: Iterable<Span>, relations: RelationSet): Span[] {
	const source = types.find((t) => t.name === 'source');
	return source ? spansLacking(source, spans, relations) : [];
}
