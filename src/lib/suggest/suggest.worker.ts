/** The suggestion engine off the main thread: the recognizers' models load here, as the worker starts. */
import { runSuggestions, type SuggestRequest } from '$lib/core/suggest/engine';
import { packSuggestions, packedBuffers, type PackedSuggestions } from '$lib/core/suggest/packed';
import { prepareBuiltin, useWinkModel } from '$lib/core/suggest/builtin';
import { fastWinkModel } from './wink-model';

// One wink-nlp instance per worker: its model need not be copied as it loads.
useWinkModel(fastWinkModel);

export type SuggestWorkerRequest = { readonly id: number; readonly text: string; readonly request: SuggestRequest };
/** Each source's suggestions packed in columns, their buffers transferred (not copied) to the page. */
export type SuggestWorkerResponse = { readonly id: number; readonly bySource: Record<string, PackedSuggestions>; readonly ms: number } | { readonly id: number; readonly error: string };

const scope = self as unknown as { postMessage(message: SuggestWorkerResponse, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<SuggestWorkerRequest>) => void) | null };

scope.onmessage = (event) => {
	const { id, text, request } = event.data;
	try {
		const started = performance.now();
		const made = runSuggestions(text, request);
		const bySource: Record<string, PackedSuggestions> = {};
		for (const [source, items] of Object.entries(made)) bySource[source] = packSuggestions(source, items);
		scope.postMessage({ id, bySource, ms: performance.now() - started }, Object.values(bySource).flatMap(packedBuffers));
	} catch (error) {
		scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
	}
};

// The models load as soon as the worker starts (the page starts it while it reads the article), so the
// first article's suggestions do not wait for them; a message that arrives meanwhile waits its turn. A
// model that fails to load is not an error of the worker (that would end it): the first request that
// needs it fails with the reason, as before.
setTimeout(() => {
	try {
		prepareBuiltin();
	} catch {
		// Reported by the first request that needs the model.
	}
}, 0);
