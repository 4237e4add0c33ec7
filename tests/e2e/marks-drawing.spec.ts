import { expect, test } from '@playwright/test';
import { importThroughChooser, openArticle, openLibrary } from './helpers';

// Spans are drawn as boxes in each block's marks layer, placed again when the block's size changes.
// Once drawn, a block that does not change is left alone: no frame after frame of redrawing. (A block
// whose height ended in half a pixel was compared with its rounded height, and redrawn every frame.)
test('a drawn block of a fractional height is drawn once, not again every frame', async ({ page }) => {
	await openLibrary(page);
	await importThroughChooser(page, ['relations-article.jsonl']);
	await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
	await openArticle(page, 'Ryder on aid');
	await expect.poll(() => page.locator('.sw-marks .sw-mark').count()).toBeGreaterThan(0);

	// Give the block a height of a whole number and a half (a roomy line height does that), and padding.
	await page.addStyleTag({ content: '.ProseMirror .sw-block { block-size: 300.5px !important; padding-block-end: 3.25px; overflow: hidden; }' });
	await expect.poll(() => page.evaluate(() => (document.querySelector('.ProseMirror .sw-block') as HTMLElement).getBoundingClientRect().height)).toBeGreaterThan(300);
	// Its marks are placed again for the new size: then nothing more changes.
	await expect.poll(() => page.locator('.sw-marks .sw-mark').count()).toBeGreaterThan(0);
	const changes = await page.evaluate(
		() =>
			new Promise<{ changes: number; frames: number }>((resolve) => {
				let changes = 0;
				const observer = new MutationObserver((records) => void (changes += records.length));
				let frames = 0;
				const step = () => {
					frames++;
					if (frames === 10) for (const layer of document.querySelectorAll('.sw-marks')) observer.observe(layer, { childList: true });
					if (frames === 40) {
						observer.disconnect();
						return resolve({ changes, frames: frames - 10 });
					}
					requestAnimationFrame(step);
				};
				requestAnimationFrame(step);
			})
	);
	expect(changes).toEqual({ changes: 0, frames: 30 });
	await expect(page.locator('.sw-marks .sw-mark').first()).toBeVisible();
});
