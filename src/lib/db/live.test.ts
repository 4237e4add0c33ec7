import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createArticles, destroyArticle, listArticles, updateArticleStatus, updateArticleTitle } from './articles';
import { patchArticleRows, singleKeys, watchArticles, type ArticleChanges } from './live';
import { byRecency } from './rows';
import type { ArticleRow } from './database';
import { freshDb, makeArticle } from './testing';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** Watches `db`'s library; `latest()` is the last list it was told. */
function watch(db: ReturnType<typeof freshDb>) {
	const seen: ArticleRow[][] = [];
	const changes: (ArticleChanges | null)[] = [];
	const errors: unknown[] = [];
	stops.push(watchArticles(db, (rows, changed) => (seen.push(rows), changes.push(changed)), (e) => errors.push(e)));
	return { latest: () => seen.at(-1), changed: () => changes.at(-1), count: () => seen.length, errors };
}

describe('watchArticles', () => {
	it('follows imports, row changes and deletions with the list listArticles reads, re-reading only the rows that changed', async () => {
		const db = freshDb();
		await createArticles(db, [{ article: makeArticle('a', 'Alpha text.'), spans: [] }, { article: makeArticle('b', 'Beta text.'), spans: [] }]);
		const w = watch(db);
		await vi.waitFor(() => expect(w.latest()).toEqual(expect.any(Array)));
		expect(w.latest()).toEqual(await listArticles(db));
		expect(w.changed()).toBeNull();

		// From here on a change to one row reads that row, not the list.
		const wholeReads = vi.spyOn(db.articles, 'orderBy');
		await updateArticleStatus(db, 'a', 'done');
		await vi.waitFor(() => expect(w.latest()![0]).toMatchObject({ id: 'a', status: 'done' }));
		expect(w.changed()).toEqual({ ids: ['a'], rows: [w.latest()![0]] });
		await updateArticleTitle(db, 'b', 'Renamed', Date.now() + 60_000);
		await vi.waitFor(async () => expect(w.latest()![0]).toMatchObject({ id: 'b', title: 'Renamed' }));
		await createArticles(db, [{ article: makeArticle('c', 'Gamma text.'), spans: [] }]);
		await vi.waitFor(async () => expect(w.latest()!.map((r) => r.id).sort()).toEqual(['a', 'b', 'c']));
		await destroyArticle(db, 'a');
		await vi.waitFor(async () => expect(w.latest()!.map((r) => r.id).sort()).toEqual(['b', 'c']));
		expect(w.changed()?.rows).toContain(undefined);
		// (listArticles reads in pages by primary key: orderBy(':id'); others may order by an index.)
		const calls = wholeReads.mock.calls.filter(([index]) => index === ':id').length;
		wholeReads.mockRestore();
		expect(calls).toBe(0);
		expect(w.latest()).toEqual(await listArticles(db));

		// A clear is a key range: the list is read again whole.
		await db.articles.clear();
		await vi.waitFor(() => expect(w.latest()).toEqual([]));
		expect(w.changed()).toBeNull();
		expect(w.errors).toEqual([]);
	});

	it('tells nothing more once stopped', async () => {
		const db = freshDb();
		const w = watch(db);
		await vi.waitFor(() => expect(w.latest()).toEqual([]));
		stops.splice(0).forEach((stop) => stop());
		const told = w.count();
		await createArticles(db, [{ article: makeArticle('a', 'Alpha text.'), spans: [] }]);
		await new Promise((r) => setTimeout(r, 50));
		expect(w.count()).toBe(told);
	});
});

describe('singleKeys', () => {
	it('lists the keys of single-key nodes, and gives up on a range, a non-string key or too many', () => {
		const tree = { from: 'm', to: 'm', d: 2, l: { from: 'b', to: 'b', d: 1 }, r: { from: 'x', to: 'x', d: 1 } };
		expect(singleKeys(tree, 10)?.sort()).toEqual(['b', 'm', 'x']);
		expect(singleKeys({ d: 0 }, 10)).toEqual([]);
		expect(singleKeys({ ...tree, r: { from: 'p', to: 'q', d: 1 } }, 10)).toBeNull();
		expect(singleKeys({ from: 1, to: 1, d: 1 }, 10)).toBeNull();
		expect(singleKeys(tree, 2)).toBeNull();
	});
});

describe('patchArticleRows', () => {
	const row = (id: string, updatedAt: number) => ({ id, updatedAt, title: id }) as unknown as ArticleRow;
	it('gives the list a fresh read would: changed rows moved, new ones in place, deleted ones gone', () => {
		const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
		fc.assert(
			fc.property(fc.uniqueArray(fc.tuple(ids, fc.nat(5)), { selector: ([id]) => id }), fc.uniqueArray(fc.tuple(ids, fc.option(fc.nat(5))), { selector: ([id]) => id }), (before, changes) => {
				const rows = before.map(([id, t]) => row(id, t)).sort(byRecency);
				const fresh = changes.map(([id, t]) => (t === null ? undefined : row(id, t)));
				const byId = new Map(rows.map((r) => [r.id, r]));
				changes.forEach(([id], i) => (fresh[i] ? byId.set(id, fresh[i]!) : byId.delete(id)));
				const copy = [...rows];
				expect(patchArticleRows(rows, changes.map(([id]) => id), fresh)).toEqual([...byId.values()].sort(byRecency));
				expect(rows).toEqual(copy);
			})
		);
	});
});
