import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { dragSelect, expectSaved, openArticle, openLibrary, readJsonl, spansUnder } from './helpers';

test('back up everything, then restore it into an empty browser exactly', async ({ page, browser }) => {
	await openLibrary(page);
	await page.getByRole('form', { name: 'Who is annotating' }).getByLabel('Your name').fill('maria');
	await page.getByRole('button', { name: 'Start annotating' }).click();
	// The reminder appears once work has started.
	await expect(page.getByRole('note').filter({ hasText: 'not backed up' })).toBeVisible();
	await openArticle(page, 'Harbour council approves $12.5 million flood barrier');
	await dragSelect(page, 'tidal barrier');
	await page.keyboard.press('3');
	await expectSaved(page);
	await page.getByRole('link', { name: 'Settings' }).click();
	const actor = page.getByRole('form', { name: 'Label actor' });
	await actor.getByLabel('Name').fill('speaker');
	await actor.getByRole('button', { name: 'Save' }).click();
	await page.getByRole('link', { name: 'Library' }).click();

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Back up everything' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^spanwise-backup-\d{4}-\d{2}-\d{2}\.jsonl$/);
	await expect(page.getByRole('note').filter({ hasText: 'not backed up' })).toHaveCount(0);
	const backupPath = (await download.path())!;
	const [header, ...articles] = await readJsonl(download);
	expect(header).toMatchObject({ format: 'spanwise-backup/1', settings: { annotator: 'maria' } });
	expect(header.labels.map((l: { name: string }) => l.name)).toEqual(['speaker', 'claim', 'figure']);
	expect(articles).toHaveLength(4);

	// An empty browser: import the backup.
	const fresh = await (await browser.newContext()).newPage();
	await openLibrary(fresh);
	const chooser = fresh.waitForEvent('filechooser');
	await fresh.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles({ name: 'backup.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(await readFile(backupPath)) });
	// The samples seeded into the empty browser are the same texts: merging adds nothing twice.
	const review = fresh.getByRole('dialog', { name: 'Import' });
	await review.getByRole('button', { name: /^Import 4 valid records/ }).click();
	await expect(fresh.getByRole('status').filter({ hasText: 'restored labels, settings and review decisions' })).toBeVisible();
	await expect(fresh.locator('.who')).toHaveText('maria');
	await openArticle(fresh, 'Harbour council approves $12.5 million flood barrier');
	await expect.poll(() => spansUnder(fresh, 'figure')).toContain('tidal barrier');
	expect(await spansUnder(fresh, 'speaker')).toEqual(['The Port Allerby council', 'Council leader Maren Osei', "the Allerby Fishers' Association"]);
	await expect(fresh.getByRole('button', { name: /^Speaker/ })).toBeVisible();

	// And exporting from the restored browser gives the same records as the backup.
	const again = fresh.waitForEvent('download');
	await fresh.getByRole('button', { name: 'Export JSONL' }).click();
	const [restored] = await readJsonl(await again);
	const original = articles.find((a: { id: string }) => a.id === restored.id);
	expect(restored.spans.map((s: { start: number; end: number; label: string; annotator: string }) => [s.start, s.end, s.label, s.annotator])).toEqual(
		original.spans.map((s: { start: number; end: number; label: string; annotator: string }) => [s.start, s.end, s.label, s.annotator])
	);
});
