import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_QUERY, foldForSearch, queryLibrary, visibleWindow, type LibraryRow } from './library-query';

const row = (id: string, title: string, updatedAt: number, status: LibraryRow['status'] = 'new', counts: Record<string, number> = {}): LibraryRow => ({
	id,
	title,
	updatedAt,
	status,
	counts
});

const rows = [
	row('a', 'Zürich council votes', 30, 'done', { actor: 2 }),
	row('b', 'Harbour barrier approved', 20, 'in_progress', { figure: 1 }),
	row('c', 'Rail strike called off', 10, 'new')
];

describe('queryLibrary', () => {
	it('returns the rows themselves when nothing filters or reorders', () => {
		expect(queryLibrary(rows, EMPTY_QUERY)).toBe(rows);
	});

	it('searches titles by all words, ignoring case and accents', () => {
		expect(queryLibrary(rows, { ...EMPTY_QUERY, search: 'zurich VOTES' }).map((r) => r.id)).toEqual(['a']);
		expect(queryLibrary(rows, { ...EMPTY_QUERY, search: 'council strike' })).toEqual([]);
	});

	it('includes articles whose text matched even when the title does not', () => {
		const q = { ...EMPTY_QUERY, search: 'insurance', textMatches: new Set(['c']) };
		expect(queryLibrary(rows, q).map((r) => r.id)).toEqual(['c']);
	});

	it('filters by status and by label', () => {
		expect(queryLibrary(rows, { ...EMPTY_QUERY, status: 'done' }).map((r) => r.id)).toEqual(['a']);
		expect(queryLibrary(rows, { ...EMPTY_QUERY, label: 'figure' }).map((r) => r.id)).toEqual(['b']);
	});

	it('sorts by last change either way, or by title', () => {
		expect(queryLibrary(rows, { ...EMPTY_QUERY, sort: 'changed-asc' }).map((r) => r.id)).toEqual(['c', 'b', 'a']);
		expect(queryLibrary(rows, { ...EMPTY_QUERY, sort: 'title' }).map((r) => r.id)).toEqual(['b', 'c', 'a']);
		expect(queryLibrary([rows[2], rows[0]], EMPTY_QUERY).map((r) => r.id)).toEqual(['a', 'c']);
	});

	it('folds accents and case', () => {
		expect(foldForSearch('Ça Élan ÑANDÚ')).toBe('ca elan nandu');
	});
});

describe('visibleWindow', () => {
	it('renders the rows in view plus overscan, with the space around them', () => {
		expect(visibleWindow(10_000, 50, 5_000, 500, 5)).toEqual({ first: 95, last: 115, before: 4_750, after: (10_000 - 115) * 50 });
		expect(visibleWindow(3, 50, 0, 500)).toEqual({ first: 0, last: 3, before: 0, after: 0 });
	});

	it('always covers the viewport and stays within the list', () => {
		fc.assert(
			fc.property(fc.nat(20_000), fc.integer({ min: 1, max: 200 }), fc.nat(2_000_000), fc.integer({ min: 1, max: 3000 }), (count, h, top, vh) => {
				const w = visibleWindow(count, h, top, vh);
				expect(0 <= w.first && w.first <= w.last && w.last <= count).toBe(true);
				expect(w.before + (w.last - w.first) * h + w.after).toBe(count * h);
				const firstInView = Math.floor(top / h);
				const lastInView = Math.min(count, Math.ceil((top + vh) / h));
				if (firstInView < count) expect(w.first <= firstInView && w.last >= lastInView).toBe(true);
			})
		);
	});
});
