/**
 * The library list as the user narrows it: search (titles at once, texts through a worker), status
 * and label filters, sort, and the window of rows to render (the list is virtualised).
 */
import { EMPTY_QUERY, queryLibrary, visibleWindow, type LibraryQuery } from '$lib/core/articles/library-query';
import type { ArticleStatus } from '$lib/core/types';
import type { ArticleRow } from '$lib/db';
import type { SearchRequest, SearchResponse } from '$lib/search/text-search.worker';
import type { Workspace } from './workspace.svelte';

/** Height of one library row in px (rows are one line of title and one of details). */
export const ROW_HEIGHT = 64;

export class LibraryView {
	#query = $state.raw<LibraryQuery>(EMPTY_QUERY);
	#scrollTop = $state(0);
	#viewport = $state(600);
	#searchingText = $state(false);
	#worker: Worker | null = null;
	#serial = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(readonly workspace: Workspace) {}

	get query() {
		return this.#query;
	}
	/** Whether the text search for the current words is still running. */
	get searchingText() {
		return this.#searchingText;
	}

	readonly rows: readonly ArticleRow[] = $derived.by(() => queryLibrary(this.workspace.articles, this.#query));
	readonly window = $derived(visibleWindow(this.rows.length, ROW_HEIGHT, this.#scrollTop, this.#viewport));
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
