/**
 * What the library remembers while the user works through it, across pages and reloads of the tab:
 * its filter and sort, whose layer its counts show, and the work list (the order of articles the
 * article page's Previous / Next follow), kept in sessionStorage.
 */
import { EMPTY_QUERY, type LibraryQuery } from '$lib/core/articles/library-query';
import { ARTICLE_STATUSES } from '$lib/core/types';

/** Whose spans the library counts: yours, everyone's, or one annotator's. */
export type CountsLayer = { readonly kind: 'mine' } | { readonly kind: 'all' } | { readonly kind: 'annotator'; readonly name: string };

const KEY = 'spanwise.library';

interface Stored {
	readonly query?: Partial<Pick<LibraryQuery, 'search' | 'status' | 'label' | 'sort'>>;
	readonly layer?: CountsLayer;
	readonly workList?: readonly string[];
}

const SORTS: readonly LibraryQuery['sort'][] = ['changed-desc', 'changed-asc', 'title'];

/** The stored state, each field checked (anything odd falls back to its default). */
function parseStored(raw: string | null): { query: LibraryQuery; layer: CountsLayer; workList: readonly string[] | null } {
	let stored: Stored = {};
	try {
		stored = raw ? (JSON.parse(raw) as Stored) : {};
	} catch {
		stored = {};
	}
	const q = stored.query ?? {};
	const query: LibraryQuery = {
		...EMPTY_QUERY,
		search: typeof q.search === 'string' ? q.search : '',
		status: q.status === 'all' || ARTICLE_STATUSES.includes(q.status as never) ? (q.status as LibraryQuery['status']) : 'all',
		label: typeof q.label === 'string' ? q.label : 'all',
		sort: SORTS.includes(q.sort as never) ? (q.sort as LibraryQuery['sort']) : EMPTY_QUERY.sort
	};
	const l = stored.layer;
	const layer: CountsLayer = l?.kind === 'all' ? { kind: 'all' } : l?.kind === 'annotator' && typeof l.name === 'string' ? { kind: 'annotator', name: l.name } : { kind: 'mine' };
	const workList = Array.isArray(stored.workList) && stored.workList.every((id) => typeof id === 'string') ? stored.workList : null;
	return { query, layer, workList };
}

export class LibraryState {
	#query = $state.raw<LibraryQuery>(EMPTY_QUERY);
	#layer = $state.raw<CountsLayer>({ kind: 'mine' });
	#workList = $state.raw<readonly string[] | null>(null);
	readonly #storage: Storage | null;

	constructor(storage: Storage | null) {
		this.#storage = storage;
		let raw: string | null = null;
		try {
			raw = storage?.getItem(KEY) ?? null;
		} catch {
			raw = null;
		}
		const { query, layer, workList } = parseStored(raw);
		this.#query = query;
		this.#layer = layer;
		this.#workList = workList;
	}

	/** The library's filter and sort (text matches included while a search runs). */
	get query(): LibraryQuery {
		return this.#query;
	}
	set query(query: LibraryQuery) {
		this.#query = query;
		this.#save();
	}

	get layer(): CountsLayer {
		return this.#layer;
	}
	set layer(layer: CountsLayer) {
		this.#layer = layer;
		this.#save();
	}

	/** The articles Previous / Next walk, in order: the library's list as the user left it (null: never left it). */
	get workList(): readonly string[] | null {
		return this.#workList;
	}
	set workList(ids: readonly string[] | null) {
		this.#workList = ids;
		this.#save();
	}

	#save(): void {
		const { search, status, label, sort } = this.#query;
		const stored: Stored = { query: { search, status, label, sort }, layer: this.#layer, workList: this.#workList ?? undefined };
		try {
			this.#storage?.setItem(KEY, JSON.stringify(stored));
		} catch {
			// A full or disabled sessionStorage: the state still holds for this page's life.
		}
	}
}
