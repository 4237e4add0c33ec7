/**
 * Suggestion layers in storage: each source's suggestions per article (one row each), and each
 * person's decisions on them. Apart from spans, so no count, agreement or review ever sees them.
 */
import Dexie from 'dexie';
import type { Suggestion } from '$lib/core/suggest/types';
import { offerKey } from '$lib/core/suggest/board';
import { packSuggestions, unpackSuggestions } from '$lib/core/suggest/packed';
import type { SpanwiseDB, SuggestionDecisionRow, SuggestionRow } from './database';

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
