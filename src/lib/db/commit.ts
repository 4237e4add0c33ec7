/** Committing an article's annotation edits (spans and relations) in one transaction. */
import type { AnnotationEdit, Relation, Span } from '$lib/core/types';
import { isRelationEdit } from '$lib/core/spans/edits';
import type { OutboxRow, SpanwiseDB } from './database';
import { newId } from '$lib/core/ids';
import { addCount, checkSpan } from './rows';

/**
 * An edit made against a state of the article that is no longer stored: another tab changed or
 * removed the span or relation first. Nothing was written; the editor should reload the article.
 */
export class EditConflictError extends Error {
	override readonly name = 'EditConflict';
	constructor(readonly articleId: string, id: string, what: 'Span' | 'Relation' = 'Span', why = 'was changed elsewhere (another tab) before this edit') {
		super(`${what} ${id} of article ${articleId} ${why}`);
	}
}

/** The same stored state of a span (its last write included). */
function sameState(a: Span | undefined, b: Span | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return a.start === b.start && a.end === b.end && a.label === b.label && a.annotator === b.annotator && a.updatedAt === b.updatedAt;
}

function sameRelationState(a: Relation | undefined, b: Relation | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return a.label === b.label && a.head === b.head && a.tail === b.tail && a.annotator === b.annotator && a.updatedAt === b.updatedAt;
}

function checkRelationRow(relation: Relation, articleId: string): void {
	if (relation.articleId !== articleId) throw new RangeError(`Relation ${relation.id} belongs to article ${relation.articleId}, not ${articleId}`);
	if (relation.label === '') throw new RangeError(`Relation ${relation.id} has an empty label`);
}

/**
 * Applies `edits` in order (add and update put the span or relation, remove deletes it) in one
 * transaction over spans, relations and articles, and updates the article row to match: counts and
 * spanTotal (computed from what was stored before and after, so they stay exact even if an add
 * overwrites or a remove finds nothing), `updatedAt = now`, revision + 1, and status 'new' becomes
 * 'in_progress' when an edit adds a span or relation. Returns the new revision; with no edits,
 * writes nothing and returns the current one.
 *
 * Throws RangeError, writing nothing, if the article does not exist, if a span or relation belongs to
 * another article, a span lies outside the text, an update changes an id, or an edited id is stored
 * under another article. Throws EditConflictError, writing nothing, if a span or relation is not
 * stored as the edits expect (added: absent; updated or removed: as it was before), if a relation
 * would link a span that is not stored once the batch is written (another tab deleted it), or a
 * removed span is still linked by a stored relation the batch leaves (another tab linked it).
 * All reads are asked at once: one round trip for reads, one for writes.
 */
