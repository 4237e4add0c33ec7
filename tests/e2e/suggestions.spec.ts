import { expect, test, type Page } from '@playwright/test';
import { dragSelect, editor, expectSaved, importThroughChooser, openArticle, openLibrary, readJsonl, spansUnder, suggestionsDrawn } from './helpers';
import { readFileSync } from 'node:fs';
import { fixture } from './helpers';

const [BRIEFING, FOLLOW_UP] = readFileSync(fixture('suggest/briefing-pair.jsonl'), 'utf8')
	.trim()
	.split('\n')
	.map((line) => JSON.parse(line).text as string);
const message = (page: Page) => page.locator('.editor-message');
/** `words` as a pattern that allows the direction isolates quoted text is wrapped in (“⁨NATO⁩”). */
const said = (words: string) => new RegExp(words.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&').replace(/“/g, '“\u2068?').replace(/”/g, '\u2069?”'));
const panel = (page: Page) => page.locator('details.suggestions');

/** Settings: the built-in recognizers off (so what is offered is exactly the pattern file's), and a pattern file imported. */
async function patternsOnly(page: Page, withFile = true): Promise<void> {
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('checkbox', { name: 'Built-in recognizers on' }).uncheck();
	if (withFile) {
		const chooser = page.waitForEvent('filechooser');
		await page.getByRole('button', { name: 'Import pattern file' }).click();
		await (await chooser).setFiles(fixture('suggest/briefing-patterns.jsonl'));
		// The bad line is named by its number; the four others load.
		await expect(page.getByRole('list', { name: 'Pattern lines not read' })).toContainText('line 3: ');
		await expect(page.getByRole('list', { name: 'Pattern lines not read' })).toContainText('LOWERR');
		await expect(page.getByText('briefing-patterns.jsonl: 4 patterns, 1 bad line')).toBeVisible();
	}
	await page.getByRole('link', { name: 'Library' }).click();
}

test('pattern suggestions accepted, rejected and relabelled by keyboard, one undo step each, kept after reload', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['suggest/briefing-pair.jsonl']);
	await expect(page.getByRole('link', { name: 'Alliance briefing', exact: true })).toBeVisible();
	await patternsOnly(page);
	await openArticle(page, 'Alliance briefing');

	// Drawn as dashed outlines: three NATO, Ana Costa, the money. None is anyone's span yet.
	await expect.poll(() => suggestionsDrawn(page, BRIEFING)).toEqual(['actor:Ana Costa', 'actor:NATO', 'actor:NATO', 'actor:NATO', 'figure:$60.84 billion']);
	await expect(panel(page).locator('summary')).toHaveText('Suggestions (5)');
	expect(await spansUnder(page, 'actor')).toEqual([]);

	// j walks in text order from the caret; a accepts into the layer.
	await editor(page).click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('j');
	await expect(message(page)).toContainText(said('Suggestion 1 of 5: “NATO” as actor'));
	await page.keyboard.press('a');
	await expect(message(page)).toContainText(said('Accepted “NATO” as actor'));
	await expectSaved(page);
	expect(await spansUnder(page, 'actor')).toEqual(['NATO']);
	// The next one is current: the money. x rejects it.
	await expect(panel(page)).toContainText('$60.84 billion');
	await page.keyboard.press('x');
	await expect(message(page)).toContainText(said('Rejected “$60.84 billion”'));
	// Undo brings the rejected one back; redo rejects it again.
	await page.keyboard.press('Control+z');
	await expect.poll(() => suggestionsDrawn(page, BRIEFING)).toContain('figure:$60.84 billion');
	await page.keyboard.press('Control+Shift+z');
	await expect.poll(() => suggestionsDrawn(page, BRIEFING)).not.toContain('figure:$60.84 billion');

	// The one after the rejected money is current still: the second NATO. A label key accepts it with that label (2: claim).
	await expect(panel(page).locator('.current')).toContainText(said('actor: “NATO”'));
	await page.keyboard.press('2');
	await expectSaved(page);
	expect(await spansUnder(page, 'claim')).toEqual(['NATO']);

	// Shift+A accepts every suggestion of the current one's label (the last NATO and Ana Costa).
	await page.keyboard.press('j');
	await page.keyboard.press('Shift+A');
	await expect(message(page)).toContainText('Accepted 2 actor suggestions');
	await expectSaved(page);
	expect(await spansUnder(page, 'actor')).toEqual(['NATO', 'Ana Costa', 'NATO']);
	await expect(panel(page).locator('summary')).toHaveText('Suggestions (0)');

	// Reload: the decisions are kept (nothing decided is offered again), the spans are there.
	await page.reload();
	await expect(editor(page)).toBeVisible();
	await expect.poll(async () => (await spansUnder(page, 'actor')).length).toBe(3);
	await expect(panel(page).locator('summary')).toHaveText('Suggestions (0)');
	expect(await suggestionsDrawn(page, BRIEFING)).toEqual([]);

	// The library counts people's spans only: 3 actors and 1 claim, not the suggestions.
	await page.getByRole('link', { name: '← Library' }).click();
	const row = page.getByRole('row', { name: /Alliance briefing/ });
	await expect(row).toContainText('3');
});

