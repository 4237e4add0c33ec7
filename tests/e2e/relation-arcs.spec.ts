import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { importThroughChooser, openArticle, openLibrary } from './helpers';

/**
 * Drawing relations over the article (issue 13, "Drawing"). Until relations are stored and wired
 * into the article view, they are handed to the overlay through its test hook
 * (src/lib/editor/relation-test-hook.ts, on when localStorage has `spanwise:test-relations` = 1);
 * once the JSONL import carries them, `showRelations` becomes part of the fixture.
 */

interface Link {
	readonly label: string;
	readonly head: string;
	readonly tail: string;
}

/** The fixture's spans by the text they cover → their stored ids. */
async function spanIds(page: Page): Promise<Map<string, string>> {
	await expect.poll(() => page.evaluate(() => window.spanwiseRelationTest?.spans().length ?? 0)).toBe(13);
	const spans = await page.evaluate(() => {
		// The text as the editor holds it: one paragraph per line.
		const text = [...document.querySelectorAll('.ProseMirror .sw-line')].map((p) => p.textContent ?? '').join('\n');
		return window.spanwiseRelationTest!.spans().map((s) => ({ id: s.id, quote: text.slice(s.start, s.end) }));
	});
	return new Map(spans.map((s) => [s.quote, s.id]));
}

async function showRelations(page: Page, links: readonly Link[], options: { mode?: 'all' | 'selected' | 'none' } = {}): Promise<void> {
	const ids = await spanIds(page);
	const id = (quote: string) => {
		const found = ids.get(quote);
		if (!found) throw new Error(`no span "${quote}" in the fixture`);
		return found;
	};
	const relations = links.map((l, i) => ({ id: `r-${i + 1}`, articleId: 'relations-harbour', label: l.label, head: id(l.head), tail: id(l.tail), annotator: 'annotator', createdAt: 1, updatedAt: 1 }));
	await page.evaluate(
		({ relations, mode }) => window.spanwiseRelationTest!.set(relations, { mode, colors: { source: '#1f6feb', quantity: '#b35900', 'refers-to': '#8e44ad' }, symmetric: [] }),
		{ relations, mode: options.mode ?? 'all' }
	);
}

const LINKS: readonly Link[] = [
	{ label: 'source', head: 'the new ferry terminal would open in March 2027, two years later than first planned', tail: 'The harbour council' },
	{ label: 'quantity', head: 'the new ferry terminal would open in March 2027, two years later than first planned', tail: 'March 2027' },
	{ label: 'source', head: 'about 1,400 passengers a day would use the terminal in its first year', tail: 'the port authority' },
	{ label: 'quantity', head: 'about 1,400 passengers a day would use the terminal in its first year', tail: 'about 1,400 passengers a day' },
	{ label: 'source', head: 'the delay would cost the town as much as $12 million', tail: 'the mayor' },
	{ label: 'quantity', head: 'the delay would cost the town as much as $12 million', tail: 'as much as $12 million' },
	{ label: 'source', head: 'the figures were “wishful thinking”', tail: "A spokesperson for the residents' group" },
	// Several screens apart: the claim at the end refers back to the claim at the top.
	{ label: 'refers-to', head: 'the channel would be dredged before the terminal opened', tail: 'the new ferry terminal would open in March 2027, two years later than first planned' }
];

/** The buttons the overlay draws (chips, end markers, "+n" counts), with their boxes on screen. */
async function overlayButtons(page: Page) {
	return page.evaluate(() =>
		[...document.querySelectorAll('.sw-arcs [role="button"]')].map((el) => {
			const r = el.getBoundingClientRect();
			return { name: el.getAttribute('aria-label') ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
		})
	);
}

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('spanwise:test-relations', '1'));
	await page.setViewportSize({ width: 1280, height: 800 });
	await openLibrary(page);
	await importThroughChooser(page, ['relations-harbour.jsonl']);
	await openArticle(page, 'Harbour ferry terminal (relations)');
});

test('draws each link with its type’s chip, none overlapping, named for screen readers', async ({ page }) => {
	await showRelations(page, LINKS);
	const overlay = page.locator('svg.sw-arcs');
	await expect(overlay.getByRole('button', { name: 'source: “the delay would cost the town as…” → “the mayor”' })).toBeVisible();
	await expect(overlay.getByRole('button', { name: /^quantity: “about 1,400 passengers a day…” → “about 1,400 passengers a day”$/ })).toBeVisible();
	await expect(overlay.getByRole('button', { name: 'source: “the figures were “wishful…” → “A spokesperson for the…”' })).toBeVisible();
	const buttons = await overlayButtons(page);
	expect(buttons.length).toBeGreaterThanOrEqual(7);
	for (let i = 0; i < buttons.length; i++) {
		for (let j = 0; j < i; j++) {
			const [a, b] = [buttons[i], buttons[j]];
			const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
			expect(overlap, `"${a.name}" overlaps "${b.name}"`).toBe(false);
		}
	}
	// Chips pass pointer events; the layer itself does not (the text under it stays selectable).
	expect(await overlay.evaluate((svg) => getComputedStyle(svg).pointerEvents)).toBe('none');
});

