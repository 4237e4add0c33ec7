import { liveQuery } from 'dexie';
import type { SpanwiseDB, ArticleRow } from './database';
import { countLayerLabels, listArticles } from './articles';

/**
 * Calls `onChange` with the library list now and after every change to it, from this tab or
 * another (Dexie's liveQuery). Returns the function that stops watching.
 */
export function watchArticles(db: SpanwiseDB, onChange: (rows: ArticleRow[]) => void, onError: (error: unknown) => void): () => void {
	const subscription = liveQuery(() => listArticles(db)).subscribe({
		next: onChange,
		error: onError
	});
	return () => subscription.unsubscribe();
}

/** Calls `onChange` with the row of article `id` (undefined once deleted) now and after every change, from any tab. */
export function watchArticleRow(db: SpanwiseDB, id: string, onChange: (row: ArticleRow | undefined) => void, onError: (error: unknown) => void): () => void {
	const subscription = liveQuery(() => db.articles.get(id)).subscribe({ next: onChange, error: onError });
	return () => subscription.unsubscribe();
}

/**
 * Calls `onChange` with the span counts per label of `annotator`'s layer for each of `ids` (see
 * `countLayerLabels`), now and after every change to those spans from any tab. Returns the stop function.
 */
export function watchLayerCounts(
	db: SpanwiseDB,
	ids: readonly string[],
	annotator: string,
	onChange: (counts: Map<string, Record<string, number>>) => void,
	onError: (error: unknown) => void
): () => void {
	const subscription = liveQuery(() => countLayerLabels(db, ids, annotator)).subscribe({ next: onChange, error: onError });
	return () => subscription.unsubscribe();
}
