/**
 * Writing imported records: the thin Dexie writer of `planMerge` (in core), which decides what
 * becomes a new article, what merges where and under which span ids. Internal to `src/lib/db/`;
 * `createArticles` and `seedIfEmpty` call it.
 */
import Dexie from 'dexie';
import type { ArticleRecord, Relation, Span } from '$lib/core/types';
import { textHash } from '$lib/core/text/hash';
import { newId } from '$lib/core/ids';
import { addReport, describeRenewed, planMerge, RENEWED_LISTED, type DuplicatePolicy, type ImportReport, type MergePlan, type RenewedSpanId } from '$lib/core/merge';
import { SNAPSHOT_MIN_SPANS, snapshotRow, type ArticleRow, type SpanwiseDB } from './database';
import { addMissingLabels } from './labels';
import { byPosition } from './rows';
import { spansOfArticles } from './spans';
import { addMissingRelationTypes, relationsOfArticles } from './relations';

export { emptyReport, type DuplicatePolicy, type ImportReport } from '$lib/core/merge';

/**
 * Writes `records` (already checked with `checkRecord`) as `planMerge` plans them and adds the
 * import's counts to `report`; returns the plan as carried out (span ids renewed on writing
 * included). Must run inside a 'rw' transaction over articles, texts, spans, relations, labels, relation types and snapshots;
 * it reads what the plan needs with a fixed number of batched queries, so call it with chunks of a
 * few hundred records.
 *
 * Dexie keeps the transaction across native awaits only a limited number of times, so every await
 * here is a Dexie query and the planning itself runs synchronously on what they returned.
 */
export async function writeRecords(
	db: SpanwiseDB,
	records: readonly ArticleRecord[],
	report: ImportReport,
	now: number,
	duplicates: DuplicatePolicy = 'merge'
): Promise<MergePlan> {
	const hashes = records.map((r) => textHash(r.article.text));
	const stored = await db.articles.bulkGet([...new Set(records.map((r) => r.article.id))]);
	const byHash = [...new Set(hashes)].map((hash) => db.articles.where('textHash').equals(hash).toArray());
	stored.push(...(await Promise.all(byHash)).flat());
	const articles = [...new Map(stored.flatMap((row) => (row ? [[row.id, row] as const] : []))).values()];

	// Texts of the stored articles that may hold a record's text, and spans of those that do.
	// (An article with a record's id is a candidate too: a teammate's copy whose text differs.)
	const shapes = new Set(records.map((r, i) => `${hashes[i]}:${r.article.text.length}`));
	const recordIds = new Set(records.map((r) => r.article.id));
	const candidates = articles.filter((row) => shapes.has(`${row.textHash}:${row.textLength}`) || recordIds.has(row.id)).map((row) => row.id);
	const texts = new Map<string, string>();
	for (const row of await db.texts.bulkGet(candidates)) if (row !== undefined) texts.set(row.id, row.text);
	const recordTexts = new Set(records.map((r) => r.article.text));
	const targets = candidates.filter((id) => texts.has(id) && (recordTexts.has(texts.get(id) as string) || recordIds.has(id)));
	const targetTexts = new Map(targets.map((id) => [id, texts.get(id) as string]));
	const [spanLists, relationLists] = await Promise.all([spansOfArticles(db, targets), relationsOfArticles(db, targets)]);
	const spans = new Map(targets.map((id, i) => [id, spanLists[i]]));
	const relations = new Map(targets.map((id, i) => [id, relationLists[i]]));

	const plan = planMerge(records, { articles, texts: targetTexts, spans, relations }, { now, duplicates, textHashes: hashes });
	await db.texts.bulkAdd(plan.texts as { id: string; text: string }[]);
	await db.articles.bulkPut(plan.articles as ArticleRow[]);
	const { spans: storedSpans, renewed } = await addSpans(db, plan.spans);
	// Ends of relations follow span ids the writer had to renew (taken by articles outside the plan's view).
	const renamedEnds = new Map(renewed.map((r) => [`${r.span.articleId}\u0000${r.from}`, r.span.id]));
	const end = (articleId: string, id: string) => renamedEnds.get(`${articleId}\u0000${id}`) ?? id;
	const relationRows = renamedEnds.size === 0 ? plan.relations : plan.relations.map((r) => ({ ...r, head: end(r.articleId, r.head), tail: end(r.articleId, r.tail) }));
	const { renewed: renewedRelations } = await addRelations(db, relationRows);
	await addMissingLabels(db, new Set(plan.labels));
	await addMissingRelationTypes(db, new Set(relationRows.map((r) => r.label)));
	// A new long article gets its snapshot now, from the spans just stored: its first opening reads one row.
	const isNewArticle = new Set(plan.texts.map((t) => t.id));
	const rowOf = new Map(plan.articles.map((row) => [row.id, row]));
	const spansOfNew = new Map<string, Span[]>();
	for (const span of storedSpans) {
		if (!isNewArticle.has(span.articleId)) continue;
		let list = spansOfNew.get(span.articleId);
		if (!list) spansOfNew.set(span.articleId, (list = []));
		list.push(span);
	}
	const snapshots = [...spansOfNew].filter(([, list]) => list.length >= SNAPSHOT_MIN_SPANS);
	if (snapshots.length > 0) {
		await db.snapshots.bulkPut(snapshots.map(([articleId, list]) => snapshotRow(articleId, (rowOf.get(articleId) as ArticleRow).revision, list.sort(byPosition))));
	}

	const withSpans = renewed.length === 0 ? plan : withRenewed(plan, renewed);
	const done = renewedRelations.length === 0 ? { ...withSpans, relations: relationRows } : withRenewedRelations({ ...withSpans, relations: relationRows }, renewedRelations);
	addReport(report, done.report);
	return done;
}

