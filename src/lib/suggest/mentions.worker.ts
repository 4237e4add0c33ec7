/**
 * "Tag all mentions" in the whole corpus, off the main thread: the worker reads the texts, searches
 * them and stores the mentions it finds as suggestions, reporting its progress; `stop` ends it before
 * its next batch (what it stored stays).
 */
import { addMentionsInCorpus, openDatabase, type CorpusMentionSearch } from '$lib/db';

export type MentionsWorkerRequest = { readonly type: 'search'; readonly dbName: string; readonly search: CorpusMentionSearch } | { readonly type: 'stop' };
export type MentionsWorkerReply =
	| { readonly type: 'progress'; readonly done: number; readonly total: number }
	| { readonly type: 'done'; readonly added: number; readonly articles: number; readonly stopped: boolean }
	| { readonly type: 'error'; readonly message: string };

const scope = self as unknown as { postMessage(message: MentionsWorkerReply): void; onmessage: ((e: MessageEvent<MentionsWorkerRequest>) => void) | null };
let stopped = false;

scope.onmessage = async ({ data }) => {
	if (data.type === 'stop') {
		stopped = true;
		return;
	}
	const db = openDatabase(data.dbName);
	try {
		const result = await addMentionsInCorpus(db, data.search, (done, total) => scope.postMessage({ type: 'progress', done, total }), () => stopped);
		scope.postMessage({ type: 'done', ...result });
	} catch (error) {
		scope.postMessage({ type: 'error', message: (error as Error).message ?? String(error) });
	} finally {
		db.close();
	}
};
