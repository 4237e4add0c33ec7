/**
 * The label set. An empty `labels` table means "the default labels": reads return DEFAULT_LABELS, and
 * writes that extend the set first store them, so adding one label never makes the defaults vanish.
 */
import type { Label, Relation, Span } from '$lib/core/types';
import { DEFAULT_LABELS, nextLabelColor } from '$lib/core/labels/defaults';
import type { LabelRow, SpanwiseDB } from './database';
import { addCount } from './rows';
import { relationsAtSpans } from './relations';

function toLabel(row: LabelRow): Label {
	return { name: row.name, color: row.color, hotkey: row.hotkey, description: row.description };
}

function toRows(labels: readonly Label[]): LabelRow[] {
	return labels.map((label, order) => ({ ...toLabel({ ...label, order }), order }));
}

/** Lists the labels in their saved order; DEFAULT_LABELS when none were ever saved (nothing is written). */
export async function listLabels(db: SpanwiseDB): Promise<Label[]> {
	const rows = await db.labels.toArray();
	if (rows.length === 0) return DEFAULT_LABELS.map((label) => ({ ...label }));
	return rows.sort((a, b) => a.order - b.order).map(toLabel);
}

/**
 * Replaces the whole label set with `labels`, in that order, atomically. Spans are not touched: a label
 * that disappears keeps its spans. Throws RangeError on an empty name or two names equal ignoring case.
 */
export async function saveLabels(db: SpanwiseDB, labels: readonly Label[]): Promise<void> {
	const seen = new Set<string>();
	for (const { name } of labels) {
		if (name === '') throw new RangeError('A label name is empty');
		const folded = name.toLowerCase();
		if (seen.has(folded)) throw new RangeError(`Label name "${name}" is used twice (names ignore case)`);
		seen.add(folded);
	}
	await db.transaction('rw', db.labels, async () => {
		await db.labels.clear();
		await db.labels.bulkAdd(toRows(labels));
	});
}

/**
 * Renames label `from` to `to` in one transaction: the label row, the `label` of every span that has it
 * (span timestamps are kept) and the counts of every affected article, whose revision is bumped (its
 * `updatedAt` is kept, so the library order does not change), and the head and tail labels of every
 * relation type that names it. Returns the number of spans changed.
 * Throws RangeError if `to` is empty, if `from` is not a label, or if another label is named `to`
 * ignoring case (changing only the case of `from` is allowed).
 */
export async function renameLabel(db: SpanwiseDB, from: string, to: string): Promise<number> {
	if (to === '') throw new RangeError(`Cannot rename label "${from}" to an empty name`);
	return db.transaction('rw', [db.labels, db.spans, db.articles, db.relationTypes], async () => {
		const rows = await ensureLabelRows(db);
		const row = rows.find((r) => r.name === from);
		if (row === undefined) throw new RangeError(`No label named "${from}" to rename`);
		const clash = rows.find((r) => r !== row && r.name.toLowerCase() === to.toLowerCase());
		if (clash !== undefined) throw new RangeError(`Cannot rename "${from}" to "${to}": label "${clash.name}" exists`);
		if (from === to) return 0;

		await db.labels.delete(from);
		await db.labels.add({ ...row, name: to });
		const rename = (names: readonly string[]) => names.map((n) => (n === from ? to : n));
		const types = (await db.relationTypes.toArray()).filter((t) => t.headLabels.includes(from) || t.tailLabels.includes(from));
		if (types.length > 0) await db.relationTypes.bulkPut(types.map((t) => ({ ...t, headLabels: rename(t.headLabels), tailLabels: rename(t.tailLabels) })));

		const perArticle = new Map<string, number>();
		const changed = await db.spans
			.where('label')
			.equals(from)
			.modify((span: { label: string; articleId: string }) => {
				span.label = to;
				perArticle.set(span.articleId, (perArticle.get(span.articleId) ?? 0) + 1);
			});
		const ids = [...perArticle.keys()];
		const articles = await db.articles.bulkGet(ids);
		const updated = articles.map((article, i) => {
			if (article === undefined) throw new Error(`Spans refer to missing article ${ids[i]}`);
			const moved = perArticle.get(article.id) ?? 0;
			const counts = { ...article.counts };
			addCount(counts, from, -moved);
			addCount(counts, to, moved);
			return { ...article, counts, revision: article.revision + 1 };
		});
		await db.articles.bulkPut(updated);
		return changed;
	});
}

