import { describe, expect, it } from 'vitest';
import { Journal, replayJournal, type JournalStore } from './journal';
import type { SpanEdit } from '$lib/core/types';

function memoryStore(): JournalStore & { map: Map<string, string> } {
	const map = new Map<string, string>();
	return {
		map,
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, v),
		removeItem: (k) => void map.delete(k),
		key: (i) => [...map.keys()][i] ?? null,
		get length() {
			return map.size;
		}
	};
}

const edit: SpanEdit = { type: 'add', span: { id: 's1', articleId: 'a', start: 0, end: 3, label: 'actor', annotator: 'me', createdAt: 1, updatedAt: 1 } };

describe('Journal', () => {
	it('keeps batches until they commit, and hands back the leftovers oldest first, once', () => {
		const store = memoryStore();
		// Forgetting runs at once here (in the app it waits for an idle moment; see the next test).
		const journal = new Journal(store, (task) => task());
		const done = journal.add('a', [edit], 10);
		journal.add('b', [edit], 30);
		journal.add('a', [edit], 20);
		journal.remove(done);
		store.setItem('spanwise:journal:x:5:0', '{broken');
		store.setItem('unrelated', 'kept');
		const next = new Journal(store);
		expect(next.takeLeftovers().map((e) => [e.articleId, e.at])).toEqual([
			['a', 20],
			['b', 30]
		]);
		expect(next.takeLeftovers()).toEqual([]);
		expect([...store.map.keys()]).toEqual(['unrelated']);
	});

	it('forgets committed batches when the page is idle, once per burst, and its own leftovers check waits for nothing', () => {
		const store = memoryStore();
		const tasks: (() => void)[] = [];
		const journal = new Journal(store, (task) => void tasks.push(task));
		const first = journal.add('a', [edit], 10);
		const second = journal.add('a', [edit], 20);
		journal.add('b', [edit], 30);
		journal.remove(first);
		journal.remove(second);
		// Nothing forgotten yet: the write waits for the idle task (one for both).
		expect(store.map.size).toBe(3);
		expect(tasks).toHaveLength(1);
		tasks.shift()!();
		expect(store.map.size).toBe(1);
		// A page that ends before its idle task leaves the batch, replayed (and skipped as committed) next time.
		journal.remove(journal.add('c', [edit], 40));
		expect(new Journal(store).takeLeftovers().map((e) => e.articleId)).toEqual(['b', 'c']);
		// Within the same tab, pending removals are carried out before leftovers are read.
		const again = journal.add('d', [edit], 50);
		journal.remove(again);
		expect(journal.takeLeftovers()).toEqual([]);
	});

	it('does nothing without a store, and survives a full one', () => {
		expect(new Journal(null).add('a', [edit])).toBeNull();
		const full = { ...memoryStore(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
		expect(new Journal(full).add('a', [edit])).toBeNull();
	});
});

describe('replayJournal', () => {
	it('writes leftovers oldest first, skips conflicts and vanished articles, and keeps what failed', async () => {
		const store = memoryStore();
		const before = new Journal(store);
		before.add('conflict', [edit], 1);
		before.add('ok', [edit], 2);
		before.add('gone', [edit], 3);
		before.add('full', [edit], 4);
		const seen: string[] = [];
		const outcome = await replayJournal(new Journal(store), async (articleId) => {
			seen.push(articleId);
			if (articleId === 'conflict') throw Object.assign(new Error('changed elsewhere'), { name: 'EditConflict' });
			if (articleId === 'gone') throw new RangeError('No article gone');
			if (articleId === 'full') throw new DOMException('full', 'QuotaExceededError');
		});
		expect(seen).toEqual(['conflict', 'ok', 'gone', 'full']);
		expect(outcome).toEqual({ written: 1, skipped: 2, failed: ['full'] });
		expect(new Journal(store).takeLeftovers().map((e) => e.articleId)).toEqual(['full']);
	});
});
