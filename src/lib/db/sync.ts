/**
 * What a workspace bound to a team server keeps locally for syncing: the outbox (edit batches the
 * server does not have yet, written with the edits themselves: see commitEdits' `outbox`), the layer
 * revisions last seen on the server, and writing what the server sends (a whole article, a layer,
 * or a change of the feed) without it going back into the outbox.
 */
import type { AnnotationEdit, Article, Relation, Span } from '$lib/core/types';
import type { OutboxRow, SpanwiseDB } from './database';
import { commitEdits } from './commit';
import { createArticles } from './articles';
import { addCount } from './rows';

/** The batches waiting, oldest first. */
export function listOutbox(db: SpanwiseDB, limit = 200): Promise<OutboxRow[]> {
	return db.outbox.orderBy('seq').limit(limit).toArray();
}

export function countOutbox(db: SpanwiseDB): Promise<number> {
	return db.outbox.count();
}

/** Removes batches the server has (applied, or refused for good). */
export async function removeFromOutbox(db: SpanwiseDB, clientIds: readonly string[]): Promise<void> {
	if (clientIds.length > 0) await db.outbox.where('clientId').anyOf([...clientIds]).delete();
}

export async function layerRevision(db: SpanwiseDB, articleId: string, layer: string): Promise<number> {
	return (await db.syncLayers.get([articleId, layer]))?.revision ?? 0;
}

export async function setLayerRevision(db: SpanwiseDB, articleId: string, layer: string, revision: number): Promise<void> {
	await db.syncLayers.put({ articleId, layer, revision });
}

/** Which of `ids` this browser has with at least one layer as the server had it (pulled before): two reads for all. */
export async function serverCopies(db: SpanwiseDB, ids: readonly string[]): Promise<Set<string>> {
	const stored = await db.articles.bulkGet([...ids]);
	const withLayers = new Set((await db.syncLayers.toCollection().primaryKeys()).map((key) => (key as unknown as [string, string])[0]));
	return new Set(ids.filter((id, i) => stored[i] !== undefined && withLayers.has(id)));
}

/** Whether article `id` is stored here. */
export async function hasArticle(db: SpanwiseDB, id: string): Promise<boolean> {
	return (await db.articles.get(id)) !== undefined;
}

/** Whether batches of this layer of this article wait in the outbox. */
export async function hasPendingBatches(db: SpanwiseDB, articleId: string, layer: string): Promise<boolean> {
	return (await db.outbox.filter((r) => r.articleId === articleId && r.layer === layer).count()) > 0;
}

/** Applies a change pulled from the server (not into the outbox); false when it does not fit what is stored here. */
export async function applyPulledEdits(db: SpanwiseDB, articleId: string, edits: readonly AnnotationEdit[]): Promise<boolean> {
	try {
		await commitEdits(db, articleId, edits, Date.now());
		return true;
	} catch {
		return false;
	}
}

/**
 * Writes an article as the server has it: added when this browser lacks it, and each of `layers`
 * replaced by the server's spans and relations (with their revisions), in one transaction per
 * article. Layers with batches still in the outbox are left as they are (they are pushed first).
 */
export async function writeServerArticle(
	db: SpanwiseDB,
	article: Article,
	layers: ServerCopy['layers']
): Promise<void> {
	if (!(await db.articles.get(article.id))) {
		await createArticles(db, [{ article, spans: [], relations: [] }], { duplicates: 'separate' });
	}
	await db.transaction('rw', [db.articles, db.spans, db.relations, db.syncLayers, db.outbox], async () => {
		const pending = new Set((await db.outbox.toArray()).filter((r) => r.articleId === article.id).map((r) => r.layer));
		const row = await db.articles.get(article.id);
		if (!row) return;
		const counts = { ...row.counts };
		let total = row.spanTotal;
		for (const { layer, revision, spans, relations } of layers) {
			if (pending.has(layer)) continue;
			const range = [[article.id, layer], [article.id, layer]] as const;
			const old = await db.spans.where('[articleId+annotator]').between(range[0], range[1], true, true).toArray();
			for (const s of old) addCount(counts, s.label, -1);
			total -= old.length;
			await db.spans.bulkDelete(old.map((s) => s.id));
			await db.relations.where('[articleId+annotator]').between(range[0], range[1], true, true).delete();
			await db.spans.bulkPut(spans.map((s) => ({ ...s })));
			for (const s of spans) addCount(counts, s.label, 1);
			total += spans.length;
			if (relations.length > 0) await db.relations.bulkPut(relations.map((r) => ({ ...r })));
			await db.syncLayers.put({ articleId: article.id, layer, revision });
		}
		await db.articles.put({ ...row, counts, spanTotal: total, revision: row.revision + 1, updatedAt: Date.now() });
	});
}

/** An article as the server sends it, with its layers. */
export interface ServerCopy {
	readonly article: Article;
	readonly layers: readonly { readonly layer: string; readonly revision: number; readonly spans: readonly Span[]; readonly relations: readonly Relation[] }[];
}

/**
 * Writes a page of articles as the server has them (what a browser pulls when it joins): those this
 * browser lacks are created with all their layers at once, as an import would make them (one
 * transaction per chunk, so the library and its counts change a few times, not once per article),
 * with their layers' revisions; those it has go through writeServerArticle one by one.
 */
export async function writeServerArticles(db: SpanwiseDB, copies: readonly ServerCopy[]): Promise<void> {
	if (copies.length === 0) return;
	const stored = await db.articles.bulkGet(copies.map((c) => c.article.id));
	const fresh = copies.filter((_, i) => stored[i] === undefined);
	if (fresh.length > 0) {
		await createArticles(
			db,
			fresh.map(({ article, layers }) => ({ article, spans: layers.flatMap((l) => l.spans), relations: layers.flatMap((l) => l.relations) })),
			{ duplicates: 'separate' }
		);
		await db.syncLayers.bulkPut(fresh.flatMap(({ article, layers }) => layers.map(({ layer, revision }) => ({ articleId: article.id, layer, revision }))));
	}
	for (const [i, copy] of copies.entries()) if (stored[i] !== undefined) await writeServerArticle(db, copy.article, copy.layers);
}