test('tag all mentions: in the article, then in the whole corpus', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['suggest/briefing-pair.jsonl']);
	await expect(page.getByRole('link', { name: 'Vilnius follow-up', exact: true })).toBeVisible();
	await patternsOnly(page, false);
	await openArticle(page, 'Alliance briefing');
	await expect(panel(page).locator('summary')).toHaveText('Suggestions (0)');

	await dragSelect(page, 'NATO');
	await page.keyboard.press('1');
	await expectSaved(page);
	await page.keyboard.press('m');
	await expect(message(page)).toContainText(said('2 other mentions of “NATO”'));
	await expect.poll(() => suggestionsDrawn(page, BRIEFING)).toEqual(['actor:NATO', 'actor:NATO']);
	await page.keyboard.press('Shift+A');
	await expectSaved(page);
	expect(await spansUnder(page, 'actor')).toEqual(['NATO', 'NATO', 'NATO']);

	// The whole corpus: the other article gets its NATO offered.
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: 'NATO' }).first().click();
	await page.getByRole('button', { name: 'Mentions in the corpus' }).click();
	await expect(page.getByText(said('1 new mention suggestion of “NATO” (actor) in 1 article'))).toBeVisible();
	await page.getByRole('link', { name: '← Library' }).click();
	await openArticle(page, 'Vilnius follow-up');
	await expect.poll(() => suggestionsDrawn(page, FOLLOW_UP)).toEqual(['actor:NATO']);
	await editor(page).click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('j');
	await page.keyboard.press('a');
	await expectSaved(page);
	expect(await spansUnder(page, 'actor')).toEqual(['NATO']);
});

test('a model’s output imported as suggestions, exported only when asked; built-in suggestions as an article opens', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['suggest/briefing-pair.jsonl']);
	await expect(page.getByRole('link', { name: 'Alliance briefing', exact: true })).toBeVisible();
	await page.getByRole('checkbox', { name: 'as suggestions' }).check();
	await importThroughChooser(page, ['suggest/briefing-predictions.jsonl']);
	// Its article is in the library already: merged (the default).
	await page.getByRole('button', { name: 'Import 1 valid record' }).click();
	await expect(page.getByText(/2 suggestions \(offered in the articles/)).toBeVisible();
	await page.getByRole('checkbox', { name: 'as suggestions' }).uncheck();
	await openArticle(page, 'Alliance briefing');

	// Built-in recognizers are on by default: the money, the day and the people are offered beside the model's.
	await expect.poll(() => suggestionsDrawn(page, BRIEFING)).toEqual(expect.arrayContaining(['actor:Brussels', 'figure:next year', 'figure:$60.84 billion', 'actor:Ana Costa']));
	expect(await spansUnder(page, 'actor')).toEqual([]);

	// Export JSONL holds the layer's spans (none); Export suggestions holds the suggestions, each named by its source.
	let download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	expect((await readJsonl(await download))[0].spans).toEqual([]);
	download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export suggestions' }).click();
	const [record] = await readJsonl(await download);
	const sources = new Set(record.spans.map((s: { annotator: string }) => s.annotator));
	expect(sources).toEqual(new Set(['prediction:briefing-predictions', 'builtin']));
	const money = record.spans.find((s: { text: string; label: string }) => s.text === '$60.84 billion');
	expect(money).toMatchObject({ label: 'figure', annotator: 'builtin' });
});

