/** The team server's local side in storage: the outbox written with the edits, and writing what the server sends. */
import { describe, expect, it } from 'vitest';
import { createArticles, readArticle } from './articles';
import { commitEdits } from './commit';
import { applyPulledEdits, countOutbox, layerRevision, listOutbox, removeFromOutbox, serverCopies, writeServerArticle, writeServerArticles } from './sync';
import { freshDb, makeArticle, makeSpan } from './testing';

const TEXT = 'The minister said unemployment fell.';

describe('the outbox', () => {
	it('gets one batch per layer in the same transaction as the edit, only when asked, and empties as the server confirms', async () => {
		const db = freshDb();
		await createArticles(db, [{ article: makeArticle('a', TEXT), spans: [] }]);
		await commitEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 's0', 0, 3, 'actor') }], 1);
		expect(await countOutbox(db)).toBe(0);
		await commitEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 's1', 4, 12, 'actor', { annotator: 'ana' }) }, { type: 'add', span: makeSpan('a', 's2', 18, 35, 'claim', { annotator: 'gold' }) }], 2, { outbox: true });
		const rows = await listOutbox(db);
		expect(rows.map((r) => [r.layer, r.edits.length])).toEqual([
			['ana', 1],
			['gold', 1]
		]);
		expect(new Set(rows.map((r) => r.clientId)).size).toBe(2);
		// A refused edit writes nothing, outbox included.
		await expect(commitEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 's1', 4, 12, 'actor', { annotator: 'ana' }) }], 3, { outbox: true })).rejects.toThrow();
		expect(await countOutbox(db)).toBe(2);
		await removeFromOutbox(db, [rows[0].clientId]);
		expect((await listOutbox(db)).map((r) => r.layer)).toEqual(['gold']);
	});
});

describe('what the server sends', () => {
	it('writes a new article with its layers and revisions, replaces a layer later, and leaves a layer with waiting batches alone', async () => {
		const db = freshDb();
		const article = makeArticle('a', TEXT);
		await writeServerArticle(db, article, [{ layer: 'ana', revision: 3, spans: [makeSpan('a', 's1', 4, 12, 'actor', { annotator: 'ana' })], relations: [] }]);
		expect((await readArticle(db, 'a'))!.spans.map((s) => s.id)).toEqual(['s1']);
		expect(await layerRevision(db, 'a', 'ana')).toBe(3);
		await writeServerArticle(db, article, [{ layer: 'ana', revision: 4, spans: [makeSpan('a', 's9', 18, 35, 'claim', { annotator: 'ana' })], relations: [] }]);
		const read = (await readArticle(db, 'a'))!;
		expect(read.spans.map((s) => s.id)).toEqual(['s9']);
		expect(read.article.status).toBeDefined();
		// A local batch not pushed yet: the server's older copy does not overwrite it.
		await commitEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 's10', 0, 3, 'actor', { annotator: 'ana' }) }], 5, { outbox: true });
		await writeServerArticle(db, article, [{ layer: 'ana', revision: 4, spans: [], relations: [] }]);
		expect((await readArticle(db, 'a'))!.spans.map((s) => s.id).sort()).toEqual(['s10', 's9']);
		// A pulled change that fits is applied; one that does not is reported.
		expect(await applyPulledEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 'b1', 0, 3, 'actor', { annotator: 'ben' }) }])).toBe(true);
		expect(await applyPulledEdits(db, 'a', [{ type: 'remove', span: makeSpan('a', 'zz', 0, 3, 'actor', { annotator: 'ben' }) }])).toBe(false);
		expect(await countOutbox(db)).toBe(1);
	});

	it('writes a page of articles at once: new ones with all their layers, counts and revisions; one it has is replaced layer by layer', async () => {
		const db = freshDb();
		const a = makeArticle('a', TEXT);
		const b = makeArticle('b', TEXT);
		await writeServerArticle(db, a, [{ layer: 'ana', revision: 2, spans: [makeSpan('a', 'a1', 4, 12, 'actor', { annotator: 'ana' })], relations: [] }]);
		expect([...(await serverCopies(db, ['a', 'b', 'c']))]).toEqual(['a']);
		await writeServerArticles(db, [
			{ article: a, layers: [{ layer: 'ana', revision: 3, spans: [makeSpan('a', 'a2', 0, 3, 'actor', { annotator: 'ana' })], relations: [] }] },
			{
				article: b,
				layers: [
					{ layer: 'ana', revision: 5, spans: [makeSpan('b', 'b1', 4, 12, 'actor', { annotator: 'ana' }), makeSpan('b', 'b2', 18, 35, 'claim', { annotator: 'ana' })], relations: [{ id: 'r1', articleId: 'b', label: 'source', head: 'b2', tail: 'b1', annotator: 'ana', createdAt: 1, updatedAt: 1 }] },
					{ layer: 'gold', revision: 1, spans: [makeSpan('b', 'g1', 4, 12, 'actor', { annotator: 'gold' })], relations: [] }
				]
			}
		]);
		expect((await readArticle(db, 'a'))!.spans.map((s) => s.id)).toEqual(['a2']);
		expect(await layerRevision(db, 'a', 'ana')).toBe(3);
		const read = (await readArticle(db, 'b'))!;
		expect(read.spans.map((s) => s.id).sort()).toEqual(['b1', 'b2', 'g1']);
		expect(read.relations.map((r) => [r.id, r.head, r.tail])).toEqual([['r1', 'b2', 'b1']]);
		expect(await layerRevision(db, 'b', 'ana')).toBe(5);
		expect(await layerRevision(db, 'b', 'gold')).toBe(1);
		expect((await db.articles.get('b'))!.spanTotal).toBe(3);
		expect([...(await serverCopies(db, ['a', 'b', 'c']))]).toEqual(['a', 'b']);
		// Nothing of it went into the outbox: it came from the server.
		expect(await countOutbox(db)).toBe(0);
	});
});
