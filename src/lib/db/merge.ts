/**
 * Writing imported records: each one becomes a new article or merges its spans into the article that
 * already holds the same text. Internal to `src/lib/db/`; `createArticles` and `seedIfEmpty` call it.
 */
import Dexie from 'dexie';
import type { ArticleRecord, Span } from '$lib/core/types';
import { textHash } from '$lib/core/text/hash';
import { newId } from '$lib/core/ids';
import { SNAPSHOT_MIN_SPANS, type ArticleRow, type SpanwiseDB, type TextRow } from './database';
import { addMissingLabels } from './labels';
import { reanchorRecordSpans } from '$lib/core/anchoring/records';
import { addCount, byPosition, spanKey } from './rows';
import { spansOfArticles } from './spans';

/** What an import did. `merged === mergedTitles.length`. */
export interface ImportReport {
	/** Records stored as new articles. */
	added: number;
	/** Records whose text was already stored; their spans went to that article. */
	merged: number;
	/** Spans stored. */
	spansAdded: number;
	/** Spans not stored because their article already had them (same id, or same start, end, label, annotator). */
	spansSkipped: number;
	/** For each merged record, the title of the stored article it merged into (that title is kept). */
	mergedTitles: string[];
	/** Records left out because their text was already stored (duplicates policy 'skip'). */
	skipped: number;
	/** Records merged into the article with their id although its text differs (spans re-anchored by quote). */
	reanchored: number;
	/** Spans placed with low confidence by re-anchoring: flagged for the reviewer. */
	flagged: number;
	/** Spans that re-anchoring could not place, not imported: "title: “quote” (label): reason". */
	unplaced: string[];
}

/** What to do with a record whose text is already stored: add its missing spans, or leave it out. */
export type DuplicatePolicy = 'merge' | 'skip';

export function emptyReport(): ImportReport {
	return { added: 0, merged: 0, spansAdded: 0, spansSkipped: 0, mergedTitles: [], skipped: 0, reanchored: 0, flagged: 0, unplaced: [] };
}

/** The spans an article already holds, by id and by `spanKey`. */
interface Known {
	readonly ids: Set<string>;
	readonly keys: Set<string>;
}

/**
 * Writes `records` (already checked with `checkRecord`) and adds `report`'s counts. Must run inside a
 * 'rw' transaction over articles, texts, spans and labels; it reads everything it needs with a fixed
 * number of batched queries, so call it with chunks of a few hundred records.
 *
 * With `duplicates` 'skip', a record whose text is stored (as below) is left out instead of merged.
 * A record merges into the stored article with the same id if that one has the same text, else into
 * one with the same text (textHash index, then the texts compared); merging adds the spans the article
 * lacks and never changes its stored spans, title, status or meta (updatedAt and revision move when a
 * span is added). A record with the id of an article with a different text is stored as a new article
 * under a fresh id. A span whose id is taken by another article's span is stored under a fresh id.
 *
 * Dexie keeps the transaction across native awaits only a limited number of times, so every await
 * here is a Dexie query and the merge itself runs synchronously on what they returned.
 */
