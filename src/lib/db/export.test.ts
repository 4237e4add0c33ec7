import { describe, expect, it } from 'vitest';
import type { Article, Span } from '$lib/core/types';
import { createArticles } from './articles';
import { forEachArticle } from './export';
import { freshDb, makeRecord } from './testing';

const records = ['d', 'b', 'e', 'a', 'c'].map((id, i) =>
	makeRecord(id, `Text of article ${id}`, Array.from({ length: i }, (_, j) => [j, j + 1] as const))
);

async function seeded() {
	const db = freshDb();
	await createArticles(db, records);
	return db;
}

describe('forEachArticle', () => {
	it('visits every article with its spans, by id, in batches', async () => {
		const db = await seeded();
		const seen: [Article, Span[]][] = [];
		const progress: [number, number][] = [];
		await forEachArticle(db, (article, spans) => void seen.push([article, spans]), {
			batchSize: 2,
			onProgress: (done, total) => progress.push([done, total])
		});
		expect(seen.map(([a]) => a.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
		for (const [article, spans] of seen) {
			const record = records.find((r) => r.article.id === article.id);
			expect(article).toEqual(record?.article);
			expect(spans).toEqual(record?.spans);
		}
		expect(progress).toEqual([
			[2, 5],
			[4, 5],
			[5, 5]
		]);
	});

	it('visits only the given ids, in their order, awaiting each visit', async () => {
		const db = await seeded();
		const seen: string[] = [];
		await forEachArticle(
			db,
			async (article) => {
				await new Promise((resolve) => setTimeout(resolve, 1));
				seen.push(article.id);
			},
			{ ids: ['e', 'missing', 'a', 'e'], batchSize: 2 }
		);
		expect(seen).toEqual(['e', 'a']);
	});

	it('rejects with the abort reason', async () => {
		const db = await seeded();
		const controller = new AbortController();
		const reason = new Error('stop');
		const seen: string[] = [];
		const walk = forEachArticle(
			db,
			(article) => {
				seen.push(article.id);
				if (seen.length === 3) controller.abort(reason);
			},
			{ batchSize: 2, signal: controller.signal }
		);
		await expect(walk).rejects.toBe(reason);
		expect(seen).toEqual(['a', 'b', 'c']);
	});
});
