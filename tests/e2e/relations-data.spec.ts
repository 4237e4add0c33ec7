import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { editor, expectSaved, importThroughChooser, openArticle, openLibrary, readJsonl } from './helpers';

/** Exports the open article (all layers) and returns its record. */
async function exported(page: Page) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const [record] = await readJsonl(await download);
	return record;
}

/** The record's relations as [type, head text, tail text, note]. */
function links(record: { spans: { id: string; text: string }[]; relations?: { label: string; head: string; tail: string; note?: string }[] }) {
	const text = new Map(record.spans.map((s) => [s.id, s.text]));
	return (record.relations ?? []).map((r) => [r.label, text.get(r.head), text.get(r.tail), r.note]);
}

const SOURCE = ['source', 'the US would send $60.84 billion in aid', 'Pentagon Press Secretary Pat Ryder', 'reported speech'];

test('an article imported with a link keeps it: span delete and relabel take it away and undo brings it back, through reload, backup and restore', async ({ page, browser }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['relations-article.jsonl']);
	await openArticle(page, 'Ryder on aid');
	expect(links(await exported(page))).toEqual([SOURCE]);

	// Deleting the actor deletes its link in the same step; one undo brings both back.
	const panel = page.getByRole('complementary', { name: 'Spans' });
	await panel.getByRole('button', { name: 'Pentagon Press Secretary Pat Ryder', exact: true }).click();
	await page.keyboard.press('Delete');
	await expectSaved(page);
	const afterDelete = await exported(page);
	expect(afterDelete.spans.map((s: { text: string }) => s.text)).not.toContain('Pentagon Press Secretary Pat Ryder');
	expect(afterDelete).not.toHaveProperty('relations');
	await page.keyboard.press('Control+z');
	await expectSaved(page);
	expect(links(await exported(page))).toEqual([SOURCE]);

	// Relabelling the actor as a figure breaks the source rule: the link goes, and the notice says so.
	await panel.getByRole('button', { name: 'Pentagon Press Secretary Pat Ryder', exact: true }).click();
	await page.keyboard.press('3');
	await expect(page.getByRole('status').filter({ hasText: 'Removed its link that the new label does not allow' })).toBeVisible();
	await expectSaved(page);
	expect(links(await exported(page))).toEqual([]);
	await page.keyboard.press('Control+z');
	await expectSaved(page);

	// What is stored is what was shown: after a reload the link is there, ids and note unchanged.
	await page.reload();
	await expect(editor(page)).toBeVisible();
	const reloaded = await exported(page);
	expect(links(reloaded)).toEqual([SOURCE]);
	expect(reloaded.relations[0]).toMatchObject({ id: 'r-source', head: 's-claim', tail: 's-ryder', annotator: 'annotator' });

	// A backup carries the relation types and the link; an empty browser restores both.
	await page.getByRole('link', { name: 'Library', exact: true }).click();
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Back up everything' }).click();
	const backup = await downloading;
	const [header, ...articles] = await readJsonl(backup);
	expect(header.relationTypes).toEqual([expect.objectContaining({ name: 'source', headLabels: ['claim'], tailLabels: ['actor'], hotkey: 's' })]);
	expect(links(articles.find((a: { id: string }) => a.id === 'a-linked'))).toEqual([SOURCE]);

	const fresh = await (await browser.newContext()).newPage();
	await openLibrary(fresh);
	const chooser = fresh.waitForEvent('filechooser');
	await fresh.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles({ name: 'backup.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(await readFile((await backup.path())!)) });
	await fresh.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: /^Import \d+ valid records/ }).click();
	await expect(fresh.getByRole('status').filter({ hasText: 'restored labels, settings and review decisions' })).toBeVisible();
	await openArticle(fresh, 'Ryder on aid');
	const restored = await exported(fresh);
	expect(restored.relations).toEqual(reloaded.relations);
});
