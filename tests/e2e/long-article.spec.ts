import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { editor, expectSaved, openLibrary, pySlice, readJsonl } from './helpers';

// A long article is shown in blocks of lines that the browser lays out only near the viewport.
// Spans must be drawn and taggable across those blocks, and the scrollbar must stay about right.
const LINES = Array.from({ length: 240 }, (_, i) => `Line ${i}: the council said that prices would rise by about 1,400 homes, and critics were not convinced by the plan.`);
const TEXT = LINES.join('\n');

function span(startQuote: string, startLine: number, endQuote: string, endLine: number, label: string) {
	const lineStart = (n: number) => TEXT.indexOf(`Line ${n}:`);
	const start = TEXT.indexOf(startQuote, lineStart(startLine));
	const end = TEXT.indexOf(endQuote, lineStart(endLine)) + endQuote.length;
	const cp = (i: number) => Array.from(TEXT.slice(0, i)).length;
	return { start: cp(start), end: cp(end), label, text: TEXT.slice(start, end) };
}

/** Writes `record` as a one-line JSONL file, imports it through the Import button and opens it. */
async function importAndOpen(page: Page, testInfo: TestInfo, record: { id: string; title: string; text: string; spans: unknown[] }): Promise<void> {
	const path = testInfo.outputPath(`${record.id}.jsonl`);
	writeFileSync(path, JSON.stringify({ ...record, format: 'spanwise/1', offset_unit: 'codepoint' }) + '\n');
	await openLibrary(page);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles(path);
	await page.getByRole('link', { name: record.title, exact: true }).click();
}

test('a long article: spans across blocks are drawn, the far end can be tagged, the scrollbar stays about right', async ({ page }, testInfo) => {
	// Fifty lines: more than a block holds, so the span starts in one block and ends in a later one.
	const crossing = span('critics', 10, 'homes', 60, 'claim');
	await importAndOpen(page, testInfo, { id: 'long', title: 'A long council report', text: TEXT, spans: [crossing] });
	await expect(page.locator('.span-panel h2 .total')).toHaveText('1');

	// The lines are in several blocks, and the span starts in one and ends in the next.
	const blocks = await page.evaluate(() => {
		const all = Array.from(document.querySelectorAll('.sw-block'));
		const lines = Array.from(document.querySelectorAll('.sw-line'));
		const blockOf = (n: number) => all.indexOf(lines[n].closest('.sw-block')!);
		return { count: all.length, first: blockOf(10), last: blockOf(60) };
	});
	expect(blocks.count).toBeGreaterThan(3);
	expect(blocks.last).toBeGreaterThan(blocks.first);

	// Both ends are painted: the pixels under each end change when the span is deleted.
	const region = page.getByRole('region', { name: 'Article' });
	const ends = async () => {
		const shots = [];
		for (const [line, quote] of [[10, 'critics'], [60, 'Line 60']] as const) {
			const clip = await page.evaluate(
				async ({ line, quote }) => {
					const p = document.querySelectorAll('.sw-line')[line];
					p.scrollIntoView({ block: 'center' });
					await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
					const node = p.firstChild as Text;
					const at = node.data.indexOf(quote);
					const range = document.createRange();
					range.setStart(node, at);
					range.setEnd(node, at + quote.length);
					const r = range.getClientRects()[0];
					return { x: r.left, y: r.top, width: r.width, height: r.height };
				},
				{ line, quote }
			);
			shots.push(await page.screenshot({ clip }));
		}
		return shots;
	};
	const painted = await ends();
	await page.locator('.span-item').first().click();
	await page.keyboard.press('Delete');
	await expect(page.locator('.span-panel h2 .total')).toHaveText('0');
	await expectSaved(page);
	const plain = await ends();
	expect(painted[0].equals(plain[0])).toBe(false);
	expect(painted[1].equals(plain[1])).toBe(false);

	// Far down, in a block never laid out before: select a word with the keyboard and tag it.
	const before = await region.evaluate((el) => el.scrollHeight);
	await editor(page).press('Control+End');
	await page.keyboard.press('Control+Shift+ArrowLeft');
	await page.keyboard.press('Control+Shift+ArrowLeft');
	expect(await page.evaluate(() => getSelection()?.toString())).toBe('plan.');
	await page.keyboard.press('1');
	await expect(page.locator('.span-panel h2 .total')).toHaveText('1');
	await expectSaved(page);
	// The estimated height of blocks not yet laid out was within 15 % of the real one.
	await region.evaluate(async (el) => {
		for (let y = 0; y <= el.scrollHeight; y += el.clientHeight) {
			el.scrollTop = y;
			await new Promise((r) => requestAnimationFrame(r));
		}
	});
	const after = await region.evaluate((el) => el.scrollHeight);
	expect(Math.abs(after - before) / after).toBeLessThan(0.15);

	// What was tagged is exactly the last word in the export.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const [record] = await readJsonl(await download);
	expect(record.spans).toHaveLength(1);
	expect(pySlice(record.text, record.spans[0].start, record.spans[0].end)).toBe(record.spans[0].text);
	expect(record.spans[0].text).toBe('plan.');
	expect(record.spans[0].end).toBe(Array.from(TEXT).length);
});

