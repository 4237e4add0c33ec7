/**
 * The app's way to the suggestion engine: one worker, made on first use (so its libraries are not
 * part of the first load), answering requests in turn.
 */
import type { SuggestRequest } from '$lib/core/suggest/engine';
import type { PackedSuggestions } from '$lib/core/suggest/packed';
import type { SuggestWorkerRequest, SuggestWorkerResponse } from './suggest.worker';

export class SuggestEngineClient {
	#worker: Worker | null = null;
	#next = 0;
	readonly #waiting = new Map<number, { resolve(value: Record<string, PackedSuggestions>): void; reject(error: Error): void }>();

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
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
