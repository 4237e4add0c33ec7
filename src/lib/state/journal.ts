/**
 * A write-ahead journal of annotation edits in localStorage. IndexedDB commits asynchronously, and a
 * page that reloads, navigates away or closes a moment after an action aborts the transaction in
 * flight; localStorage writes synchronously. So each batch is journaled before it is written and
 * dropped once committed; on the next start the batches left over are written then (see
 * `Workspace.init`), where the storage's conflict check skips those that did commit after all.
 */
import type { AnnotationEdit } from '$lib/core/types';

export interface JournalEntry {
	readonly key: string;
	readonly articleId: string;
	/** Span and relation edits; entries written before relations hold span edits only, and replay the same. */
	readonly edits: readonly AnnotationEdit[];
	readonly at: number;
}

/** Where entries are kept: localStorage in the app, a Map in tests. */
export interface JournalStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
	key(index: number): string | null;
	readonly length: number;
}

const PREFIX = 'spanwise:journal:';

const EDIT_FIELDS: Record<AnnotationEdit['type'], readonly string[]> = {
	add: ['span'],
	remove: ['span'],
	update: ['before', 'after'],
	'add-relation': ['relation'],
	'remove-relation': ['relation'],
	'update-relation': ['before', 'after']
};

/** Whether a journaled value has the shape of a span or relation edit (a damaged entry is not replayed). */
function isEditShaped(value: unknown): value is AnnotationEdit {
	if (typeof value !== 'object' || value === null) return false;
	const fields = EDIT_FIELDS[(value as { type?: unknown }).type as AnnotationEdit['type']];
	return fields !== undefined && fields.every((f) => typeof (value as Record<string, unknown>)[f] === 'object' && (value as Record<string, unknown>)[f] !== null);
}

/** Runs `task` when the page is idle (soon, at the latest). */
export type IdleScheduler = (task: () => void) => void;

const whenIdle: IdleScheduler = (task) => {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
	else setTimeout(task, 0);
};

export class Journal {
	#next = 0;
	readonly #tab = Math.random().toString(36).slice(2, 10);
	/** Keys of committed batches not yet forgotten (see `remove`). */
	readonly #committed: string[] = [];
	readonly #schedule: IdleScheduler;

	constructor(
		private readonly store: JournalStore | null,
		schedule: IdleScheduler = whenIdle
	) {
		this.#schedule = schedule;
	}

	/** Records a batch before it is written; returns its key (null when there is no store or it is full). */
	add(articleId: string, edits: readonly AnnotationEdit[], now = Date.now()): string | null {
		if (!this.store) return null;
		const key = `${PREFIX}${this.#tab}:${now}:${this.#next++}`;
		try {
			this.store.setItem(key, JSON.stringify({ articleId, edits, at: now }));
			return key;
		} catch {
			// A full or disabled localStorage: the write to IndexedDB still happens, unjournaled.
			return null;
		}
	}

	/**
	 * Forgets a batch once it has committed, when the page is next idle: the storage write stays out
	 * of the frames after an edit. That is safe either way: a batch still journaled when the page
	 * ends is replayed on the next start and skipped there, since the storage's conflict check finds
	 * it committed.
	 */
	remove(key: string | null): void {
		if (!key || !this.store) return;
		this.#committed.push(key);
		if (this.#committed.length === 1) this.#schedule(() => this.flush());
	}

	/** Forgets the committed batches now (those `remove` left for an idle moment). */
	flush(): void {
		for (const key of this.#committed.splice(0)) this.store?.removeItem(key);
	}

	/** Batches left by pages that ended before their writes committed, oldest first (and forgets them). */
	takeLeftovers(): JournalEntry[] {
		if (!this.store) return [];
		this.flush();
		const entries: JournalEntry[] = [];
		const keys: string[] = [];
		for (let i = 0; i < this.store.length; i++) {
			const key = this.store.key(i);
			if (key?.startsWith(PREFIX)) keys.push(key);
		}
		for (const key of keys) {
			try {
				const { articleId, edits, at } = JSON.parse(this.store.getItem(key) ?? 'null');
				if (typeof articleId === 'string' && Array.isArray(edits) && edits.every(isEditShaped)) entries.push({ key, articleId, edits, at: Number(at) || 0 });
			} catch {
				// An unreadable entry cannot be replayed.
			}
			this.store.removeItem(key);
		}
		return entries.sort((a, b) => a.at - b.at);
	}
}

/**
 * Writes the journaled leftovers with `commit`, oldest first. A batch refused as a conflict (it did
 * commit after all, or another tab overtook it) or as invalid (RangeError: its article is gone) is
 * skipped; one that fails otherwise (storage full) is journaled again. Returns what happened.
 */
export async function replayJournal(
	journal: Journal,
	commit: (articleId: string, edits: readonly AnnotationEdit[], at: number) => Promise<unknown>
): Promise<{ written: number; skipped: number; failed: string[] }> {
	const outcome = { written: 0, skipped: 0, failed: [] as string[] };
	for (const entry of journal.takeLeftovers()) {
		try {
			await commit(entry.articleId, entry.edits, entry.at);
			outcome.written++;
		} catch (error) {
			if ((error as Error)?.name === 'EditConflict' || error instanceof RangeError) outcome.skipped++;
			else {
				journal.add(entry.articleId, entry.edits, entry.at);
				outcome.failed.push((error as Error)?.message ?? String(error));
			}
		}
	}
	return outcome;
}
