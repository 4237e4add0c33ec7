/**
 * Which lines of the article are on screen or near it, kept by an IntersectionObserver over the
 * line elements (the article's DOM never changes, so they are observed once). Reports the text
 * range they cover, at most once per frame, so the renderer can draw only the spans there.
 */
import type { TextPositions } from './positions';

/** How far beyond the viewport lines count as near (a screen above and below). */
const MARGIN = '100% 0px 100% 0px';

export class VisibleLines {
	readonly #observer: IntersectionObserver;
	readonly #visible = new Set<number>();
	readonly #index = new WeakMap<Element, number>();
	#frame = 0;

	constructor(root: HTMLElement, positions: TextPositions, onChange: (start: number, end: number) => void) {
		const report = () => {
			this.#frame = 0;
			if (this.#visible.size === 0) return;
			let first = Number.POSITIVE_INFINITY;
			let last = -1;
			for (const line of this.#visible) {
				if (line < first) first = line;
				if (line > last) last = line;
			}
			onChange(positions.lines[first].start, positions.lines[last].end);
		};
		this.#observer = new IntersectionObserver(
			(entries) => {
				for (const entry of entries) {
					const line = this.#index.get(entry.target);
					if (line === undefined) continue;
					if (entry.isIntersecting) this.#visible.add(line);
					else this.#visible.delete(line);
				}
				if (!this.#frame) this.#frame = requestAnimationFrame(report);
			},
			// The scrolling ancestor is the root: it clips the lines, so a margin around the viewport alone would not reach them.
			{ root: scrollingAncestor(root), rootMargin: MARGIN }
		);
		Array.from(root.children).forEach((el, i) => {
			this.#index.set(el, i);
			this.#observer.observe(el);
		});
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
		this.#observer.disconnect();
	}
}

/** The nearest ancestor that scrolls its content, or null (the viewport). */
function scrollingAncestor(el: HTMLElement): HTMLElement | null {
	for (let node = el.parentElement; node; node = node.parentElement) {
		const { overflowY } = getComputedStyle(node);
		if (overflowY === 'auto' || overflowY === 'scroll') return node;
	}
	return null;
}

/** The text range of the first lines up to about `chars` characters: what a first screen can show. */
export function initialWindow(positions: TextPositions, chars = 20_000): { start: number; end: number } {
	const { lines } = positions;
	let i = 0;
	while (i < lines.length - 1 && lines[i].end < chars) i++;
	return { start: 0, end: lines[i]?.end ?? 0 };
}
