import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { dragSelect, drawnRanges, editor, importThroughChooser, openArticle, openLibrary, spansUnder } from './helpers';

// Tagging without surprises, and keyboard-only labelling: relabel rules, find, sentence and
// paragraph jumps, edges by one character, how nested spans and the label tag are drawn, notices.

async function openHarbour(page: Page): Promise<void> {
	await openLibrary(page);
	await importThroughChooser(page, ['harbour.txt']);
	await openArticle(page, 'Blinking lights at the harbour');
}

/** The text selected in the page right now. */
function selectedText(page: Page): Promise<string> {
	return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

const panel = (page: Page) => page.getByRole('complementary', { name: 'Spans' });

test('a label key right after tagging does not relabel the new span; relabelling a selected span says what changed and undoes', async ({ page }) => {
	await openHarbour(page);
	await dragSelect(page, '14 ships');
	await page.keyboard.press('3');
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['14 ships']);
	// The next label key does nothing to the span just made (it was not selected by the user).
	await page.keyboard.press('2');
	await expect(page.locator('.editor-message')).toContainText('Select some text first');
	expect(await spansUnder(page, 'figure')).toEqual(['14 ships']);
	expect(await spansUnder(page, 'claim')).toEqual([]);
	await expect(page.locator('.span-item.selected')).toHaveCount(0);

	// Selected by the user (Enter on it), the span is relabelled, and a notice says how, with Undo.
	await page.getByRole('button', { name: /^Claim/ }).focus();
	await panel(page).getByRole('button', { name: '14 ships', exact: true }).click();
	await page.keyboard.press('2');
	await expect.poll(() => spansUnder(page, 'claim')).toEqual(['14 ships']);
	const notice = page.getByRole('status').filter({ hasText: 'figure → claim' });
	await expect(notice).toBeVisible();
	await notice.getByRole('button', { name: 'Undo' }).click();
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['14 ships']);
	expect(await spansUnder(page, 'claim')).toEqual([]);
	await expect(notice).toHaveCount(0);

	// Enter at the caret selects the span; the label key then relabels it.
	await editor(page).focus();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('}');
	for (let i = 0; i < 'The harbour master said on Monday that 1'.length; i++) await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	await expect(page.locator('.span-item.selected')).toHaveText('14 ships');
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['14 ships']);
	await expect(page.getByRole('status').filter({ hasText: 'figure → actor' })).toBeVisible();
});

test('a mouse drag selects wherever in a character it is pressed and released (random sub-character points)', async ({ page }) => {
	// Sixty drags: slow on a loaded machine, so more time than the default (no budget is measured).
	test.setTimeout(120_000);
	await openHarbour(page);
	// A seeded generator: the same points on every run, but spread over whole glyph boxes.
	let seed = 20261201;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
	const lines = ['The harbour master said on Monday that 14 ships were delayed.', 'Repairs will cost about $2 million.'];
	for (let round = 0; round < 60; round++) {
		const line = lines[round % 2];
		const from = Math.floor(random() * (line.length - 6));
		const to = Math.min(line.length - 1, from + 2 + Math.floor(random() * 18));
		const fx = [random(), random(), random(), random()];
		const points = await page.evaluate(
			({ line, from, to, fx }) => {
				const p = Array.from(document.querySelectorAll('.ProseMirror .sw-line')).find((el) => el.textContent === line)!;
				const node = p.firstChild!;
				const box = (i: number) => {
					const r = document.createRange();
					r.setStart(node, i);
					r.setEnd(node, i + 1);
					return r.getClientRects()[0];
				};
				const a = box(from);
				const b = box(to);
				return { x1: a.left + fx[0] * a.width, y1: a.top + 1 + fx[1] * (a.height - 2), x2: b.left + fx[2] * b.width, y2: b.top + 1 + fx[3] * (b.height - 2) };
			},
			{ line, from, to, fx }
		);
		await page.mouse.move(points.x1, points.y1);
		await page.mouse.down();
		// A short first move (what a hand does), then on to the release point.
		await page.mouse.move(points.x1 + 1 + random() * 6, points.y1);
		await page.mouse.move(points.x2, points.y2, { steps: 4 });
		await page.mouse.up();
		await expect.poll(() => selectedText(page), { message: `drag ${round}: ${line.slice(from, to + 1)}` }).not.toBe('');
		const selected = await selectedText(page);
		// Whatever part of the first and last characters was hit, everything between them is selected.
		expect(selected, `drag ${round}`).toContain(line.slice(from + 1, to));
		expect(line).toContain(selected);
		await page.evaluate(() => window.getSelection()?.collapseToEnd());
	}
});