/** The stored revision of article `id` and of its span snapshot (undefined: none), read with plain IndexedDB. */
async function revisions(page: Page, id: string) {
	return page.evaluate(
		(id) =>
			new Promise<{ row?: number; snapshot?: number; spans?: number }>((resolve, reject) => {
				const open = indexedDB.open('spanwise');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(['articles', 'snapshots']);
					const row = tx.objectStore('articles').get(id);
					const snapshot = tx.objectStore('snapshots').get(id);
					tx.oncomplete = () => {
						open.result.close();
						// Spans in columns (packed), or as objects.
						const stored = snapshot.result;
						resolve({ row: row.result?.revision, snapshot: stored?.revision, spans: stored && (stored.packed?.ids.length ?? stored.spans.length) });
					};
				};
			}),
		id
	);
}

test('a long article opens from its span snapshot, and an edit is never hidden by an old one', async ({ page }, testInfo) => {
	// 600 spans: one per line, on the word "council".
	const lines = Array.from({ length: 600 }, (_, i) => `Line ${i}: the council said that prices would rise.`);
	const text = lines.join('\n');
	const records = lines.map((line, i) => {
		const at = text.indexOf('council', text.indexOf(`Line ${i}:`));
		return { start: at, end: at + 7, label: 'actor', text: 'council' };
	});
	await importAndOpen(page, testInfo, { id: 'snap', title: 'Six hundred councils', text, spans: records });
	await expect(page.locator('.span-panel h2 .total')).toHaveText('600');
	// Made at import, for the revision the article is at.
	expect(await revisions(page, 'snap')).toEqual({ row: 1, snapshot: 1, spans: 600 });

	// Tag "prices" on the first line; the revision moves past the snapshot's.
	await editor(page).press('Control+Home');
	for (let i = 0; i < 6; i++) await page.keyboard.press('Control+ArrowRight');
	await page.keyboard.press('Control+Shift+ArrowRight');
	await page.keyboard.press('3');
	await expect(page.locator('.span-panel h2 .total')).toHaveText('601');
	await expectSaved(page);
	expect((await revisions(page, 'snap')).row).toBe(2);
	// Reopened before the snapshot is remade: read from the rows, the new span is there.
	await page.reload();
	await expect(page.locator('.span-panel h2 .total')).toHaveText('601');
	// Once the edits settle, the snapshot is remade with it, and the next opening reads it.
	await expect.poll(() => revisions(page, 'snap'), { timeout: 10_000 }).toEqual({ row: 2, snapshot: 2, spans: 601 });
	await page.reload();
	await expect(page.locator('.span-panel h2 .total')).toHaveText('601');
	await expect(page.getByRole('heading', { name: /^figure/ }).locator('.total')).toHaveText('1');
});
