/** The spans of one article: listing them (committing edits is in `commit.ts`). */
import type { Span } from '$lib/core/types';
import type { SpanwiseDB } from './database';
import { byPosition } from './rows';

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

export { commitEdits, commitEdits as commitSpanEdits, EditConflictError } from './commit';
