import { expect, test, type Page } from '@playwright/test';
import { expectSaved, importThroughChooser, openArticle, openLibrary, readJsonl } from './helpers';

/** Exports the open article (all layers) and returns its links as [type, head text, tail text]. */
async function exportedLinks(page: Page): Promise<string[][]> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const [record] = await readJsonl(await download);
	const text = new Map<string, string>(record.spans.map((s: { id: string; text: string }) => [s.id, s.text]));
	return (record.relations ?? []).map((r: { label: string; head: string; tail: string }) => [r.label, text.get(r.head), text.get(r.tail)]);
}

const CLAIM = 'the US would send $60.84 billion in aid';

/** The middle of the first character of `quote` in the article, on screen. */
async function pointAt(page: Page, quote: string): Promise<{ x: number; y: number }> {
	const point = await page.evaluate((quote) => {
		for (const line of document.querySelectorAll('.ProseMirror .sw-line')) {
			const node = line.firstChild;
			const at = node?.nodeType === Node.TEXT_NODE ? (node.textContent ?? '').indexOf(quote) : -1;
			if (!node || at < 0) continue;
			const range = document.createRange();
			range.setStart(node, at);
			range.setEnd(node, at + 1);
			const r = range.getClientRects()[0];
			return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
		}
		return null;
	}, quote);
	if (!point) throw new Error(`"${quote}" is not in the article`);
	return point;
}

/** A mouse drag with Alt held from the first character of `from` to that of `to`. */
async function altDrag(page: Page, from: string, to: string): Promise<void> {
	const a = await pointAt(page, from);
	const b = await pointAt(page, to);
	await page.keyboard.down('Alt');
	await page.mouse.move(a.x, a.y);
	await page.mouse.down();
	await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
	await page.mouse.move(b.x, b.y, { steps: 4 });
	await page.mouse.up();
	await page.keyboard.up('Alt');
}
const message = (page: Page) => page.locator('.editor-message');

test('links a claim to its source by keyboard and by mouse; the rules, the drawing, delete, undo and reload', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['relations-article.jsonl']);
	await openArticle(page, 'Ryder on aid');
	const panel = page.getByRole('complementary', { name: 'Spans' });
	const claim = () => panel.getByRole('button', { name: CLAIM, exact: true });

	// The imported link is drawn, named by its type and ends, and listed for the selected claim.
	const chip = page.getByRole('button', { name: /^source: / });
	await expect(chip).toHaveCount(1);
	await claim().click();
	await expect(panel.getByRole('region', { name: 'Links of the selected span' })).toContainText('source → Pentagon Press Secretary Pat Ryder');
	// A claim has one source: r says so instead of starting a second.
	await page.keyboard.press('r');
	await expect(message(page)).toContainText('already has its source link');

	// Selecting the link in the drawing and pressing Delete removes it.
	await chip.click();
	await page.keyboard.press('Delete');
	await expect(message(page)).toHaveText('Link removed.');
	await expect(chip).toHaveCount(0);
	await expectSaved(page);
	expect(await exportedLinks(page)).toEqual([]);
	// The claim has no source now: the side panel counts it, and lists it once opened.
	const unsourced = panel.locator('details.span-links', { hasText: 'Claims without a source' });
	await expect(unsourced.locator('summary')).toHaveText('Claims without a source 1');
	await unsourced.locator('summary').click();
	await expect(unsourced.getByRole('listitem')).toHaveText([CLAIM]);
	await unsourced.locator('summary').click();
	await expect(unsourced.getByRole('listitem')).toHaveCount(0);

	// Keyboard only: r on the claim, ] walks the actors it may link to (previewed), Enter links.
	await claim().click();
	await page.keyboard.press('r');
	await expect(message(page)).toContainText('Linking from');
	for (let i = 0; i < 4 && !((await message(page).textContent()) ?? '').includes('Pentagon Press Secretary Pat Ryder'); i++) await page.keyboard.press(']');
	await expect(message(page)).toContainText('Link to “\u2068Pentagon Press Secretary Pat Ryder\u2069” (actor)?');
	await page.keyboard.press('Enter');
	await expect(message(page)).toContainText('Linked (source)');
	await expect(unsourced).toHaveCount(0);
	await expectSaved(page);
	expect(await exportedLinks(page)).toEqual([['source', CLAIM, 'Pentagon Press Secretary Pat Ryder']]);

	// (The export took the keyboard: select the link in the drawing again.) Shift+R would make an
	// actor the head of a source link, which its rule refuses.
	await chip.click();
	await page.keyboard.press('Shift+R');
	await expect(message(page)).toContainText('starts at a');
	// Undo takes the link away, redo brings it back.
	await page.keyboard.press('Control+z');
	await expectSaved(page);
	expect(await exportedLinks(page)).toEqual([]);
	await claim().click();
	await page.keyboard.press('Control+Shift+z');
	await expectSaved(page);
	expect(await exportedLinks(page)).toEqual([['source', CLAIM, 'Pentagon Press Secretary Pat Ryder']]);

	// By mouse: remove it, then r on the claim and a click on the other end.
	await chip.click();
	await page.keyboard.press('Delete');
	await expect(chip).toHaveCount(0);
	await claim().click();
	await page.keyboard.press('r');
	await page.locator('.ProseMirror').getByText(/Pentagon Press/).click({ position: { x: 10, y: 8 } });
	await expect(message(page)).toContainText('Linked (source)');
	await expectSaved(page);
	expect(await exportedLinks(page)).toEqual([['source', CLAIM, 'Pentagon Press Secretary Pat Ryder']]);

	// Deleting the claim takes its link with it; one undo brings both back, and they survive a reload.
	await claim().click();
	await page.keyboard.press('Delete');
	await expect(chip).toHaveCount(0);
	await page.keyboard.press('Control+z');
	await expect(chip).toHaveCount(1);
	await expectSaved(page);
	await page.reload();
	await expect(page.getByRole('button', { name: /^source: / })).toHaveCount(1);
	expect(await exportedLinks(page)).toEqual([['source', CLAIM, 'Pentagon Press Secretary Pat Ryder']]);

	// Alt-drag: from the claim (pressed on its "would", inside no other span) to the secretary links them,
	// and leaves no text selected.
	await chip.click();
	await page.keyboard.press('Delete');
	await expect(chip).toHaveCount(0);
	await altDrag(page, 'would send', 'Secretary');
	await expect(message(page)).toContainText('Linked (source)');
	await expect(chip).toHaveCount(1);
	await expect.poll(() => page.evaluate(() => document.getSelection()?.isCollapsed)).toBe(true);
	// Pressed on "the US" (an actor inside the claim) and released on the secretary: the claim is still reachable as the head.
	await chip.click();
	await page.keyboard.press('Delete');
	await altDrag(page, 'US would', 'Pat Ryder');
	await expect(message(page)).toContainText('Linked (source)');
	await expectSaved(page);
	expect(await exportedLinks(page)).toEqual([['source', CLAIM, 'Pentagon Press Secretary Pat Ryder']]);
	// An Alt-drag between two spans no type links (actor to actor) stays a raw selection.
	await altDrag(page, 'Ryder said', 'US would');
	expect(await page.evaluate(() => document.getSelection()?.toString())).toMatch(/^Ryder said the U/);
	expect(await exportedLinks(page)).toEqual([['source', CLAIM, 'Pentagon Press Secretary Pat Ryder']]);
});

