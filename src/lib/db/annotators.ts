/** Annotators: who has spans in the workspace, and renaming one (their spans follow). */
import type { SpanwiseDB } from './database';

/** Every annotator with spans, with how many articles each has annotated, sorted by name. Reads keys only. */
export async function listAnnotators(db: SpanwiseDB): Promise<{ name: string; articles: number }[]> {
	const pairs = (await db.spans.orderBy('[articleId+annotator]').uniqueKeys()) as unknown as [string, string][];
	const counts = new Map<string, number>();
	for (const [, annotator] of pairs) counts.set(annotator, (counts.get(annotator) ?? 0) + 1);
	return [...counts].map(([name, articles]) => ({ name, articles })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Gives every span and relation of annotator `from` to `to`, in one transaction (touched articles get
 * a new revision); returns how many spans changed. Throws RangeError for an empty name.
 */
export async function renameAnnotator(db: SpanwiseDB, from: string, to: string): Promise<number> {
	if (to.trim() === '') throw new RangeError(`Cannot rename annotator "${from}" to an empty name`);
	if (from === to) return 0;
	return db.transaction('rw', [db.spans, db.relations, db.articles], async () => {
		const touched = new Set<string>();
		const changed = await db.spans
			.filter((span) => span.annotator === from)
			.modify((span: { annotator: string; articleId: string }) => {
				span.annotator = to;
				touched.add(span.articleId);
			});
		// Relations belong to the same layer as their spans: they follow.
		await db.relations
			.filter((relation) => relation.annotator === from)
			.modify((relation: { annotator: string; articleId: string }) => {
				relation.annotator = to;
				touched.add(relation.articleId);
			});
		const rows = await db.articles.bulkGet([...touched]);
		await db.articles.bulkPut(rows.flatMap((row) => (row ? [{ ...row, revision: row.revision + 1 }] : [])));
		return changed;
	});
}
