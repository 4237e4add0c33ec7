import { describe, expect, it } from 'vitest';
import { createArticles, readArticle } from './articles';
import { listAnnotators, renameAnnotator } from './annotators';
import { freshDb, makeRecord, makeSpan } from './testing';

describe('annotators', () => {
	it('lists who has spans, with article counts, and renames one so their spans follow', async () => {
		const db = freshDb();
		const a = makeRecord('a', 'Ana met Ben.');
		const b = makeRecord('b', 'Cy left.');
		await createArticles(db, [
			{ article: a.article, spans: [makeSpan('a', 's1', 0, 3, 'actor', { annotator: 'maria' }), makeSpan('a', 's2', 8, 11, 'actor', { annotator: 'jon' })] },
			{ article: b.article, spans: [makeSpan('b', 's3', 0, 2, 'actor', { annotator: 'maria' })] }
		]);
		expect(await listAnnotators(db)).toEqual([
			{ name: 'jon', articles: 1 },
			{ name: 'maria', articles: 2 }
		]);
		expect(await renameAnnotator(db, 'maria', 'María')).toBe(2);
		expect(await listAnnotators(db)).toEqual([
			{ name: 'María', articles: 2 },
			{ name: 'jon', articles: 1 }
		]);
		const read = await readArticle(db, 'a');
		expect(read?.spans.map((s) => s.annotator)).toEqual(['María', 'jon']);
		expect(read?.revision).toBe(2);
		await expect(renameAnnotator(db, 'jon', ' ')).rejects.toThrow(RangeError);
	});
});