test('relation types are set up in Settings (bad input named), a second fitting type is picked by its key, and links can be hidden', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['relations-article.jsonl']);
	await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	const add = page.getByRole('form', { name: 'Add a relation type' });
	await add.getByLabel('New relation type').fill('cites');
	await add.getByLabel('Key').fill('1');
	await add.getByRole('button', { name: 'Add relation type' }).click();
	// Key 1 is the actor label's: refused, and said why.
	await expect(add.getByRole('alert')).toContainText('1');
	await add.getByLabel('Key').fill('c');
	await add.getByRole('button', { name: 'Add relation type' }).click();
	const cites = page.getByRole('form', { name: 'Relation type cites' });
	await expect(cites).toBeVisible();
	await cites.getByRole('group', { name: /From/ }).getByLabel('claim').check();
	await cites.getByRole('group', { name: /To/ }).getByLabel('actor').check();
	await cites.getByRole('button', { name: 'Save cites' }).click();
	await expect(cites.getByRole('status')).toHaveText('Saved.');

	await page.getByRole('link', { name: 'Library', exact: true }).click();
	await openArticle(page, 'Ryder on aid');
	const chip = page.getByRole('button', { name: /^source: / });
	await chip.click();
	await page.keyboard.press('Delete');
	await expect(chip).toHaveCount(0);
	const panel = page.getByRole('complementary', { name: 'Spans' });
	await panel.getByRole('button', { name: CLAIM, exact: true }).click();
	await page.keyboard.press('r');
	await page.locator('.ProseMirror').getByText(/Pentagon Press/).click({ position: { x: 10, y: 8 } });
	// source and cites both fit a claim and an actor: the user picks one by its key.
	await expect(message(page)).toContainText('Which link? s: source, c: cites');
	// …or by a button named by the type.
	await expect(page.getByRole('group', { name: 'Link type' }).getByRole('button')).toHaveText(['source', 'cites']);
	await page.keyboard.press('c');
	await expect(message(page)).toContainText('Linked (cites)');
	await expect(page.getByRole('button', { name: /^cites: / })).toHaveCount(1);
	await expectSaved(page);
	expect(await exportedLinks(page)).toEqual([['cites', CLAIM, 'Pentagon Press Secretary Pat Ryder']]);

	// Links can be hidden (a count stays on the span) and shown again.
	const shown = page.getByLabel('Links shown');
	await shown.selectOption({ label: 'No relations (counts only)' });
	await expect(page.getByRole('button', { name: /^cites: / })).toHaveCount(0);
	await shown.selectOption({ label: 'All relations' });
	await expect(page.getByRole('button', { name: /^cites: / })).toHaveCount(1);
});

test('a long message stays on its line, cut with its whole text in the tooltip: the bar above the article does not grow', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await openLibrary(page);
	await importThroughChooser(page, ['relations-article.jsonl']);
	await openArticle(page, 'Ryder on aid');
	const bar = page.locator('.annotate-bar');
	const article = page.getByRole('region', { name: 'Article' });
	const before = { bar: (await bar.boundingBox())!.height, article: (await article.boundingBox())!.y };
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: CLAIM, exact: true }).click();
	await page.keyboard.press('r');
	await expect(message(page)).toContainText('already has its source link');
	const text = (await message(page).textContent()) ?? '';
	// Long enough not to fit beside the bar's controls at this width.
	expect(await message(page).evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
	await expect(message(page)).toHaveAttribute('title', text);
	expect((await bar.boundingBox())!.height).toBe(before.bar);
	expect((await article.boundingBox())!.y).toBe(before.article);
});
