/**
 * Databases written by older schema versions (the first release's, and version 4's) open under the
 * current one (5: relations) with every record intact.
 */
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { SCHEMA_VERSION, openDatabase, schemaProblem } from './database';
import { readArticle } from './articles';
import { listLabels } from './labels';
import { listRejections } from './decisions';
import { listRelationTypes, listRelations } from './relations';
import { commitEdits } from './commit';
import { DEFAULT_RELATION_TYPES } from '$lib/core/relations/defaults';
import { textHash } from '$lib/core/text/hash';
import { unpackSuggestions } from '$lib/core/suggest/packed';

describe('schema upgrade', () => {
	it('opens a version 1 database under the current version with every record intact', async () => {
		const indexedDB = new IDBFactory();
		const v1 = new Dexie('spanwise-old', { indexedDB, IDBKeyRange });
		v1.version(1).stores({ articles: 'id, updatedAt, status, textHash, title', texts: 'id', spans: 'id, articleId, [articleId+annotator], label', labels: 'name', settings: 'key' });
		const row = { id: 'a1', title: 'Old article', source: 'old.txt', meta: { desk: 'city' }, status: 'in_progress', createdAt: 1, updatedAt: 2, textHash: 'x', textLength: 12, counts: { actor: 1 }, spanTotal: 1, revision: 3 };
		const span = { id: 's1', articleId: 'a1', start: 0, end: 3, label: 'actor', annotator: 'maria', createdAt: 1, updatedAt: 1 };
		await v1.table('articles').add(row);
		await v1.table('texts').add({ id: 'a1', text: 'Ana met Ben.' });
		await v1.table('spans').add(span);
		await v1.table('labels').add({ name: 'actor', color: '#0072b2', hotkey: '1', description: 'Who', order: 0 });
		await v1.table('settings').add({ key: 'annotator', value: 'maria' });
		v1.close();

		const db = openDatabase('spanwise-old', { indexedDB, IDBKeyRange });
		await db.open();
		expect(db.verno).toBe(SCHEMA_VERSION);
		const read = await readArticle(db, 'a1');
		expect(read?.article).toMatchObject({ id: 'a1', title: 'Old article', text: 'Ana met Ben.', meta: { desk: 'city' }, status: 'in_progress' });
		expect(read?.spans).toEqual([span]);
		expect(read?.revision).toBe(3);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['actor']);
		expect(await db.settings.get('annotator')).toEqual({ key: 'annotator', value: 'maria' });
		expect([...(await listRejections(db, 'a1'))]).toEqual([]);
		// The articleId index of version 1 is gone; queries by article still work through the compound index.
		expect(await db.spans.where('articleId').equals('a1').count()).toBe(1);
		// Version 5: the relation types are seeded, there are no relations, and the old spans can be linked.
		expect(await listRelationTypes(db)).toEqual(DEFAULT_RELATION_TYPES);
		expect(read?.relations).toEqual([]);
		expect(schemaProblem(db)).toBeNull();
		db.close();
	});

	it('opens a version 4 database (snapshots, decisions) under version 5 with everything intact, then stores relations', async () => {
		const indexedDB = new IDBFactory();
		const v4 = new Dexie('spanwise-v4', { indexedDB, IDBKeyRange });
		v4.version(1).stores({ articles: 'id, updatedAt, status, textHash, title', texts: 'id', spans: 'id, articleId, [articleId+annotator], label', labels: 'name', settings: 'key' });
		v4.version(2).stores({ spans: 'id, [articleId+annotator], label' });
		v4.version(3).stores({ decisions: 'id, articleId' });
		v4.version(4).stores({ snapshots: 'articleId' });
		const row = { id: 'a1', title: 'T', source: 'x.txt', meta: {}, status: 'new', createdAt: 1, updatedAt: 2, textHash: 'x', textLength: 20, counts: { actor: 1, claim: 1 }, spanTotal: 2, revision: 7 };
		const actor = { id: 's1', articleId: 'a1', start: 0, end: 3, label: 'actor', annotator: 'maria', createdAt: 1, updatedAt: 1 };
		const claim = { id: 's2', articleId: 'a1', start: 0, end: 20, label: 'claim', annotator: 'maria', createdAt: 1, updatedAt: 1 };
		await v4.table('articles').add(row);
		await v4.table('texts').add({ id: 'a1', text: 'Ana said it is late.' });
		await v4.table('spans').bulkAdd([actor, claim]);
		await v4.table('decisions').add({ id: 'a1|0:3:actor', articleId: 'a1', key: '0:3:actor', decision: 'rejected', decidedAt: 5 });
		await v4.table('snapshots').add({ articleId: 'a1', revision: 7, spans: [actor, claim] });
		v4.close();

		const db = openDatabase('spanwise-v4', { indexedDB, IDBKeyRange });
		await db.open();
		expect(db.verno).toBe(SCHEMA_VERSION);
		expect(schemaProblem(db)).toBeNull();
		const read = await readArticle(db, 'a1');
		expect(read?.spans).toEqual([actor, claim]);
		expect(read?.revision).toBe(7);
		expect(await db.snapshots.get('a1')).toEqual({ articleId: 'a1', revision: 7, spans: [actor, claim] });
		expect([...(await listRejections(db, 'a1'))]).toEqual(['0:3:actor']);
		expect((await listRelationTypes(db)).map((t) => t.name)).toEqual(['source']);
		const relation = { id: 'r1', articleId: 'a1', label: 'source', head: 's2', tail: 's1', annotator: 'maria', createdAt: 9, updatedAt: 9 };
		expect(await commitEdits(db, 'a1', [{ type: 'add-relation', relation }], 9)).toBe(8);
		expect(await listRelations(db, 'a1')).toEqual([relation]);
		db.close();
	});

	it('seeds the default relation types into a new database', async () => {
		const db = openDatabase('spanwise-new', { indexedDB: new IDBFactory(), IDBKeyRange });
		expect(await listRelationTypes(db)).toEqual(DEFAULT_RELATION_TYPES);
		db.close();
	});
});

