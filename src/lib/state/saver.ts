import type { AnnotationEdit } from '$lib/core/types';
import type { Journal } from './journal';

/** Where the saver stands, for the "Saved" indicator. */
export type SaveStatus =
	| { readonly kind: 'saved' }
	| { readonly kind: 'saving'; readonly pending: number }
	| { readonly kind: 'failed'; readonly pending: number; readonly message: string };

/** Writes one batch of edits in one transaction; resolves after the commit. */
export type CommitEdits = (articleId: string, edits: readonly AnnotationEdit[]) => Promise<unknown>;

/**
 * Writes annotation edits (spans and relations) to storage in the order they were made, one transaction per action.
 * The status reads "saved" only once every batch has committed. A failed write keeps its batch and
 * everything after it queued (in memory, in order) and is tried again on `retry()` or with the next
 * action, so nothing is lost and nothing is written out of order.
 */
export class Saver {
	readonly #commit: CommitEdits;
	readonly #onStatus: (status: SaveStatus) => void;
	readonly #queue: { articleId: string; edits: readonly AnnotationEdit[]; journalKey: string | null }[] = [];
	readonly #journal: Pick<Journal, 'add' | 'remove'> | null;
	#running: Promise<void> | null = null;
	#failure: string | null = null;

	readonly #onConflict: (articleId: string) => void;

	/**
	 * `onConflict` hears of a batch refused because another tab changed the same spans first (an
	 * error named "EditConflict"): that batch is dropped, since retrying it could only fail again,
	 * and the article should be reloaded.
	 */
	constructor(
		commit: CommitEdits,
		onStatus: (status: SaveStatus) => void,
		onConflict: (articleId: string) => void = () => {},
		journal: Pick<Journal, 'add' | 'remove'> | null = null
	) {
		this.#commit = commit;
		this.#onStatus = onStatus;
		this.#onConflict = onConflict;
		this.#journal = journal;
	}

	/**
	 * Journals a batch (synchronously, so it survives the page going away), queues it and starts
	 * writing. Resolves when the queue is empty or a write failed.
	 */
	save(articleId: string, edits: readonly AnnotationEdit[]): Promise<void> {
		if (edits.length > 0) this.#queue.push({ articleId, edits, journalKey: this.#journal?.add(articleId, edits) ?? null });
		return this.#drain();
	}

	/** Tries the queued writes again (after a failure). */
	retry(): Promise<void> {
		this.#failure = null;
		return this.#drain();
	}

	/** Batches not yet committed. */
	get pending(): number {
		return this.#queue.length;
	}

	/** Resolves once nothing is being written (the queue may still hold failed batches). */
	idle(): Promise<void> {
		return this.#running ?? Promise.resolve();
	}

	#drain(): Promise<void> {
		if (this.#running) return this.#running;
		if (this.#queue.length === 0) {
			if (!this.#failure) this.#onStatus({ kind: 'saved' });
			return Promise.resolve();
		}
		this.#failure = null;
		this.#running = (async () => {
			while (this.#queue.length > 0) {
				this.#onStatus({ kind: 'saving', pending: this.#queue.length });
				const next = this.#queue[0];
				try {
					await this.#commit(next.articleId, next.edits);
				} catch (error) {
					if ((error as Error)?.name === 'EditConflict') {
						this.#queue.shift();
						this.#journal?.remove(next.journalKey);
						this.#onConflict(next.articleId);
						continue;
					}
					this.#failure = describeWriteError(error);
					this.#onStatus({ kind: 'failed', pending: this.#queue.length, message: this.#failure });
					return;
				}
				this.#queue.shift();
				this.#journal?.remove(next.journalKey);
				// For the benchmark (save_ms) and anyone profiling: when each batch committed.
				performance.mark('spanwise:saved');
			}
			this.#onStatus({ kind: 'saved' });
		})().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}
}

/** A user-readable reason for a failed write (storage full is the one people can act on). */
export function describeWriteError(error: unknown): string {
	const name = error instanceof Error ? error.name : '';
	const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
		return 'The browser’s storage is full. Your work is kept in this tab; export it, free some space, then retry.';
	}
	const message = error instanceof Error ? error.message : String(error);
	return `Could not save: ${message || name || 'unknown error'}. Your work is kept in this tab; export it or retry.`;
}