test('find: / and typing show matches; Enter selects the next one and the label key tags it; Shift+Enter goes back; Escape closes', async ({ page }) => {
	await openHarbour(page);
	await editor(page).focus();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('/');
	const box = page.getByRole('searchbox', { name: 'Find in article' });
	await expect(box).toBeFocused();
	await page.keyboard.type('HARBOUR');
	await expect(page.getByRole('search').getByRole('status')).toHaveText('1 of 2');
	expect((await drawnRanges(page))['sw-found-current']).toBe(1);
	await page.keyboard.press('Enter');
	await expect(editor(page)).toBeFocused();
	expect(await selectedText(page)).toBe('harbour');
	// Back to the find box: Enter again goes on to the next match, and the label key tags it.
	await page.keyboard.press('/');
	await expect(box).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(editor(page)).toBeFocused();
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour']);
	// Shift+Enter: the previous match (the title's), though the caret is at the end of the one just tagged.
	await page.keyboard.press('Control+f');
	await page.keyboard.press('Shift+Enter');
	expect(await page.evaluate(() => window.getSelection()?.anchorNode?.textContent)).toBe('Blinking lights at the harbour');
	await page.keyboard.press('3');
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['harbour']);
	const texts = await page.evaluate(() => Array.from(document.querySelectorAll('.span-item')).map((el) => el.closest('li')?.getAttribute('title') ?? el.textContent));
	expect(texts).toHaveLength(2);
	// A query with no match says so; Escape closes the box and gives the keyboard back.
	await page.keyboard.press('/');
	await page.keyboard.type('zebra');
	await expect(page.getByRole('search').getByRole('status')).toHaveText('No matches');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('search')).toHaveCount(0);
	await expect(editor(page)).toBeFocused();
	expect((await drawnRanges(page))['sw-found'] ?? 0).toBe(0);
	// From outside the text (a button has the keyboard), / opens the app's find too.
	await page.getByRole('button', { name: 'Undo', exact: true }).focus();
	await page.keyboard.press('/');
	await expect(box).toBeFocused();
	await expect(box).toHaveValue('zebra');
	// Back in the text with the box open, Escape first deselects a span, then closes the box.
	await page.keyboard.press('Control+a');
	await page.keyboard.type('harbour');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Enter');
	await expect(page.locator('.span-item.selected')).toHaveCount(1);
	await page.keyboard.press('Escape');
	await expect(page.locator('.span-item.selected')).toHaveCount(0);
	await expect(page.getByRole('search')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('search')).toHaveCount(0);
	await expect(editor(page)).toBeFocused();
});

test('find reaches a line far down a long article, not laid out yet, and tags it', async ({ page }, testInfo) => {
	const text = Array.from({ length: 240 }, (_, i) => `Line ${i}: the council said that prices would rise by about 1,400 homes, and critics were not convinced by the plan.`).join('\n');
	const path = testInfo.outputPath('long-find.jsonl');
	writeFileSync(path, JSON.stringify({ id: 'long-find', title: 'A long council report', text, spans: [], format: 'spanwise/1', offset_unit: 'codepoint' }) + '\n');
	await openLibrary(page);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles(path);
	await openArticle(page, 'A long council report');
	// The far line is in a block the browser has not laid out.
	const skipped = await page.evaluate(() => {
		const line = document.querySelectorAll('.sw-line')[231];
		return line.getBoundingClientRect().top > window.innerHeight;
	});
	expect(skipped).toBe(true);
	await editor(page).focus();
	await page.keyboard.press('/');
	await page.keyboard.type('Line 231: the council');
	await expect(page.getByRole('search').getByRole('status')).toHaveText('1 of 1');
	await page.keyboard.press('Enter');
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['Line 231: the council']);
	// It is in view in the article region now.
	await expect
		.poll(() =>
			page.evaluate(() => {
				const range = document.createRange();
				range.selectNodeContents(document.querySelectorAll('.sw-line')[231].firstChild!);
				const r = range.getClientRects()[0];
				const view = document.querySelector('.article-region')!.getBoundingClientRect();
				return r.top >= view.top && r.bottom <= view.bottom;
			})
		)
		.toBe(true);
});

