import { expect, test } from '@playwright/test';
import { dragSelect, drawnRanges, editor, expectSaved, importThroughChooser, openArticle, openLibrary, spansUnder } from './helpers';

test.beforeEach(async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['harbour.txt']);
	await openArticle(page, 'Blinking lights at the harbour');
});

test('tags nested spans with the mouse; relabels, resizes, deletes, undoes and redoes; all survives a reload', async ({ page }) => {
	// A claim that contains its actor and a figure. Partial words grow to whole words.
	await dragSelect(page, 'The harbour master said on Monday that 14 ships were delayed.', { trimEnd: 1 });
	await page.getByRole('button', { name: /^Claim/ }).click();
	await dragSelect(page, 'harbour master', { trimStart: 2 });
	await page.keyboard.press('1');
	await dragSelect(page, '14 ships');
	await page.keyboard.press('3');
	await expect.poll(() => spansUnder(page, 'claim')).toEqual(['The harbour master said on Monday that 14 ships were delayed']);
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['14 ships']);
	const drawn = await drawnRanges(page);
	expect(drawn['sw-label-0']).toBe(1);
	expect(drawn['sw-label-1']).toBe(1);
	expect(drawn['sw-label-2']).toBe(1);

	// The exact same span again is refused.
	await dragSelect(page, '14 ships');
	await page.keyboard.press('3');
	await expect(page.locator('.editor-message')).toContainText('Already tagged');
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['14 ships']);

	// Click the figure to select it (the innermost span), relabel it, then grow its end by a word.
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: '14 ships', exact: true }).click();
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master', '14 ships']);
	await page.keyboard.press('Alt+ArrowRight');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master', '14 ships were']);
	await page.keyboard.press('Alt+Shift+ArrowRight');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master', 'ships were']);

	// Delete, undo twice, redo once.
	await page.keyboard.press('Delete');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
	await page.keyboard.press('Control+z');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master', 'ships were']);
	await page.keyboard.press('Control+z');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master', '14 ships were']);
	await page.keyboard.press('Control+Shift+z');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master', 'ships were']);
	await page.keyboard.press('Control+y');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
	await expectSaved(page);

	await page.reload();
	await expect(editor(page)).toBeVisible();
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);
	expect(await spansUnder(page, 'claim')).toEqual(['The harbour master said on Monday that 14 ships were delayed']);
	expect(await spansUnder(page, 'figure')).toEqual([]);
});

test('clicking nested spans selects the inner one first, then the outer one', async ({ page }) => {
	await dragSelect(page, 'Repairs will cost about $2 million.');
	await page.keyboard.press('2');
	await dragSelect(page, '$2 million');
	await page.keyboard.press('3');
	await page.keyboard.press('Escape');
	const word = await page.evaluate(() => {
		const p = Array.from(document.querySelectorAll('.ProseMirror .sw-line')).find((el) => el.textContent?.includes('$2 million'))!;
		const node = p.firstChild!;
		const at = node.textContent!.indexOf('million') + 2;
		const r = document.createRange();
		r.setStart(node, at);
		r.setEnd(node, at + 1);
		const b = r.getBoundingClientRect();
		return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
	});
	await page.mouse.click(word.x, word.y);
	await expect(page.locator('.span-item.selected')).toHaveText('$2 million');
	// A second click, on "m": ProseMirror takes a click within 10 px of the last one for a double click.
	word.x -= 14;
	await page.mouse.click(word.x, word.y);
	await expect(page.locator('.span-item.selected')).toHaveText('Repairs will cost about $2 million.');
});

test('tags with the keyboard only: move by word, extend by word, tag, jump between spans', async ({ page }) => {
	await editor(page).focus();
	await page.keyboard.press('Control+Home');
	// Line 3: "The harbour master said …". Move down two lines, then right by one word.
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Home');
	await page.keyboard.press('Control+ArrowRight');
	await page.keyboard.press('Control+Shift+ArrowRight');
	await page.keyboard.press('Control+Shift+ArrowRight');
	const selected = await page.evaluate(() => window.getSelection()?.toString());
	expect(selected?.trim()).toBe('harbour master');
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['harbour master']);

	await page.keyboard.press('End');
	await page.keyboard.press('Shift+Home');
	await page.keyboard.press('2');
	await expect.poll(() => spansUnder(page, 'claim')).toEqual(['The harbour master said on Monday that 14 ships were delayed.']);

	// Jump between spans and relabel by keyboard.
	await page.keyboard.press('Escape');
	await page.keyboard.press('Control+Home');
	await page.keyboard.press(']');
	await expect(page.locator('.span-item.selected')).toHaveText('The harbour master said on Monday that 14 ships were delayed.');
	await page.keyboard.press(']');
	await expect(page.locator('.span-item.selected')).toHaveText('harbour master');
	await page.keyboard.press('[');
	await expect(page.locator('.span-item.selected')).toHaveText('The harbour master said on Monday that 14 ships were delayed.');
	await page.keyboard.press('3');
	await expect.poll(() => spansUnder(page, 'figure')).toEqual(['The harbour master said on Monday that 14 ships were delayed.']);

	// The text itself cannot be changed by typing.
	const before = await page.locator('.ProseMirror').innerText();
	await page.keyboard.press('Escape');
	await page.keyboard.type('xyz');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Backspace');
	expect(await page.locator('.ProseMirror').innerText()).toBe(before);

	// The ? overlay lists the shortcuts.
	await page.keyboard.press('?');
	await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
	await expect(page.getByRole('dialog')).toContainText('Tag as actor');
});

test('Alt while selecting bypasses word snapping; the toggle turns snapping off', async ({ page }) => {
	await dragSelect(page, 'harbour master', { trimStart: 2, alt: true });
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['rbour master']);
	await page.getByLabel('Snap to words').uncheck();
	await dragSelect(page, 'Repairs', { trimEnd: 2 });
	await page.keyboard.press('1');
	await expect.poll(() => spansUnder(page, 'actor')).toEqual(['rbour master', 'Repai']);
});

test('span boxes sit under their own text, and follow it when the window narrows and the lines wrap anew', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await openLibrary(page);
	await page.getByRole('link', { name: /Harbour council approves/ }).click();
	await expect(page.locator('.sw-marks .sw-mark').first()).toBeAttached();
	// Every box lies on a line of text: same top as one of the line boxes, and within its width.
	const misplaced = () =>
		page.evaluate(() => {
			const lines: DOMRect[] = [];
			for (const p of document.querySelectorAll('.ProseMirror .sw-line')) {
				if (!p.firstChild) continue;
				const r = document.createRange();
				r.selectNodeContents(p);
				lines.push(...r.getClientRects());
			}
			const marks = [...document.querySelectorAll('.sw-marks .sw-mark')].map((m) => m.getBoundingClientRect());
			const bad = marks.filter((m) => !lines.some((l) => Math.abs(l.top - m.top) < 1.5 && m.left >= l.left - 1 && m.right <= l.right + 1));
			return { marks: marks.length, bad: bad.length };
		});
	const wide = await misplaced();
	expect(wide.marks).toBeGreaterThan(5);
	expect(wide.bad).toBe(0);
	await page.setViewportSize({ width: 900, height: 800 });
	await expect.poll(misplaced).toMatchObject({ bad: 0 });
	expect((await misplaced()).marks).toBeGreaterThanOrEqual(wide.marks);
});
