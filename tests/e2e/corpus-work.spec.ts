import { expect, test, type Page } from '@playwright/test';
import { dragSelect, expectSaved, importThroughChooser, openArticle, openLibrary, readJsonl } from './helpers';

const HARBOUR = 'Harbour council approves $12.5 million flood barrier';
const RAIL = 'Regional rail strike called off after overnight talks';
const GRAIN = 'Grain shipments from Northport rise for a third month';
const BIKES = 'Study: protected bike lanes cut commute times in Lisvale 🚲';
const DATE = /\d{4}-\d{2}-\d{2}/.source;

/** The button of a library row (by its visible text: "Edit title", "Mark done", "Delete"). */
const rowButton = (page: Page, title: string, text: string) => page.locator('table.articles tbody tr[data-id]').filter({ hasText: title }).getByRole('button', { name: new RegExp(text.split(' ').join('.*')) });
const progress = (page: Page) => page.getByRole('navigation', { name: 'Work list' }).getByRole('status');
const articleHeading = (page: Page) => page.locator('main h1.article-title');

test('Mark done and next (Ctrl+Enter) walks the library’s sorted list; Previous / Next; x of N done', async ({ page }) => {
	await openLibrary(page);
	await page.getByLabel('Sort').selectOption('title');
	// Title A–Z: Grain, Harbour, Regional, Study.
	await openArticle(page, HARBOUR);
	await expect(progress(page)).toHaveText('2/4 · 0 of 4 done');

	// From the text itself (the editor has the keyboard).
	await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(page).toHaveURL(/\/article\?id=/);
	await expect(articleHeading(page)).toHaveText(RAIL);
	await expect(progress(page)).toHaveText('3/4 · 1 of 4 done');

	await page.getByRole('link', { name: '← Previous' }).click();
	await expect(articleHeading(page)).toHaveText(HARBOUR);
	await expect(page.locator('.article-toolbar .status')).toHaveText('Done');

	await page.getByRole('button', { name: 'Mark done and next' }).click();
	await expect(articleHeading(page)).toHaveText(RAIL);
	// Harbour was done already: still 1 of 4.
	await expect(progress(page)).toHaveText('3/4 · 1 of 4 done');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(articleHeading(page)).toHaveText(BIKES);
	await expect(progress(page)).toHaveText('4/4 · 2 of 4 done');
	await expect(page.locator('.work-nav [aria-disabled="true"]')).toHaveText('Next →');

	// The last one: marked done, the page stays and says so.
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(progress(page)).toHaveText('4/4 · 3 of 4 done');
	await expect(page.getByRole('status').filter({ hasText: 'That was the last article of the list' })).toBeVisible();

	await page.getByRole('link', { name: '← Library' }).click();
	await expect(page.getByRole('row', { name: new RegExp(RAIL) })).toContainText('Done');
	await expect(page.getByRole('row', { name: new RegExp(GRAIN.slice(0, 20)) })).toContainText('New');
});

test('the walk keeps the order the library had, though tagging changes the last-change order', async ({ page }) => {
	await openLibrary(page);
	// Last change, newest first: Grain, Study, Regional, Harbour.
	await openArticle(page, BIKES);
	await expect(progress(page)).toHaveText('2/4 · 0 of 4 done');
	await page.getByRole('complementary', { name: 'Spans' }).locator('.span-item').first().click();
	await page.keyboard.press('2');
	await expectSaved(page);
	await page.getByRole('link', { name: 'Next →' }).click();
	await expect(articleHeading(page)).toHaveText(RAIL);
	await expect(progress(page)).toHaveText('3/4 · 0 of 4 done');
});

test('an article opened by its link walks the library’s order as it was when it opened', async ({ page }) => {
	await openLibrary(page);
	const href = await page.getByRole('link', { name: BIKES, exact: true }).getAttribute('href');
	await page.goto(href!);
	await expect(articleHeading(page)).toHaveText(BIKES);
	await expect(progress(page)).toHaveText('2/4 · 0 of 4 done');
	await page.getByRole('complementary', { name: 'Spans' }).locator('.span-item').first().click();
	await page.keyboard.press('2');
	await expectSaved(page);
	await expect(progress(page)).toHaveText('2/4 · 0 of 4 done');
	await page.getByRole('link', { name: 'Next →' }).click();
	await expect(articleHeading(page)).toHaveText(RAIL);
});

