/** Relations and relation types: listing them, and the relation type list as the Settings page edits it. */
import Dexie from 'dexie';
import type { Relation, RelationType } from '$lib/core/types';
import type { RelationTypeRow, SpanwiseDB } from './database';

function toType(row: RelationTypeRow): RelationType {
	const { order: _order, ...type } = row;
	return type;
}

/** The relation types in their saved order (none stored: none; the defaults are stored when the database is made). */
export async function listRelationTypes(db: SpanwiseDB): Promise<RelationType[]> {
	const rows = await db.relationTypes.toArray();
	return rows.sort((a, b) => a.order - b.order).map(toType);
}

/**
 * Replaces the whole relation type list with `types`, in that order, atomically. Relations are not
 * touched: a type that disappears keeps its relations (they export under its name). Throws
 * RangeError on an empty name or two names equal ignoring case (check each with `checkRelationType` first).
 */
export async function saveRelationTypes(db: SpanwiseDB, types: readonly RelationType[]): Promise<void> {
	const seen = new Set<string>();
	for (const { name } of types) {
		if (name === '') throw new RangeError('A relation type name is empty');
		const folded = name.toLowerCase();
		if (seen.has(folded)) throw new RangeError(`Relation type name "${name}" is used twice (names ignore case)`);
		seen.add(folded);
	}
	await db.transaction('rw', db.relationTypes, async () => {
		await db.relationTypes.clear();
		await db.relationTypes.bulkAdd(types.map((type, order) => ({ ...type, headLabels: [...type.headLabels], tailLabels: [...type.tailLabels], order })));
	});
}

/**
 * Renames relation type `from` to `to` in one transaction: the type row and the `label` of every
 * relation that has it (timestamps kept), bumping the revision of each article touched. Returns the
 * number of relations changed. Throws RangeError if `to` is empty, `from` is no type, or another
 * type is named `to` ignoring case.
 */
export async function renameRelationType(db: SpanwiseDB, from: string, to: string): Promise<number> {
	if (to.trim() === '') throw new RangeError(`Cannot rename relation type "${from}" to an empty name`);
	return db.transaction('rw', [db.relationTypes, db.relations, db.articles], async () => {
		const rows = await db.relationTypes.toArray();
		const row = rows.find((r) => r.name === from);
		if (row === undefined) throw new RangeError(`No relation type named "${from}" to rename`);
		const clash = rows.find((r) => r !== row && r.name.toLowerCase() === to.toLowerCase());
		if (clash !== undefined) throw new RangeError(`Cannot rename "${from}" to "${to}": relation type "${clash.name}" exists`);
		if (from === to) return 0;
		await db.relationTypes.delete(from);
		await db.relationTypes.add({ ...row, name: to });
		const touched = new Set<string>();
		const all = await db.relations.toArray();
		const renamed = all.filter((r) => r.label === from).map((r) => (touched.add(r.articleId), { ...r, label: to }));
		await db.relations.bulkPut(renamed);
		await bumpRevisions(db, touched);
		return renamed.length;
	});
}

/** Bumps the revision of each article of `ids` (other tabs then reload them). Inside a 'rw' transaction over articles. */
export async function bumpRevisions(db: SpanwiseDB, ids: Iterable<string>): Promise<void> {
	const list = [...new Set(ids)];
	if (list.length === 0) return;
	const rows = await db.articles.bulkGet(list);
	await db.articles.bulkPut(rows.flatMap((r) => (r ? [{ ...r, revision: r.revision + 1 }] : [])));
}

/**
 * The relations of article `articleId` (all layers, or annotator `annotator`'s), in the order they
 * were stored (by id within a layer): one range read of the [articleId+annotator] index. Usable
 * inside a transaction.
 */
export function listRelations(db: SpanwiseDB, articleId: string, annotator?: string): Promise<Relation[]> {
	const index = db.relations.where('[articleId+annotator]');
	return (annotator === undefined ? index.between([articleId, Dexie.minKey], [articleId, Dexie.maxKey], true, true) : index.equals([articleId, annotator])).toArray();
}

/** The relations of each of `articleIds`, one index range read per article issued together. */
export function relationsOfArticles(db: SpanwiseDB, articleIds: readonly string[]): Promise<Relation[][]> {
	return Promise.all(articleIds.map((id) => listRelations(db, id)));
}

/** Every relation with one of `spanIds` at either end (each once). Two index reads. */
export async function relationsAtSpans(db: SpanwiseDB, spanIds: readonly string[]): Promise<Relation[]> {
	if (spanIds.length === 0) return [];
	const [heads, tails] = await Promise.all([db.relations.where('head').anyOf([...spanIds]).toArray(), db.relations.where('tail').anyOf([...spanIds]).toArray()]);
	return [...new Map([...heads, ...tails].map((r) => [r.id, r])).values()];
}

/** Every relation of `articleIds` (all layers), grouped by article id: for a review session overview (like `readSpansOf`). */
export async function readRelationsOf(db: SpanwiseDB, articleIds: readonly string[]): Promise<Map<string, Relation[]>> {
	const lists = await relationsOfArticles(db, articleIds);
	return new Map(articleIds.map((id, i) => [id, lists[i]]));
}
