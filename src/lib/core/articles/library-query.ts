/**
 * Which library rows to show, in which order: search by title (and by text, through ids found
 * elsewhere), filter by status and by label, sort. Pure, so the library view just derives from it.
 */
import type { ArticleStatus } from '../types';

/** What the library list needs of a row. */
export interface LibraryRow {
	readonly id: string;
	readonly title: string;
	readonly status: ArticleStatus;
	readonly updatedAt: number;
	readonly counts: Readonly<Record<string, number>>;
}

export type LibrarySort = 'changed-desc' | 'changed-asc' | 'title';

export interface LibraryQuery {
	/** Words that must all occur in the title (case- and accent-insensitive), unless the text matched. */
	readonly search: string;
	/** Ids of articles whose text contains the search (null: not known yet, or no search). */
	readonly textMatches: ReadonlySet<string> | null;
	readonly status: ArticleStatus | 'all';
	/** Only articles with at least one span of this label ('all': any). */
	readonly label: string | 'all';
	readonly sort: LibrarySort;
}

export const EMPTY_QUERY: LibraryQuery = { search: '', textMatches: null, status: 'all', label: 'all', sort: 'changed-desc' };

/** Lower case without accents: how titles and searches are compared. */
export function foldForSearch(text: string): string {
	return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The rows matching `query`, sorted. Returns `rows` itself when nothing filters or reorders them. */
export function queryLibrary<R extends LibraryRow>(rows: readonly R[], query: LibraryQuery): readonly R[] {
	const words = foldForSearch(query.search).split(/\s+/).filter(Boolean);
	const filtering = words.length > 0 || query.status !== 'all' || query.label !== 'all';
	let out: readonly R[] = rows;
	if (filtering) {
		out = rows.filter((row) => {
			if (query.status !== 'all' && row.status !== query.status) return false;
			if (query.label !== 'all' && !(row.counts[query.label] > 0)) return false;
			if (words.length === 0) return true;
			if (query.textMatches?.has(row.id)) return true;
			const title = foldForSearch(row.title);
			return words.every((word) => title.includes(word));
		});
	}
	if (query.sort === 'changed-desc' && isSortedBy(out, (a, b) => b.updatedAt - a.updatedAt)) return out;
	const compare =
		query.sort === 'title'
			? (a: R, b: R) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base', numeric: true })
			: query.sort === 'changed-asc'
				? (a: R, b: R) => a.updatedAt - b.updatedAt
				: (a: R, b: R) => b.updatedAt - a.updatedAt;
	return [...out].sort(compare);
}

function isSortedBy<R>(rows: readonly R[], compare: (a: R, b: R) => number): boolean {
	for (let i = 1; i < rows.length; i++) if (compare(rows[i - 1], rows[i]) > 0) return false;
	return true;
}

/**
 * The slice of a list of `count` rows of `rowHeight` px to render for a viewport: `first` and `last`
 * (exclusive) with `overscan` extra rows on each side, and the space above and below them.
 */
export function visibleWindow(
	count: number,
	rowHeight: number,
	scrollTop: number,
	viewportHeight: number,
	overscan = 8
): { first: number; last: number; before: number; after: number } {
	if (rowHeight <= 0) throw new RangeError(`row height ${rowHeight} must be positive`);
	const first = Math.max(0, Math.min(count, Math.floor(scrollTop / rowHeight) - overscan));
	const last = Math.max(first, Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan));
	return { first, last, before: first * rowHeight, after: (count - last) * rowHeight };
}
