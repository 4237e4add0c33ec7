import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '$lib/core/labels/defaults';
import {
	countStoredTexts,
	createArticles,
	destroyArticle,
	listArticles,
	readArticle,
	restoreArticle,
	updateArticleStatus,
	updateArticleTitle,
	countLayerLabels
} from './articles';
import { listLabels } from './labels';
import { listSpans } from './spans';
import { freshDb, makeRecord, makeSpan } from './testing';

const TEXT = 'Alice said the tax rose 5% in 2024. Bob 🙂 disagreed.';

describe('createArticles / readArticle', () => {
	it('round-trips an article with its spans and derived fields', async () => {
		const db = freshDb();
		const record = makeRecord('a1', TEXT, [
			[15, 18, 'claim'],
			[0, 5, 'actor'],
			[24, 26, 'figure'],
			[41, 43, 'actor']
		]);
		const report = await createArticles(db, [record]);
		expect(report).toEqual({ added: 1, merged: 0, spansAdded: 4, spansSkipped: 0, spanIdsRenewed: 0, renewedIds: [], mergedTitles: [], skipped: 0, reanchored: 0, flagged: 0, unplaced: [], relationsAdded: 0, relationsSkipped: 0, relationIdsRenewed: 0, relationsDropped: [], suggestionsAdded: 0 });

		const read = await readArticle(db, 'a1');
		expect(read?.article).toEqual(record.article);
		expect(read?.revision).toBe(1);
		expect(read?.spans.map((s) => s.start)).toEqual([0, 15, 24, 41]);
		expect(new Set(read?.spans)).toEqual(new Set(record.spans));

		const [row] = await listArticles(db);
		expect(row).not.toHaveProperty('text');
		expect(row).toMatchObject({ textLength: TEXT.length, spanTotal: 4, counts: { actor: 2, claim: 1, figure: 1 } });
		expect(await readArticle(db, 'missing')).toBeUndefined();
	});

	it('lists articles most recently updated first', async () => {
		const db = freshDb();
		await createArticles(db, [
			makeRecord('x', 'one', [], { updatedAt: 5 }),
			makeRecord('y', 'two', [], { updatedAt: 9 }),
			makeRecord('z', 'three', [], { updatedAt: 7 })
		]);
		expect((await listArticles(db)).map((r) => r.id)).toEqual(['y', 'z', 'x']);
	});

	it('merges by id without overwriting spans, title, status or meta', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT, [[0, 5, 'actor'], [15, 18, 'claim']], { status: 'done' })]);
		const again = {
			article: { ...makeRecord('a1', TEXT).article, title: 'Other', status: 'new' as const, meta: { x: 2 } },
			spans: [
				makeSpan('a1', 'a1-s0', 0, 5, 'figure'), // same id, relabelled: comes in under a fresh id
				makeSpan('a1', 'other', 15, 18, 'claim'), // same place, label, annotator: skipped
				makeSpan('a1', 'new', 24, 26, 'figure'),
				makeSpan('a1', 'new2', 15, 18, 'claim', { annotator: 'someone else' })
			]
		};
		const report = await createArticles(db, [again]);
		const fresh = report.renewedIds[0]?.split(' → ')[1] ?? '';
		expect(report).toEqual({
			added: 0, merged: 1, spansAdded: 3, spansSkipped: 1, spanIdsRenewed: 1, renewedIds: [`Title a1: a1-s0 → ${fresh}`],
			mergedTitles: ['Title a1'], skipped: 0, reanchored: 0, flagged: 0, unplaced: [], relationsAdded: 0, relationsSkipped: 0, relationIdsRenewed: 0, relationsDropped: [], suggestionsAdded: 0
		});
		expect(fresh).toMatch(/^s-/);

		const read = await readArticle(db, 'a1');
		expect(read?.article).toMatchObject({ title: 'Title a1', status: 'done', meta: { n: 1 } });
		expect(read?.revision).toBe(2);
		expect(read?.spans.find((s) => s.id === 'a1-s0')?.label).toBe('actor');
		expect(read?.spans.find((s) => s.id === fresh)).toMatchObject({ start: 0, end: 5, label: 'figure' });
		expect(read?.spans.map((s) => s.id).sort()).toEqual(['a1-s0', 'a1-s1', 'new', 'new2', fresh].sort());
		const [row] = await listArticles(db);
		expect(row).toMatchObject({ spanTotal: 5, counts: { actor: 1, claim: 2, figure: 2 } });
	});

	it('merges a record with identical text into the stored article', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT, [[0, 5]])]);
		const report = await createArticles(db, [makeRecord('b9', TEXT, [[0, 5], [36, 39]])]);
		expect(report).toMatchObject({ added: 0, merged: 1, spansAdded: 1, spansSkipped: 1 });
		expect((await listArticles(db)).map((r) => r.id)).toEqual(['a1']);
		const spans = await listSpans(db, 'a1');
		expect(spans.map((s) => [s.id, s.articleId, s.start])).toEqual([
			['a1-s0', 'a1', 0],
			['b9-s1', 'a1', 36]
		]);
	});

	it('merges duplicates inside one import, across chunks too', async () => {
		const db = freshDb();
		const records = [makeRecord('a', 'same', [[0, 2]]), makeRecord('b', 'other'), makeRecord('c', 'same', [[0, 2], [1, 3]])];
		// The last record's first span has the id of a stored span (a-s0) but other boundaries: a fresh id.
		const report = await createArticles(db, [...records, makeRecord('a', 'same', [[0, 1], [2, 4]])], { chunkSize: 2 });
		expect(report).toMatchObject({ added: 2, merged: 2, spansAdded: 4, spansSkipped: 1, spanIdsRenewed: 1, mergedTitles: ['Title a', 'Title a'], skipped: 0, reanchored: 0, flagged: 0, unplaced: [] });
		expect(report.renewedIds).toEqual([expect.stringMatching(/^Title a: a-s0 → s-/)]);
		const rows = await listArticles(db);
		expect(rows.map((r) => [r.id, r.spanTotal, r.revision]).sort()).toEqual([
			['a', 4, 3],
			['b', 0, 1]
		]);
	});

	it('stores a record whose id is taken by a different text as a new article', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT, [[0, 5]])]);
		const report = await createArticles(db, [makeRecord('a1', 'Something else', [[0, 9]])]);
		expect(report).toMatchObject({ added: 1, merged: 0, spansAdded: 1 });
		const rows = await listArticles(db);
		expect(rows).toHaveLength(2);
		const fresh = rows.find((r) => r.id !== 'a1');
		const read = await readArticle(db, fresh?.id ?? '');
		expect(read?.article.text).toBe('Something else');
		// The span id a1-s0 belongs to the first article, so the copy got a fresh id.
		expect(read?.spans.map((s) => [s.articleId, s.start, s.id === 'a1-s0'])).toEqual([[fresh?.id, 0, false]]);
		expect(await listSpans(db, 'a1')).toHaveLength(1);
	});

	it('adds a label row for each unknown label, keeping the defaults', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT, [[0, 5, 'person'], [6, 10, DEFAULT_LABELS[0].name]])]);
		const labels = await listLabels(db);
		expect(labels.map((l) => l.name)).toEqual([...DEFAULT_LABELS.map((l) => l.name), 'person']);
		expect(labels.at(-1)).toMatchObject({ hotkey: '', description: '' });
		expect(labels.at(-1)?.color).toMatch(/^#[0-9a-f]{6}$/i);
	});

	it('writes in chunks and reports progress after each', async () => {
		const db = freshDb();
		const records = Array.from({ length: 450 }, (_, i) => makeRecord(`r${i}`, `${TEXT} #${i}`, [[0, 5], [15, 18, 'claim']]));
		const calls: [number, number][] = [];
		const report = await createArticles(db, records, { onProgress: (done, total) => calls.push([done, total]) });
		expect(calls).toEqual([
			[200, 450],
			[400, 450],
			[450, 450]
		]);
		expect(report).toMatchObject({ added: 450, spansAdded: 900 });
		expect(await db.spans.count()).toBe(900);
	});

	it('rejects an invalid record before writing anything', async () => {
		const db = freshDb();
		const bad = makeRecord('b', 'short', [[0, 50]]);
		await expect(createArticles(db, [makeRecord('a', TEXT), bad])).rejects.toThrow(RangeError);
		const foreign = { ...makeRecord('c', TEXT), spans: [makeSpan('zzz', 's', 0, 1)] };
		await expect(createArticles(db, [foreign])).rejects.toThrow(RangeError);
		expect(await db.articles.count()).toBe(0);
	});
});

