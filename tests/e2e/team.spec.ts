import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dragSelect, expectSaved, fixture, openArticle } from './helpers';
import { freePort, serve } from '../support/team-server';

/**
 * The team server end to end: `spanwise serve` on its embedded PostgreSQL, administered with `spanwise
 * team` (sent to the running server), and browsers that join by link, each with its own IndexedDB:
 * an annotator who tags online and offline, and a reviewer who sees that work arrive live.
 */

const CLI = fixture('../../src/cli/bin.mjs');
let server: ChildProcess;
let dataDir: string;
let base: string;

const team = (...args: string[]) => execFileSync('node', [CLI, 'team', ...args, '--data', dataDir], { encoding: 'utf8' }).trim();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	// An embedded PostgreSQL starting, then four commands each starting Node: slow on a busy 2-core machine.
	test.setTimeout(120_000);
	dataDir = mkdtempSync(join(tmpdir(), 'spanwise-team-'));
	const port = await freePort();
	server = await serve(CLI, port, ['--data', dataDir]);
	base = `http://127.0.0.1:${port}`;
	expect(team('import', fixture('team-corpus.jsonl'))).toMatch(/^Imported 2 articles into default/);
	team('invite', 'ana', '--role', 'annotator');
	team('invite', 'rev', '--role', 'reviewer');
	expect(team('assign', '--per-article', '1')).toBe('Assigned 2 article slots (ana 2).');
});

test.afterAll(() => {
	server?.kill('SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
});

/** A new browser (its own storage) signed in through a fresh join link for `name`. */
async function joinAs(browser: Browser, name: string, role: string): Promise<Page> {
	const link = team('invite', name, '--role', role, '--url', base);
	expect(link).toMatch(new RegExp(`^${base}/api/join/`));
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
	return page;
}

const status = (page: Page) => page.getByRole('status', { name: 'Sync status' });

test('an annotator joins by link, tags online and offline, and the reviewer sees the work arrive', async ({ browser }) => {
	const ana = await joinAs(browser, 'ana', 'annotator');
	await expect(status(ana)).toHaveText('Synced');
	await expect(ana.locator('.header-status .project')).toHaveText('default');
	await expect(ana.locator('.header-status .who')).toHaveText('ana');
	await expect(ana.getByRole('link', { name: 'Aid vote delayed', exact: true })).toBeVisible();
	await openArticle(ana, 'Aid vote delayed');
	await expect(ana.locator('.ProseMirror')).toContainText('Senate leaders');
	await dragSelect(ana, 'Senate leaders');
	await ana.keyboard.press('1');
	await expectSaved(ana);
	await expect(status(ana)).toHaveText('Synced');

	// Offline: the edit is saved here and waits; back online, it goes.
	await ana.context().setOffline(true);
	await dragSelect(ana, 'White House');
	await ana.keyboard.press('1');
	await expectSaved(ana);
	await expect(status(ana)).toHaveText('Offline — 1 change waiting');
	await ana.context().setOffline(false);
	await expect(status(ana)).toHaveText('Synced', { timeout: 20_000 });

	// The reviewer's browser pulls every layer: ana's two spans are there.
	const rev = await joinAs(browser, 'rev', 'reviewer');
	await expect(status(rev)).toHaveText('Synced');
	await openArticle(rev, 'Aid vote delayed');
	await expect(rev.locator('.layer-line')).toContainText('ana (2)');

	// Live: ana tags once more, and the reviewer's open article follows.
	await dragSelect(ana, 'aid vote');
	await ana.keyboard.press('2');
	await expect(status(ana)).toHaveText('Synced');
	await expect(rev.locator('.layer-line')).toContainText('ana (3)', { timeout: 10_000 });
});

test('the same annotator in two browsers: a change made offline on an older version is refused, and that browser takes the server’s', async ({ browser }) => {
	const first = await joinAs(browser, 'ana', 'annotator');
	const second = await joinAs(browser, 'ana', 'annotator');
	for (const page of [first, second]) {
		await expect(status(page)).toHaveText('Synced');
		await openArticle(page, 'Port strike ends');
		await expect(page.locator('.ProseMirror')).toContainText('dockworkers');
	}
	await second.context().setOffline(true);
	await dragSelect(second, 'the port');
	await second.keyboard.press('1');
	await expect(status(second)).toHaveText('Offline — 1 change waiting');
	// Meanwhile the first browser changes the same layer.
	await dragSelect(first, '4 percent');
	await first.keyboard.press('3');
	// "Synced" may still be the status from before the push: wait until the server has the figure.
	await expect
		.poll(() =>
			first.evaluate(async () => {
				const id = new URL(location.href).searchParams.get('id') ?? '';
				const view = await (await fetch(`/api/articles/${encodeURIComponent(id)}`)).json();
				return (view.layers ?? []).flatMap((l: { spans: { label: string }[] }) => l.spans.map((s) => s.label));
			})
		)
		.toContain('figure');
	await expect(status(first)).toHaveText('Synced');
	await second.context().setOffline(false);
	await expect(second.getByRole('alert').filter({ hasText: 'was not kept: the team server had a newer version' })).toBeVisible({ timeout: 20_000 });
	await expect(status(second)).toHaveText('Synced');
	// The second browser now holds the server's version: the figure, not its own actor.
	await second.reload();
	await expect(second.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: '4 percent', exact: true })).toBeVisible();
	await expect(second.getByRole('complementary', { name: 'Spans' }).getByRole('button', { name: 'the port', exact: true })).toHaveCount(0);
});