export async function commitEdits(
	db: SpanwiseDB,
	articleId: string,
	edits: readonly AnnotationEdit[],
	now: number,
	/** Bound to a team server: the batch also goes to the outbox, in the same transaction (one row per layer it edits). */
	opts: { readonly outbox?: boolean } = {}
): Promise<number> {
	const spanIds = new Set<string>();
	const relationIds = new Set<string>();
	const endIds = new Set<string>();
	const removedSpans = new Set<string>();
	for (const edit of edits) {
		if (isRelationEdit(edit)) {
			if (edit.type === 'update-relation' && edit.before.id !== edit.after.id) throw new RangeError(`An update changes relation id ${edit.before.id} to ${edit.after.id}`);
			const relation = edit.type === 'update-relation' ? edit.after : edit.relation;
			checkRelationRow(relation, articleId);
			relationIds.add(relation.id);
			if (edit.type !== 'remove-relation') {
				endIds.add(relation.head);
				endIds.add(relation.tail);
			}
		} else {
			if (edit.type === 'update' && edit.before.id !== edit.after.id) throw new RangeError(`An update changes span id ${edit.before.id} to ${edit.after.id}`);
			const span = edit.type === 'update' ? edit.after : edit.span;
			spanIds.add(span.id);
			if (edit.type === 'remove') removedSpans.add(span.id);
		}
	}
	// Ends not edited here are read too: they must still be stored.
	const readIds = [...new Set([...spanIds, ...endIds])];
	const ids = [...spanIds];
	const relIds = [...relationIds];
	const removed = [...removedSpans];
	const tables = opts.outbox ? [db.spans, db.relations, db.articles, db.outbox] : [db.spans, db.relations, db.articles];
	return db.transaction('rw', tables, async () => {
		const [row, stored, storedRelations, heads, tails] = await Promise.all([
			db.articles.get(articleId),
			db.spans.bulkGet(readIds),
			relIds.length > 0 ? db.relations.bulkGet(relIds) : Promise.resolve([] as (Relation | undefined)[]),
			removed.length > 0 ? db.relations.where('head').anyOf(removed).toArray() : Promise.resolve([]),
			removed.length > 0 ? db.relations.where('tail').anyOf(removed).toArray() : Promise.resolve([])
		]);
		if (row === undefined) throw new RangeError(`No article ${articleId} to edit spans of`);
		if (edits.length === 0) return row.revision;
		for (const edit of edits) {
			if (isRelationEdit(edit)) continue;
			checkSpan(edit.type === 'update' ? edit.before : edit.span, articleId, row.textLength);
			if (edit.type === 'update') checkSpan(edit.after, articleId, row.textLength);
		}

		const before = new Map<string, Span | undefined>();
		readIds.forEach((id, i) => {
			const span = stored[i];
			if (span !== undefined && span.articleId !== articleId) {
				throw new RangeError(`Span ${id} is stored under article ${span.articleId}, not ${articleId}`);
			}
			before.set(id, span);
		});
		const relationsBefore = new Map<string, Relation | undefined>();
		relIds.forEach((id, i) => {
			const relation = storedRelations[i];
			if (relation !== undefined && relation.articleId !== articleId) {
				throw new RangeError(`Relation ${id} is stored under article ${relation.articleId}, not ${articleId}`);
			}
			relationsBefore.set(id, relation);
		});

		// Each span and relation must be stored as the first edit touching it expects: nobody else changed it.
		const checked = new Set<string>();
		for (const edit of edits) {
			if (isRelationEdit(edit)) {
				const id = edit.type === 'update-relation' ? edit.before.id : edit.relation.id;
				if (checked.has(`r:${id}`)) continue;
				checked.add(`r:${id}`);
				const expected = edit.type === 'add-relation' ? undefined : edit.type === 'update-relation' ? edit.before : edit.relation;
				if (!sameRelationState(relationsBefore.get(id), expected)) throw new EditConflictError(articleId, id, 'Relation');
			} else {
				const id = edit.type === 'update' ? edit.before.id : edit.span.id;
				if (checked.has(`s:${id}`)) continue;
				checked.add(`s:${id}`);
				const expected = edit.type === 'add' ? undefined : edit.type === 'update' ? edit.before : edit.span;
				if (!sameState(before.get(id), expected)) throw new EditConflictError(articleId, id);
			}
		}

		const after = new Map(before);
		const relationsAfter = new Map(relationsBefore);
		for (const edit of edits) {
			switch (edit.type) {
				case 'add':
					after.set(edit.span.id, edit.span);
					break;
				case 'remove':
					after.set(edit.span.id, undefined);
					break;
				case 'update':
					after.set(edit.after.id, edit.after);
					break;
				case 'add-relation':
					relationsAfter.set(edit.relation.id, edit.relation);
					break;
				case 'remove-relation':
					relationsAfter.set(edit.relation.id, undefined);
					break;
				case 'update-relation':
					relationsAfter.set(edit.after.id, edit.after);
					break;
			}
		}
		// Relations stay whole: every relation written links stored spans of its own layer, and no
		// relation left in storage links a span removed here.
		for (const relation of relationsAfter.values()) {
			if (relation === undefined) continue;
			for (const end of [relation.head, relation.tail]) {
				const span = after.get(end);
				if (span === undefined) throw new EditConflictError(articleId, relation.id, 'Relation', `links span ${end}, which is not stored (another tab removed it)`);
				if (span.annotator !== relation.annotator) throw new RangeError(`Relation ${relation.id} of ${relation.annotator} links span ${end} of ${span.annotator}`);
			}
		}
		for (const relation of [...heads, ...tails]) {
			if (relationsAfter.has(relation.id) && relationsAfter.get(relation.id) === undefined) continue;
			const still = relationsAfter.get(relation.id) ?? relation;
			if (removedSpans.has(still.head) && after.get(still.head) === undefined || removedSpans.has(still.tail) && after.get(still.tail) === undefined) {
				throw new EditConflictError(articleId, relation.id, 'Relation', 'links a span this edit removes (another tab linked it)');
			}
		}

		const counts = { ...row.counts };
		let total = row.spanTotal;
		const puts: Span[] = [];
		const deletes: string[] = [];
		for (const id of ids) {
			const old = before.get(id);
			const next = after.get(id);
			if (old !== undefined) {
				addCount(counts, old.label, -1);
				total -= 1;
			}
			if (next !== undefined) {
				addCount(counts, next.label, 1);
				total += 1;
				puts.push(next);
			} else if (old !== undefined) {
				deletes.push(id);
			}
		}
		const relationPuts: Relation[] = [];
		const relationDeletes: string[] = [];
		for (const id of relIds) {
			const next = relationsAfter.get(id);
			if (next !== undefined) relationPuts.push(next);
			else if (relationsBefore.get(id) !== undefined) relationDeletes.push(id);
		}
		const added = edits.some((edit) => edit.type === 'add' || edit.type === 'add-relation');
		const status = added && row.status === 'new' ? 'in_progress' : row.status;
		const revision = row.revision + 1;
		// Asked together; a transaction carries out its requests in the order they were made.
		await Promise.all([
			relationDeletes.length > 0 ? db.relations.bulkDelete(relationDeletes) : undefined,
			db.spans.bulkDelete(deletes),
			db.spans.bulkPut(puts),
			relationPuts.length > 0 ? db.relations.bulkPut(relationPuts) : undefined,
			db.articles.put({ ...row, counts, spanTotal: total, updatedAt: now, revision, status }),
			opts.outbox ? db.outbox.bulkAdd(outboxRows(articleId, edits, now)) : undefined
		]);
		return revision;
	});
}

/** The outbox rows of one committed batch: one per layer it edits, each with a fresh client id. */
function outboxRows(articleId: string, edits: readonly AnnotationEdit[], now: number): OutboxRow[] {
	const byLayer = new Map<string, AnnotationEdit[]>();
	for (const edit of edits) {
		const layer = 'span' in edit ? edit.span.annotator : 'relation' in edit ? edit.relation.annotator : edit.after.annotator;
		(byLayer.get(layer) ?? byLayer.set(layer, []).get(layer)!).push(edit);
	}
	return [...byLayer].map(([layer, list]) => ({ clientId: newId('b'), articleId, layer, edits: list, createdAt: now }));
}
