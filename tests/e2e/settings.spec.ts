import { expect, test } from '@playwright/test';
import { openArticle, openLibrary, spansUnder } from './helpers';

test('renaming, recolouring and re-keying a label updates existing spans and persists', async ({ page }) => {
	await openLibrary(page);
	await page.getByRole('link', { name: 'Settings' }).click();
	const actor = page.getByRole('form', { name: 'Label actor' });
	await actor.getByLabel('Name').fill('speaker');
	// s is the key of the source relation type: refused, and said so.
	await actor.getByLabel('Key').fill('s');
	await actor.getByRole('button', { name: 'Save' }).click();
	await expect(actor.getByRole('alert')).toContainText('source');
	await actor.getByLabel('Key').fill('p');
	await actor.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Renamed “\u2068actor\u2069” to “\u2068speaker\u2069” on 8 spans' })).toBeVisible();

	// A duplicate key is refused with a message.
	const claim = page.getByRole('form', { name: 'Label claim' });
	await claim.getByLabel('Key').fill('p');
	await claim.getByRole('button', { name: 'Save' }).click();
	await expect(claim.getByRole('alert')).toContainText('"p" is already the key of "speaker"');

	await page.reload();
	await expect(page.getByRole('form', { name: 'Label speaker' })).toBeVisible();
	await page.getByRole('link', { name: 'Library' }).click();
	await openArticle(page, 'Regional rail strike called off after overnight talks');
	await expect(page.getByRole('button', { name: /^Speaker/ })).toBeVisible();
	expect(await spansUnder(page, 'speaker')).toEqual(["the drivers' union", 'Velden Rail', 'Union secretary Tomasz Wieczorek']);

	// The new key tags.
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: '14 March' }).click();
	await page.keyboard.press('p');
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

test('labels are reordered, and a label in use is deleted with its spans or relabelled, with undo', async ({ page }) => {
	await openLibrary(page);
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	const labelForms = page.locator('form.label-editor');
	await page.getByRole('button', { name: 'Move claim up' }).click();
	await expect.poll(() => labelForms.evaluateAll((forms) => forms.map((f) => f.getAttribute('aria-label')))).toEqual(['Label claim', 'Label actor', 'Label figure']);
	await expect(page.getByRole('button', { name: 'Move claim up' })).toBeDisabled();
	await page.reload();
	await expect.poll(() => labelForms.evaluateAll((forms) => forms.map((f) => f.getAttribute('aria-label')))).toEqual(['Label claim', 'Label actor', 'Label figure']);

	// The label bar follows the order, keys stay.
	await page.getByRole('link', { name: 'Library', exact: true }).click();
	await openArticle(page, 'Harbour council approves $12.5 million flood barrier');
	await expect(page.getByRole('toolbar', { name: 'Labels' }).getByRole('button')).toHaveText([/^Claim\s*2$/, /^Actor\s*1$/, /^Figure\s*3$/]);

	// Relabel: figure's spans become claims.
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await page.getByRole('button', { name: 'Delete label figure' }).click();
	const dialog = page.getByRole('dialog', { name: /Delete the label/ });
	await expect(dialog).toContainText('11 spans have this label');
	await dialog.getByLabel('New label for the spans').selectOption('claim');
	await dialog.getByRole('button', { name: 'Delete label, relabel 11 spans' }).click();
	await expect(dialog).toHaveCount(0);
	const notice = page.getByRole('status').filter({ hasText: 'Deleted the label' });
	await expect(notice).toContainText('its 11 spans are now');
	await expect(page.getByRole('form', { name: 'Label figure' })).toHaveCount(0);
	await page.getByRole('link', { name: 'Library', exact: true }).click();
	const harbour = page.getByRole('row', { name: /Harbour council/ });
	await expect(harbour).toContainText('claim 6');
	await expect(harbour).not.toContainText('figure');
	await notice.getByRole('button', { name: 'Undo' }).click();
	await expect(harbour).toContainText('figure 5');
	await expect(harbour).toContainText('claim 1');

	// Delete: the spans go, and come back with Undo.
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await expect(page.getByRole('form', { name: 'Label figure' })).toBeVisible();
	await page.getByRole('button', { name: 'Delete label figure' }).click();
	await dialog.getByRole('button', { name: 'Delete label and 11 spans' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Deleted the label' }).last()).toContainText('and its 11 spans');
	await page.getByRole('link', { name: 'Library', exact: true }).click();
	await expect(harbour).not.toContainText('figure');
	await expect(harbour).toContainText('claim 1');
	await page.getByRole('status').filter({ hasText: 'and its 11 spans' }).getByRole('button', { name: 'Undo' }).click();
	await expect(harbour).toContainText('figure 5');

	// Cancel deletes nothing; a label without spans goes at once.
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await page.getByRole('button', { name: 'Delete label actor' }).click();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('form', { name: 'Label actor' })).toBeVisible();
	await page.getByRole('textbox', { name: 'New label', exact: true }).fill('place');
	await page.getByRole('button', { name: 'Add label' }).click();
	await page.getByRole('button', { name: 'Delete label place' }).click();
	await expect(page.getByRole('form', { name: 'Label place' })).toHaveCount(0);
	await expect(page.getByRole('status').filter({ hasText: 'Deleted the label' }).last()).toContainText('and its 0 spans');
});
