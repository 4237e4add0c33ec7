import { expect, test, type Page } from '@playwright/test';
import { dragSelect, editor, expectSaved, importThroughChooser, openArticle, openLibrary, pySlice, readJsonl, spansUnder } from './helpers';

test.beforeEach(async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['clitics.txt']);
	await openArticle(page, 'Talks on Zelenskyy proposal stall');
});

/** The text the browser has selected in the editor ('' for a caret). */
function selectedText(page: Page): Promise<string> {
	return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

/** The text right after the caret in its line. */
function afterCaret(page: Page): Promise<string> {
	return page.evaluate(() => {
		const selection = document.getSelection();
		const node = selection?.focusNode;
		return node && node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '').slice(selection!.focusOffset) : '';
	});
}

test('snapping a mouse selection inside "Zelenskyy’s" tags exactly "Zelenskyy"', async ({ page }) => {
	// From inside the first letter's neighbour to the last "y": a partial word, the clitic left out.
	await dragSelect(page, 'Zelenskyy’s proposed', { trimStart: 2, trimEnd: 11 });
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Zelenskyy']);
	// Selecting into the clitic takes the clitic whole, and nothing beyond.
	await dragSelect(page, 'Biden\'s aides', { trimEnd: 7 });
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Zelenskyy', "Biden's"]);
	await expectSaved(page);
});

test('a double click selects one token: "Ukraine" without its "’s"', async ({ page }) => {
	const point = await page.evaluate(() => {
		const line = Array.from(document.querySelectorAll('.ProseMirror .sw-line')).find((p) => p.textContent?.includes('Ukraine’s'))!;
		const node = line.firstChild!;
		const at = node.textContent!.indexOf('Ukraine’s') + 3;
		const range = document.createRange();
		range.setStart(node, at);
		range.setEnd(node, at + 1);
		const box = range.getClientRects()[0];
		return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
	});
	await page.mouse.dblclick(point.x, point.y);
	await expect.poll(() => selectedText(page)).toBe('Ukraine');
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Ukraine']);
});

test('a keyboard-only user moves by tokens and tags "Ukraine" without its "’s"', async ({ page }) => {
	await editor(page).focus();
	await page.keyboard.press('Control+Home');
	// Word by word (to the end of each token) up to "and", just before "Ukraine".
	const stops: string[] = [];
	for (let i = 0; i < 40 && !(await afterCaret(page)).startsWith(' Ukraine'); i++) {
		await page.keyboard.press('Control+ArrowRight');
		stops.push((await afterCaret(page)).slice(0, 12));
	}
	expect(await afterCaret(page)).toMatch(/^ Ukraine’s army/);
	// The clitic is a stop of its own: after "Zelenskyy" the caret stands before "’s".
	expect(stops).toContain('’s proposed ');
	await page.keyboard.press('Control+Shift+ArrowRight');
	await expect.poll(() => selectedText(page)).toBe(' Ukraine');
	await page.keyboard.press('Control+Shift+ArrowRight');
	await expect.poll(() => selectedText(page)).toBe(' Ukraine’s');
	await page.keyboard.press('Control+Shift+ArrowLeft');
	await expect.poll(() => selectedText(page)).toBe(' Ukraine');
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Ukraine']);

	// The selected span's end moves by token too: Alt+→ takes the "’s", Alt+← gives it back.
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: 'Ukraine', exact: true }).click();
	await page.keyboard.press('Alt+ArrowRight');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Ukraine’s']);
	await page.keyboard.press('Alt+ArrowLeft');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Ukraine']);
	await expectSaved(page);
});

test('the Prodigy export cuts a token a span edge falls inside, keeps token_start/token_end exact, and says so', async ({ page }) => {
	// (Started away from where the next drag starts, so the two presses are not a double click.)
	await dragSelect(page, 'Zelenskyy’s proposed', { trimStart: 4, trimEnd: 11 });
	await page.keyboard.press('1');
	// With Alt held, snapping is bypassed: a span ending inside "Zelenskyy".
	await dragSelect(page, 'Zelenskyy’s proposed', { alt: true, trimEnd: 13 });
	await page.keyboard.press('2');
	await expect.poll(() => spansUnder(page, 'claim')).toEqual(['Zelensk']);
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Zelenskyy']);
	await expectSaved(page);

	await page.getByRole('link', { name: 'Library', exact: true }).click();
	await page.getByRole('combobox', { name: 'Export format' }).selectOption({ label: 'Prodigy JSONL' });
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export as…' }).click();
	const tasks = await readJsonl(await downloading);
	// The library may hold other articles (the samples); the notice counts the cuts of all of them.
	const notice = page.getByRole('status').filter({ hasText: /Exported \d+ articles? to .*\.jsonl/ });
	await expect(notice).toContainText(/\b\d+ tokens? (was|were) split where a span edge falls inside a word/);
	expect(Number((await notice.textContent())!.match(/(\d+) tokens? (was|were) split/)![1])).toBeGreaterThanOrEqual(1);
	const task = tasks.find((t) => t.meta.title === 'Talks on Zelenskyy proposal stall');

	const tokens = task.tokens as { text: string; start: number; end: number; ws: boolean }[];
	expect(tokens.slice(0, 5).map((t) => t.text)).toEqual(['Talks', 'on', 'Zelenskyy', 'proposal', 'stall']);
	expect(tokens.slice(5, 10).map((t) => t.text)).toEqual(['\n\n', 'Zelensk', 'yy', '’s', 'proposed']);
	// As spaCy's Doc(words, spaces) needs: the tokens and their ws give the text back.
	expect(tokens.map((t) => t.text + (t.ws ? ' ' : '')).join('')).toBe(task.text);
	for (const span of task.spans) {
		expect(tokens[span.token_start].start).toBe(span.start);
		expect(tokens[span.token_end].end).toBe(span.end);
		expect(pySlice(task.text, span.start, span.end)).toBe(span.label === 'actor' ? 'Zelenskyy' : 'Zelensk');
	}
});
