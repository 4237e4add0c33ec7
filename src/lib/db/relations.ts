/** Relations and relation types: listing them, and the relation type list as the Settings page edits it. */
import Dexie from 'dexie';
import type { Relation, RelationType } from '$lib/core/types';
import type { RelationTypeRow, SpanwiseDB } from './database';
import { nextLabelColor } from '$lib/core/labels/defaults';

/** What `deleteRelationType` did, so that `undoRelationTypeDeletion` can put it back. */
export interface RelationTypeDeletion {
	/** The deleted type, with its place in the list. */
	readonly type: RelationTypeRow;
	/** Its relations, deleted with it (none when they were kept). */
	readonly relations: readonly Relation[];
}

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
 * Adds a relation type for each of `names` that has none (an import bringing links of types this
 * workspace does not have): the next free colour, no key, any labels at either end, directed, any
 * number per head, at the end of the list; names match exactly. Call inside a 'rw' transaction that
 * includes `relationTypes`. Returns the names added.
 */
export async function addMissingRelationTypes(db: SpanwiseDB, names: Iterable<string>): Promise<string[]> {
	const rows = await db.relationTypes.toArray();
	const known = new Set(rows.map((r) => r.name));
	const colors = rows.map((r) => r.color);
	let order = rows.reduce((max, r) => Math.max(max, r.order), -1) + 1;
	const added: RelationTypeRow[] = [];
	for (const name of names) {
		if (known.has(name) || name === '') continue;
		known.add(name);
		const color = nextLabelColor(colors);
		colors.push(color);
		added.push({ name, color, hotkey: '', description: 'Came with an import: set its rules in Settings.', headLabels: [], tailLabels: [], directed: true, onePerHead: false, order: order++ });
	}
	if (added.length > 0) await db.relationTypes.bulkAdd(added);
	return added.map((r) => r.name);
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

/**
 * Deletes relation type `name` in one transaction, and with `withRelations` every relation of that
 * type too (bumping the revision of each article touched); otherwise its relations stay, under the
 * type's name. Returns what was done, for `undoRelationTypeDeletion`. Throws RangeError if there is
 * no such type.
 */
export async function deleteRelationType(db: SpanwiseDB, name: string, withRelations: boolean): Promise<RelationTypeDeletion> {
	return db.transaction('rw', [db.relationTypes, db.relations, db.articles], async () => {
		const type = await db.relationTypes.get(name);
		if (type === undefined) throw new RangeError(`No relation type named "${name}" to delete`);
		const relations = withRelations ? await db.relations.filter((r) => r.label === name).toArray() : [];
		await db.relationTypes.delete(name);
		if (relations.length > 0) {
			await db.relations.bulkDelete(relations.map((r) => r.id));
			await bumpRevisions(db, relations.map((r) => r.articleId));
		}
		return { type, relations };
	});
}

/**
 * Undoes `deleteRelationType`: the type comes back at its place, and its deleted relations whose two
 * ends are still stored (and whose ids are free) come back. Throws RangeError, writing nothing, if a
 * type with its name (ignoring case) exists again.
 */
export async function undoRelationTypeDeletion(db: SpanwiseDB, deletion: RelationTypeDeletion): Promise<void> {
	await db.transaction('rw', [db.relationTypes, db.relations, db.spans, db.articles], async () => {
		const rows = (await db.relationTypes.toArray()).sort((a, b) => a.order - b.order);
		const name = deletion.type.name;
		if (rows.some((r) => r.name.toLowerCase() === name.toLowerCase())) throw new RangeError(`A relation type named "${name}" exists again`);
		rows.splice(Math.min(deletion.type.order, rows.length), 0, deletion.type);
		await db.relationTypes.clear();
		await db.relationTypes.bulkAdd(rows.map((r, order) => ({ ...r, order })));
		if (deletion.relations.length === 0) return;
		const ends = [...new Set(deletion.relations.flatMap((r) => [r.head, r.tail]))];
		const [spans, taken] = await Promise.all([db.spans.bulkGet(ends), db.relations.bulkGet(deletion.relations.map((r) => r.id))]);
		const stored = new Set(spans.flatMap((s) => (s ? [s.id] : [])));
		const back = deletion.relations.filter((r, i) => taken[i] === undefined && stored.has(r.head) && stored.has(r.tail));
		await db.relations.bulkPut(back.map((r) => ({ ...r })));
		await bumpRevisions(db, back.map((r) => r.articleId));
	});
}
