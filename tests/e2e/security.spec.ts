import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { APP_ORIGIN, fixture, openLibrary } from './helpers';

/** Collects dialogs, requests beyond the app's origin, and page errors for a whole session. */
function watch(page: Page) {
	const seen = { dialogs: [] as string[], foreign: [] as string[], inFlight: new Set<string>() };
	page.on('dialog', (d) => {
		seen.dialogs.push(d.message());
		void d.dismiss();
	});
	page.on('request', (r) => {
		const url = r.url();
		if (!url.startsWith(`${APP_ORIGIN}/`) && !url.startsWith(`blob:${APP_ORIGIN}/`) && !url.startsWith('data:')) seen.foreign.push(url);
		// The app's own code (its chunks and workers) is not what hostile markup could start, and a worker
		// that is ended while its script loads reports neither finished nor failed (seen once in CI).
		if (!url.startsWith(`${APP_ORIGIN}/_app/immutable/`)) seen.inFlight.add(url);
	});
	page.on('requestfinished', (r) => seen.inFlight.delete(r.url()));
	page.on('requestfailed', (r) => seen.inFlight.delete(r.url()));
	return seen;
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

test('payloads in every field of an imported file are shown as text: nothing runs, nothing is fetched', async ({ page }) => {
	const seen = watch(page);
	await openLibrary(page);
	// The file name itself is a payload too.
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles({ name: '"><img src=x onerror="window.__pwned=9">.jsonl', mimeType: 'application/x-ndjson', buffer: readFileSync(fixture('hostile.jsonl')) });
	await expect(page.getByRole('status').filter({ hasText: /^Imported 1 article/ })).toBeVisible();
	const link = page.getByRole('link', { name: /<\/script>/ });
	await expect(link).toHaveText('"><script>window.__pwned=2</script>\u202Eevil\u202C title');
	// The title is isolated, so its right-to-left override cannot reorder the rest of the row.
	expect(await link.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
	await expect(page.getByRole('row', { name: /script/ })).toContainText('onerror');

	await link.click();
	await expect(page.locator('.ProseMirror')).toContainText('<img src=x onerror="window.__pwned=1">');
	await expect(page.locator('.layer-line')).toContainText('<img src=x onerror="window.__pwned=1">');

	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('form', { name: 'Label <svg onload="window.__pwned=4"></svg>' })).toBeVisible();

	await page.getByRole('link', { name: 'Review', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Review session' })).toBeVisible();
	await page.getByRole('link', { name: /<\/script>/ }).click();
	await expect(page.getByRole('complementary', { name: 'Candidates' })).toContainText('<svg onload');

	// Anything the hostile markup could have started has run: no request is in flight (an image's
	// onerror fires when its load fails) and the page's task queue has drained to an idle period.
	// (Counted here rather than with Playwright's 'networkidle', which belongs to the first page load
	// and timed out under load in CI after the app's client-side navigations.)
	await expect.poll(() => [...seen.inFlight], { message: 'requests still in flight' }).toEqual([]);
	await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
	expect(await pwned(page)).toBeUndefined();
	expect(await page.locator('img, svg[onload], script:not([src])').evaluateAll((els) => els.filter((e) => e.closest('main')).length)).toBe(0);
	expect(seen.dialogs).toEqual([]);
	expect(seen.foreign).toEqual([]);
});

test('the page has a Content-Security-Policy without inline scripts or eval', async ({ page }) => {
	await openLibrary(page);
	const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(csp).toContain("script-src 'self'");
	expect(csp).not.toContain('unsafe-eval');
	expect(csp?.match(/script-src[^;]*/)?.[0]).not.toContain('unsafe-inline');
	expect(csp).toContain("connect-src 'self'");
});
