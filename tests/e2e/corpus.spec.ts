import { expect, test } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { generateCorpusLines } from '../support/corpus-generator';
import { openLibrary, pySlice } from './helpers';

test('imports a generated 10,000-article corpus with progress and one bad line, finds in it, and exports it again', async ({ page }) => {
	test.setTimeout(120_000);
	const lines = generateCorpusLines(42, 10_000, 3);
	lines[4_999] = '{"id": "broken", "text": "no end';
	const dir = mkdtempSync(join(tmpdir(), 'spanwise-corpus-'));
	const path = join(dir, 'corpus-10k.jsonl');
	writeFileSync(path, lines.join('\r\n') + '\r\n');

	await openLibrary(page);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles(path);

	const review = page.getByRole('dialog', { name: 'Import' });
	await expect(review.getByRole('alert')).toContainText('corpus-10k.jsonl: line 5000: not valid JSON', { timeout: 60_000 });
	await expect(review).toContainText('9,999 valid records');
	await review.getByRole('button', { name: 'Import 9,999 valid records' }).click();
	// Writing shows its progress until it is done.
	await expect(page.getByRole('progressbar', { name: 'Saving' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Imported 9,999 articles' })).toContainText('left out 1 bad record', { timeout: 60_000 });
	await expect(page.locator('.match-count')).toHaveText('10,003 of 10,003 articles');
	// The list is virtualised: only the rows in view are in the DOM.
	expect(await page.locator('table.articles tbody tr:not(.spacer)').count()).toBeLessThan(60);

	// Search titles, then filter by status.
	await page.getByRole('searchbox', { name: 'Search' }).fill('report gen-42-1234');
	await expect(page.getByRole('table').getByRole('link')).toHaveCount(1);
	await page.getByRole('searchbox', { name: 'Search' }).fill('');
	await page.getByLabel('Status').selectOption('done');
	await expect(page.locator('.match-count')).toHaveText('0 of 10,003 articles');
	await page.getByLabel('Status').selectOption('all');

	const downloading = page.waitForEvent('download', { timeout: 60_000 });
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const download = await downloading;
	const text = await readFile((await download.path())!, 'utf8');
	const out = text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
	expect(out).toHaveLength(10_003);
	const one = out.find((r) => r.id === 'gen-42-1234');
	const original = JSON.parse(lines[1234]);
	expect(original.spans.length).toBeGreaterThan(0);
	expect(one.text).toBe(original.text);
	expect(one.spans.map((s: any) => [s.start, s.end, s.label])).toEqual(
		original.spans.map((s: any) => [s.start, s.end, s.label]).sort((a: any, b: any) => a[0] - b[0] || b[1] - a[1] || (a[2] < b[2] ? -1 : 1))
	);
	for (const s of one.spans) expect(pySlice(one.text, s.start, s.end)).toBe(s.text);
});
