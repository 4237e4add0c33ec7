import { expect, test } from '@playwright/test';
import { dragSelect, expectSaved, importThroughChooser, openArticle, openLibrary, pySlice, readJsonl, spansUnder } from './helpers';

test('exports code-point offsets after emoji, a flag, a ZWJ family, CRLF, tabs and runs of spaces', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['tricky.jsonl']);
	await openArticle(page, 'Tricky offsets');

	// Whitespace is shown as it stands: the tab and the run of three spaces survive.
	const shown = await page.locator('.ProseMirror .sw-line').allTextContents();
	expect(shown).toEqual(['Flag 🇺🇦 and family 👨‍👩‍👧 met.', 'Café\tprices rose   12 % 😀 in Kyiv.', '', 'The minister said “enough”.']);

	await dragSelect(page, 'family 👨‍👩‍👧 met');
	await page.keyboard.press('2');
	await dragSelect(page, 'Kyiv');
	await page.keyboard.press('1');
	await dragSelect(page, '12 %');
	await page.keyboard.press('3');
	await dragSelect(page, 'enough');
	await page.keyboard.press('2');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Kyiv']);
	await expectSaved(page);

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^spanwise-jsonl-Tricky-offsets-\d{4}-\d{2}-\d{2}\.jsonl$/);
	const [record] = await readJsonl(download);
	expect(record.text).toBe('Flag 🇺🇦 and family 👨‍👩‍👧 met.\r\nCafé\tprices rose   12 % 😀 in Kyiv.\r\n\r\nThe minister said “enough”.');
	expect(record.offset_unit).toBe('codepoint');
	const byText = Object.fromEntries(record.spans.map((s: any) => [s.text, s]));
	// Offsets counted by hand in code points: flag = 2, family = 5 (3 people + 2 ZWJ), CRLF = 2.
	expect(byText['family 👨‍👩‍👧 met']).toMatchObject({ start: 12, end: 28, label: 'claim', annotator: 'annotator' });
	expect(byText['Kyiv']).toMatchObject({ start: 60, end: 64, label: 'actor' });
	expect(byText['12 %']).toMatchObject({ start: 50, end: 54, label: 'figure' });
	expect(byText['enough']).toMatchObject({ start: 88, end: 94, label: 'claim' });
	for (const s of record.spans) expect(pySlice(record.text, s.start, s.end)).toBe(s.text);
});
