import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '$lib/core/labels/defaults';
import { createArticles, destroyArticle, listArticles } from './articles';
import { listLabels } from './labels';
import { SEEDED_KEY, seedIfEmpty } from './seed';
import { readSetting } from './settings';
import { freshDb, makeRecord } from './testing';

const samples = [makeRecord('s1', 'Sample one', [[0, 6]]), makeRecord('s2', 'Sample two')];

describe('seedIfEmpty', () => {
	it('seeds once, and not again after every article is deleted', async () => {
		const db = freshDb();
		expect(await seedIfEmpty(db, samples)).toBe(true);
		expect((await listArticles(db)).map((r) => r.id).sort()).toEqual(['s1', 's2']);
		expect(await db.labels.count()).toBe(DEFAULT_LABELS.length);
		expect(await listLabels(db)).toEqual(DEFAULT_LABELS);
		expect(await readSetting(db, SEEDED_KEY, false)).toBe(true);

		expect(await seedIfEmpty(db, samples)).toBe(false);
		await destroyArticle(db, 's1');
		await destroyArticle(db, 's2');
		expect(await seedIfEmpty(db, samples)).toBe(false);
		expect(await db.articles.count()).toBe(0);
	});

	it('does not seed a database that already has articles, and marks it seeded', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('mine', 'My own text')]);
		expect(await seedIfEmpty(db, samples)).toBe(false);
		expect((await listArticles(db)).map((r) => r.id)).toEqual(['mine']);
		await destroyArticle(db, 'mine');
		expect(await seedIfEmpty(db, samples)).toBe(false);
	});
});
