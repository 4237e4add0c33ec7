/**
 * Suggestion layers in storage: each source's suggestions per article (one row each), and each
 * person's decisions on them. Apart from spans, so no count, agreement or review ever sees them.
 */
import Dexie from 'dexie';
import type { Suggestion } from '$lib/core/suggest/types';
import { offerKey } from '$lib/core/suggest/board';
import { packSuggestions, unpackSuggestions } from '$lib/core/suggest/packed';
import type { SpanwiseDB, SuggestionDecisionRow, SuggestionRow } from './database';
import { findMentions, MENTIONS_SOURCE } from '$lib/core/suggest/mentions';
import { textHash } from '$lib/core/text/hash';

/** The key of a suggestion among its source's for one article: `start:end:label` (core's offer key). */
export const suggestionKey = offerKey;

/** The stored suggestion rows of an article (every source) made on the text with hash `textHash`. */
export async function readSuggestions(db: SpanwiseDB, articleId: string, textHash: string): Promise<SuggestionRow[]> {
	const rows = await db.suggestions.where('[articleId+source]').between([articleId, Dexie.minKey], [articleId, Dexie.maxKey], true, true).toArray();
	// (A row without columns was written before they existed: it is made again.)
	return rows.filter((row) => row.textHash === textHash && row.packed !== undefined);
}

/** Stores (replacing) the suggestions of `source` for one article. */
export async function writeSuggestions(db: SpanwiseDB, row: SuggestionRow): Promise<void> {
	await db.suggestions.put(row);
}

/**
 * Adds `items` to the suggestions of `source` for one article (those it has already, by key, are kept
 * as they are); returns how many were new. One transaction.
 */
export async function addSuggestions(db: SpanwiseDB, articleId: string, source: string, textHash: string, maker: string, items: readonly Suggestion[], now = Date.now()): Promise<number> {
	return db.transaction('rw', db.suggestions, async () => {
		const stored = await db.suggestions.get([articleId, source]);
		const kept = stored && stored.textHash === textHash && stored.packed ? unpackSuggestions(stored.packed) : [];
		const have = new Set(kept.map(suggestionKey));
		const fresh = items.filter((item) => {
			const key = suggestionKey(item);
			if (have.has(key)) return false;
			have.add(key);
			return true;
		});
		if (fresh.length > 0 || !stored) await db.suggestions.put({ articleId, source, textHash, maker, packed: packSuggestions(source, [...kept, ...fresh]), madeAt: now });
		return fresh.length;
	});
}

/** Removes every suggestion of `source` in every article (a pattern file taken out); returns how many rows went. */
export async function removeSuggestionSource(db: SpanwiseDB, source: string): Promise<number> {
	return db.suggestions.filter((row) => row.source === source).delete();
}

/** The decisions of `annotator` on the suggestions of one article. */
export function readSuggestionDecisions(db: SpanwiseDB, articleId: string, annotator: string): Promise<SuggestionDecisionRow[]> {
	return db.suggestionDecisions.where('[articleId+annotator]').equals([articleId, annotator]).toArray();
}

/** The id of a decision row. */
export function decisionId(articleId: string, annotator: string, source: string, key: string): string {
	return `${articleId}|${annotator}|${source}|${key}`;
}

/**
 * Records decisions (`decision` set) and withdraws others (`decision` null: offered again), in one
 * transaction.
 */
export async function setSuggestionDecisions(
	db: SpanwiseDB,
	changes: readonly { articleId: string; annotator: string; source: string; key: string; decision: SuggestionDecisionRow['decision'] | null }[],
	now = Date.now()
): Promise<void> {
	if (changes.length === 0) return;
	await db.transaction('rw', db.suggestionDecisions, async () => {
		const put: SuggestionDecisionRow[] = [];
		const gone: string[] = [];
		for (const c of changes) {
			const id = decisionId(c.articleId, c.annotator, c.source, c.key);
			if (c.decision === null) gone.push(id);
			else put.push({ id, articleId: c.articleId, annotator: c.annotator, source: c.source, key: c.key, decision: c.decision, decidedAt: now });
		}
		if (gone.length > 0) await db.suggestionDecisions.bulkDelete(gone);
		if (put.length > 0) await db.suggestionDecisions.bulkPut(put);
	});
}

/** Suggestion rows read at once by `articlesWithoutSuggestions`: each read's rows arrive in one task of the caller's thread. */
const CHECK_CHUNK = 500;

/**
 * Ids of the articles that have no stored suggestions of `source` made by `maker` (for corpus-wide
 * runs). Read a chunk at a time, so that 10,000 stored rows never come back in one long task.
 */
export async function articlesWithoutSuggestions(db: SpanwiseDB, ids: readonly string[], source: string, maker: string): Promise<string[]> {
	const out: string[] = [];
	for (let at = 0; at < ids.length; at += CHECK_CHUNK) {
		const chunk = ids.slice(at, at + CHECK_CHUNK);
		const rows = await db.suggestions.bulkGet(chunk.map((id) => [id, source] as [string, string]));
		chunk.forEach((id, i) => {
			if (rows[i] === undefined || rows[i]!.maker !== maker) out.push(id);
		});
	}
	return out;
}

/** What "tag all mentions in the corpus" looks for. */
export interface CorpusMentionSearch {
	readonly phrase: string;
	readonly label: string;
	readonly caseMode: 'exact' | 'ignore';
	/** The span just tagged: not offered as a mention of itself. */
	readonly except: { readonly articleId: string; readonly start: number };
}

/** Articles read and searched at once by `addMentionsInCorpus`, between two progress reports. */
export const MENTION_BATCH = 50;

/**
 * "Tag all mentions" in the whole corpus: every whole-token occurrence of the phrase in every
 * article becomes a `mentions` suggestion of the label (stored per article as it is found; those
 * already offered are not added twice). `progress` hears after each batch; `stop` is asked before
 * each batch (what was stored stays). Returns how many suggestions were new, in how many articles.
 */
export async function addMentionsInCorpus(
	db: SpanwiseDB,
	search: CorpusMentionSearch,
	progress: (done: number, total: number) => void = () => {},
	stop: () => boolean = () => false
): Promise<{ added: number; articles: number; stopped: boolean }> {
	const ids = (await db.texts.toCollection().primaryKeys()) as string[];
	let added = 0;
	let articles = 0;
	for (let i = 0; i < ids.length; i += MENTION_BATCH) {
		if (stop()) return { added, articles, stopped: true };
		const texts = (await db.texts.bulkGet(ids.slice(i, i + MENTION_BATCH))).filter((t) => t !== undefined);
		for (const row of texts) {
			const found = findMentions(row.text, search.phrase, search.label, { caseMode: search.caseMode, except: row.id === search.except.articleId ? search.except.start : undefined });
			if (found.length === 0) continue;
			const fresh = await addSuggestions(db, row.id, MENTIONS_SOURCE, textHash(row.text), 'mentions', found);
			added += fresh;
			if (fresh > 0) articles += 1;
		}
		progress(Math.min(ids.length, i + MENTION_BATCH), ids.length);
	}
	return { added, articles, stopped: false };
}
