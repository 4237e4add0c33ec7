import { expect, test } from '@playwright/test';
import { importThroughChooser, openLibrary, readJsonl } from './helpers';

test('two annotators’ links reviewed into gold: unanimous at once, a disputed source by keyboard and mouse, agreement, reload, export', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['review-links-lena.jsonl', 'review-links-omar.jsonl']);
	await expect(page.getByRole('status').filter({ hasText: 'merged 1' })).toBeVisible();
	await page.getByRole('link', { name: 'Review', exact: true }).click();
	// The library lists the same title: wait for the review session's list before clicking it.
	await expect(page.getByRole('heading', { name: 'Review session' })).toBeVisible();
	await page.getByRole('link', { name: 'Aid and its critics' }).click();
	const progress = page.getByRole('status', { name: 'Review progress' });
	await expect(progress).toHaveText('0 of 6 candidates settled · 0 of 0 conflicts · 0 of 3 links');

	const links = page.getByRole('list', { name: 'Link candidates' });
	await expect(links.getByRole('listitem')).toHaveCount(3);
	await expect(links.locator('.link-candidate.unanimous')).toContainText('the US would send $60.84 billion in aid');
	await expect(links.locator('.link-candidate.conflict')).toHaveCount(2);
	await expect(links.locator('.link-candidate').first()).toContainText('neither end is in gold yet');

	// Shift+A: every unanimous span, then the unanimous link between them.
	await page.keyboard.press('Shift+A');
	await expect(page.locator('.editor-message')).toContainText('Accepted 6 unanimous candidates and 1 unanimous link.');
	await expect(progress).toHaveText('6 of 6 candidates settled · 0 of 0 conflicts · 1 of 3 links');
	// The cursor moved on to the disputed source of “the aid would come too late”: omar's, first in text order.
	const current = links.locator('.link-candidate.current');
	await expect(current).toContainText('Critics in Kyiv');
	await expect(current).toContainText('omar · conflict');
	await page.keyboard.press('x');
	await expect(current).toContainText('Oleksandr Merezhko');
	await links.getByRole('button', { name: 'Accept link source “the aid would come too late” → “Oleksandr Merezhko”' }).click();
	await expect(progress).toHaveText('6 of 6 candidates settled · 0 of 0 conflicts · 3 of 3 links');
	// Gold's links are drawn over the text, named by type and ends.
	await expect(page.getByRole('button', { name: /^source: / })).toHaveCount(2);

	// Undo takes the last decision back; redo does it again.
	await page.keyboard.press('Control+z');
	await expect(progress).toHaveText('6 of 6 candidates settled · 0 of 0 conflicts · 2 of 3 links');
	await page.keyboard.press('Control+Shift+z');
	await expect(progress).toHaveText('6 of 6 candidates settled · 0 of 0 conflicts · 3 of 3 links');

	// Agreement on the links: one of the two sources per annotator matches.
	await page.getByRole('button', { name: 'Agreement', exact: true }).click();
	const agreement = page.getByRole('region', { name: 'Agreement on this article' });
	await expect(agreement.getByRole('row', { name: /^source/ })).toHaveText(/source\s*0\.50\s*0\.50/);

	await page.reload();
	await expect(progress).toHaveText('6 of 6 candidates settled · 0 of 0 conflicts · 3 of 3 links');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export gold' }).click();
	const [record] = await readJsonl(await downloading);
	const text = new Map<string, string>(record.spans.map((s: { id: string; text: string }) => [s.id, s.text]));
	expect(record.relations.map((r: { label: string; head: string; tail: string; annotator: string }) => [r.label, text.get(r.head), text.get(r.tail), r.annotator]).sort()).toEqual([
		['source', 'the US would send $60.84 billion in aid', 'Pentagon Press Secretary Pat Ryder', 'gold'],
		['source', 'the aid would come too late', 'Oleksandr Merezhko', 'gold']
	].sort());
});
