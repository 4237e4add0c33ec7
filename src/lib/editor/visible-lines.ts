/**
 * Which part of the article text is on screen, reported when the user scrolls (at most once per
 * frame) or resizes. Measured from the scrolling container's edges with `posAtCoords`, so nothing is
 * computed on frames where nothing moved (an IntersectionObserver over thousands of lines would pay
 * for its intersections on every frame).
 */
import type { EditorView } from 'prosemirror-view';
import type { TextPositions } from './positions';

export class VisibleLines {
	readonly #scroller: HTMLElement | null;
	readonly #resize: ResizeObserver;
	readonly #onScroll: () => void;
	#frame = 0;

	/** `scroller`: the element that scrolls the text (null: the window). */
	constructor(view: EditorView, positions: TextPositions, scroller: HTMLElement | null, onChange: (start: number, end: number) => void) {
		this.#scroller = scroller;
		const measure = () => {
			this.#frame = 0;
			const box = this.#scroller?.getBoundingClientRect() ?? new DOMRect(0, 0, innerWidth, innerHeight);
			const dom = (view.dom as HTMLElement).getBoundingClientRect();
			const left = Math.min(Math.max(dom.left + 8, box.left), dom.right - 8);
			const topY = Math.max(box.top, dom.top) + 1;
			const bottomY = Math.min(box.bottom, dom.bottom) - 1;
			const { start: from, end: to } = linesBetween(view, positions, left, topY, bottomY);
			// A screen's worth of text before and after, so spans are drawn before they scroll in.
			const margin = Math.max(2_000, to - from);
			onChange(Math.max(0, from - margin), Math.min(positions.text.length, to + margin));
		};
		this.#onScroll = () => {
			if (!this.#frame) this.#frame = requestAnimationFrame(measure);
		};
		(scroller ?? window).addEventListener('scroll', this.#onScroll, { passive: true });
		this.#resize = new ResizeObserver(this.#onScroll);
		this.#resize.observe(scroller ?? (view.dom as HTMLElement));
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
		(this.#scroller ?? window).removeEventListener('scroll', this.#onScroll);
		this.#resize.disconnect();
	}
}

/**
 * The text of the whole lines between two heights of the screen (at `x`), as offsets: from the start of
 * the line at `topY` to the end of the line at `bottomY`. The line under each point is found by the
 * element there, which is much cheaper than a caret position (it needs no layout of text positions);
 * `posAtCoords` only where no line is hit (a gap between blocks), and then that point's offset.
 */
export function linesBetween(view: EditorView, positions: TextPositions, x: number, topY: number, bottomY: number): { start: number; end: number } {
	const start = lineEdgeAt(view, positions, x, topY, 'start') ?? positions.toOffset(view.posAtCoords({ left: x, top: topY })?.pos ?? 0);
	const end = lineEdgeAt(view, positions, x, bottomY, 'end') ?? (() => {
		const bottom = view.posAtCoords({ left: x, top: bottomY });
		return bottom ? positions.toOffset(bottom.pos) : positions.text.length;
	})();
	return { start, end };
}

/**
 * The start (or end) offset of the line of the article at a screen point, from the element there
 * (`p.sw-line` in `div.sw-lines` in a block): null when the point is not on a line.
 */
function lineEdgeAt(view: EditorView, positions: TextPositions, x: number, y: number, edge: 'start' | 'end'): number | null {
	const line = (view.dom.ownerDocument.elementFromPoint(x, y) as HTMLElement | null)?.closest?.('p.sw-line');
	const lines = line?.parentElement;
	const block = lines?.parentElement;
	if (!line || !lines || !block || block.parentElement !== view.dom) return null;
	const b = Array.prototype.indexOf.call(view.dom.children, block);
	const i = Array.prototype.indexOf.call(lines.children, line);
	if (b < 0 || i < 0) return null;
	const at = positions.lines[positions.linesOfBlock(b).first + i];
	return at ? (edge === 'start' ? at.start : at.end) : null;
}

/**
 * The nearest ancestor that scrolls its content, or null (the window). It reads computed styles: asked
 * while the editor is being built, that computes the style of the whole new text at once (~75 ms on a
 * 1,000,000-word article), so the page says which element scrolls (ArticleEditorOptions.scroller).
 */
export function scrollingAncestor(el: HTMLElement): HTMLElement | null {
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
