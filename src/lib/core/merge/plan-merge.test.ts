import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ArticleRecord, Span } from '../types';
import { textHash } from '../text/hash';
import { planMerge, type MergeStore, type StoredArticle } from './plan-merge';

const TEXT = 'Kyiv said the package of $60.84 billion would arrive by February 2022.';

function span(id: string, start: number, end: number, label: string, annotator: string, articleId = 'a1'): Span {
	return { id, articleId, start, end, label, annotator, createdAt: 1, updatedAt: 1 };
}

function record(id: string, text: string, spans: Span[]): ArticleRecord {
	return {
		article: { id, title: `Title ${id}`, text, source: 'x.jsonl', meta: {}, status: 'in_progress', createdAt: 1, updatedAt: 2 },
		spans: spans.map((s) => ({ ...s, articleId: id }))
	};
}

/** The store after `records` were imported into an empty library (as the writer would leave it). */
function storeOf(...records: ArticleRecord[]): MergeStore {
	const articles: StoredArticle[] = [];
	const texts = new Map<string, string>();
	const spans = new Map<string, readonly Span[]>();
	for (const { article, spans: list } of records) {
		const { text, ...rest } = article;
		const counts: Record<string, number> = {};
		for (const s of list) counts[s.label] = (counts[s.label] ?? 0) + 1;
		articles.push({ ...rest, textHash: textHash(text), textLength: text.length, counts, spanTotal: list.length, revision: 1 });
		texts.set(article.id, text);
		spans.set(article.id, list);
	}
	return { articles, texts, spans };
}

const EMPTY: MergeStore = { articles: [], texts: new Map(), spans: new Map() };

/** Fresh ids that say they are fresh: s-new-1, s-new-2, … */
function counter() {
	let n = 0;
	return (prefix: 'a' | 's' | 'r') => `${prefix}-new-${++n}`;
}

const maria = [span('s-1', 0, 4, 'actor', 'maria'), span('s-2', 25, 39, 'figure', 'maria'), span('s-3', 0, 69, 'claim', 'maria')];
// Jon started from the same pre-annotated file: same ids, his name, one other label, other boundaries.
const jon = [span('s-1', 0, 4, 'actor', 'jon'), span('s-2', 24, 39, 'figure', 'jon'), span('s-3', 59, 69, 'figure', 'jon')];

