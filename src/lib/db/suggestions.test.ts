import { describe, expect, it } from 'vitest';
import { freshDb, makeArticle } from './testing';
import { createArticles, countLayerLabels, listAnnotators } from './index';
import { addSuggestions, articlesWithoutSuggestions, readSuggestionDecisions, readSuggestions, setSuggestionDecisions, suggestionKey } from './suggestions';
import { textHash } from '$lib/core/text/hash';
import { unpackSuggestions } from '$lib/core/suggest/packed';
import type { Span } from '$lib/core/types';

const text = 'NATO said the cost was $5 billion.';
const span = (id: string, start: number, end: number, label: string, annotator: string, articleId = 'a'): Span => ({ id, articleId, start, end, label, annotator, createdAt: 1, updatedAt: 1 });

describe('suggestions in storage', () => {
	it('keeps imported predictions out of spans, counts and annotators', async () => {
		const db = freshDb();
		const report = await createArticles(db, [{ article: makeArticle('a', text), spans: [span('s1', 0, 4, 'actor', 'maria'), span('p1', 23, 33, 'figure', 'prediction:ner')] }]);
		expect(report.spansAdded).toBe(1);
		expect(report.suggestionsAdded).toBe(1);
		expect((await db.spans.toArray()).map((s) => s.annotator)).toEqual(['maria']);
		expect((await listAnnotators(db)).map((a) => a.name)).toEqual(['maria']);
		expect((await countLayerLabels(db, ['a'], 'prediction:ner')).get('a')).toEqual({});
		const rows = await readSuggestions(db, 'a', textHash(text));
		expect(rows.map((r) => [r.source, unpackSuggestions(r.packed).map((i) => text.slice(i.start, i.end))])).toEqual([['prediction:ner', ['$5 billion']]]);
	});

	it('takes a whole file as suggestions when asked, and merges a second import of them', async () => {
		const db = freshDb();
		const spans = [span('x1', 0, 4, 'actor', 'model'), span('x2', 23, 33, 'figure', 'model')];
		const first = await createArticles(db, [{ article: makeArticle('a', text), spans }], { asSuggestions: 'prediction:run-1' });
		expect(first).toMatchObject({ added: 1, spansAdded: 0, suggestionsAdded: 2 });
		const again = await createArticles(db, [{ article: makeArticle('b', text), spans: [span('x3', 0, 4, 'actor', 'model', 'b'), span('x4', 10, 33, 'claim', 'model', 'b')] }], { asSuggestions: 'prediction:run-1' });
		expect(again).toMatchObject({ merged: 1, suggestionsAdded: 1 });
		const [row] = await readSuggestions(db, 'a', textHash(text));
		expect(unpackSuggestions(row.packed).map(suggestionKey)).toEqual(['0:4:actor', '23:33:figure', '10:33:claim']);
		expect(await db.spans.count()).toBe(0);
	});

	it('ignores rows made on another text under the same id', async () => {
		const db = freshDb();
		await addSuggestions(db, 'a', 'builtin', textHash('old text'), 'v1', [{ start: 0, end: 3, label: 'actor', source: 'builtin' }]);
		expect(await readSuggestions(db, 'a', textHash(text))).toEqual([]);
		expect(await articlesWithoutSuggestions(db, ['a', 'b'], 'builtin', 'v1')).toEqual(['b']);
		expect(await articlesWithoutSuggestions(db, ['a'], 'builtin', 'v2')).toEqual(['a']);
	});

	it('finds the articles lacking current suggestions across many reads (1,201 ids), in the order given', async () => {
		const db = freshDb();
		const ids = Array.from({ length: 1201 }, (_, i) => `n${i}`);
		// Stored: every third article by the current maker, every seventh by an older one.
		for (const [i, id] of ids.entries()) {
			if (i % 3 === 0) await addSuggestions(db, id, 'builtin', 'h', 'v2', []);
			else if (i % 7 === 0) await addSuggestions(db, id, 'builtin', 'h', 'v1', []);
		}
		const missing = await articlesWithoutSuggestions(db, ids, 'builtin', 'v2');
		expect(missing).toEqual(ids.filter((_, i) => i % 3 !== 0));
		expect(missing).toContain('n1198');
		expect(missing).not.toContain('n999');
	});

	it('records and withdraws decisions per person', async () => {
		const db = freshDb();
		await setSuggestionDecisions(db, [
			{ articleId: 'a', annotator: 'maria', source: 'builtin', key: '0:4:actor', decision: 'accepted' },
			{ articleId: 'a', annotator: 'maria', source: 'builtin', key: '23:33:figure', decision: 'rejected' },
			{ articleId: 'a', annotator: 'jon', source: 'builtin', key: '0:4:actor', decision: 'rejected' }
		]);
		expect((await readSuggestionDecisions(db, 'a', 'maria')).map((d) => `${d.key}=${d.decision}`).sort()).toEqual(['0:4:actor=accepted', '23:33:figure=rejected']);
		await setSuggestionDecisions(db, [{ articleId: 'a', annotator: 'maria', source: 'builtin', key: '23:33:figure', decision: null }]);
		expect((await readSuggestionDecisions(db, 'a', 'maria')).map((d) => d.key)).toEqual(['0:4:actor']);
		expect(await readSuggestionDecisions(db, 'a', 'jon')).toHaveLength(1);
	});
});
