import { describe, expect, it } from 'vitest';
import { freshDb, makeArticle } from './testing';
import { createArticles, countLayerLabels, listAnnotators } from './index';
import { addMentionsInCorpus, MENTION_BATCH, addSuggestions, articlesWithoutSuggestions, readSuggestionDecisions, readSuggestions, setSuggestionDecisions, suggestionKey } from './suggestions';
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

	it('tags all mentions in the corpus a batch at a time, reporting progress, skipping the span just tagged; a stop keeps what was stored', async () => {
		const db = freshDb();
		const n = MENTION_BATCH * 2 + 10;
		// Every fifth article names the Pentagon (and the first one twice).
		const records = Array.from({ length: n }, (_, i) => ({ article: makeArticle(`m${String(i).padStart(3, '0')}`, i % 5 === 0 ? `The Pentagon said no.${i === 0 ? ' The Pentagon again.' : ''} ${i}` : `Nothing here ${i}.`), spans: [] }));
		await createArticles(db, records);
		const progress: [number, number][] = [];
		const search = { phrase: 'Pentagon', label: 'actor', caseMode: 'exact' as const, except: { articleId: 'm000', start: 4 } };
		const result = await addMentionsInCorpus(db, search, (done, total) => progress.push([done, total]));
		expect(result).toEqual({ added: n / 5, articles: n / 5, stopped: false });
		expect(progress).toEqual([[MENTION_BATCH, n], [MENTION_BATCH * 2, n], [n, n]]);
		// The first article's own span (at 4) is not its own mention; its second Pentagon is.
		const [first] = await readSuggestions(db, 'm000', textHash(records[0].article.text));
		expect(unpackSuggestions(first.packed).map((s) => [s.start, s.label, s.source])).toEqual([[26, 'actor', 'mentions']]);
		// Again: nothing new.
		expect((await addMentionsInCorpus(db, search)).added).toBe(0);
		// Another phrase, stopped after its first batch: that batch's mentions stay, no more.
		let batches = 0;
		const stopped = await addMentionsInCorpus(db, { ...search, phrase: 'Nothing' }, () => batches++, () => batches >= 1);
		expect(stopped).toEqual({ added: MENTION_BATCH - MENTION_BATCH / 5, articles: MENTION_BATCH - MENTION_BATCH / 5, stopped: true });
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
