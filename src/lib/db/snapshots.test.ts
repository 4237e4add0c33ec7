import { describe, expect, it } from 'vitest';
import { createArticles, destroyArticle, readArticleSpans, refreshSnapshot, restoreArticle } from './articles';
import { SNAPSHOT_MIN_SPANS } from './database';
import { listSpans } from './spans';
import { commitSpanEdits } from './spans';
import { renameLabel } from './labels';
import { freshDb, makeRecord, makeSpan } from './testing';

// A text long enough for SNAPSHOT_MIN_SPANS one-character spans, each at its own offset.
const N = SNAPSHOT_MIN_SPANS + 20;
const TEXT = 'x'.repeat(N + 10);
const longRecord = (id = 'long') => makeRecord(id, TEXT, Array.from({ length: N }, (_, i) => [i, i + 1, i % 2 ? 'actor' : 'claim'] as const));

describe('span snapshots', () => {
	it('are made when a long article is imported, and read instead of the rows while it is unchanged', async () => {
		const db = freshDb();
		await createArticles(db, [longRecord(), makeRecord('short', 'abc def', [[0, 3]])]);
		const read = await readArticleSpans(db, 'long');
		expect(read).toMatchObject({ fromSnapshot: true, stale: false, revision: 1 });
		expect(read!.spans).toEqual(await listSpans(db, 'long'));
		expect(read!.spans).toHaveLength(N);
		// Short articles have none: their rows are read.
		expect(await db.snapshots.get('short')).toBeUndefined();
		expect(await readArticleSpans(db, 'short')).toMatchObject({ fromSnapshot: false, stale: false });

		// A teammate's copy merged in moves the revision: rows again, until the snapshot is remade.
		await createArticles(db, [{ ...makeRecord('long', TEXT), spans: [makeSpan('long', 'mate-1', 0, 5, 'figure', { annotator: 'mate' })] }]);
		const merged = await readArticleSpans(db, 'long');
		expect(merged).toMatchObject({ fromSnapshot: false, stale: true, revision: 2 });
		expect(merged!.spans).toHaveLength(N + 1);
		expect(await refreshSnapshot(db, 'long')).toBe(true);
		expect(await readArticleSpans(db, 'long')).toMatchObject({ fromSnapshot: true, revision: 2, spans: merged!.spans });
	});

	it('are stored in columns, and a snapshot of span objects (made by an earlier version) is still read', async () => {
		const db = freshDb();
		await createArticles(db, [longRecord()]);
		const stored = (await db.snapshots.get('long'))!;
		expect(stored.packed?.ids).toHaveLength(N);
		expect(stored.spans).toBeUndefined();
		const rows = await listSpans(db, 'long');
		await db.snapshots.put({ articleId: 'long', revision: stored.revision, spans: rows });
		expect(await readArticleSpans(db, 'long')).toMatchObject({ fromSnapshot: true, spans: rows });
		expect(await refreshSnapshot(db, 'long')).toBe(true);
		expect((await db.snapshots.get('long'))?.packed?.ids).toHaveLength(N);
		// One in a form this version cannot read: the rows are read, and it is to be remade.
		await db.snapshots.put({ articleId: 'long', revision: stored.revision, packed: { format: 'spans/columns/9' } as never });
		expect(await readArticleSpans(db, 'long')).toMatchObject({ fromSnapshot: false, stale: true, spans: rows });
	});

	it('are ignored once the article changes: edits, label renames, and a new article under the same id', async () => {
		const db = freshDb();
		await createArticles(db, [longRecord()]);
		await refreshSnapshot(db, 'long');

		const added = makeSpan('long', 'new', N, N + 3, 'figure');
		await commitSpanEdits(db, 'long', [{ type: 'add', span: added }], 5000);
		const afterEdit = await readArticleSpans(db, 'long');
		expect(afterEdit).toMatchObject({ fromSnapshot: false, stale: true });
		expect(afterEdit!.spans.map((s) => s.id)).toContain('new');

		await refreshSnapshot(db, 'long');
		await renameLabel(db, 'figure', 'number');
		const afterRename = await readArticleSpans(db, 'long');
		expect(afterRename!.fromSnapshot).toBe(false);
		expect(afterRename!.spans.find((s) => s.id === 'new')?.label).toBe('number');

		// Deleted and made again (revision 1 again) with other spans: the old snapshot is gone with it.
		await refreshSnapshot(db, 'long');
		await destroyArticle(db, 'long');
		await createArticles(db, [makeRecord('long', TEXT, [[0, 3, 'actor']])]);
		const again = await readArticleSpans(db, 'long');
		expect(again).toMatchObject({ fromSnapshot: false, stale: false, revision: 1 });
		expect(again!.spans).toHaveLength(1);
	});

	it('are not written when the article changed between the read and the write, nor for short articles', async () => {
		const db = freshDb();
		await createArticles(db, [longRecord(), makeRecord('short', 'abc def', [[0, 3]])]);
		expect(await refreshSnapshot(db, 'short')).toBe(false);
		expect(await db.snapshots.get('short')).toBeUndefined();

		// A write lands while the snapshot is being made: it must not be stored under the new revision.
		const racing = refreshSnapshot(db, 'long');
		await commitSpanEdits(db, 'long', [{ type: 'add', span: makeSpan('long', 'late', N, N + 2, 'claim') }], 6000);
		expect(await racing).toBe(false);
		// Still the one made at import, for revision 1: not taken for the current one.
		expect((await db.snapshots.get('long'))?.revision).toBe(1);
		const read = await readArticleSpans(db, 'long');
		expect(read).toMatchObject({ fromSnapshot: false, revision: 2 });
		expect(read!.spans.map((s) => s.id)).toContain('late');
	});

	it('come back with a restored article only through a new read', async () => {
		const db = freshDb();
		await createArticles(db, [longRecord()]);
		await refreshSnapshot(db, 'long');
		const record = await destroyArticle(db, 'long');
		expect(await db.snapshots.get('long')).toBeUndefined();
		await restoreArticle(db, record!);
		expect(await readArticleSpans(db, 'long')).toMatchObject({ fromSnapshot: false, stale: true });
	});
});
