/** Review decisions: which candidate spans a reviewer rejected (accepted ones are gold spans). */
import type { SpanwiseDB } from './database';

/** Keys of the candidates rejected in article `articleId`. */
export async function listRejections(db: SpanwiseDB, articleId: string): Promise<Set<string>> {
	const rows = await db.decisions.where('articleId').equals(articleId).toArray();
	return new Set(rows.map((r) => r.key));
}

/** Rejections of several articles at once, by article id. */
export async function listRejectionsOf(db: SpanwiseDB, articleIds: readonly string[]): Promise<Map<string, Set<string>>> {
	const rows = await db.decisions.where('articleId').anyOf([...articleIds]).toArray();
	const out = new Map<string, Set<string>>();
	for (const row of rows) (out.get(row.articleId) ?? out.set(row.articleId, new Set()).get(row.articleId)!).add(row.key);
	return out;
}

/** Records (`rejected` true) or withdraws a rejection, in its own transaction. */
export async function setRejection(db: SpanwiseDB, articleId: string, key: string, rejected: boolean, now = Date.now()): Promise<void> {
	const id = `${articleId}|${key}`;
	if (rejected) await db.decisions.put({ id, articleId, key, decision: 'rejected', decidedAt: now });
	else await db.decisions.delete(id);
}
