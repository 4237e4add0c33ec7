import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { SCHEMA_VERSION, openDatabase } from './database';
import { createArticles } from './articles';
import { makeRecord } from './testing';
import { readRawDatabase } from './raw-export';

describe('readRawDatabase', () => {
	it('reads every store of a database at its own version, without Dexie', async () => {
		const indexedDB = new IDBFactory();
		const db = openDatabase('raw', { indexedDB, IDBKeyRange });
		await createArticles(db, [makeRecord('a1', 'Ana met Ben.', [[0, 3, 'actor']])]);
		db.close();
		const raw = await readRawDatabase('raw', indexedDB);
		// Dexie opens IndexedDB at ten times its own version number.
		expect(raw.version).toBe(SCHEMA_VERSION * 10);
		expect(raw.stores.texts).toEqual([{ id: 'a1', text: 'Ana met Ben.' }]);
		expect(raw.stores.spans).toHaveLength(1);
		// The derived snapshots are left out; the team server's outbox (work not pushed yet) and the suggestions with their decisions are kept.
		expect(Object.keys(raw.stores).sort()).toEqual(['articles', 'decisions', 'labels', 'outbox', 'relationTypes', 'relations', 'settings', 'spans', 'suggestionDecisions', 'suggestions', 'syncLayers', 'texts']);
		expect(raw.stores.relationTypes).toEqual([expect.objectContaining({ name: 'source', headLabels: ['claim'], tailLabels: ['actor'] })]);
	});

	it('does not create a database that is not there', async () => {
		const indexedDB = new IDBFactory();
		await expect(readRawDatabase('missing', indexedDB)).rejects.toBeDefined();
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('missing');
	});
});
