/**
 * axe-core on every page, in the light and the dark theme: the library with articles, an article
 * with spans, a selected span and the shortcut list open, a review of two annotators with settled
 * candidates, and the settings. Each page must have no violations at all; a failure lists them.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { importThroughChooser, openLibrary } from './helpers';
import { DEFAULT_LABELS } from '../../src/lib/core/labels/defaults';
import { labelMarkStyle } from '../../src/lib/core/theme/highlight-style';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is now and fails with every violation (rule, help, elements). */
async function expectNoViolations(page: Page, where: string): Promise<void> {
	// Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not cover,
	// so the app's own policy stays on during the test.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
		const result = await axe.run(document);
		return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
	});
	const report = violations
		.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`)
		.join('\n');
	expect(violations, `axe violations on ${where}:\n${report}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`${colorScheme} theme`, () => {
		test.beforeEach(async ({ page }) => {
			await page.emulateMedia({ colorScheme });
		});

		test(`the library with articles has no axe violations (${colorScheme})`, async ({ page }) => {
			await openLibrary(page);
			await expect(page.getByRole('link', { name: /Harbour council approves/ })).toBeVisible();
			await expectNoViolations(page, `the library (${colorScheme})`);
		});

		test(`an article with spans, a selected span and the shortcut list has no axe violations (${colorScheme})`, async ({ page }) => {
			await openLibrary(page);
			await page.getByRole('link', { name: /Harbour council approves/ }).click();
			const region = page.getByRole('region', { name: 'Article' });
			await expect(region.locator('.ProseMirror')).toBeVisible();
			await expectNoViolations(page, `the article (${colorScheme})`);
			// Select a span from the list; its label chip shows over the text.
			await page.locator('.span-item').first().click();
			await expect(page.locator('.span-item.selected')).toHaveCount(1);
			await expectNoViolations(page, `the article with a selected span (${colorScheme})`);
			await page.getByRole('button', { name: '?' }).or(page.getByRole('button', { name: /shortcuts/i })).first().click();
			await expect(page.getByRole('dialog')).toBeVisible();
			await expectNoViolations(page, `the article with the shortcut list open (${colorScheme})`);
		});

		test(`a review of two annotators with settled candidates has no axe violations (${colorScheme})`, async ({ page }) => {
			await openLibrary(page);
			await importThroughChooser(page, ['review-maria.jsonl', 'review-jon.jsonl']);
			await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
			await page.getByRole('link', { name: 'Review', exact: true }).click();
			await expect(page.getByRole('heading', { name: 'Review session' })).toBeVisible();
			await expectNoViolations(page, `the review list (${colorScheme})`);
			await page.getByRole('link', { name: 'Port council backs barrier' }).click();
			const candidates = page.getByRole('complementary', { name: 'Candidates' });
			await expect(candidates.locator('.candidate')).not.toHaveCount(0);
			// Settle some: accept the first candidate, reject the last.
			await candidates.getByRole('button', { name: /^Accept / }).first().click();
			await candidates.getByRole('button', { name: /^Reject / }).last().click();
			await expect(candidates.locator('.candidate.settled')).not.toHaveCount(0);
			await expectNoViolations(page, `the review of an article with settled candidates (${colorScheme})`);
		});

		test(`the settings have no axe violations (${colorScheme})`, async ({ page }) => {
			await openLibrary(page);
			await page.getByRole('link', { name: 'Settings' }).click();
			await expect(page.getByRole('heading', { name: 'Appearance' })).toBeVisible();
			await expectNoViolations(page, `the settings (${colorScheme})`);
		});
	});
}

test('the theme switch in Settings overrides the system, persists across a reload, and can follow the system again', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await openLibrary(page);
	const canvas = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	const light = await canvas();
	await page.getByRole('link', { name: 'Settings' }).click();
	const theme = page.getByRole('group', { name: 'Theme' });
	await expect(theme.getByRole('radio', { name: 'Same as the system' })).toBeChecked();

	await theme.getByRole('radio', { name: 'Dark' }).check();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect.poll(canvas).not.toBe(light);
	const dark = await canvas();
	await page.reload();
	await expect(page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' })).toBeChecked();
	expect(await canvas()).toBe(dark);

	// Light, chosen, wins over a dark system.
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await expect.poll(canvas).toBe(light);

	// Back to the system, which is dark now.
	await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Same as the system' }).check();
	await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
	await expect.poll(canvas).toBe(dark);

	// Spans in the article take the dark highlight styles of core/theme, and the light ones once light is chosen.
	await page.getByRole('link', { name: 'Library' }).click();
	await page.getByRole('link', { name: /Harbour council approves/ }).click();
	await expect(page.getByRole('region', { name: 'Article' }).locator('.ProseMirror')).toBeVisible();
	const actorHighlight = () =>
		page.evaluate(() => getComputedStyle(document.querySelector('.ProseMirror .sw-marks .sw-mark.sw-label-0')!).backgroundColor);
	const actor = DEFAULT_LABELS.find((label) => label.name === 'actor')!;
	await expect.poll(actorHighlight).toBe(labelMarkStyle(actor.color, 'dark').background);
	await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
	await expect.poll(actorHighlight).toBe(labelMarkStyle(actor.color, 'light').background);
});
