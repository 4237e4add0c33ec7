/** The export worker: reads and serializes the corpus off the main thread, and hands back a Blob. */
import { openDatabase } from '$lib/db';
import { exportCorpus, type CorpusExportOptions } from './corpus-export';
import type { SerializeReport } from '$lib/core/codecs/codec';

/** What to export: the options of `exportCorpus` that can cross postMessage, and the database. */
export type ExportRequest = Omit<CorpusExportOptions, 'onProgress' | 'signal'> & { readonly dbName: string };
export type ExportMessage =
	| { readonly type: 'progress'; readonly done: number; readonly total: number }
	| { readonly type: 'done'; readonly blob: Blob; readonly fileName: string; readonly articles: number; readonly report: SerializeReport }
	| { readonly type: 'failed'; readonly message: string };

const scope = self as unknown as { postMessage(message: ExportMessage): void; onmessage: ((e: MessageEvent<ExportRequest>) => void) | null };

scope.onmessage = async ({ data }) => {
	try {
		const db = openDatabase(data.dbName);
		const result = await exportCorpus(db, { ...data, onProgress: (done, total) => scope.postMessage({ type: 'progress', done, total }) });
		db.close();
		scope.postMessage({ type: 'done', ...result });
	} catch (error) {
		scope.postMessage({ type: 'failed', message: (error as Error).message ?? String(error) });
	}
};
