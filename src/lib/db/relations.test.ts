import { describe, expect, it } from 'vitest';
import type { AnnotationEdit, ArticleRecord, Relation } from '$lib/core/types';
import { removeSpansWithRelations } from '$lib/core/spans/cascade';
import { RelationSet } from '$lib/core/relations/relation-set';
import { DEFAULT_RELATION_TYPES } from '$lib/core/relations/defaults';
import { SAMPLE_SOURCE, createArticles, destroyArticle, listArticles, readArticle, readArticleSpans, refreshSnapshot, restoreArticle, removeUntouchedSamples } from './articles';
import { EditConflictError, commitEdits } from './commit';
import { deleteRelationType, listRelationTypes, listRelations, renameRelationType, saveRelationTypes, undoRelationTypeDeletion } from './relations';
import { deleteLabel, renameLabel, undoLabelDeletion } from './labels';
import { renameAnnotator } from './annotators';
import { forEachArticle } from './export';
import { SNAPSHOT_MIN_SPANS } from './database';
import { freshDb, makeArticle, makeSpan } from './testing';

const TEXT = 'The minister said unemployment fell to 4.2 percent.';

function rel(id: string, head: string, tail: string, fields: Partial<Relation> = {}): Relation {
	return { id, articleId: 'a', label: 'source', head, tail, annotator: 'ann', createdAt: 5000, updatedAt: 5000, ...fields };
}

/** Article "a": actor "minister" (p), claim "said …percent" (c), figure "4.2 percent" (f), and the source link c → p. */
function linked(): ArticleRecord {
	const spans = [makeSpan('a', 'p', 4, 12, 'actor'), makeSpan('a', 'c', 13, 50, 'claim'), makeSpan('a', 'f', 39, 50, 'figure')];
	return { article: makeArticle('a', TEXT), spans, relations: [rel('r1', 'c', 'p')] };
}

async function rowOf(db: ReturnType<typeof freshDb>, id: string) {
	return (await listArticles(db)).find((r) => r.id === id);
}

