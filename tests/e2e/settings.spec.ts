import { expect, test } from '@playwright/test';
import { openArticle, openLibrary, spansUnder } from './helpers';

test('renaming, recolouring and re-keying a label updates existing spans and persists', async ({ page }) => {
	await openLibrary(page);
	await page.getByRole('link', { name: 'Settings' }).click();
	const actor = page.getByRole('form', { name: 'Label actor' });
	await actor.getByLabel('Name').fill('speaker');
	await actor.getByLabel('Key').fill('s');
	await actor.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Renamed “\u2068actor\u2069” to “\u2068speaker\u2069” on 8 spans' })).toBeVisible();

	// A duplicate key is refused with a message.
	const claim = page.getByRole('form', { name: 'Label claim' });
	await claim.getByLabel('Key').fill('s');
	await claim.getByRole('button', { name: 'Save' }).click();
	await expect(claim.getByRole('alert')).toContainText('"s" is already the key of "speaker"');

	await page.reload();
	await expect(page.getByRole('form', { name: 'Label speaker' })).toBeVisible();
	await page.getByRole('link', { name: 'Library' }).click();
	await openArticle(page, 'Regional rail strike called off after overnight talks');
	await expect(page.getByRole('button', { name: /^Speaker/ })).toBeVisible();
	expect(await spansUnder(page, 'speaker')).toEqual(["the drivers' union", 'Velden Rail', 'Union secretary Tomasz Wieczorek']);

	// The new key tags.
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: '14 March' }).click();
	await page.keyboard.press('s');
	await expect.poll(() => spansUnder(page, 'speaker')).toContain('14 March');
});

test('the annotator name is recorded on new spans', async ({ page }) => {
	await openLibrary(page);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Annotator name').fill('maria');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.locator('.who')).toHaveText('maria');
	await page.reload();
	await expect(page.locator('.who')).toHaveText('maria');
});
