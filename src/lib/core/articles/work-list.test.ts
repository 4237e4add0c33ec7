import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { followStatuses, workPosition, workProgress } from './work-list';
import type { ArticleStatus } from '../types';

describe('workPosition', () => {
	it('gives the neighbours within the list', () => {
		expect(workPosition(['a', 'b', 'c'], 'b')).toEqual({ index: 1, total: 3, previous: 'a', next: 'c' });
		expect(workPosition(['a', 'b', 'c'], 'a')).toEqual({ index: 0, total: 3, previous: null, next: 'b' });
		expect(workPosition(['a', 'b', 'c'], 'c')).toEqual({ index: 2, total: 3, previous: 'b', next: null });
	});

	it('leads an article outside the list to the start of it', () => {
		expect(workPosition(['a', 'b'], 'z')).toEqual({ index: -1, total: 2, previous: null, next: 'a' });
		expect(workPosition([], 'z')).toEqual({ index: -1, total: 0, previous: null, next: null });
	});

	it('walks the whole list forwards and back', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), (ids) => {
				const forward: string[] = [ids[0]];
				for (let next = workPosition(ids, ids[0]).next; next !== null; next = workPosition(ids, next).next) forward.push(next);
				expect(forward).toEqual(ids);
				const back: string[] = [ids.at(-1)!];
				for (let prev = workPosition(ids, ids.at(-1)!).previous; prev !== null; prev = workPosition(ids, prev).previous) back.push(prev);
				expect(back).toEqual([...ids].reverse());
			})
		);
	});
});

describe('workProgress', () => {
	it('counts done and reviewed articles, leaving out deleted ones', () => {
		const statuses: Record<string, ArticleStatus> = { a: 'done', b: 'new', c: 'reviewed', d: 'in_progress' };
		expect(workProgress(['a', 'b', 'c', 'd', 'gone'], (id) => statuses[id])).toEqual({ done: 2, total: 4 });
		expect(workProgress([], () => 'done')).toEqual({ done: 0, total: 0 });
	});
});

describe('followStatuses', () => {
	const row = (id: string, status: ArticleStatus) => ({ id, status });
	const start = followStatuses(new Map(), [row('a', 'new'), row('b', 'done')], null);

	it('reads every row when the list was read whole', () => {
		expect([...start]).toEqual([['a', 'new'], ['b', 'done']]);
	});

	it('keeps the same map when the changed rows keep their status (a save), and makes a new one when one changes, comes or goes', () => {
		expect(followStatuses(start, [], { ids: ['a'], rows: [row('a', 'new')] })).toBe(start);
		expect(followStatuses(start, [], { ids: ['zz'], rows: [undefined] })).toBe(start);
		const done = followStatuses(start, [], { ids: ['a'], rows: [row('a', 'done')] });
		expect(done).not.toBe(start);
		expect(done.get('a')).toBe('done');
		expect(start.get('a')).toBe('new');
		expect([...followStatuses(start, [], { ids: ['b', 'c'], rows: [undefined, row('c', 'new')] })]).toEqual([['a', 'new'], ['c', 'new']]);
	});
});