test('two annotators work offline and converge; a reviewer settles gold while they keep working', async ({ browser }) => {
	team('invite', 'ben', '--role', 'annotator');
	expect(team('assign', '--per-article', '2')).toBe('Assigned 2 article slots (ben 2).');
	const ana = await joinAs(browser, 'ana', 'annotator');
	const ben = await joinAs(browser, 'ben', 'annotator');
	for (const page of [ana, ben]) {
		await expect(status(page)).toHaveText('Synced');
		await openArticle(page, 'Aid vote delayed');
		await expect(page.locator('.ProseMirror')).toContainText('Senate leaders');
		await page.context().setOffline(true);
	}
	await dragSelect(ana, 'March');
	await ana.keyboard.press('3');
	await dragSelect(ben, 'Senate leaders');
	await ben.keyboard.press('1');
	await dragSelect(ben, 'March');
	await ben.keyboard.press('3');
	await expect(status(ben)).toHaveText('Offline — 2 changes waiting');
	for (const page of [ana, ben]) await page.context().setOffline(false);
	for (const page of [ana, ben]) await expect(status(page)).toHaveText('Synced', { timeout: 20_000 });

	// The reviewer sees both layers and settles what they agree on into gold.
	const rev = await joinAs(browser, 'rev', 'reviewer');
	await expect(status(rev)).toHaveText('Synced');
	await rev.getByRole('link', { name: 'Review', exact: true }).click();
	// The library lists the same title: wait for the review session's list before clicking it.
	await expect(rev.getByRole('heading', { name: 'Review session' })).toBeVisible();
	await rev.getByRole('link', { name: 'Aid vote delayed' }).click();
	const progress = rev.getByRole('status', { name: 'Review progress' });
	await expect(progress).toContainText('candidates settled');
	await rev.keyboard.press('Shift+A');
	await expect(rev.locator('.editor-message')).toContainText('Accepted 2 unanimous candidates');
	await expect(status(rev)).toHaveText('Synced');
	// ana keeps working; the reviewer's candidates follow.
	const before = await progress.textContent();
	await dragSelect(ana, 'delays');
	await ana.keyboard.press('3');
	await expect(status(ana)).toHaveText('Synced');
	await expect(progress).not.toHaveText(before ?? '', { timeout: 10_000 });
	// The review session's list follows the annotators' work as it arrives.
	await rev.getByRole('link', { name: '← Review session' }).click();
	const row = rev.getByRole('row', { name: /Aid vote delayed/ });
	const counts = await row.textContent();
	// A span nobody had yet (a claim where ana has an actor): one more candidate, in conflict.
	await dragSelect(ben, 'White House');
	await ben.keyboard.press('2');
	await expect(status(ben)).toHaveText('Synced');
	await expect(row).not.toHaveText(counts ?? '', { timeout: 10_000 });
	// Gold is on the server.
	const gold = team('export', '--layer', 'gold');
	const record = JSON.parse(gold.split('\n').find((line) => line.includes('Aid vote delayed'))!);
	expect(record.spans.map((s: { label: string; text: string; annotator: string }) => [s.label, s.text, s.annotator])).toEqual([
		['actor', 'Senate leaders', 'gold'],
		['figure', 'March', 'gold']
	]);
});

