/**
 * A database written by the first schema version (as the first release of Spanwise left it) opens
 * under the current one with every record intact.
 */
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase, schemaProblem } from './database';
import { readArticle } from './articles';
import { listLabels } from './labels';
import { listRejections } from './decisions';

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
		expect(db.verno).toBe(4);
		const read = await readArticle(db, 'a1');
		expect(read?.article).toMatchObject({ id: 'a1', title: 'Old article', text: 'Ana met Ben.', meta: { desk: 'city' }, status: 'in_progress' });
		expect(read?.spans).toEqual([span]);
		expect(read?.revision).toBe(3);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['actor']);
		expect(await db.settings.get('annotator')).toEqual({ key: 'annotator', value: 'maria' });
		expect([...(await listRejections(db, 'a1'))]).toEqual([]);
		// The articleId index of version 1 is gone; queries by article still work through the compound index.
		expect(await db.spans.where('articleId').equals('a1').count()).toBe(1);
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