describe('updateArticleStatus', () => {
	it('sets the status and bumps updatedAt and revision', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT)]);
		expect(await updateArticleStatus(db, 'a1', 'reviewed')).toBe(2);
		expect(await updateArticleStatus(db, 'a1', 'reviewed')).toBe(2);
		const [row] = await listArticles(db);
		expect(row.status).toBe('reviewed');
		expect(row.revision).toBe(2);
		expect(row.updatedAt).toBeGreaterThan(2000);
		await expect(updateArticleStatus(db, 'nope', 'done')).rejects.toThrow(RangeError);
	});
});

describe('updateArticleTitle', () => {
	it('sets the title, bumping updatedAt and revision, and leaves text and spans alone', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT, [[0, 4]])]);
		expect(await updateArticleTitle(db, 'a1', 'A better title', 5000)).toBe(2);
		const read = await readArticle(db, 'a1');
		expect(read?.article).toMatchObject({ title: 'A better title', text: TEXT, updatedAt: 5000 });
		expect(read?.spans).toHaveLength(1);
		expect(read?.revision).toBe(2);
		// The same title again writes nothing.
		expect(await updateArticleTitle(db, 'a1', 'A better title', 6000)).toBe(2);
		expect((await readArticle(db, 'a1'))?.article.updatedAt).toBe(5000);
	});

	it('refuses an empty title or an unknown article', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT)]);
		await expect(updateArticleTitle(db, 'a1', '  ')).rejects.toThrow(RangeError);
		await expect(updateArticleTitle(db, 'nope', 'x')).rejects.toThrow(RangeError);
		expect((await readArticle(db, 'a1'))?.article.title).toBe('Title a1');
	});
});

