/**
 * What the library remembers for a tab (its filter and sort, whose layer its counts show, the work
 * list), as stored: the parse of a stored value, each field checked, anything odd falling back to its
 * default (it crossed a boundary: sessionStorage written by another version, or edited by hand).
 */
import { ARTICLE_STATUSES } from '../types';
import { EMPTY_QUERY, type LibraryQuery } from './library-query';

/** Whose spans the library counts: yours, everyone's, or one annotator's. */
export type CountsLayer = { readonly kind: 'mine' } | { readonly kind: 'all' } | { readonly kind: 'annotator'; readonly name: string };

export interface LibraryMemory {
	readonly query: LibraryQuery;
	readonly layer: CountsLayer;
	/** The articles Previous / Next walk, in order (null: the library was never left). */
	readonly workList: readonly string[] | null;
}

const SORTS: readonly LibraryQuery['sort'][] = ['changed-desc', 'changed-asc', 'title'];

/** The stored form of `memory` (text matches are not kept: they are looked up again). */
export function serializeLibraryMemory(memory: LibraryMemory): string {
	const { search, status, label, sort } = memory.query;
	return JSON.stringify({ query: { search, status, label, sort }, layer: memory.layer, workList: memory.workList ?? undefined });
}

/** `raw` as stored by `serializeLibraryMemory`, checked; null, bad JSON or odd fields give the defaults. */
export function parseLibraryMemory(raw: string | null): LibraryMemory {
	let stored: Record<string, unknown> = {};
	try {
		const parsed: unknown = raw ? JSON.parse(raw) : {};
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) stored = parsed as Record<string, unknown>;
	} catch {
		stored = {};
	}
	const q = (stored.query && typeof stored.query === 'object' ? stored.query : {}) as Record<string, unknown>;
	const query: LibraryQuery = {
		...EMPTY_QUERY,
		search: typeof q.search === 'string' ? q.search : '',
		status: q.status === 'all' || ARTICLE_STATUSES.includes(q.status as never) ? (q.status as LibraryQuery['status']) : 'all',
		label: typeof q.label === 'string' ? q.label : 'all',
		sort: SORTS.includes(q.sort as never) ? (q.sort as LibraryQuery['sort']) : EMPTY_QUERY.sort
	};
	const l = (stored.layer && typeof stored.layer === 'object' ? stored.layer : {}) as Record<string, unknown>;
	const layer: CountsLayer =
		l.kind === 'all' ? { kind: 'all' } : l.kind === 'annotator' && typeof l.name === 'string' && l.name !== '' ? { kind: 'annotator', name: l.name } : { kind: 'mine' };
	const list = stored.workList;
	const workList = Array.isArray(list) && list.every((id) => typeof id === 'string') ? (list as string[]) : null;
	return { query, layer, workList };
}
