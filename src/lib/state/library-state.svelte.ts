/**
 * What the library remembers while the user works through it, across pages and reloads of the tab:
 * its filter and sort, whose layer its counts show, and the work list (the order of articles the
 * article page's Previous / Next follow), kept in sessionStorage.
 */
import { EMPTY_QUERY, type LibraryQuery } from '$lib/core/articles/library-query';
import { parseLibraryMemory, serializeLibraryMemory, type CountsLayer } from '$lib/core/articles/library-memory';

export type { CountsLayer } from '$lib/core/articles/library-memory';

const KEY = 'spanwise.library';

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
		const { query, layer, workList } = parseLibraryMemory(raw);
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
		try {
			this.#storage?.setItem(KEY, serializeLibraryMemory({ query: this.#query, layer: this.#layer, workList: this.#workList }));
		} catch {
			// A full or disabled sessionStorage: the state still holds for this page's life.
		}
	}
}