describe('countLayerLabels', () => {
	it('counts the labels of one annotator per article', async () => {
		const db = freshDb();
		const record = makeRecord('a1', TEXT, [[0, 4, 'actor'], [5, 9, 'claim'], [0, 9, 'claim']]);
		await createArticles(db, [
			{ ...record, spans: record.spans.map((s, i) => ({ ...s, annotator: i === 0 ? 'maria' : 'jon' })) },
			makeRecord('a2', 'Other text')
		]);
		const counts = await countLayerLabels(db, ['a1', 'a2', 'gone'], 'jon');
		expect(Object.fromEntries(counts)).toEqual({ a1: { claim: 2 }, a2: {}, gone: {} });
		expect((await countLayerLabels(db, ['a1'], 'maria')).get('a1')).toEqual({ actor: 1 });
	});
});

describe('destroyArticle / restoreArticle', () => {
	it('gives back exactly what was deleted', async () => {
		const db = freshDb();
		const record = makeRecord('a1', TEXT, [[0, 5], [15, 18, 'claim']], { status: 'done' });
		await createArticles(db, [record, makeRecord('a2', 'keep me', [[0, 4]])]);
		const before = await readArticle(db, 'a1');

		const deleted = await destroyArticle(db, 'a1');
		expect(deleted).toEqual({ article: record.article, spans: before?.spans });
		expect(await readArticle(db, 'a1')).toBeUndefined();
		expect(await db.texts.get('a1')).toBeUndefined();
		expect(await listSpans(db, 'a1')).toEqual([]);
		expect(await listSpans(db, 'a2')).toHaveLength(1);
		expect(await destroyArticle(db, 'a1')).toBeUndefined();

		await restoreArticle(db, deleted!);
		const after = await readArticle(db, 'a1');
		expect(after?.article).toEqual(before?.article);
		expect(after?.spans).toEqual(before?.spans);
		const row = (await listArticles(db)).find((r) => r.id === 'a1');
		expect(row).toMatchObject({ spanTotal: 2, counts: { actor: 1, claim: 1 }, status: 'done', updatedAt: 2000 });
	});

	it('refuses a record whose span ids are stored under another article, writing nothing', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a1', TEXT, [[0, 5]])]);
		const intruder = { ...makeRecord('b', 'Other text'), spans: [makeSpan('b', 'a1-s0', 0, 5)] };
		await expect(restoreArticle(db, intruder)).rejects.toThrow(RangeError);
		expect(await readArticle(db, 'b')).toBeUndefined();
		expect((await listSpans(db, 'a1'))[0].articleId).toBe('a1');
	});
});

