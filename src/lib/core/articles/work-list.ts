/**
 * Working through a list of articles: the library's list as it stood when the user left it (its filter
 * and sort), walked with Previous / Next and "Mark done and next". The order is fixed when the user
 * leaves the library, so tagging an article (which moves it to the top of "last change, newest first")
 * never reshuffles the walk.
 */
import type { ArticleStatus } from '../types';

/** Where an article stands in a work list. */
export interface WorkPosition {
	/** 0-based index of the article in the list, or -1 when it is not in it. */
	readonly index: number;
	readonly total: number;
	/** The article before it, or null at the start (or when it is not in the list). */
	readonly previous: string | null;
	/** The article after it; for an article not in the list, the list's first; null at the end. */
	readonly next: string | null;
}

/** The position of article `id` in `ids`. */
export function workPosition(ids: readonly string[], id: string): WorkPosition {
	const index = ids.indexOf(id);
	const total = ids.length;
	if (index < 0) return { index, total, previous: null, next: ids[0] ?? null };
	return { index, total, previous: index > 0 ? ids[index - 1] : null, next: index + 1 < total ? ids[index + 1] : null };
}

/** Statuses that count as done in "x of N done": done, and reviewed (which comes after done). */
export const DONE_STATUSES: ReadonlySet<ArticleStatus> = new Set<ArticleStatus>(['done', 'reviewed']);

/** How many of `ids` are done (or reviewed), by `statusOf` (undefined: the article is gone, and not counted). */
export function workProgress(ids: readonly string[], statusOf: (id: string) => ArticleStatus | undefined): { done: number; total: number } {
	let done = 0;
	let total = 0;
	for (const id of ids) {
		const status = statusOf(id);
		if (status === undefined) continue;
		total += 1;
		if (DONE_STATUSES.has(status)) done += 1;
	}
	return { done, total };
}

/** A library row as far as statuses go. */
interface StatusRow {
	readonly id: string;
	readonly status: ArticleStatus;
}

/**
 * The statuses by id after a change of the library list: all of `rows` when `changed` is null (the
 * list was read whole), else `previous` with the changed rows applied (`changed.rows[i]` undefined:
 * article `changed.ids[i]` is gone). `previous` itself when no status changed and no article came or
 * went, so what depends on statuses alone is not worked out again after a save.
 */
export function followStatuses(
	previous: ReadonlyMap<string, ArticleStatus>,
	rows: readonly StatusRow[],
	changed: { readonly ids: readonly string[]; readonly rows: readonly (StatusRow | undefined)[] } | null
): ReadonlyMap<string, ArticleStatus> {
	if (changed === null) return new Map(rows.map((row) => [row.id, row.status]));
	let next: Map<string, ArticleStatus> | null = null;
	changed.ids.forEach((id, i) => {
		const row = changed.rows[i];
		if (previous.get(id) === row?.status && (row !== undefined || !previous.has(id))) return;
		next ??= new Map(previous);
		if (row) next.set(id, row.status);
		else next.delete(id);
	});
	return next ?? previous;
}
