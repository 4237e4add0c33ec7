/** Articles: the library list, reading one with its spans, importing, status changes, delete and undo. */
import type { Article, ArticleRecord, ArticleStatus, Relation, Span } from '$lib/core/types';
import { ARTICLE_STATUSES } from '$lib/core/types';
import Dexie from 'dexie';
import { SAMPLE_SOURCE } from '$lib/samples/sample-corpus';
import { textHash } from '$lib/core/text/hash';
import { isAnnotatorLayer } from '$lib/core/layers';
import { splitSuggestions } from '$lib/core/suggest/from-records';
import type { Suggestion } from '$lib/core/suggest/types';
import { addSuggestions } from './suggestions';
import { SNAPSHOT_MIN_SPANS, snapshotRow, snapshotSpans, type ArticleRow, type SpanwiseDB } from './database';
import { addMissingLabels } from './labels';
import { emptyReport, writeRecords, type DuplicatePolicy, type ImportReport } from './merge';
import { byPosition, byRecency, checkRecord, countLabels, toArticle, toRow } from './rows';
import { listSpans } from './spans';
import { addMissingRelationTypes, listRelations } from './relations';

export type { DuplicatePolicy, ImportReport } from './merge';

/** Records written per 'rw' transaction by `createArticles`. */
export const IMPORT_CHUNK_SIZE = 200;

/** Lists every article row (no texts, no spans), most recently updated first. */
export async function listArticles(db: SpanwiseDB): Promise<ArticleRow[]> {
	// Read in pages by id, each answered in its own task: 10,000 rows read at once are one long task
	// on the main thread (they are read again whenever an import commits another chunk).
	const rows: ArticleRow[] = [];
	for (;;) {
		const last = rows.at(-1)?.id;
		const page = await (last === undefined ? db.articles.orderBy(':id') : db.articles.where(':id').above(last)).limit(LIST_PAGE).toArray();
		rows.push(...page);
		if (page.length < LIST_PAGE) break;
	}
	return rows.sort(byRecency);
}

/** Rows per read of the library list. */
const LIST_PAGE = 1_000;

/**
 * Reads one article with its text, its spans (in text order) and its relations (all layers) from one
 * consistent snapshot, plus the revision they are at; undefined when there is no such article.
 */
export async function readArticle(
	db: SpanwiseDB,
	id: string
): Promise<{ article: Article; spans: Span[]; relations: Relation[]; revision: number } | undefined> {
	return db.transaction('r', [db.articles, db.texts, db.spans, db.relations], async () => {
		const row = await db.articles.get(id);
		if (row === undefined) return undefined;
		const text = await db.texts.get(id);
		if (text === undefined) throw new Error(`Article ${id} has no stored text`);
		const [spans, relations] = await Promise.all([db.spans.where('articleId').equals(id).toArray(), listRelations(db, id)]);
		return { article: toArticle(row, text.text), spans: spans.sort(byPosition), relations, revision: row.revision };
	});
}

/**
 * The article without its spans, and the revision read: what the editor needs to show the text,
 * so a long article's text is laid out while its spans are still being read (`readArticleSpans`).
 */
export async function readArticleText(db: SpanwiseDB, id: string): Promise<{ article: Article; revision: number; textHash: string } | undefined> {
	return db.transaction('r', [db.articles, db.texts], async () => {
		// Both asked at once: one round trip, ahead of a long span read started just after.
		const [row, text] = await Promise.all([db.articles.get(id), db.texts.get(id)]);
		if (row === undefined) return undefined;
		if (text === undefined) throw new Error(`Article ${id} has no stored text`);
		return { article: toArticle(row, text.text), revision: row.revision, textHash: row.textHash };
	});
}

/**
 * Every span of an article, in text order, and every relation (all layers), with the revision they
 * belong to (undefined: no such article). Spans come from the article's snapshot when it is of the
 * current revision (`fromSnapshot`), else from the span rows; `stale` says a snapshot should be
 * (re)made (`refreshSnapshot`). Relations are one indexed range read, asked together with the rest.
 */
export async function readArticleSpans(
	db: SpanwiseDB,
	id: string
): Promise<{ spans: Span[]; relations: Relation[]; revision: number; fromSnapshot: boolean; stale: boolean } | undefined> {
	return db.transaction('r', [db.articles, db.spans, db.snapshots, db.relations], async () => {
		const [row, snapshot, relations] = await Promise.all([db.articles.get(id), db.snapshots.get(id), listRelations(db, id)]);
		if (row === undefined) return undefined;
		const snapshotted = snapshot?.revision === row.revision ? snapshotSpans(snapshot) : undefined;
		if (snapshotted) return { spans: snapshotted, relations, revision: row.revision, fromSnapshot: true, stale: false };
		const spans = await listSpans(db, id);
		return { spans, relations, revision: row.revision, fromSnapshot: false, stale: spans.length >= SNAPSHOT_MIN_SPANS || snapshot !== undefined };
	});
}