test('jumps by sentence and paragraph (abbreviations do not end a sentence) and extends to a sentence’s end', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['briefing.txt']);
	await openArticle(page, 'Pentagon briefing on aid');
	await editor(page).focus();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('}');
	await page.keyboard.press('Alt+Shift+ArrowDown');
	expect(await selectedText(page)).toBe('Maj. Gen. Pat Ryder said on Feb. 12 that the U.S. would send $60.84 billion.');
	await page.keyboard.press('2');
	await expect.poll(() => spansUnder(page, 'claim')).toEqual(['Maj. Gen. Pat Ryder said on Feb. 12 that the U.S. would send $60.84 billion.']);
	await page.keyboard.press(')');
	await page.keyboard.press('Alt+Shift+ArrowDown');
	expect(await selectedText(page)).toBe('Critics were not convinced.');
	await page.keyboard.press(')');
	await page.keyboard.press('Alt+Shift+ArrowDown');
	expect(await selectedText(page)).toBe('A second paragraph starts here.');
	// Back: ( to this sentence's start, { to the paragraph's start and then the one before.
	await page.keyboard.press(')');
	await page.keyboard.press('(');
	await page.keyboard.press('Alt+Shift+ArrowDown');
	expect(await selectedText(page)).toBe('A second paragraph starts here.');
	await page.keyboard.press('(');
	await page.keyboard.press('(');
	await page.keyboard.press('Alt+Shift+ArrowDown');
	expect(await selectedText(page)).toBe('Critics were not convinced.');
	await page.keyboard.press(')');
	await page.keyboard.press('{');
	await page.keyboard.press('Alt+Shift+ArrowDown');
	expect(await selectedText(page)).toBe('Maj. Gen. Pat Ryder said on Feb. 12 that the U.S. would send $60.84 billion.');
	// From the sentence's end: the paragraph's start, then the title line.
	await page.keyboard.press('{');
	await page.keyboard.press('{');
	await page.keyboard.press('Shift+End');
	expect(await selectedText(page)).toBe('Pentagon briefing on aid');
	await page.keyboard.press('}');
	await page.keyboard.press('}');
	await page.keyboard.press('Shift+End');
	expect(await selectedText(page)).toBe('A second paragraph starts here. It has two sentences.');
});

test('moves a selected span’s edges by one character, skipping spaces', async ({ page }) => {
	await openHarbour(page);
	await dragSelect(page, 'harbour master');
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
	await panel(page).getByRole('button', { name: 'harbour master', exact: true }).click();
	await page.keyboard.press('.');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master s']);
	await page.keyboard.press('.');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master sa']);
	await page.keyboard.press(',');
	await page.keyboard.press(',');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
	await page.keyboard.press('>');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['arbour master']);
	await page.keyboard.press('<');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
	// Over the space: the start lands on the character before it.
	await page.keyboard.press('<');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['e harbour master']);
	// One undo step per move.
	await page.keyboard.press('Control+z');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
});

test('nested spans of one label are drawn apart, every label has the same wash, and the label tag never covers text and goes with Escape', async ({ page }) => {
	await openHarbour(page);
	await dragSelect(page, 'The harbour master said on Monday that 14 ships were delayed.');
	await page.keyboard.press('2');
	await dragSelect(page, 'harbour master said on Monday');
	await page.keyboard.press('2');
	await dragSelect(page, '14 ships');
	await page.keyboard.press('3');
	await expect.poll(() => spansUnder(page, 'claim')).toHaveLength(2);
	const drawn = await drawnRanges(page);
	expect(drawn['sw-label-1']).toBe(1);
	expect(drawn['sw-label-1-d1']).toBe(1);
	const styles = await page.evaluate(() => {
		const of = (name: string) => {
			const mark = document.querySelector(`.sw-marks .sw-mark.${name}`)!;
			const line = getComputedStyle(mark, '::after');
			return { line: `${line.height} ${line.borderTopStyle} ${line.backgroundImage}`, top: line.top, background: getComputedStyle(mark).backgroundColor };
		};
		return { outer: of('sw-label-1'), inner: of('sw-label-1-d1'), figure: of('sw-label-2') };
	});
	expect(styles.inner.line).not.toBe(styles.outer.line);
	// Each label's line has a lane of its own below the text.
	expect(styles.figure.top).not.toBe(styles.outer.top);
	// One neutral wash for every label: overlaps darken it, they never mix into a third hue.
	expect(styles.figure.background).toBe(styles.outer.background);

	// Removing the outer claim makes the inner one the outermost: drawn as such.
	await panel(page).getByRole('button', { name: 'The harbour master said on Monday that 14 ships were delayed.', exact: true }).click();
	await page.keyboard.press('Delete');
	await expect.poll(async () => (await drawnRanges(page))['sw-label-1-d1'] ?? 0).toBe(0);
	expect((await drawnRanges(page))['sw-label-1']).toBe(1);

	// The tag of the selected span sits clear of every line's glyphs.
	await panel(page).getByRole('button', { name: '14 ships', exact: true }).click();
	const tip = page.locator('.sw-tip');
	await expect(tip).toBeVisible();
	const overlaps = await page.evaluate(() => {
		const t = document.querySelector('.sw-tip')!.getBoundingClientRect();
		const hits: string[] = [];
		for (const p of document.querySelectorAll('.ProseMirror .sw-line')) {
			if (!p.firstChild) continue;
			const r = document.createRange();
			r.selectNodeContents(p);
			for (const g of r.getClientRects()) {
				if (g.left < t.right && t.left < g.right && g.top < t.bottom && t.top < g.bottom) hits.push(p.textContent!);
			}
		}
		return hits;
	});
	expect(overlaps).toEqual([]);
	await page.keyboard.press('Escape');
	await expect(tip).toBeHidden();
	await expect(page.locator('.span-item.selected')).toHaveCount(0);
});