describe('planMerge', () => {
	it('stores a span with the id and content of a stored one as already there, mapping its id to itself', () => {
		const stored = record('a1', TEXT, maria);
		const plan = planMerge([record('a1', TEXT, maria)], storeOf(stored), { now: 5, newId: counter() });
		expect(plan.spans).toEqual([]);
		expect(plan.articles).toEqual([]);
		expect(plan.report).toMatchObject({ merged: 1, spansAdded: 0, spansSkipped: 3, spanIdsRenewed: 0, renewedIds: [] });
		expect([...plan.spanIds[0]]).toEqual([['s-1', 's-1'], ['s-2', 's-2'], ['s-3', 's-3']]);
		expect(plan.articleIds).toEqual(['a1']);
	});

	it('gives a span whose id is stored with other content a fresh id, counted and named as renewed', () => {
		const plan = planMerge([record('a1', TEXT, jon)], storeOf(record('a1', TEXT, maria)), { now: 5, newId: counter() });
		expect(plan.spans.map((s) => [s.id, s.start, s.end, s.label, s.annotator])).toEqual([
			['s-new-1', 0, 4, 'actor', 'jon'],
			['s-new-2', 24, 39, 'figure', 'jon'],
			['s-new-3', 59, 69, 'figure', 'jon']
		]);
		expect(plan.report).toMatchObject({ merged: 1, spansAdded: 3, spansSkipped: 0, spanIdsRenewed: 3 });
		expect(plan.report.renewedIds).toEqual(['Title a1: s-1 → s-new-1', 'Title a1: s-2 → s-new-2', 'Title a1: s-3 → s-new-3']);
		expect(plan.renewed).toEqual([
			{ articleId: 'a1', title: 'Title a1', from: 's-1', to: 's-new-1' },
			{ articleId: 'a1', title: 'Title a1', from: 's-2', to: 's-new-2' },
			{ articleId: 'a1', title: 'Title a1', from: 's-3', to: 's-new-3' }
		]);
		expect([...plan.spanIds[0]]).toEqual([['s-1', 's-new-1'], ['s-2', 's-new-2'], ['s-3', 's-new-3']]);
		// The stored article gains them: counts, total, revision and updatedAt move; nothing else does.
		expect(plan.articles).toEqual([expect.objectContaining({ id: 'a1', spanTotal: 6, counts: { actor: 2, figure: 3, claim: 1 }, revision: 2, updatedAt: 5, title: 'Title a1' })]);
	});

	it('renews only the clashing ids: an id and content both stored is skipped, a free id is kept', () => {
		const incoming = [span('s-1', 0, 4, 'actor', 'maria'), span('s-2', 25, 39, 'claim', 'maria'), span('s-9', 59, 69, 'figure', 'maria')];
		const plan = planMerge([record('a1', TEXT, incoming)], storeOf(record('a1', TEXT, maria)), { now: 5, newId: counter() });
		expect(plan.spans.map((s) => s.id)).toEqual(['s-new-1', 's-9']);
		expect(plan.report).toMatchObject({ spansAdded: 2, spansSkipped: 1, spanIdsRenewed: 1 });
		expect([...plan.spanIds[0]]).toEqual([['s-1', 's-1'], ['s-2', 's-new-1'], ['s-9', 's-9']]);
	});

	it('keeps both layers when two exports sharing ids come in together, into an empty library', () => {
		const plan = planMerge([record('a1', TEXT, maria), record('a1', TEXT, jon)], EMPTY, { now: 5, newId: counter() });
		expect(plan.report).toMatchObject({ added: 1, merged: 1, spansAdded: 6, spansSkipped: 0, spanIdsRenewed: 3 });
		expect(plan.spans.filter((s) => s.annotator === 'maria').map((s) => s.id)).toEqual(['s-1', 's-2', 's-3']);
		expect(plan.spans.filter((s) => s.annotator === 'jon').map((s) => s.id)).toEqual(['s-new-1', 's-new-2', 's-new-3']);
		expect(new Set(plan.spans.map((s) => s.id)).size).toBe(6);
		// One new article row holding all six.
		expect(plan.articles).toEqual([expect.objectContaining({ id: 'a1', spanTotal: 6, counts: { actor: 2, claim: 1, figure: 3 } })]);
		expect(plan.texts).toEqual([{ id: 'a1', text: TEXT }]);
	});

	it('treats the same content under another id as already there, mapped to the stored id', () => {
		const plan = planMerge([record('a1', TEXT, [span('other', 0, 4, 'actor', 'maria')])], storeOf(record('a1', TEXT, maria)), { now: 5, newId: counter() });
		expect(plan.spans).toEqual([]);
		expect(plan.report).toMatchObject({ spansSkipped: 1, spanIdsRenewed: 0 });
		expect(plan.spanIds[0].get('other')).toBe('s-1');
	});

	it('renews an id this plan already gave to a span of another article', () => {
		const plan = planMerge([record('a1', TEXT, [span('s-1', 0, 4, 'actor', 'maria')]), record('b1', 'Other text here', [span('s-1', 0, 5, 'actor', 'maria')])], EMPTY, { now: 5, newId: counter() });
		expect(plan.spans.map((s) => [s.articleId, s.id])).toEqual([['a1', 's-1'], ['b1', 's-new-1']]);
		expect(plan.report).toMatchObject({ added: 2, spanIdsRenewed: 1, renewedIds: ['Title b1: s-1 → s-new-1'] });
	});

	it("leaves a record out under 'skip', with an empty id map", () => {
		const plan = planMerge([record('a1', TEXT, jon)], storeOf(record('a1', TEXT, maria)), { now: 5, duplicates: 'skip', newId: counter() });
		expect(plan).toMatchObject({ spans: [], articles: [], texts: [], articleIds: [undefined] });
		expect(plan.report).toMatchObject({ skipped: 1, merged: 0, spanIdsRenewed: 0 });
		expect(plan.spanIds[0].size).toBe(0);
	});

	it("keeps a record with a stored text but another id as an article of its own under 'separate', and merges one with its id", () => {
		const plan = planMerge([record('b1', TEXT, jon), record('a1', TEXT, [span('s-9', 5, 9, 'actor', 'ana')])], storeOf(record('a1', TEXT, maria)), { now: 5, duplicates: 'separate', newId: counter() });
		expect(plan.articleIds).toEqual(['b1', 'a1']);
		expect(plan.report).toMatchObject({ added: 1, merged: 1 });
		expect(plan.spans.filter((s) => s.articleId === 'b1')).toHaveLength(jon.length);
		expect(plan.spans.filter((s) => s.articleId === 'a1').map((s) => s.id)).toEqual(['s-9']);
		// The same records under 'merge': both go into the stored article of that text.
		expect(planMerge([record('b1', TEXT, jon)], storeOf(record('a1', TEXT, maria)), { now: 5, newId: counter() }).articleIds).toEqual(['a1']);
	});

	it('stores a record whose id is taken by another text under a fresh article id, its spans kept', () => {
		const plan = planMerge([record('a1', 'Quite another text', [span('s-1', 0, 5, 'actor', 'jon')])], storeOf(record('a1', TEXT, [])), { now: 5, newId: counter() });
		expect(plan.articleIds).toEqual(['a-new-1']);
		expect(plan.spans).toEqual([expect.objectContaining({ id: 's-1', articleId: 'a-new-1' })]);
	});

	it('never returns two spans with one id, nor two of one content in an article, and accounts for every span', () => {
		const arbSpan = fc.record({
			id: fc.constantFrom('s-1', 's-2', 's-3', 's-4'),
			start: fc.integer({ min: 0, max: 10 }),
			len: fc.integer({ min: 1, max: 5 }),
			label: fc.constantFrom('actor', 'claim'),
			annotator: fc.constantFrom('maria', 'jon')
		});
		const arbLayer = fc.array(arbSpan, { maxLength: 6 }).map((list) => list.map((s) => span(s.id, s.start, s.start + s.len, s.label, s.annotator)));
		fc.assert(
			fc.property(arbLayer, fc.array(arbLayer, { minLength: 1, maxLength: 3 }), (storedSpans, incoming) => {
				const seen = new Set<string>();
				const key = (s: Span) => `${s.start}:${s.end}:${s.label}:${s.annotator}`;
				const stored = storedSpans.filter((s) => !seen.has(s.id) && !seen.has(key(s)) && seen.add(s.id) && seen.add(key(s)));
				const store = storeOf(record('a1', TEXT, stored));
				const plan = planMerge(incoming.map((list) => record('a1', TEXT, list)), store, { now: 5, newId: counter() });
				const all = [...stored, ...plan.spans];
				expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
				const contents = all.map((s) => `${s.start}:${s.end}:${s.label}:${s.annotator}`);
				expect(new Set(contents).size).toBe(contents.length);
				const total = incoming.reduce((n, list) => n + list.length, 0);
				expect(plan.report.spansAdded + plan.report.spansSkipped).toBe(total);
				expect(plan.report.spanIdsRenewed).toBe(plan.spans.filter((s) => s.id.startsWith('s-new-')).length);
				// Every incoming span maps to a stored or planned span of its own content.
				const byId = new Map(all.map((s) => [s.id, s]));
				incoming.forEach((list, i) => {
					for (const s of list) {
						const to = byId.get(plan.spanIds[i].get(s.id) ?? '');
						if (list.filter((x) => x.id === s.id).length === 1) expect(to).toMatchObject({ start: s.start, end: s.end, label: s.label, annotator: s.annotator });
					}
				});
			})
		);
	});
});
