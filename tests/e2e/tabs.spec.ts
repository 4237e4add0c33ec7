import { expect, test } from '@playwright/test';
import { dragSelect, expectSaved, importThroughChooser, openArticle, openLibrary, spansUnder } from './helpers';

test('the same article in two tabs: edits in one appear in the other, and concurrent edits never leave them disagreeing', async ({ page, context }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['harbour.txt']);
	await openArticle(page, 'Blinking lights at the harbour');
	const other = await context.newPage();
	await openLibrary(other);
	await openArticle(other, 'Blinking lights at the harbour');

	// Tab 1 tags; tab 2 shows it without a reload, and says why.
	await dragSelect(page, 'harbour master');
	await page.keyboard.press('1');
	await expectSaved(page);
	await expect.poll(() => spansUnder(other, 'actor')).toEqual(['harbour master']);
	await expect(other.locator('.editor-message')).toHaveText('Updated with changes made in another tab.');

	// Both now hold the span. Tab 1 relabels it while tab 2 deletes it. Whichever reaches storage
	// second acts on a state that is gone: it is refused (the unit tests pin that down), or, if the
	// tab had already been told of the change, it acts on the new state. Either way both tabs end up
	// showing the same spans and tab 2 says that another tab was involved.
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: 'harbour master' }).click();
	await other.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: 'harbour master' }).click();
	await Promise.all([page.keyboard.press('3'), other.keyboard.press('Delete')]);
	await expectSaved(page);
	await expectSaved(other);
	for (const label of ['actor', 'figure']) {
		await expect.poll(async () => JSON.stringify(await spansUnder(other, label)) === JSON.stringify(await spansUnder(page, label))).toBe(true);
	}
	await expect(other.locator('.editor-message')).toHaveText(/another tab/);
});
