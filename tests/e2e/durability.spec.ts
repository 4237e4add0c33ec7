import { expect, test } from '@playwright/test';
import { dragSelect, importThroughChooser, openArticle, openLibrary, spansUnder } from './helpers';

for (const leave of ['reload', 'navigate away', 'close the page'] as const) {
	test(`a tag survives when you ${leave} right after it`, async ({ page, context }) => {
		await openLibrary(page);
		await importThroughChooser(page, ['harbour.txt']);
		await openArticle(page, 'Blinking lights at the harbour');
		const url = page.url();
		await dragSelect(page, 'harbour master');
		await page.keyboard.press('1');
		// No waiting for "Saved": leave at once.
		let back = page;
		if (leave === 'reload') await page.reload();
		else if (leave === 'navigate away') {
			await page.goto('/settings');
			await page.goBack();
		} else {
			await page.close({ runBeforeUnload: false });
			back = await context.newPage();
			await back.goto(url);
		}
		await back.waitForURL(url);
		await expect(back.getByRole('region', { name: 'Article' }).locator('.ProseMirror')).toBeVisible();
		await expect.poll(() => spansUnder(back, 'actor')).toEqual(['harbour master']);
	});
}
