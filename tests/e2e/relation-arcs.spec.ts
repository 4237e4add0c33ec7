import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { importThroughChooser, openArticle, openLibrary } from './helpers';

/**
 * Drawing relations over the article (issue 13, "Drawing"), on a fixture whose eight links (three
 * types: `source` is a default, `quantity` and `refers-to` come in with the import) are stored like
 * any others: three claims each with a source and a quantity, a claim with its source, and a claim at
 * the end that refers back to the first, several screens up.
 */

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
	await page.setViewportSize({ width: 1280, height: 800 });
	await openLibrary(page);
	await importThroughChooser(page, ['relations-harbour.jsonl']);
	await openArticle(page, 'Harbour ferry terminal (relations)');
	await expect(page.locator('.sw-arcs [role="button"]').first()).toBeVisible();
});

const linksShown = (page: Page) => page.getByLabel('Links shown');

test('draws each link with its type’s chip, none overlapping, named for screen readers', async ({ page }) => {
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
	// From down there, the same link points back up to the claim at the top.
	await expect(page.getByRole('button', { name: /^refers-to → “the new ferry terminal would…”, above: go there$/ })).toBeVisible();
});

test('clicking a chip (or Enter on it) selects its relation, drawn distinctly', async ({ page }) => {
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
	await linksShown(page).selectOption({ label: 'No relations (counts only)' });
	await expect(page.locator('.sw-arcs [role="button"]')).toHaveCount(0);
	// r on the dredging claim (it has no source yet), and ] walks to the nearest span a link may end at.
	await page.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: 'the channel would be dredged before the terminal opened', exact: true }).click();
	await page.keyboard.press('r');
	await page.keyboard.press(']');
	const preview = page.locator('.sw-arcs .sw-arc.is-preview');
	await expect(preview).toHaveCount(1);
	await expect(preview).toHaveAttribute('aria-hidden', 'true');
	await expect(preview.locator('text')).toHaveText('link');
	await expect(page.locator('.sw-arcs [role="button"]')).toHaveCount(0);
	await page.keyboard.press('Escape');
	await expect(preview).toHaveCount(0);
});

test('with relations hidden, spans with links carry a badge counting them', async ({ page }) => {
	await linksShown(page).selectOption({ label: 'No relations (counts only)' });
	await expect(page.locator('.sw-arcs [role="img"][aria-label="3 links"]')).toHaveCount(1);
	await expect(page.locator('.sw-arcs .sw-arc')).toHaveCount(0);
	await expect(page.locator('.sw-arcs [role="button"]')).toHaveCount(0);
});

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

for (const colorScheme of ['light', 'dark'] as const) {
	test(`the article with its links drawn, one selected, has no axe violations (${colorScheme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme });
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