test('offline work survives closing the tab: the next visit pushes it', async ({ browser }) => {
	const ana = await joinAs(browser, 'ana', 'annotator');
	await expect(status(ana)).toHaveText('Synced');
	await openArticle(ana, 'Port strike ends');
	await expect(ana.locator('.ProseMirror')).toContainText('dockworkers');
	await ana.context().setOffline(true);
	await dragSelect(ana, 'strike');
	await ana.keyboard.press('2');
	await expectSaved(ana);
	await expect(status(ana)).toHaveText('Offline — 1 change waiting');
	const context = ana.context();
	await ana.close();
	await context.setOffline(false);
	const again = await context.newPage();
	await again.goto(base);
	await expect(status(again)).toHaveText('Synced', { timeout: 20_000 });
	const record = JSON.parse(team('export', '--layer', 'ana').split('\n').find((line) => line.includes('Port strike ends'))!);
	expect(record.spans.map((s: { text: string }) => s.text)).toContain('strike');
});

test('an admin adds articles to the project from the app; they reach the server, not just this browser', async ({ browser }) => {
	const ada = await joinAs(browser, 'ada', 'admin');
	await expect(status(ada)).toHaveText('Synced');
	const chooser = ada.waitForEvent('filechooser');
	await ada.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles(fixture('review-links-lena.jsonl'));
	await expect(ada.getByRole('status').filter({ hasText: 'Added 1 article to the project (6 spans, 2 relations); 0 already there.' })).toBeVisible();
	await expect(ada.getByRole('link', { name: 'Aid and its critics', exact: true })).toBeVisible();
	expect(team('export', '--layer', 'lena')).toContain('"title":"Aid and its critics"');

	// The admin's labels become the project's: an annotator's open article gets the new one live.
	const ana = await joinAs(browser, 'ana', 'annotator');
	await openArticle(ana, 'Port strike ends');
	const labels = ana.getByRole('toolbar', { name: 'Labels' });
	await expect(labels.getByRole('button', { name: 'place' })).toHaveCount(0);
	await ada.getByRole('link', { name: 'Settings', exact: true }).click();
	await expect(ada.getByRole('note').filter({ hasText: 'You are an admin of the team project' })).toBeVisible();
	await ada.getByRole('textbox', { name: 'New label', exact: true }).fill('place');
	await ada.getByRole('button', { name: 'Add label' }).click();
	await expect(labels.getByRole('button', { name: 'place' })).toHaveCount(1, { timeout: 10_000 });
});

test('the server refuses a browser without a session; a revoked annotator is signed out', async ({ browser }) => {
	const page = await (await browser.newContext()).newPage();
	const res = await page.request.get(`${base}/api/me`);
	expect(res.status()).toBe(401);
	const cem = await joinAs(browser, 'cem', 'annotator');
	await expect(status(cem)).toHaveText('Synced');
	expect(team('revoke', 'cem')).toMatch(/^Revoked cem: 1 session ended/);
	await cem.reload();
	await expect(status(cem)).toContainText('signed out of the team server');
});