/**
 * The stored label rows, sorted by order; when the table is empty, stores DEFAULT_LABELS first and
 * returns them. Call inside a 'rw' transaction that includes `labels`.
 */
export async function ensureLabelRows(db: SpanwiseDB): Promise<LabelRow[]> {
	const rows = await db.labels.toArray();
	if (rows.length > 0) return rows.sort((a, b) => a.order - b.order);
	const defaults = toRows(DEFAULT_LABELS);
	await db.labels.bulkAdd(defaults);
	return defaults;
}

/**
 * Adds a label row (next free colour, no hotkey, no description, at the end of the list) for each of
 * `names` that has none; names match exactly. Call inside a 'rw' transaction that includes `labels`.
 */
export async function addMissingLabels(db: SpanwiseDB, names: Iterable<string>): Promise<void> {
	const rows = await ensureLabelRows(db);
	const known = new Set(rows.map((r) => r.name));
	const colors = rows.map((r) => r.color);
	let order = rows.reduce((max, r) => Math.max(max, r.order), -1) + 1;
	const added: LabelRow[] = [];
	for (const name of names) {
		if (known.has(name)) continue;
		known.add(name);
		const color = nextLabelColor(colors);
		colors.push(color);
		added.push({ name, color, hotkey: '', description: '', order: order++ });
	}
	if (added.length > 0) await db.labels.bulkAdd(added);
}

/** How many spans (all annotators) have label `name`. */
export function countLabelSpans(db: SpanwiseDB, name: string): Promise<number> {
	return db.spans.where('label').equals(name).count();
}

/** What `deleteLabel` did, so that `undoLabelDeletion` can put it back. */
export interface LabelDeletion {
	/** The deleted label, with its place in the list. */
	readonly label: LabelRow;
	/** Spans deleted (all of them, or those whose relabelled copy would have duplicated a span). */
	readonly removed: readonly Span[];
	/** Spans given label `relabelledTo`, as they were before. */
	readonly relabelled: readonly Span[];
	readonly relabelledTo: string | null;
	/** Relations deleted with the removed spans (absent: none). */
	readonly relations?: readonly Relation[];
}

/**
 * Deletes label `name` in one transaction, with its spans: `relabelTo` null deletes every span that has
 * it; a label name gives them that label instead (a span that would then duplicate one of the same
 * annotator, place and label is deleted). The relations of deleted spans are deleted with them;
 * relabelled spans keep theirs. Counts and revisions of the touched articles follow (their
 * `updatedAt` is kept, as in `renameLabel`). Returns what was done, for `undoLabelDeletion`. Throws
 * RangeError if `name` is not a label, or `relabelTo` is `name` or not a label.
 */
export async function deleteLabel(db: SpanwiseDB, name: string, relabelTo: string | null): Promise<LabelDeletion> {
	return db.transaction('rw', [db.labels, db.spans, db.relations, db.articles], async () => {
		const rows = await ensureLabelRows(db);
		const row = rows.find((r) => r.name === name);
		if (row === undefined) throw new RangeError(`No label named "${name}" to delete`);
		if (relabelTo !== null && (relabelTo === name || !rows.some((r) => r.name === relabelTo))) {
			throw new RangeError(`Cannot move the spans of "${name}" to "${relabelTo}": not another label`);
		}
		const spans = await db.spans.where('label').equals(name).toArray();
		const removed: Span[] = [];
		const relabelled: Span[] = [];
		if (relabelTo === null) removed.push(...spans);
		else {
			const targets = await db.spans.where('label').equals(relabelTo).toArray();
			const taken = new Set(targets.map((s) => `${s.articleId}\u0000${s.annotator}\u0000${s.start}\u0000${s.end}`));
			for (const span of spans) {
				const key = `${span.articleId}\u0000${span.annotator}\u0000${span.start}\u0000${span.end}`;
				if (taken.has(key)) removed.push(span);
				else {
					taken.add(key);
					relabelled.push(span);
				}
			}
		}
		const relations = await relationsAtSpans(db, removed.map((s) => s.id));
		await db.relations.bulkDelete(relations.map((r) => r.id));
		await db.spans.bulkDelete(removed.map((s) => s.id));
		await db.spans.bulkPut(relabelled.map((s) => ({ ...s, label: relabelTo! })));
		await db.labels.delete(name);
		await adjustArticles(db, [...removed.map((s) => [s, name, null] as const), ...relabelled.map((s) => [s, name, relabelTo] as const)]);
		return { label: row, removed, relabelled, relabelledTo: relabelTo, ...(relations.length > 0 ? { relations } : {}) };
	});
}