test('pre-annotating every article in Settings stores their suggestions before they are opened', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['suggest/briefing-pair.jsonl']);
	await expect(page.getByRole('link', { name: 'Vilnius follow-up', exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Pre-annotate every article' }).click();
	// The sample articles and the two imported ones: each gets the built-in recognizers' suggestions.
	await expect(page.getByText(/^Suggestions made for \d+ articles\.$/)).toBeVisible({ timeout: 30_000 });
	const stored = await page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('spanwise');
				open.onsuccess = () => {
					const all = open.result.transaction('suggestions').objectStore('suggestions').getAll();
					all.onsuccess = () => (open.result.close(), resolve(all.result.map((row: { articleId: string; source: string }) => `${row.articleId}|${row.source}`)));
					all.onerror = () => reject(all.error);
				};
				open.onerror = () => reject(open.error);
			})
	);
	expect(stored).toEqual(expect.arrayContaining(['brief-1|builtin', 'brief-2|builtin']));
	// A second run has nothing left to do.
	await page.getByRole('button', { name: 'Pre-annotate every article' }).click();
	await expect(page.getByText('Every article has its suggestions already.')).toBeVisible();
	// Opened, the article shows them from storage.
	await page.getByRole('link', { name: 'Library' }).click();
	await openArticle(page, 'Vilnius follow-up');
	await expect.poll(() => suggestionsDrawn(page, FOLLOW_UP)).toEqual(['actor:NATO ministers', 'actor:The Pentagon']);
});

test('pre-annotating the corpus shows its progress; Cancel stops it and keeps what was made, and the next run does the rest', async ({ page }) => {
	// Its own waits add up to more than the default 30 s on a loaded machine (it failed so in a CI run made
	// while other builds ran).
	test.setTimeout(150_000);
	await openLibrary(page);
	// Enough long articles that the run is still going when Cancel is pressed.
	const sentence = 'The minister said on Monday that unemployment fell to 4.5 per cent, and Ana Silva of the Central Bank warned that prices rose by $60.84 billion. ';
	const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `long-${i}`, title: `Long briefing ${i}`, text: `Briefing ${i}. ${sentence.repeat(120)}`, spans: [] }));
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles({ name: 'long-briefings.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n') + '\n') });
	await expect(page.getByRole('status').filter({ hasText: /^Imported 300 articles/ })).toBeVisible({ timeout: 30_000 });
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Pre-annotate every article' }).click();
	const progress = page.getByRole('status').filter({ hasText: /^\d+ of \d+ articles$/ });
	await expect(progress).toHaveText(/^([1-9]\d*) of \d+ articles$/, { timeout: 30_000 });
	await expect(page.getByRole('progressbar', { name: 'Pre-annotation progress' })).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	const cancelled = page.getByText(/^Cancelled: suggestions made for \d+ of \d+ articles \(kept\)\.$/);
	await expect(cancelled).toBeVisible();
	const [, made, total] = (await cancelled.textContent())!.match(/for (\d+) of (\d+)/)!.map(Number);
	// (Fewer than 1,000 articles: no thousands separators to read.)
	expect(made).toBeGreaterThan(0);
	expect(made).toBeLessThan(total);
	const stored = () =>
		page.evaluate(
			() =>
				new Promise<number>((resolve, reject) => {
					const open = indexedDB.open('spanwise');
					open.onsuccess = () => {
						const count = open.result.transaction('suggestions').objectStore('suggestions').count();
						count.onsuccess = () => (open.result.close(), resolve(count.result));
						count.onerror = () => reject(count.error);
					};
					open.onerror = () => reject(open.error);
				})
		);
	// What was made before Cancel is stored, and nothing after it.
	expect(await stored()).toBe(made);
	await page.getByRole('button', { name: 'Pre-annotate every article' }).click();
	await expect(page.getByText(`Suggestions made for ${total - made} articles.`)).toBeVisible({ timeout: 60_000 });
	expect(await stored()).toBe(total);
});

test('an article’s address opened directly: the suggestion worker started with the app is the one that makes its suggestions', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['suggest/briefing-pair.jsonl']);
	await expect(page.getByRole('link', { name: 'Vilnius follow-up', exact: true })).toBeVisible();
	await page.goto('/article?id=brief-2');
	await expect.poll(() => suggestionsDrawn(page, FOLLOW_UP)).toEqual(['actor:NATO ministers', 'actor:The Pentagon']);
	// One worker script loaded: the page took the worker the app started rather than making another.
	const workers = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /suggest\.worker/.test(e.name)).length);
	expect(workers).toBe(1);
});
