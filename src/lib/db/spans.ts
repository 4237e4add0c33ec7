/** The spans of one article: listing them and committing the editor's edits. */
import type { Span, SpanEdit } from '$lib/core/types';
import type { SpanwiseDB } from './database';
import { addCount, byPosition, checkSpan } from './rows';

/** Lists the spans of `articleId` in text order (start, end, id); [] for an unknown article. */
export async function listSpans(db: SpanwiseDB, articleId: string): Promise<Span[]> {
	const spans = await db.spans.where('articleId').equals(articleId).toArray();
	return spans.sort(byPosition);
}

/**
 * The spans of each of `articleIds` (unsorted), one index range read per article issued together:
 * faster than `anyOf`, which walks a cursor. Usable inside a transaction.
 */
export function spansOfArticles(db: SpanwiseDB, articleIds: readonly string[]): Promise<Span[][]> {
	return Promise.all(articleIds.map((id) => db.spans.where('articleId').equals(id).toArray()));
}

/**
 * An edit made against a state of the article that is no longer stored: another tab changed or
 * removed the span first. Nothing was written; the editor should reload the article.
 */
export class EditConflictError extends Error {
	override readonly name = 'EditConflict';
	constructor(readonly articleId: string, spanId: string) {
		super(`Span ${spanId} of article ${articleId} was changed elsewhere (another tab) before this edit`);
	}
}

/** The same stored state of a span (its last write included). */
function sameState(a: Span | undefined, b: Span | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return a.start === b.start && a.end === b.end && a.label === b.label && a.annotator === b.annotator && a.updatedAt === b.updatedAt;
}

function editedSpans(edit: SpanEdit): Span[] {
	return edit.type === 'update' ? [edit.before, edit.after] : [edit.span];
}

/**
 * Applies `edits` in order (add and update put the span, remove deletes it) in one transaction over
 * spans and articles, and updates the article row to match: counts and spanTotal (computed from what
 * was stored before and after, so they stay exact even if an add overwrites or a remove finds
 * nothing), `updatedAt = now`, revision + 1, and status 'new' becomes 'in_progress' when an edit adds a
 * span. Returns the new revision; with no edits, writes nothing and returns the current one.
 * Throws RangeError, writing nothing, if the article does not exist, if a span belongs to another
 * article or lies outside the text, if an update changes a span's id, or if an edited id is stored
 * under another article. Throws EditConflictError, writing nothing, if a span is not stored as the
 * edits expect (added: absent; updated or removed: as it was before), i.e. another tab changed it.
 */
export async function commitSpanEdits(
	db: SpanwiseDB,
	articleId: string,
	edits: readonly SpanEdit[],
	now: number
): Promise<number> {
	for (const edit of edits) {
		if (edit.type === 'update' && edit.before.id !== edit.after.id) {
			throw new RangeError(`An update changes span id ${edit.before.id} to ${edit.after.id}`);
		}
	}
	const ids = [...new Set(edits.flatMap((edit) => editedSpans(edit).map((span) => span.id)))];
	// Two round trips in all (reads, then writes), not one per request: on a busy page each round trip
	// waits for the main thread, and a save should land within a few frames.
	return db.transaction('rw', [db.spans, db.articles], async () => {
		const [row, stored] = await Promise.all([db.articles.get(articleId), db.spans.bulkGet(ids)]);
		if (row === undefined) throw new RangeError(`No article ${articleId} to edit spans of`);
		if (edits.length === 0) return row.revision;
		for (const edit of edits) {
			for (const span of editedSpans(edit)) checkSpan(span, articleId, row.textLength);
		}

		const before = new Map<string, Span | undefined>();
		ids.forEach((id, i) => {
			const span = stored[i];
			if (span !== undefined && span.articleId !== articleId) {
				throw new RangeError(`Span ${id} is stored under article ${span.articleId}, not ${articleId}`);
			}
			before.set(id, span);
		});

		// Each span must be stored as the first edit touching it expects: nobody else changed it.
		const checked = new Set<string>();
		for (const edit of edits) {
			const id = edit.type === 'update' ? edit.before.id : edit.span.id;
			if (checked.has(id)) continue;
			checked.add(id);
			const expected = edit.type === 'add' ? undefined : edit.type === 'update' ? edit.before : edit.span;
			if (!sameState(before.get(id), expected)) throw new EditConflictError(articleId, id);
		}

		const after = new Map(before);
		for (const edit of edits) {
			if (edit.type === 'add') after.set(edit.span.id, edit.span);
			else if (edit.type === 'remove') after.set(edit.span.id, undefined);
			else after.set(edit.after.id, edit.after);
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
		const added = edits.some((edit) => edit.type === 'add');
		const status = added && row.status === 'new' ? 'in_progress' : row.status;
		const revision = row.revision + 1;
		// Asked together; a transaction carries out its requests in the order they were made.
		await Promise.all([
			db.spans.bulkDelete(deletes),
			db.spans.bulkPut(puts),
			db.articles.put({ ...row, counts, spanTotal: total, updatedAt: now, revision, status })
		]);
		return revision;
	});
}
