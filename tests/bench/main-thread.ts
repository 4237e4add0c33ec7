/**
 * Main-thread cost as the user pays it, read from outside the page: the renderer main thread's whole
 * `TaskDuration` (Chrome DevTools Protocol, `Performance.getMetrics`), which counts every task it ran
 * (input events, script, style, layout, paint, IndexedDB and storage replies, garbage collection).
 * An action's cost is that total across the action and the frames until it painted and saved, minus
 * the same number of idle frames measured the same way (so the measuring itself cancels out).
 */
import type { CDPSession, Page } from '@playwright/test';

export interface MainThread {
	/** The renderer main thread's TaskDuration so far, in ms. */
	taskMs(): Promise<number>;
	/** Waits `frames` animation frames, then a task (as an action's wait does), and returns the TaskDuration it cost. */
	idleFrames(frames: number): Promise<number>;
	readonly session: CDPSession;
}

export async function mainThread(page: Page): Promise<MainThread> {
	const session = await page.context().newCDPSession(page);
	await session.send('Performance.enable', { timeDomain: 'threadTicks' });
	const taskMs = async () => {
		const { metrics } = await session.send('Performance.getMetrics');
		return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
	};
	return {
		session,
		taskMs,
		async idleFrames(frames: number) {
			const t0 = await taskMs();
			await page.evaluate(waitFrames, { frames, marks: -1 });
			return (await taskMs()) - t0;
		}
	};
}

/**
 * In the page: waits animation frames until `spanwise:saved` has been marked more than `marks` times
 * (-1: not at all), then `frames` more (at least one frame in all); then a task. Returns the frames
 * waited. The idle measurement runs the same loop with the count the action took.
 */
export function waitFrames({ frames, marks }: { frames: number; marks: number }): Promise<number> {
	return new Promise((resolve) => {
		let n = 0;
		let after = marks < 0 ? 0 : -1;
		const step = () => {
			n++;
			// Nothing saved within 10 s of frames: the key did nothing (say, a duplicate refused).
			if (after < 0 && n > 600) return resolve(-1);
			if (after < 0 && performance.getEntriesByName('spanwise:saved').length > marks) after = 0;
			else if (after >= 0) after++;
			if (after >= 0 && (marks < 0 ? n >= frames : after >= frames)) return void setTimeout(() => resolve(n), 0);
			requestAnimationFrame(step);
		};
		requestAnimationFrame(step);
	});
}

/**
 * Presses `key` and waits until its edit has been saved and painted (two frames after the save):
 * returns the main-thread time it cost and how many frames that took (null: nothing was saved).
 */
export async function timedKey(page: Page, main: MainThread, key: string): Promise<{ ms: number; frames: number } | null> {
	const marks = await page.evaluate(() => performance.getEntriesByName('spanwise:saved').length);
	const t0 = await main.taskMs();
	await page.keyboard.press(key);
	const frames = await page.evaluate(waitFrames, { frames: 2, marks });
	const ms = (await main.taskMs()) - t0;
	return frames < 0 ? null : { ms, frames };
}

/** Each action's cost minus an idle run of the same number of frames (ms). */
export async function lessIdle(main: MainThread, actions: readonly { ms: number; frames: number }[]): Promise<number[]> {
	const out: number[] = [];
	for (const a of actions) out.push(a.ms - (await main.idleFrames(a.frames)));
	return out;
}

/**
 * In the page: selects `words` words (1–3) at a place chosen by `where` (0…1) among the article's
 * lines that start with plain text, scrolled to the middle of the screen. Returns the selected text.
 */
export function selectWords({ where, words }: { where: number; words: number }): string {
	// The candidate lines are found once per page: rebuilding the list per action makes garbage, and
	// the garbage collections would land in the frames being measured.
	const w = window as unknown as { __lines?: Element[] };
	w.__lines ??= Array.from(document.querySelectorAll('.ProseMirror .sw-line')).filter((p) => p.firstChild?.nodeType === Node.TEXT_NODE && (p.firstChild as Text).data.length > 60);
	const lines = w.__lines;
	const p = lines[Math.floor(where * lines.length)];
	const node = p.firstChild as Text;
	const text = node.data;
	let at = Math.floor(((where * 7919) % 1) * (text.length - 40));
	while (at < text.length && /\S/.test(text[at])) at++;
	at++;
	let end = at;
	for (let k = 0; k < words; k++) {
		if (k > 0) while (end < text.length && !/[a-z]/i.test(text[end])) end++;
		while (end < text.length && /[a-z]/i.test(text[end])) end++;
	}
	const range = document.createRange();
	range.setStart(node, at);
	range.setEnd(node, end);
	p.scrollIntoView({ block: 'center' });
	const selection = getSelection()!;
	selection.removeAllRanges();
	selection.addRange(range);
	return text.slice(at, end);
}

/**
 * In the page: scrolls the article `step` px a frame from the top until its end (or `maxFrames`
 * frames) and returns each frame's duration (the first, which waits for the loop to start, left out).
 */
export function scrollFrames({ step, maxFrames }: { step: number; maxFrames: number }): Promise<number[]> {
	return new Promise((resolve, reject) => {
		const scroller = document.querySelector('.article-region') as HTMLElement;
		const times: number[] = [];
		let last = performance.now();
		let stuck = 0;
		const frame = () => {
			try {
				const now = performance.now();
				times.push(now - last);
				last = now;
				const before = scroller.scrollTop;
				if (times.length > maxFrames || before + scroller.clientHeight >= scroller.scrollHeight - 1) return resolve(times.slice(1));
				scroller.scrollTop += step;
				// The end is where scrolling no longer moves (10 frames in a row), in case the height estimate keeps shifting.
				stuck = scroller.scrollTop === before ? stuck + 1 : 0;
				if (stuck >= 10) return resolve(times.slice(1));
				requestAnimationFrame(frame);
			} catch (error) {
				reject(error);
			}
		};
		requestAnimationFrame(frame);
	});
}