/** `plan` with the ids that `addSpans` had to renew on writing folded into its id map and counts. */
function withRenewed(plan: MergePlan, renewed: readonly { readonly span: Span; readonly from: string }[]): MergePlan {
	const titles = new Map(plan.articles.map((row) => [row.id, row.title]));
	const byArticle = new Map<string, Map<string, string>>();
	for (const { span, from } of renewed) {
		(byArticle.get(span.articleId) ?? byArticle.set(span.articleId, new Map()).get(span.articleId)!).set(from, span.id);
	}
	const spanIds = plan.spanIds.map((ids, i) => {
		const fresh = byArticle.get(plan.articleIds[i] ?? '');
		if (!fresh) return ids;
		return new Map([...ids].map(([from, to]) => [from, fresh.get(to) ?? to]));
	});
	const more: RenewedSpanId[] = renewed.map(({ span, from }) => ({ articleId: span.articleId, title: titles.get(span.articleId) ?? '', from, to: span.id }));
	const listed = [...plan.report.renewedIds, ...more.map(describeRenewed)].slice(0, RENEWED_LISTED);
	const renamed = (s: Span) => {
		const id = byArticle.get(s.articleId)?.get(s.id);
		return id === undefined ? s : { ...s, id };
	};
	return {
		...plan,
		spans: plan.spans.map(renamed),
		spanIds,
		renewed: [...plan.renewed, ...more],
		report: { ...plan.report, spanIdsRenewed: plan.report.spanIdsRenewed + renewed.length, renewedIds: listed }
	};
}

/** `plan` with the relation ids that `addRelations` had to renew folded into its id map and count. */
function withRenewedRelations(plan: MergePlan, renewed: readonly { readonly relation: Relation; readonly from: string }[]): MergePlan {
	const byArticle = new Map<string, Map<string, string>>();
	for (const { relation, from } of renewed) {
		(byArticle.get(relation.articleId) ?? byArticle.set(relation.articleId, new Map()).get(relation.articleId)!).set(from, relation.id);
	}
	const relationIds = plan.relationIds.map((ids, i) => {
		const fresh = byArticle.get(plan.articleIds[i] ?? '');
		return fresh ? new Map([...ids].map(([from, to]) => [from, fresh.get(to) ?? to])) : ids;
	});
	const renamed = (r: Relation) => {
		const id = byArticle.get(r.articleId)?.get(r.id);
		return id === undefined ? r : { ...r, id };
	};
	return { ...plan, relations: plan.relations.map(renamed), relationIds, report: { ...plan.report, relationIdsRenewed: plan.report.relationIdsRenewed + renewed.length } };
}

/** Adds `relations`, renewing ids already stored (under another article), as `addSpans` does for spans. */
async function addRelations(db: SpanwiseDB, relations: readonly Relation[]): Promise<{ renewed: { relation: Relation; from: string }[] }> {
	if (relations.length === 0) return { renewed: [] };
	try {
		await db.relations.bulkAdd(relations as Relation[]);
		return { renewed: [] };
	} catch (error) {
		if (!(error instanceof Dexie.BulkError)) throw error;
		const renewed: { relation: Relation; from: string }[] = [];
		for (const [pos, failure] of Object.entries(error.failuresByPos)) {
			if (failure.name !== 'ConstraintError') throw error;
			const from = relations[Number(pos)];
			renewed.push({ relation: { ...from, id: newId('r') }, from: from.id });
		}
		await db.relations.bulkAdd(renewed.map((r) => r.relation));
		return { renewed };
	}
}

/**
 * Adds `spans`; a span whose id is already stored (under another article: imported ids are user data)
 * is added under a fresh id instead. Looking every id up first would cost a read per span; a clash is
 * rare, so the add itself finds it. Returns the spans as stored (with their fresh ids).
 */
async function addSpans(db: SpanwiseDB, spans: readonly Span[]): Promise<{ spans: readonly Span[]; renewed: { span: Span; from: string }[] }> {
	try {
		await db.spans.bulkAdd(spans as Span[]);
		return { spans, renewed: [] };
	} catch (error) {
		if (!(error instanceof Dexie.BulkError)) throw error;
		const renewed: { span: Span; from: string }[] = [];
		const stored = [...spans];
		for (const [pos, failure] of Object.entries(error.failuresByPos)) {
			if (failure.name !== 'ConstraintError') throw error;
			const from = spans[Number(pos)];
			const span = { ...from, id: newId('s') };
			stored[Number(pos)] = span;
			renewed.push({ span, from: from.id });
		}
		await db.spans.bulkAdd(renewed.map((r) => r.span));
		return { spans: stored, renewed };
	}
}
