import { expect, type Page, type Download } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';

/** Path of a file in tests/fixtures. */
export function fixture(name: string): string {
	return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** Opens the library and waits until the workspace is ready. */
export async function openLibrary(page: Page): Promise<void> {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
}

/** Imports files through the Import button's file chooser, as a user would. */
export async function importThroughChooser(page: Page, names: string[]): Promise<void> {
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles(names.map(fixture));
}

/** Opens an article from the library by its title and waits for the editor. */
export async function openArticle(page: Page, title: string): Promise<void> {
	// The app marks the article painted (spans in, two frames drawn); an earlier article's mark is dropped first.
	await page.evaluate(() => performance.clearMarks('spanwise:article-painted'));
	await page.getByRole('link', { name: title, exact: true }).click();
	await expect(page.getByRole('region', { name: 'Article' }).locator('.ProseMirror')).toBeVisible();
	// Until its first frame the browser has not decided which blocks of lines it renders, and rendering-
	// dependent reads (innerText) see none of them.
	await page.waitForFunction(() => performance.getEntriesByName('spanwise:article-painted').length > 0);
}

/** The article's editable element. */
export function editor(page: Page) {
	return page.getByRole('textbox', { name: 'Article text' });
}

/**
 * Selects `quote` (its `occurrence`-th appearance within one line) by dragging the mouse from its first
 * character to its last, as a user does. `shrink` drags from inside the first and last characters,
 * leaving a partial word for snapping to grow.
 */
export async function dragSelect(page: Page, quote: string, opts: { occurrence?: number; alt?: boolean; trimStart?: number; trimEnd?: number } = {}): Promise<void> {
	const box = await page.evaluate(
		({ quote, occurrence, trimStart, trimEnd }) => {
			const lines = Array.from(document.querySelectorAll('.ProseMirror .sw-line'));
			let seen = 0;
			for (const p of lines) {
				const node = p.firstChild;
				if (!node || node.nodeType !== Node.TEXT_NODE) continue;
				const text = node.textContent ?? '';
				let at = text.indexOf(quote);
				while (at >= 0) {
					if (seen === occurrence) {
						const r1 = document.createRange();
						r1.setStart(node, at + trimStart);
						r1.setEnd(node, at + trimStart + 1);
						const r2 = document.createRange();
						r2.setStart(node, at + quote.length - 1 - trimEnd);
						r2.setEnd(node, at + quote.length - trimEnd);
						const a = r1.getClientRects()[0];
						const b = r2.getClientRects()[0];
						return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
					}
					seen++;
					at = text.indexOf(quote, at + 1);
				}
			}
			return null;
		},
		{ quote, occurrence: opts.occurrence ?? 0, trimStart: opts.trimStart ?? 0, trimEnd: opts.trimEnd ?? 0 }
	);
	if (!box) throw new Error(`"${quote}" is not in the article`);
	if (opts.alt) await page.keyboard.down('Alt');
	await page.mouse.move(box.x1, box.y1);
	await page.mouse.down();
	await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 3 });
	await page.mouse.move(box.x2, box.y2, { steps: 3 });
	await page.mouse.up();
	if (opts.alt) await page.keyboard.up('Alt');
}

/** The spans listed in the side panel under a label: their texts, in reading order. */
export async function spansUnder(page: Page, label: string): Promise<string[]> {
	const group = page.getByRole('complementary', { name: 'Spans' }).locator('.span-group', { has: page.getByRole('heading', { name: new RegExp(`^${label}\\b`) }) });
	return group.locator('.span-item').allTextContents();
}

/**
 * What the user sees painted, per style: for span marks (boxes under the text, by style class such
 * as sw-label-1 or sw-label-1-d1) the number of spans drawn (suggestions left out: see suggestionsDrawn); for the highlights of transient states
 * (sw-selected, sw-found, …) the number of ranges.
 */
export async function drawnRanges(page: Page): Promise<Record<string, number>> {
	return page.evaluate(() => {
		const out: Record<string, number> = {};
		CSS.highlights.forEach((h, name) => (out[name] = h.size));
		const spans = new Map<string, Set<string>>();
		for (const el of document.querySelectorAll<HTMLElement>('.sw-marks .sw-mark:not([data-suggestion])')) {
			const key = [...el.classList].find((c) => c !== 'sw-mark') ?? '';
			if (!spans.has(key)) spans.set(key, new Set());
			spans.get(key)!.add(el.dataset.span ?? `box-${spans.get(key)!.size}`);
		}
		for (const [key, ids] of spans) out[key] = ids.size;
		return out;
	});
}

/** Waits for the "Saved" indicator: the last action has been committed to IndexedDB. */
export async function expectSaved(page: Page): Promise<void> {
	await expect(page.locator('.save-status')).toHaveText(/^\s*Saved\s*$/);
}

/** Reads a download as JSONL records. */
export async function readJsonl(download: Download): Promise<any[]> {
	const path = await download.path();
	const text = await readFile(path!, 'utf8');
	return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Python's `text[start:end]`: slicing by code points. */
export function pySlice(text: string, start: number, end: number): string {
	return Array.from(text).slice(start, end).join('');
}

/** The origin the app is served from in end-to-end tests (see playwright.config.ts). */
export const APP_ORIGIN = `http://127.0.0.1:${process.env.SPANWISE_E2E_PORT ?? 4173}`;

/** The suggestions drawn (dashed outlines) as "label:text" of their range, given the article's text. */
export async function suggestionsDrawn(page: Page, text: string, labels: readonly string[] = ['actor', 'claim', 'figure']): Promise<string[]> {
	const keys = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLElement>('.sw-marks .sw-mark[data-suggestion]')].map((el) => el.dataset.suggestion ?? ''))]);
	return keys
		.map((key) => key.split(':'))
		.filter(([, , label]) => labels.includes(label))
		.map(([start, end, label]) => `${label}:${text.slice(Number(start), Number(end))}`)
		.sort();
}
