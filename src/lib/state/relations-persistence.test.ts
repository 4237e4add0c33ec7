/**
 * Relation edits go the way span edits go: journaled before the write, replayed after a crash,
 * kept queued when storage is full, dropped (and the article reloaded) when another tab got there first.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotationEdit, Relation, Span, SpanEdit } from '$lib/core/types';
import { createArticles } from '$lib/db/articles';
import { commitEdits } from '$lib/db/commit';
import { listRelations } from '$lib/db/relations';
import { listSpans } from '$lib/db/spans';
import { freshDb, makeArticle, makeSpan } from '$lib/db/testing';
import { Journal, replayJournal, type JournalStore } from './journal';
import { Saver, type SaveStatus } from './saver';

function memoryStore(): JournalStore {
	const map = new Map<string, string>();
	return {
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, v),
		removeItem: (k) => void map.delete(k),
		key: (i) => [...map.keys()][i] ?? null,
		get length() {
			return map.size;
		}
	};
}

const TEXT = 'The minister said unemployment fell.';
const actor: Span = makeSpan('a', 'p', 4, 12, 'actor');
const claim: Span = makeSpan('a', 'c', 13, 36, 'claim');
const link: Relation = { id: 'r1', articleId: 'a', label: 'source', head: 'c', tail: 'p', annotator: 'ann', createdAt: 9, updatedAt: 9 };

async function article() {
	const db = freshDb();
	await createArticles(db, [{ article: makeArticle('a', TEXT), spans: [actor] }]);
	return db;
}

describe('relation edits in the journal', () => {
	it('a crash between the edit and its commit loses no relation: the journaled batch is written on the next start', async () => {
		const db = await article();
		const store = memoryStore();
		// The page journals the batch (a claim and its source), then goes away before writing it.
		new Journal(store).add('a', [{ type: 'add', span: claim }, { type: 'add-relation', relation: link }], 100);
		const outcome = await replayJournal(new Journal(store), (articleId, edits, at) => commitEdits(db, articleId, edits, at));
		expect(outcome).toEqual({ written: 1, skipped: 0, failed: [] });
		expect(await listRelations(db, 'a')).toEqual([link]);
		// Replayed again (it did commit after all): refused by the conflict check, skipped.
		new Journal(store).add('a', [{ type: 'add', span: claim }, { type: 'add-relation', relation: link }], 100);
		expect(await replayJournal(new Journal(store), (articleId, edits, at) => commitEdits(db, articleId, edits, at))).toEqual({ written: 0, skipped: 1, failed: [] });
		expect(await listRelations(db, 'a')).toHaveLength(1);
	});

	it('still replays an entry written before relations (span edits only)', async () => {
		const db = await article();
		const store = memoryStore();
		const old: SpanEdit[] = [{ type: 'add', span: claim }];
		store.setItem('spanwise:journal:oldtab:50:0', JSON.stringify({ articleId: 'a', edits: old, at: 50 }));
		expect(await replayJournal(new Journal(store), (articleId, edits, at) => commitEdits(db, articleId, edits, at))).toMatchObject({ written: 1 });
		expect((await listSpans(db, 'a')).map((s) => s.id)).toEqual(['p', 'c']);
	});

	it('leaves out a damaged entry (an edit of no known shape) instead of failing on it at every start', () => {
		const store = memoryStore();
		store.setItem('spanwise:journal:t:1:0', JSON.stringify({ articleId: 'a', edits: [{ type: 'add-relation' }], at: 1 }));
		store.setItem('spanwise:journal:t:2:0', JSON.stringify({ articleId: 'a', edits: [{ type: 'explode', span: {} }], at: 2 }));
		store.setItem('spanwise:journal:t:3:0', JSON.stringify({ articleId: 'a', edits: [{ type: 'remove-relation', relation: link }], at: 3 }));
		expect(new Journal(store).takeLeftovers().map((e) => e.at)).toEqual([3]);
		expect(store.length).toBe(0);
	});
});

describe('relation edits in the saver', () => {
	it('keeps relation edits queued while storage is full and writes them, in order, on retry', async () => {
		const db = await article();
		let full = true;
		let last: SaveStatus = { kind: 'saved' };
		const saver = new Saver(async (articleId, edits) => {
			if (full) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
			await commitEdits(db, articleId, edits, 10);
		}, (s) => (last = s));
		await saver.save('a', [{ type: 'add', span: claim }]);
		await saver.save('a', [{ type: 'add-relation', relation: link }]);
		expect(last).toMatchObject({ kind: 'failed', pending: 2, message: expect.stringMatching(/storage is full/) });
		full = false;
		await saver.retry();
		expect(last.kind).toBe('saved');
		expect(await listRelations(db, 'a')).toEqual([link]);
	});

	it('drops a relation edit another tab overtook (its end deleted there) and reports the article', async () => {
		const db = freshDb();
		await createArticles(db, [{ article: makeArticle('a', TEXT), spans: [actor, claim] }]);
		// The other tab deleted the actor.
		await commitEdits(db, 'a', [{ type: 'remove', span: actor }], 5);
		const conflicts: string[] = [];
		const saver = new Saver((articleId, edits: readonly AnnotationEdit[]) => commitEdits(db, articleId, edits, 10), () => {}, (id) => conflicts.push(id));
		await saver.save('a', [{ type: 'add-relation', relation: link }]);
		expect(conflicts).toEqual(['a']);
		expect(saver.pending).toBe(0);
		expect(await listRelations(db, 'a')).toEqual([]);
	});
});