describe('schemaProblem', () => {
	it('is null for the current schema and names what differs in a foreign one', async () => {
		const indexedDB = new IDBFactory();
		const ok = openDatabase('ok', { indexedDB, IDBKeyRange });
		await ok.open();
		expect(schemaProblem(ok)).toBeNull();
		ok.close();

		const other = new Dexie('foreign', { indexedDB, IDBKeyRange });
		other.version(500).stores({ articles: 'uuid', texts: 'id' });
		await other.open();
		other.close();
		const db = openDatabase('foreign', { indexedDB, IDBKeyRange });
		await db.open();
		expect(schemaProblem(db)).toMatch(/^the table "articles" is keyed by "uuid", not "id"$|is missing/);
		db.close();
	});
});

describe('schema upgrade to version 7', () => {
	it('moves spans an older version stored under a prediction layer into the suggestions, and leaves people’s spans', async () => {
		const indexedDB = new IDBFactory();
		const v6 = new Dexie('spanwise-v6', { indexedDB, IDBKeyRange });
		v6.version(1).stores({ articles: 'id, updatedAt, status, textHash, title', texts: 'id', spans: 'id, articleId, [articleId+annotator], label', labels: 'name', settings: 'key' });
		v6.version(2).stores({ spans: 'id, [articleId+annotator], label' });
		v6.version(3).stores({ decisions: 'id, articleId' });
		v6.version(4).stores({ snapshots: 'articleId' });
		v6.version(5).stores({ relations: 'id, [articleId+annotator], head, tail', relationTypes: 'name' });
		v6.version(6).stores({ outbox: '++seq, clientId', syncLayers: '[articleId+layer]' });
		const text = 'NATO said it would pay.';
		const row = { id: 'a1', title: 'T', source: 'ls.json', meta: {}, status: 'new', createdAt: 1, updatedAt: 2, textHash: 'x', textLength: text.length, counts: { actor: 2, claim: 1 }, spanTotal: 3, revision: 4 };
		const mine = { id: 's1', articleId: 'a1', start: 0, end: 4, label: 'actor', annotator: 'maria', createdAt: 1, updatedAt: 1 };
		const predicted = [
			{ id: 'p1', articleId: 'a1', start: 0, end: 4, label: 'actor', annotator: 'prediction:ner-2', createdAt: 1, updatedAt: 1 },
			{ id: 'p2', articleId: 'a1', start: 10, end: 22, label: 'claim', annotator: 'prediction:ner-2', createdAt: 1, updatedAt: 1 }
		];
		await v6.table('articles').add(row);
		await v6.table('texts').add({ id: 'a1', text });
		await v6.table('spans').bulkAdd([mine, ...predicted]);
		await v6.table('relations').add({ id: 'r1', articleId: 'a1', label: 'source', head: 'p2', tail: 'p1', annotator: 'prediction:ner-2', createdAt: 1, updatedAt: 1 });
		await v6.table('snapshots').add({ articleId: 'a1', revision: 4, spans: [mine, ...predicted] });
		v6.close();

		const db = openDatabase('spanwise-v6', { indexedDB, IDBKeyRange });
		await db.open();
		expect(db.verno).toBe(SCHEMA_VERSION);
		const read = await readArticle(db, 'a1');
		expect(read?.spans).toEqual([mine]);
		expect(read?.relations).toEqual([]);
		expect(await db.articles.get('a1')).toMatchObject({ counts: { actor: 1 }, spanTotal: 1, revision: 5 });
		expect(await db.snapshots.get('a1')).toBeUndefined();
		const [suggestions] = await db.suggestions.toArray();
		expect(suggestions).toMatchObject({ articleId: 'a1', source: 'prediction:ner-2', textHash: textHash(text) });
		expect(unpackSuggestions(suggestions.packed).map((s) => `${s.label}:${text.slice(s.start, s.end)}`)).toEqual(['actor:NATO', 'claim:it would pay']);
		// Their source link became the claim's speaker, as an import of them would make it.
		expect(unpackSuggestions(suggestions.packed).find((s) => s.label === 'claim')?.speaker).toEqual({ start: 0, end: 4 });
		db.close();
	});
});
