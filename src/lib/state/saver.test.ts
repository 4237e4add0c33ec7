import { describe, expect, it } from 'vitest';
import type { Span, SpanEdit } from '$lib/core/types';
import { Saver, describeWriteError, type SaveStatus } from './saver';

const span: Span = { id: 's-1', articleId: 'a-1', start: 0, end: 3, label: 'actor', annotator: 'ana', createdAt: 1, updatedAt: 1 };
const add: SpanEdit = { type: 'add', span };

describe('Saver', () => {
	it('reports saved only after every batch has committed, in order', async () => {
		const written: string[] = [];
		const statuses: SaveStatus['kind'][] = [];
		const saver = new Saver(
			async (_id, edits) => {
				await new Promise((r) => setTimeout(r, 1));
				written.push(edits[0].type === 'add' ? edits[0].span.id : '?');
			},
			(s) => statuses.push(s.kind)
		);
		saver.save('a-1', [add]);
		await saver.save('a-1', [{ type: 'add', span: { ...span, id: 's-2' } }]);
		expect(written).toEqual(['s-1', 's-2']);
		expect(statuses.at(-1)).toBe('saved');
		expect(statuses.indexOf('saved')).toBe(statuses.length - 1);
	});

	it('keeps failed batches queued and writes them on retry', async () => {
		let fail = true;
		const written: number[] = [];
		let last: SaveStatus = { kind: 'saved' };
		const saver = new Saver(
			async () => {
				if (fail) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
				written.push(1);
			},
			(s) => (last = s)
		);
		await saver.save('a-1', [add]);
		expect(last.kind).toBe('failed');
		expect(saver.pending).toBe(1);
		await saver.save('a-1', [add]);
		expect(saver.pending).toBe(2);
		fail = false;
		await saver.retry();
		expect(written).toHaveLength(2);
		expect(saver.pending).toBe(0);
		expect(last.kind).toBe('saved');
	});

	it('explains storage-full errors in words a user can act on', () => {
		const msg = describeWriteError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }));
		expect(msg).toMatch(/storage is full/);
		expect(describeWriteError(new Error('disk on fire'))).toMatch(/disk on fire/);
	});
});

describe('Saver: conflicts with another tab', () => {
	it('drops a batch refused as a conflict, reports the article, and goes on with the next', async () => {
		const written: string[] = [];
		const conflicts: string[] = [];
		const statuses: string[] = [];
		const saver = new Saver(
			async (articleId) => {
				if (articleId === 'stale') throw Object.assign(new Error('changed elsewhere'), { name: 'EditConflict' });
				written.push(articleId);
			},
			(status) => statuses.push(status.kind),
			(articleId) => conflicts.push(articleId)
		);
		const edit = { type: 'add' as const, span: { id: 's', articleId: 'x', start: 0, end: 1, label: 'a', annotator: 'me', createdAt: 0, updatedAt: 0 } };
		saver.save('stale', [edit]);
		await saver.save('fresh', [edit]);
		expect(conflicts).toEqual(['stale']);
		expect(written).toEqual(['fresh']);
		expect(saver.pending).toBe(0);
		expect(statuses.at(-1)).toBe('saved');
	});
});