describe('createArticles: duplicates policy, cancelling, counting stored texts', () => {
	it("'skip' leaves out records whose text is stored, and counts them", async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('a', TEXT, [[0, 5, 'actor']])]);
		const again = makeRecord('b', TEXT, [[15, 18, 'claim']]);
		const other = makeRecord('c', 'Another text.', []);
		expect(await countStoredTexts(db, [again, other])).toBe(1);
		const report = await createArticles(db, [again, other], { duplicates: 'skip' });
		expect(report).toMatchObject({ added: 1, merged: 0, skipped: 1, spansAdded: 0 });
		expect((await readArticle(db, 'a'))?.spans.map((s) => s.label)).toEqual(['actor']);
		expect(await countStoredTexts(db, [again, other])).toBe(2);
	});

	it('stops between chunks when aborted: written chunks stay, the rest is not written', async () => {
		const db = freshDb();
		const records = Array.from({ length: 5 }, (_, i) => makeRecord(`r${i}`, `Text number ${i}.`));
		const controller = new AbortController();
		const written = createArticles(db, records, {
			chunkSize: 2,
			signal: controller.signal,
			onProgress: (done) => {
				if (done === 2) controller.abort(new Error('cancelled by the user'));
			}
		});
		await expect(written).rejects.toThrow('cancelled by the user');
		expect((await listArticles(db)).map((r) => r.id).sort()).toEqual(['r0', 'r1']);
	});
});

describe('createArticles: a teammate’s copy with other line endings', () => {
	it('re-anchors its spans onto the stored text by quote and merges them under their annotator', async () => {
		const db = freshDb();
		const ours = 'Mayor Ada Brennan spoke.\nThe fishers said 40 boats would lose access.';
		await createArticles(db, [makeRecord('a1', ours, [[0, 17, 'actor']])]);
		const theirs = 'Mayor Ada Brennan spoke.\r\nThe fishers said 40 boats would lose access.';
		const record = makeRecord('a1', theirs, []);
		// "40 boats" is at 43–51 in their CRLF text, 42–50 in ours.
		const spans = [makeSpan('a1', 'jon-1', 43, 51, 'figure', { annotator: 'jon' }), makeSpan('a1', 'jon-2', 0, 17, 'actor', { annotator: 'jon' })];
		const report = await createArticles(db, [{ article: record.article, spans }]);
		expect(report).toMatchObject({ added: 0, merged: 1, reanchored: 1, flagged: 0, unplaced: [], spansAdded: 2 });
		const read = await readArticle(db, 'a1');
		expect(read?.article.text).toBe(ours);
		const jon = read!.spans.filter((s) => s.annotator === 'jon').map((s) => [ours.slice(s.start, s.end), s.label]);
		expect(jon).toEqual([
			['Mayor Ada Brennan', 'actor'],
			['40 boats', 'figure']
		]);
	});
});

