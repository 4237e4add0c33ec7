/** planMerge carrying relations: ends mapped through the span id map, duplicates skipped, clashes renewed, orphans reported. */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Relation, Span } from '../types';
import { textHash } from '../text/hash';
import { planMerge, type MergeStore, type StoredArticle } from './plan-merge';
import { relationSummary } from './report';

const TEXT = 'Kyiv said the package of $60.84 billion would arrive by February 2022.';

function span(id: string, start: number, end: number, label: string, annotator: string): Span {
	return { id, articleId: 'a1', start, end, label, annotator, createdAt: 1, updatedAt: 1 };
}
function rel(id: string, head: string, tail: string, annotator: string, label = 'source'): Relation {
	return { id, articleId: 'a1', label, head, tail, annotator, createdAt: 1, updatedAt: 1 };
}
function record(id: string, text: string, spans: Span[], relations: Relation[]): ArticleRecord {
	return {
		article: { id, title: `Title ${id}`, text, source: 'x.jsonl', meta: {}, status: 'in_progress', createdAt: 1, updatedAt: 2 },
		spans: spans.map((s) => ({ ...s, articleId: id })),
		relations: relations.map((r) => ({ ...r, articleId: id }))
	};
}
function storeOf(...records: ArticleRecord[]): MergeStore {
	const articles: StoredArticle[] = [];
	const texts = new Map<string, string>();
	const spans = new Map<string, readonly Span[]>();
	const relations = new Map<string, readonly Relation[]>();
	for (const { article, spans: list, relations: rels } of records) {
		const { text, ...rest } = article;
		articles.push({ ...rest, textHash: textHash(text), textLength: text.length, counts: {}, spanTotal: list.length, revision: 1 });
		texts.set(article.id, text);
		spans.set(article.id, list);
		relations.set(article.id, rels ?? []);
	}
	return { articles, texts, spans, relations };
}
function counter() {
	let n = 0;
	return (prefix: 'a' | 's' | 'r') => `${prefix}-new-${++n}`;
}

// Maria's export: a claim with its source. Jon started from the same pre-annotated file: the same
// span ids and relation id, but his claim has other boundaries.
const mariaSpans = [span('s-actor', 0, 4, 'actor', 'maria'), span('s-claim', 0, 69, 'claim', 'maria')];
const mariaRel = [rel('r-1', 's-claim', 's-actor', 'maria')];
const jonSpans = [span('s-actor', 0, 4, 'actor', 'jon'), span('s-claim', 5, 69, 'claim', 'jon')];
const jonRel = [rel('r-1', 's-claim', 's-actor', 'jon')];

