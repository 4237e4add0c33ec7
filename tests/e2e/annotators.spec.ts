import { expect, test } from '@playwright/test';
import { dragSelect, expectSaved, openArticle, openLibrary, readJsonl, spansUnder } from './helpers';

test('a new user gives their name, tags under it, and a second person in the same browser has a layer of their own', async ({ page }) => {
	await openLibrary(page);
	const welcome = page.getByRole('form', { name: 'Who is annotating' });
	await welcome.getByLabel('Your name').fill('maria');
	await welcome.getByRole('button', { name: 'Start annotating' }).click();
	await expect(welcome).toHaveCount(0);
	await expect(page.locator('.who')).toHaveText('maria');

	// The sample's example spans became maria's; she adds one.
	await openArticle(page, 'Regional rail strike called off after overnight talks');
	await expect(page.locator('.layer-line')).toContainText("You are editing maria's spans.");
	expect(await spansUnder(page, 'actor')).toEqual(["the drivers' union", 'Velden Rail', 'Union secretary Tomasz Wieczorek']);
	await dragSelect(page, 'the operator');
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toContain('the operator');
	await expectSaved(page);

	// jon takes over the browser: he starts with an empty layer and sees who else annotated.
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Annotator name').fill('jon');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.locator('.who')).toHaveText('jon');
	await page.getByRole('link', { name: 'Library' }).click();
	await openArticle(page, 'Regional rail strike called off after overnight talks');
	await expect(page.locator('.layer-line')).toContainText('Also annotated here by maria (7)');
	expect(await spansUnder(page, 'actor')).toEqual([]);
	await dragSelect(page, 'Velden Rail', { occurrence: 0 });
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Velden Rail']);
	await expectSaved(page);

	// The export carries both, each under its annotator.
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const [record] = await readJsonl(await downloading);
	const byAnnotator = (name: string) => record.spans.filter((s: any) => s.annotator === name).map((s: any) => s.text);
	expect(byAnnotator('jon')).toEqual(['Velden Rail']);
	expect(byAnnotator('maria')).toContain('the operator');
	expect(byAnnotator('maria')).toHaveLength(7);
});
