import { describe, expect, it } from 'vitest';
import type { SpanEdit } from '$lib/core/types';
import { createArticles, listArticles } from './articles';
import { EditConflictError, commitSpanEdits, listSpans } from './spans';
import { freshDb, makeRecord, makeSpan } from './testing';

const TEXT = 'The minister said unemployment fell to 4.2 percent.';

async function rowOf(db: ReturnType<typeof freshDb>, id: string) {
	return (await listArticles(db)).find((r) => r.id === id);
}

describe('commitSpanEdits', () => {
	it('applies adds, removes and updates with exact counts', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a', TEXT, [[4, 12, 'actor'], [13, 17, 'claim']])]);
		const [minister, said] = await listSpans(db, 'a');
		const figure = makeSpan('a', 'f1', 39, 42, 'figure');

		const add: SpanEdit[] = [{ type: 'add', span: figure }];
		expect(await commitSpanEdits(db, 'a', add, 10_000)).toBe(2);
		expect(await rowOf(db, 'a')).toMatchObject({
			counts: { actor: 1, claim: 1, figure: 1 },
			spanTotal: 3,
			updatedAt: 10_000,
			revision: 2,
			status: 'in_progress'
		});

		const relabel: SpanEdit[] = [
			{ type: 'update', before: said, after: { ...said, label: 'actor', updatedAt: 11_000 } },
			{ type: 'remove', span: figure }
		];
		expect(await commitSpanEdits(db, 'a', relabel, 11_000)).toBe(3);
		expect(await rowOf(db, 'a')).toMatchObject({ counts: { actor: 2 }, spanTotal: 2, revision: 3 });
		expect((await rowOf(db, 'a'))?.counts).not.toHaveProperty('claim');
		expect((await listSpans(db, 'a')).map((s) => [s.id, s.label])).toEqual([
			[minister.id, 'actor'],
			[said.id, 'actor']
		]);
	});

	it('refuses edits made against a state that is no longer stored (another tab), writing nothing', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a', TEXT, [[4, 12, 'actor']])]);
		const [minister] = await listSpans(db, 'a');
		const before = await rowOf(db, 'a');
		// Another tab relabelled the span: an update from the stale state conflicts.
		await commitSpanEdits(db, 'a', [{ type: 'update', before: minister, after: { ...minister, label: 'claim', updatedAt: 7 } }], 7);
		const stale: SpanEdit[] = [{ type: 'update', before: minister, after: { ...minister, label: 'figure', updatedAt: 8 } }];
		await expect(commitSpanEdits(db, 'a', stale, 8)).rejects.toBeInstanceOf(EditConflictError);
		// Adding over a stored id, or removing what is not there, conflicts too.
		await expect(commitSpanEdits(db, 'a', [{ type: 'add', span: { ...minister, label: 'figure' } }], 9)).rejects.toThrow(/changed elsewhere/);
		await expect(commitSpanEdits(db, 'a', [{ type: 'remove', span: makeSpan('a', 'ghost', 0, 3) }], 9)).rejects.toBeInstanceOf(EditConflictError);
		expect((await listSpans(db, 'a')).map((s) => s.label)).toEqual(['claim']);
		expect(await rowOf(db, 'a')).toMatchObject({ counts: { claim: 1 }, spanTotal: 1, revision: (before?.revision ?? 0) + 1 });
	});

	it('accepts a span added and removed within one batch', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a', TEXT, [])]);
		await commitSpanEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 'tmp', 0, 3) }, { type: 'remove', span: makeSpan('a', 'tmp', 0, 3) }], 5);
		expect(await db.spans.count()).toBe(0);
	});

	it('keeps a status other than new', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a', TEXT, [], { status: 'done' })]);
		await commitSpanEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 's', 0, 3) }], 5);
		expect((await rowOf(db, 'a'))?.status).toBe('done');
	});

	it('throws and writes nothing for a missing article or a bad span', async () => {
		const db = freshDb();
		const add: SpanEdit[] = [{ type: 'add', span: makeSpan('nope', 's', 0, 3) }];
		await expect(commitSpanEdits(db, 'nope', add, 5)).rejects.toThrow(RangeError);
		expect(await db.spans.count()).toBe(0);
		expect(await db.articles.count()).toBe(0);

		await createArticles(db, [makeRecord('a', TEXT)]);
		const outside: SpanEdit[] = [
			{ type: 'add', span: makeSpan('a', 'ok', 0, 3) },
			{ type: 'add', span: makeSpan('a', 'bad', 0, TEXT.length + 1) }
		];
		await expect(commitSpanEdits(db, 'a', outside, 5)).rejects.toThrow(RangeError);
		const foreign: SpanEdit[] = [{ type: 'add', span: makeSpan('b', 'x', 0, 3) }];
		await expect(commitSpanEdits(db, 'a', foreign, 5)).rejects.toThrow(RangeError);
		expect(await db.spans.count()).toBe(0);
		expect(await rowOf(db, 'a')).toMatchObject({ revision: 1, spanTotal: 0, status: 'new' });
	});

	it('refuses to touch a span stored under another article', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a', TEXT, [[0, 3]]), makeRecord('b', 'Other text')]);
		const stolen: SpanEdit[] = [{ type: 'remove', span: makeSpan('b', 'a-s0', 0, 3) }];
		await expect(commitSpanEdits(db, 'b', stolen, 5)).rejects.toThrow(RangeError);
		expect(await listSpans(db, 'a')).toHaveLength(1);
	});

	it('returns the current revision for no edits, writing nothing', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a', TEXT)]);
		expect(await commitSpanEdits(db, 'a', [], 99)).toBe(1);
		expect((await rowOf(db, 'a'))?.updatedAt).toBe(2000);
	});
});