describe('relations in storage', () => {
	it('imports a record with its relations and reads them back with the article', async () => {
		const db = freshDb();
		const report = await createArticles(db, [linked()]);
		expect(report.relationsAdded).toBe(1);
		expect((await readArticle(db, 'a'))?.relations).toEqual([rel('r1', 'c', 'p')]);
		expect((await readArticleSpans(db, 'a'))?.relations).toEqual([rel('r1', 'c', 'p')]);
		expect(await listRelations(db, 'a', 'ann')).toEqual([rel('r1', 'c', 'p')]);
		expect(await listRelations(db, 'a', 'someone else')).toEqual([]);
	});

	it('refuses a record whose relation links a span it does not have, writing nothing', async () => {
		const db = freshDb();
		const bad = { ...linked(), relations: [rel('r1', 'c', 'ghost')] };
		await expect(createArticles(db, [bad])).rejects.toThrow(/Relation r1 of article a links span ghost, which the article does not have/);
		expect(await listArticles(db)).toEqual([]);
	});

	it('commits relation edits with the span edits of one batch in one transaction, bumping the revision', async () => {
		const db = freshDb();
		await createArticles(db, [{ ...linked(), relations: [] }]);
		const figureLink = rel('r2', 'c', 'f', { label: 'quantifies' });
		expect(await commitEdits(db, 'a', [{ type: 'add-relation', relation: rel('r1', 'c', 'p') }, { type: 'add-relation', relation: figureLink }], 6000)).toBe(2);
		expect((await listRelations(db, 'a')).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
		expect(await rowOf(db, 'a')).toMatchObject({ revision: 2, updatedAt: 6000, status: 'in_progress', spanTotal: 3 });
		const noted = { ...figureLink, note: 'rounded', updatedAt: 7000 };
		await commitEdits(db, 'a', [{ type: 'update-relation', before: figureLink, after: noted }], 7000);
		expect((await listRelations(db, 'a')).find((r) => r.id === 'r2')).toEqual(noted);
	});

	it('deletes a span and its relations together, and the inverse batch brings both back', async () => {
		const db = freshDb();
		const record = linked();
		await createArticles(db, [record]);
		const claim = record.spans[1];
		const edits = removeSpansWithRelations([claim], RelationSet.from(record.relations!));
		await commitEdits(db, 'a', edits, 6000);
		expect(await listRelations(db, 'a')).toEqual([]);
		expect((await readArticle(db, 'a'))?.spans.map((s) => s.id)).toEqual(['p', 'f']);
		expect(await rowOf(db, 'a')).toMatchObject({ spanTotal: 2, counts: { actor: 1, figure: 1 } });
		const undo: AnnotationEdit[] = [{ type: 'add', span: claim }, { type: 'add-relation', relation: record.relations![0] }];
		await commitEdits(db, 'a', undo, 7000);
		expect(await listRelations(db, 'a')).toEqual(record.relations);
	});

	it('refuses, writing nothing, a span removal that would leave a stored relation without its end (another tab linked it)', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		const before = await rowOf(db, 'a');
		const claim = linked().spans[1];
		await expect(commitEdits(db, 'a', [{ type: 'remove', span: claim }], 6000)).rejects.toBeInstanceOf(EditConflictError);
		expect(await rowOf(db, 'a')).toEqual(before);
		expect(await listRelations(db, 'a')).toHaveLength(1);
	});

	it('refuses a relation to a span another tab removed, and one changed elsewhere, as conflicts', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		await expect(commitEdits(db, 'a', [{ type: 'add-relation', relation: rel('r9', 'c', 'gone') }], 6000)).rejects.toThrow(/links span gone, which is not stored/);
		const stale = rel('r1', 'c', 'p', { updatedAt: 1 });
		await expect(commitEdits(db, 'a', [{ type: 'remove-relation', relation: stale }], 6000)).rejects.toBeInstanceOf(EditConflictError);
		await expect(commitEdits(db, 'a', [{ type: 'add-relation', relation: rel('r1', 'c', 'f') }], 6000)).rejects.toBeInstanceOf(EditConflictError);
		expect(await listRelations(db, 'a')).toEqual([rel('r1', 'c', 'p')]);
	});

	it('refuses relations of another article or across layers as programmer errors', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		await expect(commitEdits(db, 'a', [{ type: 'add-relation', relation: rel('r9', 'c', 'p', { articleId: 'b' }) }], 6000)).rejects.toThrow(RangeError);
		await expect(commitEdits(db, 'a', [{ type: 'add-relation', relation: rel('r9', 'c', 'p', { annotator: 'gold' }) }], 6000)).rejects.toThrow(/Relation r9 of gold links span c of ann/);
	});

	it('deletes an article’s relations with it, and restores them', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		const record = await destroyArticle(db, 'a');
		expect(record?.relations).toEqual([rel('r1', 'c', 'p')]);
		expect(await listRelations(db, 'a')).toEqual([]);
		await restoreArticle(db, record!);
		expect(await listRelations(db, 'a')).toEqual([rel('r1', 'c', 'p')]);
		// Restoring again replaces, not duplicates.
		await restoreArticle(db, record!);
		expect(await listRelations(db, 'a')).toHaveLength(1);
	});

	it('deleting a label deletes the relations of its spans, and undoing it brings them back', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		const deletion = await deleteLabel(db, 'actor', null);
		expect(deletion.relations).toEqual([rel('r1', 'c', 'p')]);
		expect(await listRelations(db, 'a')).toEqual([]);
		await undoLabelDeletion(db, deletion);
		expect(await listRelations(db, 'a')).toEqual([rel('r1', 'c', 'p')]);
		// Relabelling a label's spans to another keeps their relations.
		await deleteLabel(db, 'figure', 'actor');
		expect(await listRelations(db, 'a')).toHaveLength(1);
	});

	it('renaming a label renames it in the relation types; renaming an annotator moves their relations', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		await renameLabel(db, 'claim', 'statement');
		expect((await listRelationTypes(db))[0]).toMatchObject({ headLabels: ['statement'], tailLabels: ['actor'] });
		await renameAnnotator(db, 'ann', 'maria');
		expect((await listRelations(db, 'a', 'maria')).map((r) => r.id)).toEqual(['r1']);
	});

	it('saves and renames relation types; a rename follows into the relations', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		const quantifies = { ...DEFAULT_RELATION_TYPES[0], name: 'quantifies', hotkey: 'q', headLabels: ['claim'], tailLabels: ['figure'], onePerHead: false };
		await saveRelationTypes(db, [...DEFAULT_RELATION_TYPES, quantifies]);
		expect((await listRelationTypes(db)).map((t) => t.name)).toEqual(['source', 'quantifies']);
		await expect(saveRelationTypes(db, [quantifies, { ...quantifies, name: 'Quantifies' }])).rejects.toThrow(/used twice/);
		expect(await renameRelationType(db, 'source', 'attributed to')).toBe(1);
		expect((await listRelations(db, 'a'))[0].label).toBe('attributed to');
		expect((await rowOf(db, 'a'))?.revision).toBe(2);
		await saveRelationTypes(db, []);
		expect(await listRelationTypes(db)).toEqual([]);
	});

	it('reads a long article’s relations beside its snapshot, current after each edit', async () => {
		const db = freshDb();
		const text = 'word '.repeat(SNAPSHOT_MIN_SPANS + 10);
		const spans = Array.from({ length: SNAPSHOT_MIN_SPANS + 2 }, (_, i) => makeSpan('a', `s${i}`, i * 5, i * 5 + 4, i % 2 ? 'actor' : 'claim'));
		const relations = Array.from({ length: 200 }, (_, i) => rel(`r${i}`, `s${2 * i}`, `s${2 * i + 1}`));
		await createArticles(db, [{ article: makeArticle('a', text), spans, relations }]);
		const first = await readArticleSpans(db, 'a');
		expect(first?.fromSnapshot).toBe(true);
		expect(first?.relations).toHaveLength(200);
		await commitEdits(db, 'a', [{ type: 'remove-relation', relation: relations[0] }], 9000);
		await refreshSnapshot(db, 'a');
		const again = await readArticleSpans(db, 'a');
		expect(again?.fromSnapshot).toBe(true);
		expect(again?.relations).toHaveLength(199);
	});

	it('walks articles with their relations for export, and removes untouched samples’ relations', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		const seen: [string, number][] = [];
		await forEachArticle(db, (article, _spans, relations) => void seen.push([article.id, relations.length]));
		expect(seen).toEqual([['a', 1]]);
		const samples = { ...linked(), article: makeArticle('a', TEXT, { source: SAMPLE_SOURCE }) };
		const db3 = freshDb();
		await createArticles(db3, [samples]);
		expect(await removeUntouchedSamples(db3, ['a'])).toBe(1);
		expect(await db3.relations.count()).toBe(0);
	});

	it('deletes a relation type with or without its relations, and undoes it', async () => {
		const db = freshDb();
		await createArticles(db, [linked()]);
		const kept = await deleteRelationType(db, 'source', false);
		expect(await listRelationTypes(db)).toEqual([]);
		expect(await listRelations(db, 'a')).toHaveLength(1);
		await undoRelationTypeDeletion(db, kept);
		const gone = await deleteRelationType(db, 'source', true);
		expect(gone.relations).toEqual([rel('r1', 'c', 'p')]);
		expect(await listRelations(db, 'a')).toEqual([]);
		expect((await rowOf(db, 'a'))?.revision).toBe(2);
		await undoRelationTypeDeletion(db, gone);
		expect(await listRelationTypes(db)).toEqual(DEFAULT_RELATION_TYPES);
		expect(await listRelations(db, 'a')).toEqual([rel('r1', 'c', 'p')]);
		await expect(undoRelationTypeDeletion(db, gone)).rejects.toThrow(/exists again/);
		await expect(deleteRelationType(db, 'nope', true)).rejects.toThrow(RangeError);
	});
});