/**
 * Makes article `id`'s snapshot from its span rows as they are now (or deletes the snapshot when the
 * article has become short). Reads, then writes only if the article has not changed in between.
 * Returns whether a snapshot is now current.
 */
export async function refreshSnapshot(db: SpanwiseDB, id: string): Promise<boolean> {
	const read = await db.transaction('r', [db.articles, db.spans], async () => {
		const row = await db.articles.get(id);
		return row && { revision: row.revision, spans: await listSpans(db, id) };
	});
	if (!read) return false;
	return db.transaction('rw', [db.articles, db.snapshots], async () => {
		const row = await db.articles.get(id);
		if (row?.revision !== read.revision) return false;
		if (read.spans.length < SNAPSHOT_MIN_SPANS) {
			await db.snapshots.delete(id);
			return false;
		}
		await db.snapshots.put(snapshotRow(id, read.revision, read.spans));
		return true;
	});
}

/**
 * Imports `records` in order, `chunkSize` records per transaction (each chunk is all-or-nothing; chunks
 * already written stay if a later one fails), calling `onProgress` after each chunk.
 * A record whose text is already stored (same id with the same text, else any article with the same
 * text) is merged: its spans that the article lacks are added (a span is there already if the article
 * holds one with the same start, end, label and annotator; one whose id is taken by a span of other
 * content is added under a fresh id, counted in `spanIdsRenewed`); the article's stored spans, title,
 * status and meta are never changed. Other records become new articles (under a fresh id if their id is taken by
 * an article with a different text). Labels used by added spans that have no label row get one.
 * Throws RangeError, before writing anything, if a record has an unknown status or a span that is not
 * its own or lies outside its text.
 */
export async function createArticles(
	db: SpanwiseDB,
	records: readonly ArticleRecord[],
	opts: {
		onProgress?(done: number, total: number): void;
		chunkSize?: number;
		duplicates?: DuplicatePolicy;
		/** Checked before each chunk: chunks already written stay, the rest is not written; rejects with its reason. */
		signal?: AbortSignal;
		/** Take every span as a suggestion of this source (`prediction:<model>`), not as anyone's work. */
		asSuggestions?: string;
	} = {}
): Promise<ImportReport> {
	const chunkSize = opts.chunkSize ?? IMPORT_CHUNK_SIZE;
	if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`Chunk size ${chunkSize} is not a positive integer`);
	records.forEach(checkRecord);
	const report = emptyReport();
	for (let start = 0; start < records.length; start += chunkSize) {
		opts.signal?.throwIfAborted();
		// Suggestions (of suggestion layers, or all spans when asked) go to their own table.
		const split = records.slice(start, start + chunkSize).map((r) => splitSuggestions(r, opts.asSuggestions));
		const chunk = split.map((s) => s.record);
		// The scope must be an async function: Dexie only follows native awaits inside those.
		await db.transaction('rw', [db.articles, db.texts, db.spans, db.relations, db.labels, db.relationTypes, db.snapshots, db.suggestions], async () => {
			const plan = await writeRecords(db, chunk, report, Date.now(), opts.duplicates);
			report.suggestionsAdded += await storeImportedSuggestions(db, split, plan.articleIds);
		});
		opts.onProgress?.(start + chunk.length, records.length);
	}
	return report;
}

/**
 * Stores the suggestions split off imported records under the articles they went to, when that
 * article's text is the record's (a record merged into another text would need its offsets moved:
 * its suggestions are left out). Returns how many were new. Inside the import's transaction.
 */
async function storeImportedSuggestions(db: SpanwiseDB, split: readonly { record: ArticleRecord; suggestions: readonly Suggestion[] }[], articleIds: readonly (string | undefined)[]): Promise<number> {
	const wanted = split.flatMap((s, i) => (s.suggestions.length > 0 && articleIds[i] !== undefined ? [{ ...s, articleId: articleIds[i] as string }] : []));
	if (wanted.length === 0) return 0;
	const texts = await db.texts.bulkGet(wanted.map((w) => w.articleId));
	let added = 0;
	for (const [i, w] of wanted.entries()) {
		const text = texts[i]?.text;
		if (text !== w.record.article.text) continue;
		const bySource = new Map<string, Suggestion[]>();
		for (const s of w.suggestions) (bySource.get(s.source) ?? bySource.set(s.source, []).get(s.source)!).push(s);
		for (const [source, items] of bySource) added += await addSuggestions(db, w.articleId, source, textHash(text), 'import', items);
	}
	return added;
}

