/** Streaming the corpus out (for export) without loading it all at once. */
import Dexie, { type Table } from 'dexie';
import type { Article, Relation, Span } from '$lib/core/types';
import type { ArticleRow, SpanwiseDB } from './database';
import { byPosition, toArticle } from './rows';
import { spansOfArticles } from './spans';
import { relationsOfArticles } from './relations';

/** Articles read per transaction by `forEachArticle`. */
export const EXPORT_BATCH_SIZE = 500;

export interface ForEachArticleOptions {
	/** Visit only these articles, in this order (repeats visited once; ids with no article skipped). Default: all, by id. */
	readonly ids?: readonly string[];
	/** Articles read per transaction (default 500). */
	readonly batchSize?: number;
	/** Called after each batch has been visited. `total` is the count when the walk started (or ids.length). */
	onProgress?(done: number, total: number): void;
	/** Checked before each batch and each visit; when aborted, the walk throws `signal.reason`. */
	readonly signal?: AbortSignal;
}

type Entry = { article: Article; spans: Span[]; relations: Relation[] };

/** The spans of the articles `ids` (sorted, and every stored article between the first and last), grouped like `ids`. */
async function spansInIdRange(db: SpanwiseDB, ids: readonly string[]): Promise<Span[][]> {
	return inIdRange(db.spans, ids);
}

/** The rows of `table` (spans or relations) of the articles `ids` (sorted, contiguous), grouped like `ids`: one range read. */
async function inIdRange<T extends { readonly articleId: string }>(table: Table<T, string>, ids: readonly string[]): Promise<T[][]> {
	const all = await table
		.where('[articleId+annotator]')
		.between([ids[0], Dexie.minKey], [ids[ids.length - 1], Dexie.maxKey], true, true)
		.toArray();
	const at = new Map(ids.map((id, i) => [id, i]));
	const out: T[][] = ids.map(() => []);
	for (const row of all) out[at.get(row.articleId) ?? -1]?.push(row);
	return out;
}

/**
 * Reads the texts and spans of `rows` in one transaction, as articles with spans in text order.
 * `contiguous`: the rows are every article from the first id to the last, so their spans are one
 * range of the [articleId+annotator] index (one query instead of one per article).
 */
async function loadBatch(db: SpanwiseDB, rows: readonly ArticleRow[], contiguous: boolean): Promise<Entry[]> {
	const ids = rows.map((r) => r.id);
	const spansRead = contiguous && ids.length > 0 ? spansInIdRange(db, ids) : spansOfArticles(db, ids);
	const relationsRead = contiguous && ids.length > 0 ? inIdRange<Relation>(db.relations, ids) : relationsOfArticles(db, ids);
	const [texts, spans, relations] = await Promise.all([db.texts.bulkGet(ids), spansRead, relationsRead]);
	return rows.map((row, i) => {
		const text = texts[i];
		if (text === undefined) throw new Error(`Article ${row.id} has no stored text`);
		return { article: toArticle(row, text.text), spans: spans[i].sort(byPosition), relations: relations[i] };
	});
}

/**
 * Calls `visit` for each article with its spans (in text order) and relations: every article ordered by id, or those
 * of `opts.ids` in that order. Reads `batchSize` articles per read transaction, each batch a consistent
 * snapshot, the next one while the last is visited; `visit` runs outside any transaction and is
 * awaited, one article at a time. Articles
 * written during the walk may or may not be visited. Rejects with `signal.reason` when aborted, and
 * with whatever `visit` throws.
 */
export async function forEachArticle(
	db: SpanwiseDB,
	visit: (article: Article, spans: Span[], relations: Relation[]) => void | Promise<void>,
	opts: ForEachArticleOptions = {}
): Promise<void> {
	const batchSize = opts.batchSize ?? EXPORT_BATCH_SIZE;
	if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`Batch size ${batchSize} is not a positive integer`);
	const { signal } = opts;
	signal?.throwIfAborted();

	const wanted = opts.ids === undefined ? undefined : [...new Set(opts.ids)];
	if (wanted?.length === 0) return;
	const total = wanted?.length ?? (await db.articles.count());
	/** The batch after `after` (by id), or the batch of `wanted` from `from` on. */
	const read = (after: string | undefined, from: number): Promise<Entry[]> =>
		db.transaction('r', [db.articles, db.texts, db.spans, db.relations], async () => {
			let rows: ArticleRow[];
			if (wanted !== undefined) {
				const found = await db.articles.bulkGet(wanted.slice(from, from + batchSize));
				rows = found.filter((row): row is ArticleRow => row !== undefined);
			} else {
				const range = after === undefined ? db.articles.orderBy(':id') : db.articles.where(':id').above(after);
				rows = await range.limit(batchSize).toArray();
			}
			return loadBatch(db, rows, wanted === undefined);
		});
	let done = 0;
	let next: Promise<Entry[]> | null = read(undefined, 0);
	while (next) {
		signal?.throwIfAborted();
		const entries: Entry[] = await next;
		const last = entries.at(-1);
		if (wanted === undefined && last === undefined) break;
		const upTo = wanted === undefined ? done + entries.length : Math.min(done + batchSize, wanted.length);
		// The next batch is read while this one is visited (storage works apart from this thread).
		const more = wanted === undefined || upTo < wanted.length;
		next = more ? read(last?.article.id, upTo) : null;
		next?.catch(() => {});
		for (const { article, spans, relations } of entries) {
			signal?.throwIfAborted();
			await visit(article, spans, relations);
		}
		done = upTo;
		opts.onProgress?.(done, Math.max(done, total));
	}
}
