import { liveQuery } from 'dexie';
import type { SpanwiseDB, ArticleRow } from './database';
import { listArticles } from './articles';

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
