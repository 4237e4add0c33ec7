import { expect, test } from '@playwright/test';
import { dragSelect, expectSaved, importThroughChooser, openArticle, openLibrary, readJsonl, spansUnder } from './helpers';

test('storage full: the failure is shown, the work stays and can be exported, and is written once space is freed', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['harbour.txt']);
	await openArticle(page, 'Blinking lights at the harbour');
	await dragSelect(page, 'harbour master');
	await page.keyboard.press('1');
	await expectSaved(page);

	// The storage refuses every further write, as a full disk does (the quota error is injected at the Dexie layer).
	await page.evaluate(() => ((globalThis as { __spanwiseWriteError?: string }).__spanwiseWriteError = 'QuotaExceededError'));
	await dragSelect(page, '14 ships');
	await page.keyboard.press('3');
	await expect(page.locator('.save-status')).toContainText('Not saved');
	await expect(page.getByRole('alert').filter({ hasText: 'Your last changes are not saved' })).toContainText('storage is full');
	// The work is still here, and export (from memory) has it.
	expect(await spansUnder(page, 'figure')).toEqual(['14 ships']);
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const [record] = await readJsonl(await downloading);
	expect(record.spans.map((s: { text: string }) => s.text)).toContain('14 ships');

	// Space is freed: Retry writes what was pending, and a reload finds it.
	await page.evaluate(() => delete (globalThis as { __spanwiseWriteError?: string }).__spanwiseWriteError);
	await page.locator('.save-status').getByRole('button', { name: 'Retry' }).click();
	await expectSaved(page);
	await page.reload();
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['14 ships']);
});