export async function writeRecords(
	db: SpanwiseDB,
	records: readonly ArticleRecord[],
	report: ImportReport,
	now: number,
	duplicates: DuplicatePolicy = 'merge'
): Promise<void> {
	const hashes = records.map((r) => textHash(r.article.text));
	const stored = await db.articles.bulkGet([...new Set(records.map((r) => r.article.id))]);
	const byHash = [...new Set(hashes)].map((hash) => db.articles.where('textHash').equals(hash).toArray());
	stored.push(...(await Promise.all(byHash)).flat());

	// Texts of the stored articles that may hold a record's text, and spans of those that do.
	// (An article with a record's id is a candidate too: a teammate's copy whose text differs.)
	const shapes = new Set(records.map((r, i) => `${hashes[i]}:${r.article.text.length}`));
	const recordIds = new Set(records.map((r) => r.article.id));
	const isCandidate = (row: ArticleRow) => shapes.has(`${row.textHash}:${row.textLength}`) || recordIds.has(row.id);
	const candidates = [...new Set(stored.flatMap((row) => (row && isCandidate(row) ? [row.id] : [])))];
	const texts = new Map<string, string>();
	for (const row of await db.texts.bulkGet(candidates)) if (row !== undefined) texts.set(row.id, row.text);
	const recordTexts = new Set(records.map((r) => r.article.text));
	const targets = candidates.filter((id) => texts.has(id) && (recordTexts.has(texts.get(id) as string) || recordIds.has(id)));
	const known = new Map<string, Known>(targets.map((id) => [id, { ids: new Set(), keys: new Set() }]));
	for (const span of (await spansOfArticles(db, targets)).flat()) {
		const k = known.get(span.articleId) as Known;
		k.ids.add(span.id);
		k.keys.add(spanKey(span));
	}
	// Span ids given out by this write; ids already stored are found when adding (see addSpans).
	const owners = new Map<string, string>();

	const rows = new Map<string, ArticleRow>();
	const idsByHash = new Map<string, string[]>();
	const remember = (row: ArticleRow) => {
		if (!rows.has(row.id)) idsByHash.set(row.textHash, [...(idsByHash.get(row.textHash) ?? []), row.id]);
		rows.set(row.id, row);
	};
	for (const row of stored) if (row !== undefined) remember(row);

	const changed = new Set<string>();
	const newTexts: TextRow[] = [];
	const newSpans: Span[] = [];
	const labels = new Set<string>();

	for (let i = 0; i < records.length; i++) {
		const { article } = records[i];
		let { spans } = records[i];
		const holds = (id: string) => texts.get(id) === article.text;
		const sameId = rows.get(article.id);
		let target = sameId !== undefined && holds(sameId.id) ? sameId : undefined;
		const sameTextId = (idsByHash.get(hashes[i]) ?? []).find(holds);
		target ??= sameTextId === undefined ? undefined : rows.get(sameTextId);
		// Same id, other text (line endings, spacing, small edits): re-anchor the spans onto ours.
		const storedText = sameId === undefined ? undefined : texts.get(sameId.id);
		if (target === undefined && sameId !== undefined && storedText !== undefined && spans.length > 0 && duplicates === 'merge') {
			const moved = reanchorRecordSpans(article.text, storedText, spans);
			if (moved) {
				target = sameId;
				spans = moved.spans;
				report.reanchored += 1;
				report.flagged += moved.flagged;
				for (const { span, reason } of moved.unplaced) {
					report.unplaced.push(`${sameId.title}: “${article.text.slice(span.start, span.end)}” (${span.label}, ${span.annotator}): ${reason}`);
				}
			}
		}

		let isNew = false;
		if (target === undefined) {
			const id = sameId === undefined ? article.id : newId('a');
			const { text, ...rest } = article;
			target = { ...rest, id, textHash: hashes[i], textLength: text.length, counts: {}, spanTotal: 0, revision: 1 };
			remember(target);
			texts.set(id, text);
			newTexts.push({ id, text });
			known.set(id, { ids: new Set(), keys: new Set() });
			isNew = true;
			report.added += 1;
		} else if (duplicates === 'skip') {
			report.skipped += 1;
			continue;
		} else {
			report.merged += 1;
			report.mergedTitles.push(target.title);
		}

		const k = known.get(target.id) as Known;
		const counts = { ...target.counts };
		let added = 0;
		for (const span of spans) {
			const key = spanKey(span);
			if (k.ids.has(span.id) || k.keys.has(key)) {
				report.spansSkipped += 1;
				continue;
			}
			const id = owners.has(span.id) ? newId('s') : span.id;
			owners.set(id, target.id);
			k.ids.add(span.id);
			k.ids.add(id);
			k.keys.add(key);
			addCount(counts, span.label, 1);
			labels.add(span.label);
			newSpans.push({ ...span, id, articleId: target.id });
			added += 1;
		}
		report.spansAdded += added;
		if (isNew || added > 0) {
			const bump = isNew ? {} : { updatedAt: Math.max(now, target.updatedAt), revision: target.revision + 1 };
			rows.set(target.id, { ...target, ...bump, counts, spanTotal: target.spanTotal + added });
			changed.add(target.id);
		}
	}

	await db.texts.bulkAdd(newTexts);
	await db.articles.bulkPut([...changed].map((id) => rows.get(id) as ArticleRow));
	const storedSpans = await addSpans(db, newSpans);
	await addMissingLabels(db, labels);
	// A new long article gets its snapshot now, from the spans just stored: its first opening reads one row.
	const isNewArticle = new Set(newTexts.map((t) => t.id));
	const spansOfNew = new Map<string, Span[]>();
	for (const span of storedSpans) {
		if (!isNewArticle.has(span.articleId)) continue;
		let list = spansOfNew.get(span.articleId);
		if (!list) spansOfNew.set(span.articleId, (list = []));
		list.push(span);
	}
	const snapshots = [...spansOfNew].filter(([, spans]) => spans.length >= SNAPSHOT_MIN_SPANS);
	if (snapshots.length > 0) {
		await db.snapshots.bulkPut(snapshots.map(([articleId, spans]) => ({ articleId, revision: (rows.get(articleId) as ArticleRow).revision, spans: spans.sort(byPosition) })));
	}
}

/**
 * Adds `spans`; a span whose id is already stored (under another article: imported ids are user data)
 * is added under a fresh id instead. Looking every id up first would cost a read per span; a clash is
 * rare, so the add itself finds it. Returns the spans as stored (with their fresh ids).
 */
async function addSpans(db: SpanwiseDB, spans: readonly Span[]): Promise<readonly Span[]> {
	try {
		await db.spans.bulkAdd(spans as Span[]);
		return spans;
	} catch (error) {
		if (!(error instanceof Dexie.BulkError)) throw error;
		const again: Span[] = [];
		const stored = [...spans];
		for (const [pos, failure] of Object.entries(error.failuresByPos)) {
			if (failure.name !== 'ConstraintError') throw error;
			const span = { ...spans[Number(pos)], id: newId('s') };
			stored[Number(pos)] = span;
			again.push(span);
		}
		await db.spans.bulkAdd(again);
		return stored;
	}
}