test('titles are edited in the library and in the article view, kept across reloads, and exported', async ({ page }) => {
	await openLibrary(page);
	await rowButton(page, GRAIN, 'Edit title').click();
	await page.getByRole('form', { name: 'Edit title' }).getByLabel('Title').fill('Grain exports rise again');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('link', { name: 'Grain exports rise again', exact: true })).toBeVisible();
	await page.reload();
	await openArticle(page, 'Grain exports rise again');
	await expect(articleHeading(page)).toHaveText('Grain exports rise again');

	await page.getByRole('button', { name: 'Edit title' }).click();
	const form = page.getByRole('form', { name: 'Edit title' });
	await form.getByLabel('Title').fill('   ');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(form.getByRole('alert')).toHaveText('A title cannot be empty.');
	await form.getByLabel('Title').fill('Northport grain exports rise for a third month');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(articleHeading(page)).toHaveText('Northport grain exports rise for a third month');
	// Escape leaves a title as it was.
	await page.getByRole('button', { name: 'Edit title' }).click();
	await page.getByRole('form', { name: 'Edit title' }).getByLabel('Title').fill('Not this');
	await page.keyboard.press('Escape');
	await expect(articleHeading(page)).toHaveText('Northport grain exports rise for a third month');

	await page.reload();
	await expect(articleHeading(page)).toHaveText('Northport grain exports rise for a third month');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(new RegExp(`^spanwise-jsonl-Northport-grain-exports-rise-for-a-third-month-${DATE}\\.jsonl$`));
	const [record] = await readJsonl(download);
	expect(record.title).toBe('Northport grain exports rise for a third month');
	await page.getByRole('link', { name: '← Library' }).click();
	await expect(page.getByRole('link', { name: 'Northport grain exports rise for a third month', exact: true })).toBeVisible();
});

test('a .txt import is titled by its headline, not by the boilerplate lines above it', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['boilerplate-headline.txt']);
	await expect(page.getByRole('link', { name: 'Council delays vote on harbour barrier', exact: true })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Imported 1 article' })).toContainText('skipping 3 lines above it');
	await expect(page.getByRole('link', { name: 'close', exact: true })).toHaveCount(0);
});

test('a note on a span is added, kept, edited and exported', async ({ page }) => {
	await openLibrary(page);
	await openArticle(page, HARBOUR);
	const panel = page.getByRole('complementary', { name: 'Spans' });
	const first = panel.locator('.span-item').first();
	const quote = (await first.textContent())!;
	await first.click();
	await panel.getByRole('button', { name: 'Add note' }).click();
	await expect(panel.getByLabel('Note on the selected span')).toBeFocused();
	await page.keyboard.type('Check the spelling with the desk');
	await panel.getByRole('button', { name: 'Save note' }).click();
	await expect(panel.locator('.span-item-note').first()).toHaveText('Note: Check the spelling with the desk');
	await expectSaved(page);

	await page.reload();
	await panel.getByRole('button', { name: quote, exact: true }).click();
	const box = panel.getByLabel('Note on the selected span');
	await expect(box).toHaveValue('Check the spelling with the desk');
	await box.fill('Spelling checked');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(panel.locator('.span-item-note').first()).toHaveText('Note: Spelling checked');
	// Ctrl+Enter in the note saved it and did not mark the article done.
	await expect(page.locator('.article-toolbar .status')).not.toHaveText('Done');
	await expectSaved(page);

	// By keyboard: N on a selected span opens its note; Ctrl+Enter saves and gives the keyboard back to the text.
	const second = panel.locator('.span-item').nth(1);
	const secondQuote = (await second.textContent())!;
	await second.click();
	await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();
	await page.keyboard.press('n');
	await expect(box).toBeFocused();
	await page.keyboard.type('Second look');
	await page.keyboard.press('ControlOrMeta+Enter');
	await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();
	await expect(panel.locator('li', { has: page.getByRole('button', { name: secondQuote, exact: true }) }).locator('.span-item-note')).toHaveText('Note: Second look');
	await expectSaved(page);

	await page.getByLabel('Export layer').selectOption({ label: 'Your layer (annotator)' });
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(new RegExp(`^spanwise-jsonl-Harbour-council-approves-\\$12\\.5-million-flood-annotator-${DATE}\\.jsonl$`));
	const [record] = await readJsonl(download);
	const notes = Object.fromEntries(record.spans.filter((s: any) => s.note !== undefined).map((s: any) => [s.text, s.note]));
	expect(notes).toEqual({ [quote]: 'Spelling checked', [secondQuote]: 'Second look' });
	expect(new Set(record.spans.map((s: any) => s.annotator))).toEqual(new Set(['annotator']));
});

