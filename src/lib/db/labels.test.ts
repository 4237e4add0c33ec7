import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '$lib/core/labels/defaults';
import type { Label } from '$lib/core/types';
import { createArticles, listArticles } from './articles';
import { countLabelSpans, deleteLabel, listLabels, renameLabel, saveLabels, undoLabelDeletion } from './labels';
import { commitSpanEdits, listSpans } from './spans';
import { freshDb, makeRecord, makeSpan } from './testing';

const label = (name: string, color = '#123456'): Label => ({ name, color, hotkey: '', description: '' });

describe('listLabels / saveLabels', () => {
	it('returns the defaults for an empty table without writing them', async () => {
		const db = freshDb();
		expect(await listLabels(db)).toEqual(DEFAULT_LABELS);
		expect(await db.labels.count()).toBe(0);
	});

	it('replaces the whole set and keeps its order', async () => {
		const db = freshDb();
		await saveLabels(db, [label('zeta'), label('alpha'), label('mid')]);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['zeta', 'alpha', 'mid']);
		await saveLabels(db, [label('mid', '#abcdef'), label('zeta')]);
		expect(await listLabels(db)).toEqual([label('mid', '#abcdef'), label('zeta')]);
		await expect(saveLabels(db, [label('A'), label('a')])).rejects.toThrow(RangeError);
		expect(await db.labels.count()).toBe(2);
	});
});

describe('renameLabel', () => {
	it('renames the label and every span, fixing counts and revisions', async () => {
		const db = freshDb();
		await saveLabels(db, [label('actor'), label('claim'), label('figure')]);
		await createArticles(db, [
			makeRecord('a', 'Some text here', [[0, 4, 'actor'], [5, 9, 'claim'], [10, 14, 'actor']]),
			makeRecord('b', 'Other text', [[0, 5, 'actor']]),
			makeRecord('c', 'Third', [[0, 5, 'figure']])
		]);
		expect(await renameLabel(db, 'actor', 'person')).toBe(3);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['person', 'claim', 'figure']);
		const rows = Object.fromEntries((await listArticles(db)).map((r) => [r.id, r]));
		expect(rows.a).toMatchObject({ counts: { person: 2, claim: 1 }, revision: 2, spanTotal: 3 });
		expect(rows.b).toMatchObject({ counts: { person: 1 }, revision: 2 });
		expect(rows.c).toMatchObject({ counts: { figure: 1 }, revision: 1 });
		expect(rows.a.counts).not.toHaveProperty('actor');
		expect((await listSpans(db, 'a')).map((s) => s.label)).toEqual(['person', 'claim', 'person']);

		// Counts stay exact for later edits of renamed spans.
		const [first] = await listSpans(db, 'a');
		await commitSpanEdits(db, 'a', [{ type: 'remove', span: first }], 1);
		expect((await listArticles(db)).find((r) => r.id === 'a')?.counts).toEqual({ person: 1, claim: 1 });
	});

	it('refuses an existing name (ignoring case) or an unknown label, writing nothing', async () => {
		const db = freshDb();
		await saveLabels(db, [label('actor'), label('claim')]);
		await createArticles(db, [makeRecord('a', 'Some text', [[0, 4, 'actor']])]);
		await expect(renameLabel(db, 'actor', 'Claim')).rejects.toThrow(RangeError);
		await expect(renameLabel(db, 'nobody', 'x')).rejects.toThrow(RangeError);
		expect((await listSpans(db, 'a'))[0].label).toBe('actor');
		expect((await listArticles(db))[0].revision).toBe(1);

		expect(await renameLabel(db, 'actor', 'Actor')).toBe(1);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['Actor', 'claim']);
	});

	it('renames a default label when none were saved', async () => {
		const db = freshDb();
		const [first] = DEFAULT_LABELS;
		await createArticles(db, [{ ...makeRecord('a', 'Text'), spans: [makeSpan('a', 's', 0, 4, first.name)] }]);
		expect(await renameLabel(db, first.name, 'renamed')).toBe(1);
		const names = (await listLabels(db)).map((l) => l.name);
		expect(names).toEqual(['renamed', ...DEFAULT_LABELS.slice(1).map((l) => l.name)]);
	});
});

