/**
 * The app's way to the suggestion engine: one worker, made on first use (so its libraries are not
 * part of the first load), answering requests in turn.
 */
import type { SuggestRequest } from '$lib/core/suggest/engine';
import type { PackedSuggestions } from '$lib/core/suggest/packed';
import type { SuggestWorkerRequest, SuggestWorkerResponse } from './suggest.worker';

/** The suggestion worker, loading its script and models from now on. */
function makeWorker(): Worker {
	return new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
}

/** A worker started before any client wanted one, and whether it failed meanwhile (no client was listening). */
let prestarted: { worker: Worker; failed: boolean } | null = null;

/**
 * Starts the suggestion worker as the app starts on an article's address, before the page has read
 * its settings or the article: its language model loads meanwhile. The first client's worker is this
 * one; `dropPrestartedWorker` ends it when no client will come (every source switched off).
 */
export function prestartSuggestionWorker(): void {
	if (prestarted) return;
	const started = { worker: makeWorker(), failed: false };
	started.worker.onerror = (event) => {
		event.preventDefault();
		started.failed = true;
	};
	prestarted = started;
}

/** Ends a pre-started worker that no client took. */
export function dropPrestartedWorker(): void {
	prestarted?.worker.terminate();
	prestarted = null;
}

/** The pre-started worker, unless there is none or it failed (then it is ended: a new one is made). */
function takePrestarted(): Worker | null {
	const started = prestarted;
	prestarted = null;
	if (!started) return null;
	if (!started.failed) return started.worker;
	started.worker.terminate();
	return null;
}

export class SuggestEngineClient {
	#worker: Worker | null = null;
	#next = 0;
	readonly #waiting = new Map<number, { resolve(value: Record<string, PackedSuggestions>): void; reject(error: Error): void }>();

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = takePrestarted() ?? makeWorker();
		worker.onmessage = (event: MessageEvent<SuggestWorkerResponse>) => {
			const data = event.data;
			const waiting = this.#waiting.get(data.id);
			if (!waiting) return;
			this.#waiting.delete(data.id);
			if ('error' in data) waiting.reject(new Error(data.error));
			else waiting.resolve(data.bySource);
		};
		worker.onerror = (event) => {
			event.preventDefault();
			const error = new Error(event.message || 'the suggestion worker failed');
			for (const waiting of this.#waiting.values()) waiting.reject(error);
			this.#waiting.clear();
			this.#worker?.terminate();
			this.#worker = null;
		};
		this.#worker = worker;
		return worker;
	}

	/** Starts the worker now (its language model loads while the page does other work). */
	warm(): void {
		this.#start();
	}

	/** Suggestions of `request` over `text`, by source, packed. */
	run(text: string, request: SuggestRequest): Promise<Record<string, PackedSuggestions>> {
		const id = ++this.#next;
		return new Promise((resolve, reject) => {
			this.#waiting.set(id, { resolve, reject });
			const message: SuggestWorkerRequest = { id, text, request };
			this.#start().postMessage(message);
		});
	}

	/** Stops the worker (what it was doing is dropped: waiting requests fail with "cancelled"). */
	cancel(): void {
		this.#worker?.terminate();
		this.#worker = null;
		for (const waiting of this.#waiting.values()) waiting.reject(new Error('cancelled'));
		this.#waiting.clear();
	}
}
