/** Storage follows memory: random batches of span and relation edits (and their undos) leave both the same. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnnotationEdit, Relation, Span } from '$lib/core/types';
import { applyAnnotationEdits, invertEdits, type AnnotationState } from '$lib/core/spans/edits';
import { removeSpansWithRelations } from '$lib/core/spans/cascade';
import { SpanSet } from '$lib/core/spans/span-set';
import { RelationSet } from '$lib/core/relations/relation-set';
import { createArticles, listArticles } from './articles';
import { commitEdits } from './commit';
import { listRelations } from './relations';
import { listSpans } from './spans';
import { freshDb, makeArticle, makeSpan } from './testing';

const TEXT = 'x'.repeat(80);

function byId<T extends { id: string }>(list: readonly T[]): T[] {
	return [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('commitEdits against applyAnnotationEdits', () => {
	it('stores what memory holds after random batches, and after undoing them all', async () => {
		const step = fc.record({
			kind: fc.constantFrom('add', 'remove', 'move', 'link', 'unlink', 'reverse'),
			pick: fc.nat(),
			pick2: fc.nat(),
			start: fc.nat(60),
			length: fc.integer({ min: 1, max: 9 })
		});
		await fc.assert(
			fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), async (batches) => {
				const db = freshDb();
				const initialSpans = [makeSpan('a', 'x', 1, 3), makeSpan('a', 'y', 2, 8, 'claim')];
				const initialRelations: Relation[] = [{ id: 'rx', articleId: 'a', label: 'source', head: 'y', tail: 'x', annotator: 'ann', createdAt: 1, updatedAt: 1 }];
				await createArticles(db, [{ article: makeArticle('a', TEXT), spans: initialSpans, relations: initialRelations }]);
				let state: AnnotationState = { spans: SpanSet.from(initialSpans), relations: RelationSet.from(initialRelations) };
				const done: AnnotationEdit[][] = [];
				let n = 0;
				let now = 10_000;
				for (const steps of batches) {
					const batch: AnnotationEdit[] = [];
					let s = state;
					for (const st of steps) {
						const spans = s.spans.all();
						const relations = s.relations.all();
						let edits: AnnotationEdit[];
						n++;
						now++;
						if (st.kind === 'add' || spans.length === 0) {
							edits = [{ type: 'add', span: makeSpan('a', `n${n}`, st.start, st.start + st.length, 'actor', { createdAt: now, updatedAt: now }) }];
						} else if (st.kind === 'remove') {
							edits = removeSpansWithRelations([spans[st.pick % spans.length]], s.relations);
						} else if (st.kind === 'move') {
							const victim: Span = spans[st.pick % spans.length];
							edits = [{ type: 'update', before: victim, after: { ...victim, start: st.start, end: st.start + st.length, updatedAt: now } }];
						} else if (st.kind === 'link' || relations.length === 0) {
							const head = spans[st.pick % spans.length];
							const tail = spans[st.pick2 % spans.length];
							edits = [{ type: 'add-relation', relation: { id: `r${n}`, articleId: 'a', label: 'source', head: head.id, tail: tail.id, annotator: 'ann', createdAt: now, updatedAt: now } }];
						} else {
							const victim = relations[st.pick % relations.length];
							edits = st.kind === 'unlink' ? [{ type: 'remove-relation', relation: victim }] : [{ type: 'update-relation', before: victim, after: { ...victim, head: victim.tail, tail: victim.head, updatedAt: now } }];
						}
						s = applyAnnotationEdits(s, edits);
						batch.push(...edits);
					}
					await commitEdits(db, 'a', batch, now);
					state = s;
					done.push(batch);
				}
				const stored = async () => ({ spans: byId(await listSpans(db, 'a')), relations: byId(await listRelations(db, 'a')) });
				expect(await stored()).toEqual({ spans: byId(state.spans.all()), relations: byId(state.relations.all()) });
				const row = (await listArticles(db))[0];
				expect(row.spanTotal).toBe(state.spans.size);
				// Undo every batch, newest first: storage is back where it started.
				for (const batch of done.reverse()) await commitEdits(db, 'a', invertEdits(batch), ++now);
				expect(await stored()).toEqual({ spans: byId(initialSpans), relations: initialRelations });
			}),
			{ numRuns: 25 }
		);
	});
});