describe('deleteLabel / undoLabelDeletion', () => {
	async function setUp() {
		const db = freshDb();
		await saveLabels(db, [label('actor'), label('claim'), label('figure')]);
		await createArticles(db, [
			makeRecord('a', 'Some text here', [[0, 4, 'actor'], [5, 9, 'claim'], [10, 14, 'actor']]),
			makeRecord('b', 'Other text', [[0, 5, 'actor'], [0, 5, 'claim']]),
			makeRecord('c', 'Third', [[0, 5, 'figure']])
		]);
		return db;
	}
	const counts = async (db: ReturnType<typeof freshDb>) => Object.fromEntries((await listArticles(db)).map((r) => [r.id, { counts: r.counts, total: r.spanTotal, revision: r.revision }]));

	it('deletes a label with its spans, and undo puts both back exactly', async () => {
		const db = await setUp();
		const before = await counts(db);
		expect(await countLabelSpans(db, 'actor')).toBe(3);
		const deletion = await deleteLabel(db, 'actor', null);
		expect(deletion.removed).toHaveLength(3);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['claim', 'figure']);
		expect(await countLabelSpans(db, 'actor')).toBe(0);
		const after = await counts(db);
		expect(after.a).toEqual({ counts: { claim: 1 }, total: 1, revision: 2 });
		expect(after.b).toEqual({ counts: { claim: 1 }, total: 1, revision: 2 });
		expect(after.c).toEqual(before.c);

		await undoLabelDeletion(db, deletion);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['actor', 'claim', 'figure']);
		expect((await listSpans(db, 'a')).map((s) => s.label)).toEqual(['actor', 'claim', 'actor']);
		const undone = await counts(db);
		expect(undone.a).toEqual({ ...before.a, revision: 3 });
		expect(undone.b).toEqual({ ...before.b, revision: 3 });
	});

	it('relabels the spans instead, deleting those that would duplicate a span of the new label', async () => {
		const db = await setUp();
		const deletion = await deleteLabel(db, 'actor', 'claim');
		expect(deletion.relabelled.map((s) => s.id).sort()).toEqual(['a-s0', 'a-s2']);
		expect(deletion.removed.map((s) => s.id)).toEqual(['b-s0']);
		expect((await listSpans(db, 'a')).map((s) => s.label)).toEqual(['claim', 'claim', 'claim']);
		expect((await listSpans(db, 'b')).map((s) => s.id)).toEqual(['b-s1']);
		const after = await counts(db);
		expect(after.a.counts).toEqual({ claim: 3 });
		expect(after.b).toMatchObject({ counts: { claim: 1 }, total: 1 });

		await undoLabelDeletion(db, deletion);
		expect((await listSpans(db, 'a')).map((s) => s.label)).toEqual(['actor', 'claim', 'actor']);
		expect((await listSpans(db, 'b')).map((s) => s.label).sort()).toEqual(['actor', 'claim']);
		expect((await counts(db)).b).toMatchObject({ counts: { actor: 1, claim: 1 }, total: 2 });
	});

	it('refuses an unknown label or target, writing nothing', async () => {
		const db = await setUp();
		await expect(deleteLabel(db, 'nobody', null)).rejects.toThrow(RangeError);
		await expect(deleteLabel(db, 'actor', 'actor')).rejects.toThrow(RangeError);
		await expect(deleteLabel(db, 'actor', 'place')).rejects.toThrow(RangeError);
		expect(await countLabelSpans(db, 'actor')).toBe(3);
		expect((await listLabels(db)).map((l) => l.name)).toEqual(['actor', 'claim', 'figure']);
	});

	it('undo refuses when a label of that name was made again', async () => {
		const db = await setUp();
		const deletion = await deleteLabel(db, 'figure', null);
		await saveLabels(db, [label('actor'), label('claim'), label('Figure')]);
		await expect(undoLabelDeletion(db, deletion)).rejects.toThrow(/exists again/);
		expect(await countLabelSpans(db, 'figure')).toBe(0);
	});
});