/**
 * Undoes `deleteLabel`: the label comes back at its place, deleted spans that are still absent are put
 * back with the relations deleted with them (those whose ends are both stored again and whose id is
 * free), and relabelled spans that still have the new label (and their place) get the old one again.
 * Throws RangeError, writing nothing, if a label with the deleted one's name (ignoring case) exists again.
 */
export async function undoLabelDeletion(db: SpanwiseDB, deletion: LabelDeletion): Promise<void> {
	await db.transaction('rw', [db.labels, db.spans, db.relations, db.articles], async () => {
		const rows = await ensureLabelRows(db);
		const name = deletion.label.name;
		if (rows.some((r) => r.name.toLowerCase() === name.toLowerCase())) throw new RangeError(`A label named "${name}" exists again`);
		const list = [...rows];
		list.splice(Math.min(deletion.label.order, list.length), 0, deletion.label);
		await db.labels.clear();
		await db.labels.bulkAdd(list.map((r, order) => ({ ...r, order })));

		const [present, current] = await Promise.all([db.spans.bulkGet(deletion.removed.map((s) => s.id)), db.spans.bulkGet(deletion.relabelled.map((s) => s.id))]);
		const back = deletion.removed.filter((_, i) => present[i] === undefined);
		const relabelBack = deletion.relabelled.filter((s, i) => {
			const now = current[i];
			return now !== undefined && now.label === deletion.relabelledTo && now.start === s.start && now.end === s.end && now.annotator === s.annotator;
		});
		await db.spans.bulkPut([...back, ...relabelBack].map((s) => ({ ...s })));
		const relations = deletion.relations ?? [];
		if (relations.length > 0) {
			const ends = [...new Set(relations.flatMap((r) => [r.head, r.tail]))];
			const [endRows, taken] = await Promise.all([db.spans.bulkGet(ends), db.relations.bulkGet(relations.map((r) => r.id))]);
			const stored = new Set(endRows.flatMap((s) => (s ? [s.id] : [])));
			await db.relations.bulkPut(relations.filter((r, i) => taken[i] === undefined && stored.has(r.head) && stored.has(r.tail)).map((r) => ({ ...r })));
		}
		await adjustArticles(db, [...back.map((s) => [s, null, name] as const), ...relabelBack.map((s) => [s, deletion.relabelledTo, name] as const)]);
	});
}

/**
 * Moves article counts for spans whose label went `from` → `to` (null: the span was deleted, or added),
 * keeping spanTotal exact and bumping each touched article's revision once.
 */
async function adjustArticles(db: SpanwiseDB, changes: readonly (readonly [Span, string | null, string | null])[]): Promise<void> {
	const ids = [...new Set(changes.map(([s]) => s.articleId))];
	if (ids.length === 0) return;
	const rows = await db.articles.bulkGet(ids);
	const byId = new Map(rows.flatMap((r) => (r ? [[r.id, { ...r, counts: { ...r.counts } }]] : [])));
	for (const [span, from, to] of changes) {
		const row = byId.get(span.articleId);
		if (!row) throw new Error(`Spans refer to missing article ${span.articleId}`);
		if (from !== null) addCount(row.counts, from, -1);
		if (to !== null) addCount(row.counts, to, 1);
		const delta = (to !== null ? 1 : 0) - (from !== null ? 1 : 0);
		byId.set(row.id, { ...row, spanTotal: row.spanTotal + delta });
	}
	await db.articles.bulkPut([...byId.values()].map((r) => ({ ...r, revision: r.revision + 1 })));
}