test('notices time out, errors stay until dismissed, they belong to their page and never cover the text', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['harbour.txt', 'not-really.txt']);
	const error = page.getByRole('alert').filter({ hasText: 'not-really.txt' });
	await expect(error).toBeVisible();
	// On the article page the library's error is not shown.
	await openArticle(page, 'Blinking lights at the harbour');
	await expect(error).toHaveCount(0);
	await dragSelect(page, '14 ships');
	await page.keyboard.press('3');
	await panel(page).getByRole('button', { name: '14 ships', exact: true }).click();
	await page.keyboard.press('1');
	const relabelled = page.getByRole('status').filter({ hasText: 'figure → actor' });
	await expect(relabelled).toBeVisible();
	// The notice is below the article text and the span list, never over them.
	const boxes = await page.evaluate(() => {
		const rect = (el: Element | null) => el!.getBoundingClientRect().toJSON();
		return {
			notice: rect(document.querySelector('.notice')),
			article: rect(document.querySelector('.article-region')),
			panel: rect(document.querySelector('.span-panel'))
		};
	});
	for (const other of [boxes.article, boxes.panel]) {
		const apart = boxes.notice.top >= other.bottom || boxes.notice.bottom <= other.top || boxes.notice.left >= other.right || boxes.notice.right <= other.left;
		expect(apart, JSON.stringify({ notice: boxes.notice, other })).toBe(true);
	}
	// It goes by itself.
	await expect(relabelled).toHaveCount(0, { timeout: 20_000 });
	// Back on the library the error is still there, until dismissed.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
	await expect(error).toBeVisible();
	await error.getByRole('button', { name: 'Dismiss' }).click();
	await expect(error).toHaveCount(0);
});

test('in review, a gold relabel’s Undo is recorded in the review’s own history', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['review-maria.jsonl', 'review-jon.jsonl']);
	await expect(page.getByRole('status').filter({ hasText: 'merged 1' })).toBeVisible();
	await page.getByRole('link', { name: 'Review', exact: true }).click();
	// The library lists the same title: wait for the review session's list before clicking it.
	await expect(page.getByRole('heading', { name: 'Review session' })).toBeVisible();
	await page.getByRole('link', { name: 'Port council backs barrier' }).click();
	const progress = page.getByRole('status', { name: 'Review progress' });
	await expect(progress).toHaveText('0 of 8 candidates settled · 0 of 6 conflicts');
	const drawn = async (key: string) => (await drawnRanges(page))[key] ?? 0;
	// Accept the first conflict's claim into gold, select it in the text and relabel it as a figure.
	await page.keyboard.press('a');
	await expect.poll(() => drawn('sw-label-1')).toBe(1);
	await editor(page).focus();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press(']');
	await page.keyboard.press('3');
	await expect.poll(() => drawn('sw-label-2')).toBe(1);
	expect(await drawn('sw-label-1')).toBe(0);
	const notice = page.getByRole('status').filter({ hasText: 'claim → figure' });
	await notice.getByRole('button', { name: 'Undo' }).click();
	await expect.poll(() => drawn('sw-label-1')).toBe(1);
	// Each step is undone in turn by the review's Ctrl+Z: the undo, the relabel, the accept.
	await editor(page).focus();
	await page.keyboard.press('Control+z');
	await expect.poll(() => drawn('sw-label-2')).toBe(1);
	await page.keyboard.press('Control+z');
	await expect.poll(() => drawn('sw-label-1')).toBe(1);
	expect(await drawn('sw-label-2')).toBe(0);
	await page.keyboard.press('Control+z');
	await expect(progress).toHaveText('0 of 8 candidates settled · 0 of 6 conflicts');
	expect(await drawn('sw-label-1')).toBe(0);
});