describe('planMerge with relations', () => {
	it('adds the relations of a new article as they are, mapping ids to themselves', () => {
		const plan = planMerge([record('a1', TEXT, mariaSpans, mariaRel)], { articles: [], texts: new Map(), spans: new Map() }, { now: 5, newId: counter() });
		expect(plan.relations).toEqual(mariaRel);
		expect([...plan.relationIds[0]]).toEqual([['r-1', 'r-1']]);
		expect(plan.report).toMatchObject({ relationsAdded: 1, relationsSkipped: 0, relationIdsRenewed: 0, relationsDropped: [] });
	});

	it('skips a relation already stored (same id, same content after mapping)', () => {
		const stored = record('a1', TEXT, mariaSpans, mariaRel);
		const plan = planMerge([record('a1', TEXT, mariaSpans, mariaRel)], storeOf(stored), { now: 5, newId: counter() });
		expect(plan.relations).toEqual([]);
		expect(plan.articles).toEqual([]);
		expect(plan.report).toMatchObject({ relationsAdded: 0, relationsSkipped: 1 });
		expect([...plan.relationIds[0]]).toEqual([['r-1', 'r-1']]);
	});

	it('maps the ends of a teammate’s relation to the renewed span ids, and renews the clashing relation id', () => {
		const plan = planMerge([record('a1', TEXT, jonSpans, jonRel)], storeOf(record('a1', TEXT, mariaSpans, mariaRel)), { now: 5, newId: counter() });
		// Both of Jon's span ids were taken by Maria's spans (other annotator): fresh ids for both.
		const actorId = plan.spanIds[0].get('s-actor');
		const claimId = plan.spanIds[0].get('s-claim');
		expect(actorId).toMatch(/^s-new-/);
		expect(claimId).toMatch(/^s-new-/);
		expect(plan.relations).toEqual([{ ...jonRel[0], id: 'r-new-3', head: claimId, tail: actorId }]);
		expect(plan.report).toMatchObject({ relationsAdded: 1, relationIdsRenewed: 1 });
		// Every relation written links spans that the plan writes or the store has.
		const spanIds = new Set([...plan.spans.map((s) => s.id), ...mariaSpans.map((s) => s.id)]);
		for (const r of plan.relations) expect(spanIds.has(r.head) && spanIds.has(r.tail)).toBe(true);
		// The stored article's row moves (revision) because it gained spans and a relation.
		expect(plan.articles[0]).toMatchObject({ id: 'a1', revision: 2 });
	});

	it('maps a relation onto the stored spans its ends duplicate, under another id', () => {
		// Same content as Maria's, other ids: the ends map onto her spans, the relation is already there.
		const renamed = record('a1', TEXT, [span('x-actor', 0, 4, 'actor', 'maria'), span('x-claim', 0, 69, 'claim', 'maria')], [rel('x-r', 'x-claim', 'x-actor', 'maria')]);
		const plan = planMerge([renamed], storeOf(record('a1', TEXT, mariaSpans, mariaRel)), { now: 5, newId: counter() });
		expect(plan.spans).toEqual([]);
		expect(plan.relations).toEqual([]);
		expect([...plan.relationIds[0]]).toEqual([['x-r', 'r-1']]);
		expect(plan.report.relationsSkipped).toBe(1);
	});

	it('gives a relation a new type between stored spans: added, ends mapped', () => {
		const more = record('a1', TEXT, mariaSpans, [...mariaRel, rel('r-2', 's-claim', 's-actor', 'maria', 'mentions')]);
		const plan = planMerge([more], storeOf(record('a1', TEXT, mariaSpans, mariaRel)), { now: 5, newId: counter() });
		expect(plan.relations).toEqual([more.relations![1]]);
		expect(plan.articles[0]).toMatchObject({ revision: 2, updatedAt: 5 });
	});

	it('keeps relation ids apart across two records that share them', () => {
		const other = 'A different article entirely, with Ana saying something else here.';
		const plan = planMerge(
			[record('a1', TEXT, mariaSpans, mariaRel), record('a2', other, [span('s-x', 0, 1, 'actor', 'maria'), span('s-y', 2, 11, 'claim', 'maria')], [rel('r-1', 's-y', 's-x', 'maria')])],
			{ articles: [], texts: new Map(), spans: new Map() },
			{ now: 5, newId: counter() }
		);
		expect(plan.relations.map((r) => [r.id, r.articleId])).toEqual([['r-1', 'a1'], ['r-new-1', 'a2']]);
		expect(plan.report.relationIdsRenewed).toBe(1);
	});

	it('reports a relation whose end re-anchoring could not place, and drops it', () => {
		// Same id, other text: the claim's quote is not in the stored text, the actor's is.
		const edited = 'Kyiv said nothing at all about it, really.';
		const incoming = record('a1', TEXT, mariaSpans, mariaRel);
		const plan = planMerge([incoming], storeOf(record('a1', edited, [], [])), { now: 5, newId: counter() });
		expect(plan.report.reanchored).toBe(1);
		expect(plan.relations).toEqual([]);
		expect(plan.report.relationsDropped).toEqual([expect.stringMatching(/relation r-1 \(source\): its span s-claim was not imported/)]);
		expect(relationSummary(plan.report)).toMatch(/1 relation not imported/);
	});
});
