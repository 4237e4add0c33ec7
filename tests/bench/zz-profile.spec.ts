import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import { generateBigArticle } from '../support/corpus-generator';

test('profile tagging', async ({ browser }) => {
	const big = generateBigArticle(7, 100_000, 10_000);
	writeFileSync('/tmp/prof/big.jsonl', JSON.stringify({ id: big.id, title: big.title, text: big.text, spans: big.spans.map((s) => ({ ...s, annotator: 'bench' })), format: 'spanwise/1' }) + '\n');
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('form', { name: 'Who is annotating' }).getByLabel('Your name').fill('bench');
	await page.getByRole('button', { name: 'Start annotating' }).click();
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import' }).click();
	await (await chooser).setFiles('/tmp/prof/big.jsonl');
	await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
	const t0 = Date.now();
	await page.goto(`/article?id=${big.id}`);
	await page.waitForFunction(() => performance.getEntriesByName('spanwise:article-painted').length > 0);
	await browser.startTracing(page, { path: '/tmp/prof/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
	for (let i = 0; i < 10; i++) {
		await page.evaluate((i) => {
			const lines = Array.from(document.querySelectorAll('.ProseMirror > p')).filter((p) => (p.textContent ?? '').length > 40);
			const p = lines[(i * 37) % lines.length];
			const node = p.firstChild as Text;
			const range = document.createRange();
			const at = node.data.indexOf(' ', 10) + 1;
			range.setStart(node, at);
			range.setEnd(node, node.data.indexOf(' ', at));
			getSelection()!.removeAllRanges();
			getSelection()!.addRange(range);
		}, i);
		await page.waitForTimeout(30);
		await page.keyboard.press(String(1 + (i % 3)));
		await page.waitForTimeout(100);
	}
	await browser.stopTracing();
	const trace = JSON.parse(require('fs').readFileSync('/tmp/prof/trace.json', 'utf8'));
	const events = (trace.traceEvents ?? trace).filter((e: any) => e.ph === 'X' && e.dur > 2000);
	const agg = new Map<string, [number, number]>();
	for (const e of events) {
		const key = e.name + (e.args?.data?.type ? ':' + e.args.data.type : '');
		const [n, d] = agg.get(key) ?? [0, 0];
		agg.set(key, [n + 1, d + e.dur / 1000]);
	}
	console.log([...agg].sort((a, b) => b[1][1] - a[1][1]).slice(0, 25).map(([k, [n, d]]) => `${d.toFixed(1).padStart(8)} ms  ${String(n).padStart(4)}x  ${k}`).join('\n'));
	return;
	const profile: any = null;
	const self = new Map<string, number>();
	const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
	const dt = profile.timeDeltas as number[];
	profile.samples.forEach((id: number, i: number) => {
		const n: any = byId.get(id);
		const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
		self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
	});
	const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
	console.log(top.map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n'));
	writeFileSync('/tmp/prof/profile.cpuprofile', JSON.stringify(profile));
});
