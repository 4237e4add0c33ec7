import type { SnapshotReply, SnapshotRequest } from '$lib/db/snapshot.worker';

/** How long an article's writes must have settled before its snapshot is remade. */
const SETTLE_MS = 2_000;

/**
 * Keeps long articles' span snapshots (one row holding every span, read on opening instead of
 * thousands of rows) current: remade in a worker once an article's edits have settled and been saved.
 * Derived data: a failure only means the next opening reads the rows.
 */
export class SnapshotKeeper {
	readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
	readonly #dbName: string;
	readonly #pendingSaves: () => number;
	readonly #makeWorker: () => Worker;

	constructor(dbName: string, pendingSaves: () => number, makeWorker = () => new Worker(new URL('../db/snapshot.worker.ts', import.meta.url), { type: 'module' })) {
		this.#dbName = dbName;
		this.#pendingSaves = pendingSaves;
		this.#makeWorker = makeWorker;
	}

	/** Remakes article `id`'s snapshot `delay` ms from now (and later again while edits are being saved). */
	schedule(id: string, delay = SETTLE_MS): void {
		clearTimeout(this.#timers.get(id));
		this.#timers.set(
			id,
			setTimeout(() => {
				this.#timers.delete(id);
				if (this.#pendingSaves() > 0) return this.schedule(id);
				this.#run(id);
			}, delay)
		);
	}

	#run(articleId: string): void {
		const worker = this.#makeWorker();
		worker.onmessage = ({ data }: MessageEvent<SnapshotReply>) => {
			worker.terminate();
			if (!data.ok) console.warn(`Spanwise: the span snapshot of an article could not be made (${data.message}); it opens from its span rows.`);
		};
		worker.onerror = () => worker.terminate();
		const request: SnapshotRequest = { dbName: this.#dbName, articleId };
		worker.postMessage(request);
	}

	destroy(): void {
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
	}
}
