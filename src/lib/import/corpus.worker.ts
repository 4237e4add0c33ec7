/**
 * The corpus import worker: reads (streams and parses) files and writes the records to IndexedDB,
 * so neither a 50 MB parse nor the bulk writes ever run on the page's main thread. Records stay here
 * between reading and writing; the page only gets counts and error messages.
 */
import type { ArticleRecord } from '$lib/core/types';
import { countStoredTexts, createArticles, openDatabase, removeUntouchedSamples, restoreWorkspaceExtras, type SpanwiseDB } from '$lib/db';
import type { BackupHeader } from '$lib/core/codecs/backup';
import { readCorpus } from './corpus-reader';
import { MAX_ERRORS_SHOWN, type FromWorker, type ToWorker } from './corpus-protocol';

const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

let db: SpanwiseDB | null = null;
let records: ArticleRecord[] = [];
let backup: BackupHeader | undefined;
let controller: AbortController | null = null;

/** Posts progress at most every 50 ms (and always at the end), so the page is not flooded. */
function throttled(phase: 'reading' | 'writing'): (done: number, total: number) => void {
	let last = 0;
	return (done, total) => {
		const now = performance.now();
		if (done < total && now - last < 50) return;
		last = now;
		scope.postMessage({ type: 'progress', phase, done, total });
	};
}

async function read(message: Extract<ToWorker, { type: 'read' }>): Promise<void> {
	controller = new AbortController();
	db ??= openDatabase(message.dbName);
	try {
		const result = await readCorpus(message.files, {
			annotator: message.annotator,
			now: message.now,
			format: message.format,
			offsets: message.offsets,
			onProgress: throttled('reading'),
			signal: controller.signal
		});
		records = result.records;
		backup = result.backup;
		const duplicates = await countStoredTexts(db, records);
		scope.postMessage({
			type: 'read',
			records: records.length,
			backup: !!backup,
			spans: records.reduce((n, r) => n + r.spans.length, 0),
			duplicates,
			errors: result.errors.slice(0, MAX_ERRORS_SHOWN),
			errorCount: result.errors.length,
			formats: result.formats
		});
	} catch (error) {
		records = [];
		if (controller.signal.aborted) scope.postMessage({ type: 'cancelled', phase: 'reading', written: 0 });
		else scope.postMessage({ type: 'failed', message: (error as Error).message ?? String(error) });
	}
}

async function write(message: Extract<ToWorker, { type: 'write' }>): Promise<void> {
	if (!db) return scope.postMessage({ type: 'failed', message: 'nothing was read' });
	controller = new AbortController();
	let written = 0;
	const progress = throttled('writing');
	try {
		// A backup restored into a fresh browser replaces the untouched samples it also holds, so the
		// result is exactly the backed-up workspace (touched samples are merged like anything else).
		if (backup) await removeUntouchedSamples(db, records.map((r) => r.article.id));
		const report = await createArticles(db, records, {
			duplicates: message.duplicates,
			signal: controller.signal,
			...(message.asSuggestions ? { asSuggestions: message.asSuggestions } : {}),
			onProgress: (done, total) => {
				written = done;
				progress(done, total);
			}
		});
		if (backup) await restoreWorkspaceExtras(db, { labels: [...backup.labels], ...(backup.relationTypes ? { relationTypes: [...backup.relationTypes] } : {}), settings: { ...backup.settings }, decisions: [...backup.decisions] });
		scope.postMessage({ type: 'written', report, restoredBackup: !!backup });
	} catch (error) {
		if (controller.signal.aborted) scope.postMessage({ type: 'cancelled', phase: 'writing', written });
		else scope.postMessage({ type: 'failed', message: (error as Error).message ?? String(error) });
	} finally {
		records = [];
		backup = undefined;
	}
}

scope.onmessage = (event) => {
	const message = event.data;
	if (message.type === 'read') void read(message);
	else if (message.type === 'write') void write(message);
	else if (message.type === 'cancel') {
		controller?.abort(new Error('cancelled'));
		records = [];
	}
};