test('a link whose other end is screens away ends in a marker that jumps there, and back', async ({ page }) => {
	await showRelations(page, LINKS);
	const down = page.getByRole('button', { name: /^refers-to ← “the channel would be dredged…”, below: go there$/ });
	await expect(down).toBeVisible();
	// Whether the far claim's first characters are on screen, in the article region.
	const inView = () =>
		page.evaluate(() => {
			const quote = 'the channel would be dredged';
			const line = [...document.querySelectorAll('.sw-line')].find((p) => p.textContent?.includes(quote));
			const text = line?.firstChild;
			if (!text) return false;
			const range = document.createRange();
			const at = text.textContent!.indexOf(quote);
			range.setStart(text, at);
			range.setEnd(text, at + quote.length);
			const r = range.getClientRects()[0];
			const view = document.querySelector('.article-region')!.getBoundingClientRect();
			return !!r && r.top >= view.top && r.bottom <= view.bottom;
		});
	expect(await inView()).toBe(false);
	await down.click();
	await expect.poll(inView).toBe(true);
	await expect.poll(() => page.evaluate(() => window.spanwiseRelationTest!.events.filter((e) => e.startsWith('jump ')).length)).toBe(1);
	// From down there, the same link points back up to the claim at the top.
	await expect(page.getByRole('button', { name: /^refers-to → “the new ferry terminal would…”, above: go there$/ })).toBeVisible();
});

test('clicking a chip (or Enter on it) selects its relation, drawn distinctly', async ({ page }) => {
	await showRelations(page, LINKS);
	const chip = page.getByRole('button', { name: 'source: “the delay would cost the town as…” → “the mayor”' });
	await expect(chip).not.toHaveAttribute('aria-pressed', 'true');
	await chip.click();
	await expect(chip).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('.sw-arc.is-selected')).toHaveCount(1);
	const other = page.getByRole('button', { name: /^source: “the figures were/ });
	await other.focus();
	await page.keyboard.press('Enter');
	await expect(other).toHaveAttribute('aria-pressed', 'true');
	await expect(chip).not.toHaveAttribute('aria-pressed', 'true');
});

test('the link being made is previewed, dashed and not operable, even with relations hidden', async ({ page }) => {
	await showRelations(page, LINKS, { mode: 'none' });
	const ids = await spanIds(page);
	await page.evaluate(
		({ head, tail }) => window.spanwiseRelationTest!.set([], { preview: { head, tail, label: '' } }),
		{ head: ids.get('the figures were “wishful thinking”')!, tail: ids.get('the mayor')! }
	);
	const preview = page.locator('.sw-arcs .sw-arc.is-preview');
	await expect(preview).toHaveCount(1);
	await expect(preview).toHaveAttribute('aria-hidden', 'true');
	await expect(preview.locator('text')).toHaveText('link');
	await expect(page.locator('.sw-arcs [role="button"]')).toHaveCount(0);
});

test('with relations hidden, spans with links carry a badge counting them', async ({ page }) => {
	await showRelations(page, LINKS, { mode: 'none' });
	await expect(page.locator('.sw-arcs [role="img"][aria-label="3 links"]')).toHaveCount(1);
	await expect(page.locator('.sw-arcs .sw-arc')).toHaveCount(0);
	await expect(page.locator('.sw-arcs [role="button"]')).toHaveCount(0);
});

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

for (const colorScheme of ['light', 'dark'] as const) {
	test(`the article with its links drawn, one selected, has no axe violations (${colorScheme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme });
		await showRelations(page, LINKS);
		await page.getByRole('button', { name: 'source: “the delay would cost the town as…” → “the mayor”' }).click();
		await expect(page.locator('.sw-arc.is-selected')).toHaveCount(1);
		// Through the DevTools protocol, which the app's CSP does not cover (as accessibility.spec.ts does).
		await page.evaluate(AXE_SOURCE);
		const violations = await page.evaluate(async () => {
			const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
			return (await axe.run(document)).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
		});
		expect(violations).toEqual([]);
	});
}
