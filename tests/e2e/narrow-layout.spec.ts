import { expect, test, type Page } from '@playwright/test';
import { openArticle, openLibrary } from './helpers';

/** Elements under `selector` (with a box) that stick out of the window or of their own table cell. */
async function cutOff(page: Page, selector: string): Promise<string[]> {
	return page.evaluate((selector) => {
		const out: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>(`${selector} a, ${selector} button, ${selector} select, ${selector} input, ${selector} .status, ${selector} .count, ${selector} [role="status"]`)) {
			const r = el.getBoundingClientRect();
			if (r.width === 0) continue;
			const cell = el.closest('td')?.getBoundingClientRect();
			const outside = r.left < -0.5 || r.right > innerWidth + 0.5;
			const outOfCell = cell !== undefined && (r.right > cell.right + 0.5 || r.bottom > cell.bottom + 0.5 || r.left < cell.left - 0.5);
			if (outside || outOfCell) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`);
		}
		return out;
	}, selector);
}

for (const size of [
	{ name: '800 px wide', viewport: { width: 800, height: 800 }, deviceScaleFactor: 1 },
	{ name: '1280×800 at 200 % zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }
]) {
	test.describe(size.name, () => {
		test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });

		test('nothing in the library or the article toolbar is cut off', async ({ page }) => {
			await openLibrary(page);
			// One row done, so that the longer "Reopen" is measured too.
			await page.locator('table.articles tbody tr[data-id]').filter({ hasText: 'Harbour council' }).getByRole('button', { name: /^Mark/ }).click();
			await expect(page.locator('table.articles tbody tr[data-id]').filter({ hasText: 'Harbour council' })).toContainText('Done');
			await expect(page.locator('table.articles tbody tr[data-id]')).toHaveCount(4);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
			expect(await cutOff(page, 'main.library')).toEqual([]);
			// Every row is as tall as the virtual list thinks: nothing overflows it.
			const rows = await page.locator('table.articles tbody tr[data-id]').evaluateAll((trs) => trs.map((tr) => [tr.getBoundingClientRect().height, tr.scrollHeight]));
			for (const [height, content] of rows) expect(content).toBeLessThanOrEqual(Math.ceil(height));

			await openArticle(page, 'Harbour council approves $12.5 million flood barrier');
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
			expect(await cutOff(page, '.article-toolbar')).toEqual([]);
			expect(await cutOff(page, '.annotate-bar')).toEqual([]);
			await expect(page.getByRole('button', { name: 'Mark done and next' })).toBeInViewport();
			await expect(page.getByRole('button', { name: 'Export JSONL' })).toBeInViewport();
			await expect(page.getByRole('region', { name: 'Article' })).toBeVisible();
		});
	});
}
