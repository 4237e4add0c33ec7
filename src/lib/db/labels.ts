/**
 * The label set. An empty `labels` table means "the default labels": reads return DEFAULT_LABELS, and
 * writes that extend the set first store them, so adding one label never makes the defaults vanish.
 */
import type { Label } from '$lib/core/types';
import { DEFAULT_LABELS, nextLabelColor } from '$lib/core/labels/defaults';
import type { LabelRow, SpanwiseDB } from './database';
import { addCount } from './rows';

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
 * `updatedAt` is kept, so the library order does not change). Returns the number of spans changed.
 * Throws RangeError if `to` is empty, if `from` is not a label, or if another label is named `to`
 * ignoring case (changing only the case of `from` is allowed).
 */
export async function renameLabel(db: SpanwiseDB, from: string, to: string): Promise<number> {
	if (to === '') throw new RangeError(`Cannot rename label "${from}" to an empty name`);
	return db.transaction('rw', [db.labels, db.spans, db.articles], async () => {
		const rows = await ensureLabelRows(db);
		const row = rows.find((r) => r.name === from);
		if (row === undefined) throw new RangeError(`No label named "${from}" to rename`);
		const clash = rows.find((r) => r !== row && r.name.toLowerCase() === to.toLowerCase());
		if (clash !== undefined) throw new RangeError(`Cannot rename "${from}" to "${to}": label "${clash.name}" exists`);
		if (from === to) return 0;

		await db.labels.delete(from);
		await db.labels.add({ ...row, name: to });

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
