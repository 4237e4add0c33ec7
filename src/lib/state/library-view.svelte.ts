/**
 * The library list as the user narrows it: search (titles at once, texts through a worker), status
 * and label filters, sort, and the window of rows to render (the list is virtualised).
 */
import { queryLibrary, visibleWindow, type LibraryQuery } from '$lib/core/articles/library-query';
import type { ArticleStatus } from '$lib/core/types';
import type { ArticleRow } from '$lib/db';
import type { SearchRequest, SearchResponse } from '$lib/search/text-search.worker';
import type { Workspace } from './workspace.svelte';
import type { CountsLayer } from './library-state.svelte';
import { watchLayerCounts } from '$lib/db/live';

/** Height of one library row in px (rows are one line of title and one of details). */
export const ROW_HEIGHT = 64;

/** Height of a row in the narrow layout (title, then counts and status, then the row's buttons). */
export const NARROW_ROW_HEIGHT = 116;

export class LibraryView {
	#scrollTop = $state(0);
	#viewport = $state(600);
	#rowHeight = $state(ROW_HEIGHT);
	/** Per-label counts of the chosen layer for the rows on screen (when the layer is not "all"). */
	#layerCounts = $state.raw<ReadonlyMap<string, Readonly<Record<string, number>>>>(new Map());
	/** Whose layer `#layerCounts` holds. */
	#countsOf: string | null = null;
	#searchingText = $state(false);
	#worker: Worker | null = null;
	#serial = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(readonly workspace: Workspace) {
		// A search remembered from earlier in this tab: its text matches are looked up again.
		if (this.#query.search.trim()) this.search = this.#query.search;
	}

	/** The filter and sort live in the workspace's library state, so the article page walks the same list. */
	get #query(): LibraryQuery {
		return this.workspace.library.query;
	}
	set #query(query: LibraryQuery) {
		this.workspace.library.query = query;
	}

	get query() {
		return this.#query;
	}
	/** Whether the text search for the current words is still running. */
	get searchingText() {
		return this.#searchingText;
	}

	readonly rows: readonly ArticleRow[] = $derived.by(() => queryLibrary(this.workspace.articles, this.#query));
	readonly window = $derived(visibleWindow(this.rows.length, this.#rowHeight, this.#scrollTop, this.#viewport));
	readonly visible: readonly ArticleRow[] = $derived(this.rows.slice(this.window.first, this.window.last));

	set search(value: string) {
		this.#query = { ...this.#query, search: value, textMatches: null };
		clearTimeout(this.#timer);
		if (!value.trim()) {
			this.#searchingText = false;
			return;
		}
		this.#searchingText = true;
		this.#timer = setTimeout(() => this.#searchTexts(value), 200);
	}
	set status(value: ArticleStatus | 'all') {
		this.#query = { ...this.#query, status: value };
	}
	set label(value: string) {
		this.#query = { ...this.#query, label: value };
	}
	set sort(value: LibraryQuery['sort']) {
		this.#query = { ...this.#query, sort: value };
	}

	/** Fixes the work list (what the article page's Previous / Next follow) to the rows as they are listed now. */
	keepWorkList(): void {
		this.workspace.library.workList = this.rows.map((r) => r.id);
	}

	/** Row height in px of the current layout (see ROW_HEIGHT, NARROW_ROW_HEIGHT). */
	get rowHeight(): number {
		return this.#rowHeight;
	}
	set rowHeight(px: number) {
		this.#rowHeight = px;
	}

	/** Whose spans the counts show. */
	get layer(): CountsLayer {
		return this.workspace.library.layer;
	}
	set layer(layer: CountsLayer) {
		this.workspace.library.layer = layer;
	}

	/** The annotator whose layer the counts show, or null for all layers. */
	get layerAnnotator(): string | null {
		const layer = this.layer;
		return layer.kind === 'all' ? null : layer.kind === 'mine' ? this.workspace.annotator : layer.name;
	}

	/** The counts to show for `row`: all layers' from the row, else the chosen layer's (null while read). */
	countsOf(row: ArticleRow): Readonly<Record<string, number>> | null {
		return this.layerAnnotator === null ? row.counts : (this.#layerCounts.get(row.id) ?? null);
	}

	/**
	 * Keeps the chosen layer's counts of the rows on screen live; returns the stop function. Call it
	 * from an effect: it reads the rows on screen and the layer, so it is called again when they change.
	 */
	watchCounts(): () => void {
		const annotator = this.layerAnnotator;
		const ids = this.visible.map((r) => r.id);
		if (annotator !== this.#countsOf) {
			this.#countsOf = annotator;
			this.#layerCounts = new Map();
		}
		if (annotator === null || ids.length === 0) return () => {};
		return watchLayerCounts(
			this.workspace.db,
			ids,
			annotator,
			(counts) => (this.#layerCounts = new Map([...this.#layerCounts, ...counts])),
			(error) => this.workspace.notices.error(`The counts of ${annotator}'s layer could not be read: ${(error as Error).message}`)
		);
	}

	/** The scroll container moved or was resized. */
	scrolled(scrollTop: number, viewportHeight: number): void {
		this.#scrollTop = scrollTop;
		this.#viewport = viewportHeight;
	}

	#searchTexts(value: string): void {
		this.#worker ??= this.#startWorker();
		const request: SearchRequest = { dbName: this.workspace.dbName, query: value, serial: ++this.#serial };
		this.#worker.postMessage(request);
	}

	#startWorker(): Worker {
		const worker = new Worker(new URL('../search/text-search.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = ({ data }: MessageEvent<SearchResponse>) => {
			if (data.serial !== this.#serial) return;
			this.#searchingText = false;
			if ('error' in data) this.workspace.notices.error(`Searching the texts failed: ${data.error}`);
			else this.#query = { ...this.#query, textMatches: new Set(data.ids) };
		};
		return worker;
	}

	destroy(): void {
		clearTimeout(this.#timer);
		this.#worker?.terminate();
	}
}