/**
 * How many of `records` hold a text the library already has (by id with the same text, or any article
 * with the same text): what an import would merge or skip. Reads only, in batches of `chunkSize`.
 */
export async function countStoredTexts(db: SpanwiseDB, records: readonly ArticleRecord[], chunkSize = IMPORT_CHUNK_SIZE): Promise<number> {
	let found = 0;
	for (let start = 0; start < records.length; start += chunkSize) {
		const chunk = records.slice(start, start + chunkSize);
		const hashes = chunk.map((r) => textHash(r.article.text));
		found += await db.transaction('r', [db.articles, db.texts], async () => {
			const rows = await db.articles.where('textHash').anyOf([...new Set(hashes)]).toArray();
			const texts = await db.texts.bulkGet(rows.map((r) => r.id));
			const stored = new Set(texts.flatMap((t) => (t ? [t.text] : [])));
			return chunk.filter((r) => stored.has(r.article.text)).length;
		});
	}
	return found;
}

/**
 * Sets the status of article `id`, bumping updatedAt (to now) and revision; writes nothing when the
 * status is already `status`. Throws RangeError for an unknown status or article.
 */
export async function updateArticleStatus(db: SpanwiseDB, id: string, status: ArticleStatus): Promise<number> {
	if (!ARTICLE_STATUSES.includes(status)) throw new RangeError(`Unknown article status ${JSON.stringify(status)}`);
	return db.transaction('rw', db.articles, async () => {
		const row = await db.articles.get(id);
		if (row === undefined) throw new RangeError(`No article ${id} to set the status of`);
		if (row.status === status) return row.revision;
		await db.articles.put({ ...row, status, updatedAt: Date.now(), revision: row.revision + 1 });
		return row.revision + 1;
	});
}

/**
 * Sets the title of article `id` (as given: check it with `parseTitle` first), bumping updatedAt (to
 * `now`) and revision; writes nothing when the title is already `title`. Returns the revision now
 * stored. Throws RangeError for an empty title or an unknown article. Text and spans are untouched.
 */
export async function updateArticleTitle(db: SpanwiseDB, id: string, title: string, now = Date.now()): Promise<number> {
	if (title.trim() === '') throw new RangeError(`Article ${id} cannot get an empty title`);
	return db.transaction('rw', db.articles, async () => {
		const row = await db.articles.get(id);
		if (row === undefined) throw new RangeError(`No article ${id} to set the title of`);
		if (row.title === title) return row.revision;
		await db.articles.put({ ...row, title, updatedAt: now, revision: row.revision + 1 });
		return row.revision + 1;
	});
}

/**
 * Span count per label of one layer (annotator `annotator`) for each of `ids`; an id with no such
 * spans (or no article) maps to {}. Reads the spans through the [articleId+annotator] index, one range
 * per article: meant for the rows on screen, not for the whole library.
 */
export async function countLayerLabels(db: SpanwiseDB, ids: readonly string[], annotator: string): Promise<Map<string, Record<string, number>>> {
	const lists = await Promise.all(ids.map((id) => db.spans.where('[articleId+annotator]').equals([id, annotator]).toArray()));
	return new Map(ids.map((id, i) => [id, countLabels(lists[i])]));
}

/**
 * Deletes article `id`, its text, its spans and its relations in one transaction, and returns them as
 * a record (spans in text order) that `restoreArticle` puts back; undefined, writing nothing, when
 * there is no such article.
 */
export async function destroyArticle(db: SpanwiseDB, id: string): Promise<ArticleRecord | undefined> {
	return db.transaction('rw', [db.articles, db.texts, db.spans, db.relations, db.snapshots], async () => {
		const row = await db.articles.get(id);
		if (row === undefined) return undefined;
		const text = await db.texts.get(id);
		if (text === undefined) throw new Error(`Article ${id} has no stored text`);
		const [spans, relations] = await Promise.all([db.spans.where('articleId').equals(id).toArray(), listRelations(db, id)]);
		await db.relations.bulkDelete(relations.map((r) => r.id));
		await db.spans.bulkDelete(spans.map((s) => s.id));
		// A later article under this id starts again at revision 1: the snapshot must not outlive this one.
		await db.snapshots.delete(id);
		await db.texts.delete(id);
		await db.articles.delete(id);
		return { article: toArticle(row, text.text), spans: spans.sort(byPosition), ...(relations.length > 0 ? { relations } : {}) };
	});
}

/**
 * Stores `record` exactly as given (same ids, timestamps, status, spans, relations) in one transaction,
 * replacing any article, spans and relations stored under its id; the row's revision is 1 more than the
 * replaced row's, or 1. Labels its spans use that have no label row get one. Throws RangeError, writing
 * nothing, if the record is invalid (see `createArticles`: relations must link its own spans), has two
 * spans or two relations with one id, or one of its span or relation ids is stored under another article.
 */
