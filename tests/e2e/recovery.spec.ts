import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';

test('a database this version cannot upgrade shows a recovery screen with a raw copy, and its records stay as they were', async ({ page }) => {
	// A database left by some other Spanwise whose articles are keyed differently: upgrading it would
	// mean changing a primary key, which cannot be done in place.
	await page.goto('/favicon.svg');
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('spanwise', 5000);
				request.onupgradeneeded = () => {
					const db = request.result;
					db.createObjectStore('articles', { keyPath: 'uuid' }).add({ uuid: 'a-future', title: 'From elsewhere' });
					db.createObjectStore('texts', { keyPath: 'id' }).add({ id: 'a-future', text: 'Written by a newer version.' });
				};
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
				request.onerror = () => reject(request.error);
			})
	);
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Spanwise cannot open its storage' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('Nothing has been deleted');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download a raw copy of your data' }).click();
	const download = await downloading;
	const raw = JSON.parse(await readFile((await download.path())!, 'utf8'));
	// Every record is there as it was (the attempt may have added empty tables, never changed data).
	expect(raw.database).toBe('spanwise');
	expect(raw.version).toBeGreaterThanOrEqual(5000);
	expect(raw.stores.articles).toEqual([{ uuid: 'a-future', title: 'From elsewhere' }]);
	expect(raw.stores.texts).toEqual([{ id: 'a-future', text: 'Written by a newer version.' }]);
	for (const [name, rows] of Object.entries(raw.stores as Record<string, unknown[]>)) if (!['articles', 'texts'].includes(name)) expect(rows).toEqual([]);
});

test('an older tab holding the database open: this tab says what to do, and goes on once it lets go', async ({ page, context }) => {
	// The older tab: a connection at an older version that does not close when asked.
	const old = await context.newPage();
	await old.goto('/favicon.svg');
	await old.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('spanwise', 1);
				request.onupgradeneeded = () => request.result.createObjectStore('texts', { keyPath: 'id' });
				request.onsuccess = () => {
					(window as unknown as { __db: IDBDatabase }).__db = request.result;
					resolve();
				};
				request.onerror = () => reject(request.error);
			})
	);
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Spanwise is waiting for another tab' })).toBeVisible();
	await old.evaluate(() => (window as unknown as { __db: IDBDatabase }).__db.close());
	await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
});
