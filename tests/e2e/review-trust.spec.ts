import { expect, test, type Page } from '@playwright/test';
import { dragSelect, importThroughChooser, openLibrary } from './helpers';

// Two annotators' exports of one article that both started from one pre-annotated file: the same
// span ids (pre-1 … pre-14), each with their own annotator and some other labels and boundaries.
const SHARED = ['shared-ids-maria.jsonl', 'shared-ids-jon.jsonl'];
const TITLE = 'Harbour levy divides the council';

async function importShared(page: Page) {
	await openLibrary(page);
	await importThroughChooser(page, SHARED);
	const summary = page.getByRole('status').filter({ hasText: 'Imported 1 article' });
	await expect(summary).toBeVisible();
	return summary;
}

async function openReview(page: Page) {
	await page.getByRole('link', { name: 'Review', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Review session' })).toBeVisible();
	await page.getByRole('link', { name: TITLE }).click();
	await expect(progress(page)).toHaveText('0 of 20 candidates settled · 0 of 10 conflicts');
}

const progress = (page: Page) => page.getByRole('status', { name: 'Review progress' });
const candidates = (page: Page) => page.getByRole('complementary', { name: 'Candidates' });
const current = (page: Page) => candidates(page).locator('.candidate.current');
/** The candidate row of `label` over exactly `quote` (its quote line is the whole text). */
const row = (page: Page, label: string, quote: string) =>
	candidates(page).locator('.candidate').filter({ has: page.locator('.quote', { hasText: new RegExp(`^${quote.replace(/[$.*+?()[\]{}|\\^]/g, '\\$&')}$`) }) }).filter({ hasText: label });

test("a teammate's export whose span ids collide comes in whole: the summary names the renewed ids, both layers are complete", async ({ page }) => {
	const summary = await importShared(page);
	await expect(summary).toContainText('renewed 14 span ids already used by stored spans of other content');
	await expect(summary).toContainText('(28 new spans, 0 already there)');
	await expect(summary.getByRole('listitem').first()).toContainText(`Renewed span id — ${TITLE}: pre-1 → s-`);
	await expect(summary).toContainText('…and 4 more renewed span ids');

	await page.getByRole('link', { name: 'Review', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Review session' })).toBeVisible();
	await page.getByRole('link', { name: TITLE }).click();
	const layers = page.getByRole('group', { name: 'Layers' });
	await expect(layers).toContainText('jon (14)');
	await expect(layers).toContainText('maria (14)');
	await expect(progress(page)).toHaveText('0 of 20 candidates settled · 0 of 10 conflicts');
	// Jon's own boundaries and labels are there, next to maria's.
	await expect(row(page, 'actor', 'Lee Chan')).toContainText('jon · conflict');
	await expect(row(page, 'actor', 'Harbourmaster Lee Chan')).toContainText('maria · conflict');
	await expect(row(page, 'figure', 'May')).toContainText('jon · some');
	await expect(row(page, 'actor', 'Mayor Ada Brennan')).toContainText('jon, maria · all agree');

	// The same export again: every span is already there (same id and content), no id renewed.
	await page.getByRole('link', { name: 'Library' }).click();
	await importThroughChooser(page, [SHARED[1]]);
	await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Import 1 valid record' }).click();
	const again = page.getByRole('status').filter({ hasText: 'Imported 0 articles' });
	await expect(again).toContainText('merged 1 already in the library (0 new spans, 14 already there)');
	await expect(again).not.toContainText('renewed');
});

test('accepting one side settles the conflict, one undo restores it, and the cursor works through a conflict first', async ({ page }) => {
	await importShared(page);
	await openReview(page);
	const mariaClaim = row(page, 'claim', 'Mayor Ada Brennan said the levy would raise $4.2 million a year');
	const jonClaim = row(page, 'claim', 'the levy would raise $4.2 million a year');
	await expect(mariaClaim).toHaveClass(/current/);

	await page.keyboard.press('a');
	await expect(progress(page)).toHaveText('2 of 20 candidates settled · 2 of 10 conflicts');
	await expect(mariaClaim).toContainText('accepted');
	await expect(jonClaim).toHaveClass(/rejected/);
	await expect(page.getByRole('status').filter({ hasText: 'the other side of its conflict is rejected (1)' })).toBeVisible();
	// Next: the unanimous actor, shown as such, waiting for its own decision.
	await expect(current(page)).toContainText('Mayor Ada Brennan');
	await expect(current(page)).toContainText('Every annotator proposed this');

	// One undo step takes back both sides.
	await page.keyboard.press('Control+z');
	await expect(progress(page)).toHaveText('0 of 20 candidates settled · 0 of 10 conflicts');
	await expect(jonClaim).toHaveClass(/open/);
	await expect(mariaClaim).toHaveClass(/current/);
	await expect(mariaClaim).not.toContainText('accepted');
	await page.keyboard.press('Control+Shift+z');
	await expect(progress(page)).toHaveText('2 of 20 candidates settled · 2 of 10 conflicts');

	// Rejecting the second side of a conflict goes back to its first side before moving on.
	await row(page, 'actor', "fishers' association").getByRole('button').first().click();
	await expect(current(page)).toContainText("fishers' association");
	await page.keyboard.press('x');
	await expect(current(page)).toContainText("The fishers' association");
	await page.keyboard.press('a');
	await expect(progress(page)).toHaveText('4 of 20 candidates settled · 4 of 10 conflicts');
	// That conflict is settled: on to the next one in text order.
	await expect(current(page)).toContainText('40 boats');
	await expect(current(page)).toContainText('jon · conflict');

	// A reload finds every decision.
	await page.reload();
	await expect(progress(page)).toHaveText('4 of 20 candidates settled · 4 of 10 conflicts');
	await expect(jonClaim).toHaveClass(/rejected/);
});

test('an x rhythm stops on a unanimous candidate instead of rejecting it unseen', async ({ page }) => {
	await importShared(page);
	await openReview(page);
	await page.keyboard.press('x'); // maria's claim
	// The other side of the same conflict comes next, though the unanimous actor lies between them.
	await expect(current(page)).toContainText('the levy would raise $4.2 million a year');
	await expect(current(page)).toContainText('jon · conflict');
	await page.keyboard.press('x');
	await expect(progress(page)).toHaveText('2 of 20 candidates settled · 2 of 10 conflicts');
	// Then the next candidate in text order: unanimous, so it stops there and says so.
	const figure = row(page, 'figure', '$4.2 million');
	await expect(figure).toHaveClass(/current/);
	await expect(figure).toContainText('Every annotator proposed this');
	for (let i = 0; i < 3; i++) await page.keyboard.press('x');
	await expect(page.getByRole('status').filter({ hasText: 'Every annotator (2) proposed figure “$4.2 million”: press Shift+X to reject it' })).toBeVisible();
	await expect(progress(page)).toHaveText('2 of 20 candidates settled · 2 of 10 conflicts');
	await expect(figure).toHaveClass(/open/);
	await expect(figure).toHaveClass(/current/);
	// Its own explicit decision rejects it.
	await page.keyboard.press('Shift+X');
	await expect(progress(page)).toHaveText('3 of 20 candidates settled · 2 of 10 conflicts');
	await expect(figure).toHaveClass(/rejected/);
});

test('gold never holds two overlapping spans of one label by accident; one made by hand is shown as a warning', async ({ page }) => {
	await importShared(page);
	await openReview(page);
	const warnings = page.getByRole('group', { name: 'Gold warnings' });
	await page.keyboard.press('a'); // maria's claim into gold, jon's rejected
	// Choosing jon's claim after all swaps them: maria's leaves gold, so the two never overlap there.
	await page.getByRole('button', { name: 'Accept claim “the levy would raise $4.2 million a year”' }).click();
	await expect(row(page, 'claim', 'the levy would raise $4.2 million a year')).toContainText('accepted');
	await expect(row(page, 'claim', 'Mayor Ada Brennan said the levy would raise $4.2 million a year')).toHaveClass(/rejected/);
	await expect(progress(page)).toHaveText('2 of 20 candidates settled · 2 of 10 conflicts');
	await expect(warnings).toHaveCount(0);
	// The swap is one step: undo puts maria's claim back in gold and jon's back to open.
	await page.keyboard.press('Control+z');
	await expect(row(page, 'claim', 'Mayor Ada Brennan said the levy would raise $4.2 million a year')).toContainText('accepted');
	await expect(row(page, 'claim', 'the levy would raise $4.2 million a year')).toHaveClass(/rejected/);
	await page.keyboard.press('Control+Shift+z');
	await expect(row(page, 'claim', 'the levy would raise $4.2 million a year')).toContainText('accepted');
	await expect(row(page, 'claim', 'Mayor Ada Brennan said the levy would raise $4.2 million a year')).toHaveClass(/rejected/);

	// A claim tagged by hand in gold over part of the accepted one: the reviewer's choice, flagged.
	await dragSelect(page, 'Mayor Ada Brennan said the levy');
	await page.keyboard.press('2');
	await expect(warnings).toContainText('gold has 1 pair of overlapping spans of one label');
	await expect(warnings.getByRole('button')).toHaveText('claim “Mayor Ada Brennan said the levy” ⟷ “the levy would raise $4.2 million a year”');
	// Accepting maria's claim by keyboard now would put a second claim over the hand-made one: refused, said why.
	await row(page, 'claim', 'Mayor Ada Brennan said the levy would raise $4.2 million a year').locator('.what').click();
	await page.keyboard.press('a');
	await expect(page.getByRole('status').filter({ hasText: 'Gold already has claim “Mayor Ada Brennan said the levy” over part of this' })).toBeVisible();
	await expect(row(page, 'claim', 'Mayor Ada Brennan said the levy would raise $4.2 million a year')).toHaveClass(/rejected/);
	await expect(warnings.getByRole('button')).toHaveCount(1);
	await page.keyboard.press('Control+z'); // the hand-made claim
	await expect(warnings).toHaveCount(0);
	await expect(row(page, 'claim', 'the levy would raise $4.2 million a year')).toContainText('accepted');
});

test('settled candidates keep WCAG AA contrast (4.5:1) for every piece of their text', async ({ page }) => {
	await importShared(page);
	await openReview(page);
	await page.keyboard.press('a'); // one accepted, one rejected
	await expect(candidates(page).locator('.candidate.settled')).toHaveCount(2);
	const ratios = await candidates(page).locator('.candidate.settled').evaluateAll((rows) => {
		const rgba = (c: string) => {
			const m = c.match(/rgba?\(([^)]+)\)/);
			if (!m) throw new Error(`Unexpected colour ${c}`);
			const [r, g, b, a = '1'] = m[1].split(/[ ,/]+/).filter(Boolean);
			return [Number(r), Number(g), Number(b), Number(a)];
		};
		const luminance = ([r, g, b]: number[]) => {
			const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
			return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
		};
		const out: { text: string; ratio: number }[] = [];
		for (const row of rows) {
			for (const el of row.querySelectorAll<HTMLElement>('.label, .quote, .by, .status-word, .settled-word')) {
				// The text colour, faded by every ancestor's opacity, over the first opaque background behind it.
				let opacity = 1;
				let bg: number[] | null = null;
				for (let n: HTMLElement | null = el; n; n = n.parentElement) {
					const style = getComputedStyle(n);
					opacity *= Number(style.opacity);
					const b = rgba(style.backgroundColor);
					if (!bg && b[3] > 0) bg = b;
				}
				const back = bg ?? [255, 255, 255, 1];
				const [r, g, b, a] = rgba(getComputedStyle(el).color);
				const alpha = a * opacity;
				const fg = [r, g, b].map((v, i) => v * alpha + back[i] * (1 - alpha));
				const [l1, l2] = [luminance(fg), luminance(back)].sort((x, y) => y - x);
				out.push({ text: el.textContent ?? '', ratio: (l1 + 0.05) / (l2 + 0.05) });
			}
		}
		return out;
	});
	expect(ratios.length).toBeGreaterThanOrEqual(8);
	for (const { text, ratio } of ratios) expect(ratio, `contrast of “${text}”`).toBeGreaterThanOrEqual(4.5);
});

for (const [width, height] of [
	[1280, 800],
	[1024, 768]
] as const) {
	test(`review layout at ${width}×${height}: the text gets half the height; the current candidate and its text are in view`, async ({ page }, info) => {
		await page.setViewportSize({ width, height });
		await importShared(page);
		await openReview(page);
		const region = page.getByRole('region', { name: 'Article', exact: true });
		const regionBox = await region.boundingBox();
		expect(regionBox?.height ?? 0).toBeGreaterThanOrEqual(height / 2);
		// Agreement is in a panel, closed until asked for.
		await expect(page.getByRole('region', { name: 'Agreement on this article' })).toHaveCount(0);

		// The last conflict, far down both the text and the list.
		await page.keyboard.press('p');
		await expect(current(page)).toContainText('Lee Chan');
		await expect(current(page)).toContainText('jon · conflict');
		await expect.poll(() => inView(page, '.candidates', '.candidate.current')).toBe(true);
		await expect.poll(() => caretInView(page)).toBe(true);
		await info.attach(`review-${width}x${height}`, { body: await page.screenshot(), contentType: 'image/png' });

		// And back to the first: both scroll back.
		await page.keyboard.press('n');
		await expect(current(page)).toContainText('Mayor Ada Brennan said the levy');
		await expect.poll(() => inView(page, '.candidates', '.candidate.current')).toBe(true);
		await expect.poll(() => caretInView(page)).toBe(true);

		await page.getByRole('button', { name: 'Agreement', exact: true }).click();
		const agreement = page.getByRole('region', { name: 'Agreement on this article' });
		await expect(agreement.getByRole('row', { name: /^actor/ })).toBeVisible();
		expect((await region.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(height / 2);
		await page.getByRole('button', { name: 'Close agreement' }).click();
		await expect(agreement).toHaveCount(0);
		// Escape closes it too, when the text does not have the keyboard.
		await page.getByRole('button', { name: 'Agreement', exact: true }).click();
		await expect(agreement).toHaveCount(1);
		await page.keyboard.press('Escape');
		await expect(agreement).toHaveCount(0);
	});
}

/** Whether the element `inner` lies wholly inside the visible box of the scrolling `outer`. */
function inView(page: Page, outer: string, inner: string): Promise<boolean> {
	return page.evaluate(
		([o, i]) => {
			const box = document.querySelector(o)?.getBoundingClientRect();
			const item = document.querySelector(i)?.getBoundingClientRect();
			return !!box && !!item && item.height > 0 && item.top >= box.top && item.bottom <= box.bottom;
		},
		[outer, inner] as const
	);
}

/** Whether the caret the review puts at the current candidate is inside the visible article region. */
function caretInView(page: Page): Promise<boolean> {
	return page.evaluate(() => {
		const box = document.querySelector('.article-region')?.getBoundingClientRect();
		const selection = document.getSelection();
		if (!box || !selection || selection.rangeCount === 0) return false;
		const at = selection.getRangeAt(0).getBoundingClientRect();
		return at.height > 0 && at.top >= box.top && at.bottom <= box.bottom;
	});
}