export async function restoreArticle(db: SpanwiseDB, record: ArticleRecord): Promise<void> {
	checkRecord(record);
	const { article, spans } = record;
	const relations = record.relations ?? [];
	const ids = new Set(spans.map((s) => s.id));
	if (ids.size !== spans.length) throw new RangeError(`Article ${article.id} has two spans with the same id`);
	if (new Set(relations.map((r) => r.id)).size !== relations.length) throw new RangeError(`Article ${article.id} has two relations with the same id`);
	await db.transaction('rw', [db.articles, db.texts, db.spans, db.relations, db.labels, db.relationTypes], async () => {
		const [stored, storedRelations] = await Promise.all([db.spans.bulkGet(spans.map((s) => s.id)), db.relations.bulkGet(relations.map((r) => r.id))]);
		for (const row of [...stored, ...storedRelations]) {
			if (row !== undefined && row.articleId !== article.id) {
				throw new RangeError(`${'start' in row ? 'Span' : 'Relation'} ${row.id} is stored under article ${row.articleId}, not ${article.id}`);
			}
		}
		const previous = await db.articles.get(article.id);
		await db.relations.where('[articleId+annotator]').between([article.id, Dexie.minKey], [article.id, Dexie.maxKey], true, true).delete();
		await db.spans.where('articleId').equals(article.id).delete();
		await db.texts.put({ id: article.id, text: article.text });
		await db.articles.put(toRow(article, textHash(article.text), spans, (previous?.revision ?? 0) + 1));
		await db.spans.bulkPut(spans.map((s) => ({ ...s })));
		if (relations.length > 0) await db.relations.bulkPut(relations.map((r) => ({ ...r })));
		await addMissingLabels(db, new Set(spans.map((s) => s.label)));
		await addMissingRelationTypes(db, new Set(relations.map((r) => r.label)));
	});
}

/** Ids of every stored text (cheap: keys only). */
export async function listTextIds(db: SpanwiseDB): Promise<string[]> {
	return (await db.texts.toCollection().primaryKeys()) as string[];
}

/** The texts of `ids` (missing ones left out). */
export async function readTexts(db: SpanwiseDB, ids: readonly string[]): Promise<TextRowLike[]> {
	return (await db.texts.bulkGet([...ids])).filter((t): t is TextRowLike => t !== undefined);
}

interface TextRowLike {
	readonly id: string;
	readonly text: string;
}

/** Every span of `articleIds` (all annotators), grouped by article id: for a review session overview. */
export async function readSpansOf(db: SpanwiseDB, articleIds: readonly string[]): Promise<Map<string, Span[]>> {
	const out = new Map<string, Span[]>();
	const lists = await Promise.all(articleIds.map((id) => db.spans.where('articleId').equals(id).toArray()));
	articleIds.forEach((id, i) => out.set(id, lists[i].sort(byPosition)));
	return out;
}

/** Ids of the articles that have spans of at least `min` annotators (people: neither gold nor a suggestion source). */
export async function articlesWithAnnotators(db: SpanwiseDB, min: number): Promise<string[]> {
	const pairs = (await db.spans.orderBy('[articleId+annotator]').uniqueKeys()) as unknown as [string, string][];
	const counts = new Map<string, number>();
	for (const [articleId, annotator] of pairs) if (isAnnotatorLayer(annotator)) counts.set(articleId, (counts.get(articleId) ?? 0) + 1);
	return [...counts].filter(([, n]) => n >= min).map(([id]) => id);
}

/** The rows of `ids` (undefined where there is no such article). */
export function readArticleRows(db: SpanwiseDB, ids: readonly string[]): Promise<(ArticleRow | undefined)[]> {
	return db.articles.bulkGet([...ids]);
}

export { SAMPLE_SOURCE };

/**
 * Deletes the seeded sample articles that nobody has touched (revision 1) among `ids`: restoring a
 * backup into a fresh browser then gives back exactly the backed-up articles. Returns how many.
 */
export async function removeUntouchedSamples(db: SpanwiseDB, ids: readonly string[]): Promise<number> {
	return db.transaction('rw', [db.articles, db.texts, db.spans, db.relations, db.snapshots], async () => {
		const rows = await db.articles.bulkGet([...ids]);
		const untouched = rows.filter((r): r is ArticleRow => r !== undefined && r.source === SAMPLE_SOURCE && r.revision === 1).map((r) => r.id);
		for (const id of untouched) {
			await db.relations.where('[articleId+annotator]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).delete();
			await db.spans.where('articleId').equals(id).delete();
		}
		await db.snapshots.bulkDelete(untouched);
		await db.texts.bulkDelete(untouched);
		await db.articles.bulkDelete(untouched);
		return untouched.length;
	});
}
