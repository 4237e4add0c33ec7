import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { editor, expectSaved, openLibrary, readJsonl } from './helpers';

// A very long article opens with the lines of its first blocks only; the other blocks are empty boxes
// of their estimated height until their lines are made, in slices after the first paint. Nothing of
// that may show: every line ends up in the text, the far end can be reached and tagged at once, a
// span far down is drawn when scrolled to, and find reaches any line.
const LINES = Array.from({ length: 6_000 }, (_, i) => `Line ${i}: the council said that prices would rise by about 1,400 homes, and critics were not convinced.`);
const TEXT = LINES.join('\n');

async function importLong(page: Page, testInfo: TestInfo): Promise<void> {
	const far = TEXT.indexOf('Line 5990:');
	// Offsets in code points: the text is ASCII.
	const record = { id: 'very-long', title: 'A very long council report', text: TEXT, spans: [{ start: far, end: far + 'Line 5990'.length, label: 'figure' }], format: 'spanwise/1', offset_unit: 'codepoint' };
	const path = testInfo.outputPath('very-long.jsonl');
	writeFileSync(path, JSON.stringify(record) + '\n');
	await openLibrary(page);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles(path);
	await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
}

/**
 * Opens the article and returns how many of its blocks were without lines when the editor was built:
 * counted by a mutation observer, whose callback runs in the task that inserted the editor, before
 * any slice of lines can be made.
 */
async function openCountingDry(page: Page): Promise<number> {
	await page.evaluate(() => {
		const w = window as unknown as { __dry?: number };
		const observer = new MutationObserver(() => {
			if (!document.querySelector('.ProseMirror .sw-block')) return;
			w.__dry = document.querySelectorAll('.ProseMirror .sw-dry').length;
			observer.disconnect();
		});
		observer.observe(document.body, { subtree: true, childList: true });
	});
	await page.getByRole('link', { name: 'A very long council report', exact: true }).click();
	const handle = await page.waitForFunction(() => (window as unknown as { __dry?: number }).__dry);
	return (await handle.jsonValue()) as number;
}

test('a very long article opens with its first lines made and the rest made after; all of it reads, scrolls and tags', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	await importLong(page, testInfo);
	const dry = await openCountingDry(page);
	expect(dry).toBeGreaterThan(10);
	await expect(page.locator('.span-panel h2 .total')).toHaveText('1');

	// Right away, the far end: Ctrl+End lands on the last line, whose block may not have been made yet.
	await editor(page).press('Control+End');
	await page.keyboard.press('Control+Shift+ArrowLeft');
	await page.keyboard.press('Control+Shift+ArrowLeft');
	expect(await page.evaluate(() => getSelection()?.toString())).toBe('convinced.');
	await page.keyboard.press('1');
	await expect(page.locator('.span-panel h2 .total')).toHaveText('2');
	await expectSaved(page);

	// Every line ends up made, in order, with the text of the article.
	await expect.poll(() => page.locator('.ProseMirror .sw-dry').count(), { timeout: 30_000 }).toBe(0);
	const lines = await page.evaluate(() => Array.from(document.querySelectorAll('.ProseMirror .sw-line'), (p) => p.textContent));
	expect(lines).toHaveLength(LINES.length);
	expect(lines.join('\n')).toBe(TEXT);

	// The imported span far down is drawn once scrolled to.
	await page.evaluate(() => document.querySelectorAll('.ProseMirror .sw-line')[5990].scrollIntoView({ block: 'center' }));
	await expect.poll(() => page.evaluate(() => document.querySelectorAll('.sw-marks .sw-mark').length)).toBeGreaterThan(0);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const [record] = await readJsonl(await download);
	expect(record.spans.map((s: { text: string }) => s.text).sort()).toEqual(['Line 5990', 'convinced.']);
});

test('find right after opening a very long article selects a line far down, whose lines were not made yet, and tags it', async ({ page }, testInfo) => {
	test.setTimeout(60_000);
	await importLong(page, testInfo);
	const dry = await openCountingDry(page);
	expect(dry).toBeGreaterThan(10);
	await editor(page).focus();
	await page.keyboard.press('/');
	await page.keyboard.type('Line 5321: the council');
	await expect(page.getByRole('search').getByRole('status')).toHaveText('1 of 1');
	await page.keyboard.press('Enter');
	await page.keyboard.press('2');
	await expect(page.locator('.span-panel h2 .total')).toHaveText('2');
	await expect(page.getByRole('complementary', { name: 'Spans' }).locator('.span-item', { hasText: 'Line 5321: the council' })).toHaveCount(1);
	// The selected line is on screen in the article region.
	await expect
		.poll(() =>
			page.evaluate(() => {
				const line = Array.from(document.querySelectorAll('.ProseMirror .sw-line')).find((p) => p.textContent?.startsWith('Line 5321:'));
				if (!line) return false;
				const r = line.getBoundingClientRect();
				const view = document.querySelector('.article-region')!.getBoundingClientRect();
				return r.top >= view.top && r.bottom <= view.bottom;
			})
		)
		.toBe(true);
});
