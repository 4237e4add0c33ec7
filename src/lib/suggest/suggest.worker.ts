/** The suggestion engine off the main thread: the recognizers' models load here, on first use. */
import { runSuggestions, type SuggestRequest } from '$lib/core/suggest/engine';
import type { Suggestion } from '$lib/core/suggest/types';

export type SuggestWorkerRequest = { readonly id: number; readonly text: string; readonly request: SuggestRequest };
export type SuggestWorkerResponse = { readonly id: number; readonly bySource: Record<string, Suggestion[]>; readonly ms: number } | { readonly id: number; readonly error: string };

const scope = self as unknown as { postMessage(message: SuggestWorkerResponse): void; onmessage: ((e: MessageEvent<SuggestWorkerRequest>) => void) | null };

scope.onmessage = (event) => {
	const { id, text, request } = event.data;
	try {
		const started = performance.now();
		const bySource = runSuggestions(text, request);
		scope.postMessage({ id, bySource, ms: performance.now() - started });
	} catch (error) {
		scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
	}
};
