import { expect, test, type Page } from '@playwright/test';
import { importThroughChooser, openLibrary, pySlice, readJsonl } from './helpers';

async function openReview(page: Page) {
	await openLibrary(page);
	await importThroughChooser(page, ['review-maria.jsonl', 'review-jon.jsonl']);
	await expect(page.getByRole('status').filter({ hasText: 'merged 1' })).toBeVisible();
	await page.getByRole('link', { name: 'Review', exact: true }).click();
	await expect(page.getByRole('status', { name: 'Session progress' })).toHaveText('0 of 1 articles settled · 0 of 6 conflicts settled');
	await page.getByRole('link', { name: 'Port council backs barrier' }).click();
	await expect(page.getByRole('status', { name: 'Review progress' })).toHaveText('0 of 8 candidates settled · 0 of 6 conflicts');
}

test('two annotators compared, conflicts adjudicated by keyboard, gold exported with exact offsets', async ({ page }) => {
	await openReview(page);
	const candidates = page.getByRole('complementary', { name: 'Candidates' });
	await expect(candidates.locator('.candidate.conflict')).toHaveCount(6);
	await expect(candidates.locator('.candidate.unanimous')).toHaveCount(2);
	// The review opens on the first conflict: maria's claim.
	await expect(candidates.locator('.candidate.current')).toContainText('Mayor Ada Brennan said the barrier would cost $12.5 million');
	await expect(candidates.locator('.candidate.current')).toContainText('maria · conflict');

	await page.keyboard.press('Shift+A'); // both unanimous candidates
	await expect(page.getByRole('status', { name: 'Review progress' })).toHaveText('2 of 8 candidates settled · 0 of 6 conflicts');
	// Accepting maria's claim rejects jon's; then each conflict's sides in turn.
	for (const key of ['a', 'x', 'a', 'x', 'a']) await page.keyboard.press(key);
	await expect(page.getByRole('status', { name: 'Review progress' })).toHaveText('8 of 8 candidates settled · 6 of 6 conflicts');

	// Undo and redo the last decision.
	await page.keyboard.press('Control+z');
	await expect(page.getByRole('status', { name: 'Review progress' })).toHaveText('7 of 8 candidates settled · 5 of 6 conflicts');
	await page.keyboard.press('Control+Shift+z');
	await expect(page.getByRole('status', { name: 'Review progress' })).toHaveText('8 of 8 candidates settled · 6 of 6 conflicts');

	// The agreement of this article is shown as a table and pictures, in a panel the reviewer opens.
	const agreement = page.getByRole('region', { name: 'Agreement on this article' });
	await expect(agreement).toHaveCount(0);
	await page.getByRole('button', { name: 'Agreement', exact: true }).click();
	await expect(agreement.getByRole('row', { name: /^actor/ })).toContainText('0.40');
	await expect(agreement.getByRole('img', { name: /Pairwise agreement heatmap/ })).toBeVisible();

	// Decisions are saved: a reload finds them.
	await page.reload();
	await expect(page.getByRole('status', { name: 'Review progress' })).toHaveText('8 of 8 candidates settled · 6 of 6 conflicts');

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export gold' }).click();
	const [record] = await readJsonl(await downloading);
	expect(record.spans.every((s: any) => s.annotator === 'gold')).toBe(true);
	expect(record.spans.map((s: any) => [s.label, s.text])).toEqual([
		['claim', 'Mayor Ada Brennan said the barrier would cost $12.5 million'],
		['actor', 'Mayor Ada Brennan'],
		['figure', '$12.5 million'],
		['actor', "fishers' association"],
		['figure', '40 boats']
	]);
	// Code point offsets, counted by hand: "Port council backs 🌊 barrier\n\n" is 30 code points.
	expect(record.spans[1]).toMatchObject({ start: 30, end: 47 });
	for (const s of record.spans) expect(pySlice(record.text, s.start, s.end)).toBe(s.text);
});

test("a teammate's copy with other line endings and an edit joins the article; the unsure span is flagged", async ({ page }) => {
	await openReview(page);
	await page.getByRole('link', { name: 'Library' }).click();
	await importThroughChooser(page, ['review-ines-crlf.jsonl']);
	await expect(page.getByRole('status').filter({ hasText: 'Imported 0 articles' })).toContainText('1 flagged for review');
	await page.getByRole('link', { name: 'Review', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Review session' })).toBeVisible();
	await page.getByRole('link', { name: 'Port council backs barrier' }).click();
	const candidates = page.getByRole('complementary', { name: 'Candidates' });
	// Ines's "40 boats" landed exactly where maria's figure is.
	await expect(candidates.locator('.candidate', { hasText: '40 boats' }).filter({ hasText: 'figure' })).toContainText('ines, maria');
	await expect(candidates.getByRole('note')).toContainText('ines: Re-anchored with low confidence');
});
