import Dexie, { liveQuery, type IntervalTree, type ObservabilitySet } from 'dexie';
import type { SpanwiseDB, ArticleRow } from './database';
import { countLayerLabels, listArticles } from './articles';
import { byRecency } from './rows';

/** The rows a patched list was told of: `rows[i]` is the row of `ids[i]` as read now (undefined: deleted). */
export interface ArticleChanges {
	readonly ids: readonly string[];
	readonly rows: readonly (ArticleRow | undefined)[];
}

/** More article rows changed at once than this: the list is read again whole instead of row by row. */
const PATCH_MAX_ROWS = 2_000;

/**
 * Calls `onChange` with the library list now and after every change to it, from this tab, another
 * tab or a worker, with the rows that changed (null: the list was read whole). Returns the function
 * that stops watching.
 *
 * After the first read, only the rows that changed are read again (Dexie's `storagemutated` names
 * their keys) and patched into the list: a save changes its article's row, and re-reading all 10,000
 * rows of a large library after every tag (as a liveQuery of the whole list does) cost the tagging
 * page about 50 ms of main thread per tag. A change Dexie reports as a key range (a clear, a range
 * delete) or too many rows at once reads the list again whole.
 */
export function watchArticles(db: SpanwiseDB, onChange: (rows: ArticleRow[], changed: ArticleChanges | null) => void, onError: (error: unknown) => void): () => void {
	const part = `idb://${db.name}/articles/`;
	let rows: ArticleRow[] | null = null;
	/** Ids to read again; 'all': the whole list. */
	let pending: Set<string> | 'all' | null = 'all';
	let running = false;
	let stopped = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			while (pending !== null && !stopped) {
				const todo = pending;
				pending = null;
				let changed: ArticleChanges | null = null;
				if (todo === 'all' || rows === null) rows = await listArticles(db);
				else {
					const ids = [...todo];
					const fresh = await db.articles.bulkGet(ids);
					rows = patchArticleRows(rows, ids, fresh);
					changed = { ids, rows: fresh };
				}
				if (!stopped) onChange(rows, changed);
			}
		} catch (error) {
			if (!stopped) onError(error);
		} finally {
			running = false;
		}
	};
	const listener = (parts: ObservabilitySet) => {
		const changed = parts[part];
		if (!changed || stopped) return;
		if (pending !== 'all') {
			const keys = singleKeys(changed, PATCH_MAX_ROWS);
			if (keys === null) pending = 'all';
			else {
				pending ??= new Set();
				for (const key of keys) pending.add(key);
				if (pending.size > PATCH_MAX_ROWS) pending = 'all';
			}
		}
		void run();
	};
	Dexie.on('storagemutated', listener);
	void run();
	return () => {
		stopped = true;
		Dexie.on('storagemutated').unsubscribe(listener);
	};
}

/**
 * The string keys of a mutated part (a Dexie interval tree, possibly structured-cloned from another
 * tab, so walked as plain data); null when it holds a range wider than one key, a key that is not a
 * string, or more than `max` keys.
 */
export function singleKeys(tree: IntervalTree, max: number): string[] | null {
	const keys: string[] = [];
	const stack: (IntervalTree | null | undefined)[] = [tree];
	while (stack.length > 0) {
		const node = stack.pop();
		if (!node || !('from' in node)) continue;
		if (typeof node.from !== 'string' || node.from !== node.to) return null;
		keys.push(node.from);
		if (keys.length > max) return null;
		stack.push(node.l, node.r);
	}
	return keys;
}

/**
 * `rows` (most recently updated first, as `listArticles` orders them) with the rows of `ids` replaced
 * by `fresh` (read for those ids, in that order; undefined: deleted). A new array; `rows` is kept.
 */
export function patchArticleRows(rows: readonly ArticleRow[], ids: readonly string[], fresh: readonly (ArticleRow | undefined)[]): ArticleRow[] {
	const gone = new Set(ids);
	const out = rows.filter((row) => !gone.has(row.id));
	for (const row of fresh) {
		if (!row) continue;
		let lo = 0;
		let hi = out.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (byRecency(out[mid], row) < 0) lo = mid + 1;
			else hi = mid;
		}
		out.splice(lo, 0, row);
	}
	return out;
}

/**
 * Calls `onChange` with the span counts per label of `annotator`'s layer for each of `ids` (see
 * `countLayerLabels`), now and after every change to those spans from any tab. Returns the stop function.
 */
export function watchLayerCounts(
	db: SpanwiseDB,
	ids: readonly string[],
	annotator: string,
	onChange: (counts: Map<string, Record<string, number>>) => void,
	onError: (error: unknown) => void
): () => void {
	const subscription = liveQuery(() => countLayerLabels(db, ids, annotator)).subscribe({ next: onChange, error: onError });
	return () => subscription.unsubscribe();
}