describe('listArticles', () => {
	it('reads every row, in pages, newest first', async () => {
		const db = freshDb();
		const records = Array.from({ length: 2_100 }, (_, i) => makeRecord(`a${String(i).padStart(4, '0')}`, `Text number ${i}.`, [], { updatedAt: (i * 7919) % 2_100 }));
		await createArticles(db, records);
		const rows = await listArticles(db);
		expect(rows).toHaveLength(2_100);
		expect(new Set(rows.map((r) => r.id)).size).toBe(2_100);
		for (let i = 1; i < rows.length; i++) expect(rows[i - 1].updatedAt).toBeGreaterThanOrEqual(rows[i].updatedAt);
	});
});

describe('createArticles: teammates whose exports share span ids', () => {
	// Both started from one pre-annotated file: the same span ids, each with their own annotator,
	// some other labels and boundaries.
	const shared = (annotator: string, spans: readonly [number, number, string][]) => ({
		article: makeRecord('a1', TEXT).article,
		spans: spans.map(([start, end, label], i) => makeSpan('a1', `pre-${i}`, start, end, label, { annotator }))
	});
	const maria = shared('maria', [[0, 5, 'actor'], [24, 26, 'figure'], [0, 34, 'claim']]);
	const jon = shared('jon', [[0, 5, 'actor'], [24, 34, 'figure'], [36, 39, 'actor']]);

	it('keeps both layers whole, imported together or one after the other, and counts the renewed ids', async () => {
		for (const batches of [[[maria, jon]], [[maria], [jon]]]) {
			const db = freshDb();
			let renewed = 0;
			for (const batch of batches) renewed += (await createArticles(db, batch)).spanIdsRenewed;
			expect(renewed).toBe(3);
			const spans = await listSpans(db, 'a1');
			const layer = (who: string) => spans.filter((s) => s.annotator === who).map((s) => [s.start, s.end, s.label]);
			expect(layer('maria')).toEqual([[0, 5, 'actor'], [0, 34, 'claim'], [24, 26, 'figure']]);
			expect(layer('jon')).toEqual([[0, 5, 'actor'], [24, 34, 'figure'], [36, 39, 'actor']]);
			expect(spans.filter((s) => s.annotator === 'maria').map((s) => s.id).sort()).toEqual(['pre-0', 'pre-1', 'pre-2']);
			expect(new Set(spans.map((s) => s.id)).size).toBe(6);
			const [row] = await listArticles(db);
			expect(row).toMatchObject({ spanTotal: 6, counts: { actor: 3, figure: 2, claim: 1 } });
		}
	});

	it('skips a re-import of the same export (same ids, same content) without renewing anything', async () => {
		const db = freshDb();
		await createArticles(db, [maria, jon]);
		const again = await createArticles(db, [maria, jon]);
		expect(again).toMatchObject({ merged: 2, spansAdded: 0, spansSkipped: 6, spanIdsRenewed: 0, renewedIds: [] });
		expect(await listSpans(db, 'a1')).toHaveLength(6);
	});

	it('renews, and names, a span id already stored under another article', async () => {
		const db = freshDb();
		await createArticles(db, [makeRecord('b1', 'Another article entirely', [[0, 7]])]);
		const report = await createArticles(db, [{ article: makeRecord('a1', TEXT).article, spans: [makeSpan('a1', 'b1-s0', 0, 5)] }]);
		expect(report).toMatchObject({ added: 1, spansAdded: 1, spanIdsRenewed: 1 });
		expect(report.renewedIds).toEqual([expect.stringMatching(/^Title a1: b1-s0 → s-/)]);
		const [stored] = await listSpans(db, 'a1');
		expect(stored.id).toBe(report.renewedIds[0].split(' → ')[1]);
		expect((await listSpans(db, 'b1')).map((s) => s.id)).toEqual(['b1-s0']);
	});
});
