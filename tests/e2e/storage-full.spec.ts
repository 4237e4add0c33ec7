import { expect, test } from '@playwright/test';
import { dragSelect, expectSaved, importThroughChooser, openArticle, openLibrary, readJsonl, spansUnder } from './helpers';
import type { Page } from '@playwright/test';

/**
 * Makes IndexedDB refuse (or accept again) every write as a full disk does: each `put` and `add` on
 * any object store throws the browser's own `QuotaExceededError` DOMException. Dexie writes with
 * these (bulkPut is a put per row), so the app meets the error exactly where a real quota failure
 * surfaces, with no hook in the app's code.
 */
async function setStorageFull(page: Page, full: boolean): Promise<void> {
	await page.evaluate((full) => {
		const proto = IDBObjectStore.prototype as IDBObjectStore & { __realPut?: IDBObjectStore['put']; __realAdd?: IDBObjectStore['add'] };
		if (!proto.__realPut) {
			proto.__realPut = proto.put;
			proto.__realAdd = proto.add;
		}
		if (!full) {
			proto.put = proto.__realPut;
			proto.add = proto.__realAdd!;
			return;
		}
		const refuse = function (this: IDBObjectStore): never {
			throw new DOMException(`The quota has been exceeded (writing to "${this.name}").`, 'QuotaExceededError');
		};
		proto.put = refuse;
		proto.add = refuse;
	}, full);
}

test('storage full: the failure is shown, the work stays and can be exported, and is written once space is freed', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['harbour.txt']);
	await openArticle(page, 'Blinking lights at the harbour');
	await dragSelect(page, 'harbour master');
	await page.keyboard.press('1');
	await expectSaved(page);

	// The storage refuses every further write, as a full disk does.
	await setStorageFull(page, true);
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
	await setStorageFull(page, false);
	await page.locator('.save-status').getByRole('button', { name: 'Retry' }).click();
	await expectSaved(page);
	await page.reload();
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['14 ships']);
});