test('library counts show your layer by default, or all layers, or one annotator', async ({ page }) => {
	await openLibrary(page);
	// Switching name in Settings leaves the sample's spans with "annotator".
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Annotator name').fill('maria');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.locator('.who')).toHaveText('maria');
	await page.getByRole('link', { name: 'Library', exact: true }).click();
	const harbour = page.getByRole('row', { name: new RegExp(HARBOUR.slice(0, 20)) });
	// The sample's spans are annotator's, not maria's.
	await expect(harbour).toContainText('actor 0');
	await expect(harbour).toContainText('figure 0');
	const counts = page.getByLabel('Counts');
	await expect(counts).toHaveValue('mine');
	await counts.selectOption('all');
	await expect(harbour).toContainText('actor 3');
	await expect(harbour).toContainText('figure 5');
	await counts.selectOption({ label: 'annotator' });
	await expect(harbour).toContainText('figure 5');
	// Maria tags a figure: her layer counts it.
	await counts.selectOption('mine');
	await openArticle(page, HARBOUR);
	await dragSelect(page, '9 to 2');
	await page.keyboard.press('3');
	await expectSaved(page);
	await page.getByRole('link', { name: '← Library' }).click();
	await expect(counts).toHaveValue('mine');
	await expect(harbour).toContainText('figure 1');
	await expect(harbour).toContainText('actor 0');
	await counts.selectOption('all');
	await expect(harbour).toContainText('figure 6');
});

test('export file names say format, scope, layer and date', async ({ page }) => {
	await openLibrary(page);
	let downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	expect((await downloading).suggestedFilename()).toMatch(new RegExp(`^spanwise-jsonl-all-${DATE}\\.jsonl$`));
	await page.getByLabel('Export format').selectOption('prodigy');
	downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export as…' }).click();
	expect((await downloading).suggestedFilename()).toMatch(new RegExp(`^spanwise-prodigy-all-${DATE}\\.jsonl$`));
	await page.getByLabel('Export format').selectOption('brat');
	downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export as…' }).click();
	expect((await downloading).suggestedFilename()).toMatch(new RegExp(`^spanwise-brat-all-${DATE}\\.zip$`));

	await openArticle(page, RAIL);
	await page.getByLabel('Export layer').selectOption({ label: 'Gold' });
	downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const gold = await downloading;
	expect(gold.suggestedFilename()).toMatch(new RegExp(`^spanwise-jsonl-Regional-rail-strike-called-off-after-overnight-[a-z]*-gold-${DATE}\\.jsonl$`));
	expect((await readJsonl(gold))[0].spans).toEqual([]);
});

test('library rows have one tab stop each; arrow keys move within the list; the skip link reaches the main content', async ({ page }) => {
	await openLibrary(page);
	const rows = page.locator('table.articles tbody tr[data-id]');
	await expect(rows).toHaveCount(4);
	const tabStops = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll<HTMLElement>('a, button, input, select')).filter((el) => el.tabIndex >= 0).length));
	expect(tabStops).toEqual([1, 1, 1, 1]);

	const link = (title: string) => page.getByRole('link', { name: title, exact: true });
	await link(GRAIN).focus();
	await page.keyboard.press('ArrowDown');
	await expect(link(BIKES)).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(rowButton(page, BIKES, 'Edit title')).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(rowButton(page, BIKES, 'Mark done')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(rowButton(page, RAIL, 'Mark done')).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	await expect(rowButton(page, GRAIN, 'Mark done')).toBeFocused();
	await page.keyboard.press('End');
	await expect(rowButton(page, HARBOUR, 'Mark done')).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(link(HARBOUR)).toBeFocused();
	await page.keyboard.press('Home');
	await expect(link(GRAIN)).toBeFocused();
	// Tab leaves a row for the next one, not for the row's buttons.
	await page.keyboard.press('Tab');
	await expect(link(BIKES)).toBeFocused();

	await page.reload();
	await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.locator('main :focus')).toHaveCount(1);
});

test('arrow keys and Home / End reach rows the virtual list has not drawn yet', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['many-articles.jsonl']);
	await expect(page.getByRole('link', { name: 'Harbour report 01', exact: true })).toBeVisible();
	await page.getByLabel('Sort').selectOption('title');
	await page.getByRole('searchbox', { name: 'Search' }).fill('Harbour report');
	await expect(page.locator('.match-count')).toContainText('80 of 84 articles');
	const rendered = await page.locator('table.articles tbody tr[data-id]').count();
	expect(rendered).toBeLessThan(80);
	const link = (n: number) => page.getByRole('link', { name: `Harbour report ${String(n).padStart(2, '0')}`, exact: true });
	await link(1).focus();
	await page.keyboard.press('End');
	await expect(link(80)).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(link(79)).toBeFocused();
	await page.keyboard.press('Home');
	await expect(link(1)).toBeFocused();
	for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
	await expect(link(31)).toBeFocused();
	await expect(link(31)).toBeInViewport();
});
