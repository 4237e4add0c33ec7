/**
 * One corpus import as the user sees it: reading (progress, Cancel), then a review when some records
 * were bad or are already in the library (import the valid ones or none; merge or skip duplicates),
 * then writing (progress, Cancel), then a result. The work runs in the import worker.
 */
import { relationSummary, renewedDetails, renewedSummary } from '$lib/core/merge/report';
import type { DuplicatePolicy, ImportReport } from '$lib/db';
import type { FromWorker, ToWorker } from '$lib/import/corpus-protocol';

export type CorpusImportPhase = 'reading' | 'review' | 'writing' | 'finished';

export interface CorpusReview {
	readonly records: number;
	readonly spans: number;
	readonly duplicates: number;
	readonly errors: readonly string[];
	readonly errorCount: number;
	readonly fileNames: readonly string[];
	readonly backup: boolean;
}

export interface CorpusImportOptions {
	readonly dbName: string;
	readonly annotator: string;
	/** Take every span as a suggestion of this source (`prediction:<model>`), not as anyone's work. */
	readonly asSuggestions?: string;
	/** Makes the worker (tests may pass another). */
	readonly makeWorker?: () => Worker;
	/** Called when writing starts. */
	onWriting?(): void;
	/** Called once at the end, with the report when something was written. */
	onFinish(outcome: { report: ImportReport | null; message: string; ok: boolean; details?: readonly string[] }): void;
}

function plural(n: number, word: string): string {
	return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

export class CorpusImport {
	#phase = $state<CorpusImportPhase>('reading');
	#done = $state(0);
	#total = $state(0);
	#review = $state.raw<CorpusReview | null>(null);
	#duplicates = $state<DuplicatePolicy>('merge');
	readonly #worker: Worker;
	readonly #opts: CorpusImportOptions;
	readonly fileNames: readonly string[];

	constructor(files: readonly File[], opts: CorpusImportOptions) {
		this.#opts = opts;
		this.fileNames = files.map((f) => f.name);
		this.#worker = opts.makeWorker?.() ?? new Worker(new URL('../import/corpus.worker.ts', import.meta.url), { type: 'module' });
		this.#worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
		this.#worker.onerror = (event) => this.#finish(null, `The import stopped: ${event.message || 'the import worker failed'}`, false);
		this.#send({ type: 'read', dbName: opts.dbName, files, annotator: opts.annotator, now: Date.now() });
	}

	get phase() {
		return this.#phase;
	}
	/** Progress of the current phase: bytes while reading, articles while writing. */
	get done() {
		return this.#done;
	}
	get total() {
		return this.#total;
	}
	get review() {
		return this.#review;
	}
	get duplicates() {
		return this.#duplicates;
	}
	set duplicates(policy: DuplicatePolicy) {
		this.#duplicates = policy;
	}

	/** Writes the valid records (after a review). */
	importValid(): void {
		if (this.#phase !== 'review') return;
		this.#phase = 'writing';
		this.#done = 0;
		this.#total = this.#review?.records ?? 0;
		this.#opts.onWriting?.();
		this.#send({ type: 'write', duplicates: this.#duplicates, ...(this.#opts.asSuggestions ? { asSuggestions: this.#opts.asSuggestions } : {}) });
	}

	/** Drops everything read (after a review): nothing is written. */
	importNone(): void {
		if (this.#phase !== 'review') return;
		this.#send({ type: 'cancel' });
		this.#finish(null, 'Nothing was imported.', true);
	}

	cancel(): void {
		if (this.#phase === 'review') return this.importNone();
		if (this.#phase === 'finished') return;
		this.#send({ type: 'cancel' });
	}

	#send(message: ToWorker): void {
		this.#worker.postMessage(message);
	}

	#receive(message: FromWorker): void {
		switch (message.type) {
			case 'progress':
				this.#done = message.done;
				this.#total = message.total;
				return;
			case 'read': {
				const review: CorpusReview = { ...message, fileNames: this.fileNames };
				this.#review = review;
				if (review.records === 0 && !review.backup) {
					return this.#finish(null, `Nothing to import: ${review.errorCount ? plural(review.errorCount, 'bad record') : 'no records found'}.`, false);
				}
				this.#phase = 'review';
				// Nothing to decide: write straight away.
				if (review.errorCount === 0 && review.duplicates === 0) this.importValid();
				return;
			}
			case 'written': {
				const r = message.report;
				const parts = [`Imported ${plural(r.added, 'article')}`];
				if (message.restoredBackup) parts.push('restored labels, settings and review decisions from the backup');
				if (r.merged) parts.push(`merged ${r.merged} already in the library (${plural(r.spansAdded, 'new span')}, ${r.spansSkipped} already there)`);
				else if (r.spansAdded) parts.push(plural(r.spansAdded, 'span'));
				if (r.suggestionsAdded) parts.push(`${plural(r.suggestionsAdded, 'suggestion')} (offered in the articles, not counted as anyone's spans)`);
				const renewed = renewedSummary(r);
				if (renewed) parts.push(renewed);
				const linked = relationSummary(r);
				if (linked) parts.push(linked);
				if (r.skipped) parts.push(`skipped ${plural(r.skipped, 'article')} already in the library`);
				if (r.reanchored) parts.push(`re-anchored the spans of ${plural(r.reanchored, 'article')} whose text differs from ours by quote (${r.flagged} flagged for review)`);
				if (r.unplaced.length) parts.push(`could not place ${plural(r.unplaced.length, 'span')}`);
				const bad = this.#review?.errorCount ?? 0;
				if (bad) parts.push(`left out ${plural(bad, 'bad record')}`);
				return this.#finish(r, parts.join('; ') + '.', true, [...renewedDetails(r, 10), ...r.unplaced, ...r.relationsDropped]);
			}
			case 'cancelled':
				return this.#finish(
					null,
					message.phase === 'reading' || message.written === 0
						? 'Import cancelled: nothing was imported.'
						: `Import cancelled: the first ${plural(message.written, 'article')} had been saved and stay in the library; the rest was not imported.`,
					true
				);
			case 'failed':
				return this.#finish(null, `The import failed: ${message.message}. Nothing already in the library was changed.`, false);
		}
	}

	#finish(report: ImportReport | null, message: string, ok: boolean, details: readonly string[] = []): void {
		if (this.#phase === 'finished') return;
		this.#phase = 'finished';
		this.#worker.terminate();
		this.#opts.onFinish({ report, message, ok, details });
	}
}
