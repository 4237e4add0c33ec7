import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { APP_ORIGIN, importThroughChooser, openLibrary, openArticle, readJsonl } from './helpers';

test('a new user finds the sample corpus with example spans', async ({ page }) => {
	await openLibrary(page);
	const links = page.getByRole('table').getByRole('link');
	await expect(links).toHaveCount(4);
	await expect(page.getByRole('link', { name: 'Harbour council approves $12.5 million flood barrier' })).toBeVisible();
	const row = page.getByRole('row', { name: /Harbour council approves/ });
	await expect(row).toContainText('actor 3');
	await expect(row).toContainText('figure 5');
	await expect(row).toContainText('claim 1');
});

test('imports text, Markdown, HTML and JSONL files at once; a bad file is named and the rest still come in', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['harbour.txt', 'council-notes.md', 'hostile.html', 'team.jsonl', 'not-really.txt']);
	await expect(page.getByRole('link', { name: 'Blinking lights at the harbour' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Council notes for March' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Mayor opens new library' })).toBeVisible();
	const alert = page.getByRole('alert').filter({ hasText: 'not-really.txt' });
	await expect(alert).toContainText(/binary|not UTF-8/);

	// The JSONL corpus had two bad lines: they are listed by line, and the user chooses.
	const review = page.getByRole('dialog', { name: 'Import' });
	await expect(review).toContainText('1 valid record with 2 spans');
	await expect(review.getByRole('alert')).toContainText('team.jsonl: line 2: not valid JSON');
	await expect(review.getByRole('alert')).toContainText('team.jsonl: line 3: spans[0].end: 99 is beyond the text (length 11)');
	await review.getByRole('button', { name: 'Import 1 valid record' }).click();
	await expect(review).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Ministry confirms 300 new teachers' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Imported 1 article' })).toContainText('left out 2 bad records');
	// The record's spans are another annotator's: the library counts your layer unless asked for all.
	await expect(page.getByRole('row', { name: /Ministry confirms/ })).toContainText('actor 0');
	await page.getByLabel('Counts').selectOption('all');
	await expect(page.getByRole('row', { name: /Ministry confirms/ })).toContainText('actor 1');

	// Markdown is rendered to its text: no asterisks, entities decoded, link text kept.
	await openArticle(page, 'Council notes for March');
	const text = await page.locator('.ProseMirror').innerText();
	expect(text).toContain('The finance committee said the budget would grow by 4 %.');
	expect(text).toContain('Item one: roads & bridges');
	expect(text).not.toContain('**');
});

test('an HTML file never runs its scripts, handlers or fetches', async ({ page }) => {
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		d.dismiss();
	});
	const external: string[] = [];
	page.on('request', (r) => {
		if (!r.url().startsWith(APP_ORIGIN)) external.push(r.url());
	});
	await openLibrary(page);
	await importThroughChooser(page, ['hostile.html']);
	await openArticle(page, 'Mayor opens new library');
	const text = await page.locator('.ProseMirror').innerText();
	expect(text).toContain('The mayor, Ada Brennan, opened the new library on Saturday.');
	expect(text).toContain('It holds 40,000 books & cost €3 million.');
	expect(text).not.toContain('pwned');
	expect(text).not.toContain('Copyright');
	// Anything the hostile markup could have started has run: no request is in flight (an image's
	// onerror fires when its load fails) and the page's task queue has drained to an idle period.
	await page.waitForLoadState('networkidle');
	await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
	expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
	expect(dialogs).toEqual([]);
	expect(external).toEqual([]);
});

test('pasting text makes an article; marking done and deleting (with undo) work', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openLibrary(page);
	await page.evaluate(() => {
		const data = new DataTransfer();
		data.setData('text/plain', 'Pasted headline about rivers\n\nThe river rose 2 metres overnight.');
		window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
	});
	const link = page.getByRole('link', { name: 'Pasted headline about rivers' });
	await expect(link).toBeVisible();

	await page.getByRole('button', { name: 'Mark done: Pasted headline about rivers' }).click();
	await expect(page.getByRole('row', { name: /Pasted headline/ })).toContainText('Done');

	await page.getByRole('button', { name: 'Delete Pasted headline about rivers' }).click();
	await expect(link).toHaveCount(0);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(link).toBeVisible();
	await expect(page.getByRole('row', { name: /Pasted headline/ })).toContainText('Done');
});

test('exporting everything and importing it again gives the same articles, without duplicates', async ({ page }) => {
	await openLibrary(page);
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const download = await downloading;
	const records = await readJsonl(download);
	expect(records).toHaveLength(4);
	for (const r of records) {
		expect(r.format).toBe('spanwise/1');
		expect(r.offset_unit).toBe('codepoint');
		for (const s of r.spans) expect(Array.from(r.text as string).slice(s.start, s.end).join('')).toBe(s.text);
	}
	const path = await download.path();
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles({ name: 'export.jsonl', mimeType: 'application/x-ndjson', buffer: readFileSync(path!) });
	// Every record is already in the library: the user chooses merge (the default) or skip.
	const review = page.getByRole('dialog', { name: 'Import' });
	await expect(review).toContainText('4 articles are already in the library');
	await review.getByRole('button', { name: 'Import 4 valid records' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'merged 4' })).toBeVisible();
	await expect(page.getByRole('table').getByRole('link')).toHaveCount(4);
});

test('a corpus with a bad line can be left out entirely with "Import none"', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['team.jsonl']);
	const review = page.getByRole('dialog', { name: 'Import' });
	await expect(review.getByRole('alert')).toContainText('team.jsonl: line 2');
	await review.getByRole('button', { name: 'Import none' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Nothing was imported.' })).toBeVisible();
	await expect(page.getByRole('table').getByRole('link')).toHaveCount(4);
});
