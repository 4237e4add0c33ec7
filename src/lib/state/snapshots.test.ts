import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SnapshotKeeper } from './snapshots';

/** A stand-in worker that records what it was asked and answers as told. */
function fakeWorkers(reply: { ok: true; made: boolean } | { ok: false; message: string } = { ok: true, made: true }) {
	const asked: unknown[] = [];
	let terminated = 0;
	const make = () => {
		const worker = {
			onmessage: null as ((e: MessageEvent) => void) | null,
			onerror: null as (() => void) | null,
			postMessage(message: unknown) {
				asked.push(message);
				queueMicrotask(() => worker.onmessage?.({ data: reply } as MessageEvent));
			},
			terminate() {
				terminated++;
			}
		};
		return worker as unknown as Worker;
	};
	return { make, asked, terminated: () => terminated };
}

describe('SnapshotKeeper', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('remakes a snapshot once the edits settle, once for a burst of them', async () => {
		const workers = fakeWorkers();
		const keeper = new SnapshotKeeper('db', () => 0, workers.make);
		keeper.schedule('a', 2000);
		vi.advanceTimersByTime(1500);
		keeper.schedule('a', 2000);
		vi.advanceTimersByTime(1999);
		expect(workers.asked).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(workers.asked).toEqual([{ dbName: 'db', articleId: 'a' }]);
		await Promise.resolve();
		expect(workers.terminated()).toBe(1);
	});

	it('waits while edits are still being saved, and says nothing fatal when a snapshot fails', async () => {
		let pending = 1;
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const workers = fakeWorkers({ ok: false, message: 'quota' });
		const keeper = new SnapshotKeeper('db', () => pending, workers.make);
		keeper.schedule('a', 0);
		vi.advanceTimersByTime(10_000);
		expect(workers.asked).toEqual([]);
		pending = 0;
		vi.advanceTimersByTime(2_000);
		expect(workers.asked).toHaveLength(1);
		await Promise.resolve();
		expect(warn).toHaveBeenCalledOnce();
		expect(workers.terminated()).toBe(1);
		warn.mockRestore();
	});

	it('forgets what it had planned when destroyed', () => {
		const workers = fakeWorkers();
		const keeper = new SnapshotKeeper('db', () => 0, workers.make);
		keeper.schedule('a');
		keeper.schedule('b');
		keeper.destroy();
		vi.advanceTimersByTime(60_000);
		expect(workers.asked).toEqual([]);
	});
});
