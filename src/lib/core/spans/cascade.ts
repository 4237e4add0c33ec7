/**
 * What removing spans takes with it: their relations, in the same batch and before them, so that
 * one transaction deletes both and one undo (the inverse batch: spans first, then relations) brings
 * both back.
 */
import type { AnnotationEdit, Span } from '../types';
import type { RelationSet } from '../relations/relation-set';

/**
 * The edits that remove `spans` from a layer whose relations are `relations`: every relation that
 * has one of them at either end (each once), then the spans (each once). Reads only the relations
 * at those spans (through the set's index), never all of them.
 */
export function removeSpansWithRelations(spans: readonly Span[], relations: RelationSet): AnnotationEdit[] {
	const edits: AnnotationEdit[] = [];
	const seen = new Set<string>();
	for (const span of spans) {
		for (const relation of relations.touching(span.id)) {
			if (seen.has(relation.id)) continue;
			seen.add(relation.id);
			edits.push({ type: 'remove-relation', relation });
		}
	}
	const gone = new Set<string>();
	for (const span of spans) {
		if (gone.has(span.id)) continue;
		gone.add(span.id);
		edits.push({ type: 'remove', span });
	}
	return edits;
}
