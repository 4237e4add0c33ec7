import type { Label, Span, SpanEdit } from '$lib/core/types';
import { SpanSet } from '$lib/core/spans/span-set';
import type { TextPositions } from './positions';
import { LAYER_COLORS } from '$lib/core/layers';
import { SPAN_STATE_STYLES, FIND_STYLES, NESTING_LEVELS, labelMarkStyle, layerMarkStyle, themedHighlightRules, themedMarkRules, themedSuggestionRules, unknownLabelMarkStyle } from '$lib/core/theme/highlight-style';
import { blockParts } from './block-view';
import type { TextMatch } from '$lib/core/text/find';

/**
 * Draws spans as marks: boxes in a layer under the text of each block (block-view.ts), one per visual
 * line a span covers, placed from the text's client rectangles. The article's text DOM is never split
 * or re-rendered for annotations; only the blocks in view (and a screen around) get marks, and a tag
 * adds one box. Spans used to be CSS Custom Highlights, but while any highlight holds ranges Chromium
 * repaints all highlighted text on every frame that changes anything (measured: ~7 ms of paint per
 * such frame on the bench article against ~1 ms with boxes), which made every tag and scroll frame
 * pay for the whole screen. The few transient states (selected, hovered, under review, find matches)
 * stay highlights: they hold a range or two, and they can set the text colour.
 * Nested and crossing spans stay visible: every span lays the same neutral wash over its text (so
 * overlaps only darken it: mixed hues never suggest a label that is not there) and each label has
 * an underline in its colour at its own depth, so a figure inside a claim shows both lines. A span
 * inside (or crossing into) another of the same label is drawn in a highlight of its own nesting
 * level, with a double and then a wavy underline, so the two stay apart.
 */
export interface SpanRenderer {
	/** Replace everything drawn with `spans`. */
	reset(spans: SpanSet): void;
	/** Draw the effect of `edits` (which turned the previous set into `spans`) on what is drawn now. */
	apply(edits: readonly SpanEdit[], spans: SpanSet): void;
	/**
	 * Draw only the spans that intersect [start, end) of the text (what is on screen and near it):
	 * highlight updates cost what is in view, not the 10,000 spans of a long article.
	 */
	setWindow(start: number, end: number): void;
	/** Blocks that just got their lines (lazy-blocks.ts): those in the window are drawn. */
	madeLive(blocks: readonly number[]): void;
	/** Mark one span as the selected one (or none). */
	select(span: Span | null): void;
	/** Mark the span under the pointer (or none). */
	hover(span: Span | null): void;
	/** New label set: colours, order. Redraws. */
	setLabels(labels: readonly Label[]): void;
	/** Marks one range as the one under review (or none). */
	focus(range: { start: number; end: number } | null): void;
	/** Draws the matches of a find (only those near the view), `current` the strongest; none when empty. */
	matches(matches: readonly TextMatch[], current: number): void;
	/** Draws other layers (annotators) as dotted underlines, one style per layer; replaces what was drawn. */
	overlay(layers: readonly (readonly { start: number; end: number }[])[]): void;
	/** Draws suggestions (dashed outlines in their label's colour, no fill); replaces what was drawn. */
	suggest(marks: readonly SuggestionMark[]): void;
	destroy(): void;
}

/** A suggestion as drawn: its range, label, and whether it would correct a span of another label. */
export interface SuggestionMark {
	readonly id: string;
	readonly start: number;
	readonly end: number;
	readonly label: string;
	readonly correction: boolean;
}


/** Whether this browser can draw spans at all. */
export function highlightsSupported(): boolean {
	return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

const PREFIX = 'sw-';
/**
 * Blocks whose marks stay drawn once scrolled past (the rest are drawn again when they come back).
 * Marks in a block the browser skips (content-visibility) cost no style, layout or paint, so they are
 * let go only when there are more than this, and in idle time: taking a block's marks down while the
 * user scrolls costs as much as drawing them.
 */
const MAX_DRAWN_BLOCKS = 64;


/** Label index and nesting level → CSS-safe highlight key (names are user data; keys are ours). */
/** An observed block's border box (horizontal text: inline size is its width), as `getBoundingClientRect` gives it. */
function borderBox(entry: ResizeObserverEntry): { width: number; height: number } {
	const box = entry.borderBoxSize?.[0];
	return box ? { width: box.inlineSize, height: box.blockSize } : { width: entry.contentRect.width, height: entry.contentRect.height };
}

function highlightName(index: number, depth = 0): string {
	return depth === 0 ? `${PREFIX}label-${index}` : `${PREFIX}label-${index}-d${depth}`;
}

export class HighlightRenderer implements SpanRenderer {
	readonly #root: HTMLElement;
	readonly #positions: TextPositions;
	readonly #sheet = new CSSStyleSheet();
	/** The marks of each drawn span (in drawn blocks only) and the style key they carry. */
	readonly #marks = new Map<string, { key: string; els: HTMLElement[] }>();
	/** Blocks whose marks are drawn, in the order they were drawn (the oldest are let go first). */
	readonly #drawn = new Set<number>();
	readonly #measure = document.createRange();
	#labelIndex = new Map<string, number>();
	#labels: readonly Label[] = [];
	readonly #selected = new Highlight();
	readonly #hovered = new Highlight();
	readonly #focused = new Highlight();
	readonly #found = new Highlight();
	readonly #foundCurrent = new Highlight();
	#matches: readonly TextMatch[] = [];
	#currentMatch = -1;
	/** Other layers' ranges (review), by layer, sorted by start. */
	#layers: (readonly { start: number; end: number }[])[] = [];
	/** Suggestions to draw, sorted by start, and the longest one's length (for range queries). */
	/** The suggestions drawn, in text order, with the longest one's length. */
	#suggestions: SuggestionList = { list: [], longest: 0 };
	/** The suggestion boxes of each drawn block. */
	readonly #suggestionEls = new Map<number, HTMLElement[]>();
	/** Every span of the article; only those in drawn blocks have marks. */
	#all: SpanSet = SpanSet.empty;
	// Nothing drawn until the editor says what is in view (setWindow).
	#window = { start: 0, end: 0 };
	/**
	 * Each drawn block's size when its marks were placed: a block whose lines change (the text column
	 * narrows, the line height changes, a font arrives) is drawn again, on its own.
	 */
	readonly #sizes = new Map<Element, { block: number; width: number; height: number }>();
	/**
	 * Sizes are compared as border boxes in fractional pixels on both sides: the size recorded when a
	 * block is drawn (`getBoundingClientRect`) and the observer's. (Comparing the observer's content box
	 * with the rounded `clientHeight` made a block 2515.5 px high differ by 0.5 from 2516 every time:
	 * drawing it again observed it again, whose first report differed again — a redraw every frame.)
	 */
	readonly #blockResize = new ResizeObserver((entries) => {
		for (const entry of entries) {
			const drawn = this.#sizes.get(entry.target);
			if (!drawn) continue;
			const { width, height } = borderBox(entry);
			if (Math.abs(width - drawn.width) < 0.5 && Math.abs(height - drawn.height) < 0.5) continue;
			this.#undrawBlock(drawn.block);
			this.#drawBlock(drawn.block);
		}
	});
	readonly #onFonts = () => this.#redrawAll();

	constructor(root: HTMLElement, positions: TextPositions, labels: readonly Label[]) {
		this.#root = root;
		this.#positions = positions;
		document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#sheet];
		this.#selected.priority = 20;
		this.#hovered.priority = 10;
		CSS.highlights.set(`${PREFIX}selected`, this.#selected);
		CSS.highlights.set(`${PREFIX}hovered`, this.#hovered);
		this.#focused.priority = 30;
		CSS.highlights.set(`${PREFIX}focused`, this.#focused);
		this.#found.priority = 25;
		this.#foundCurrent.priority = 26;
		CSS.highlights.set(`${PREFIX}found`, this.#found);
		CSS.highlights.set(`${PREFIX}found-current`, this.#foundCurrent);
		// Marks are boxes at the text's positions: a drawn block whose lines change size is drawn again
		// (#blockResize); a web font that arrives may move glyphs without changing sizes, so it redraws all.
		document.fonts?.addEventListener('loadingdone', this.#onFonts);
		// The event does not bubble: listen while it goes down to the block.
		root.addEventListener('contentvisibilityautostatechange', this.#onRendered, true);
		this.setLabels(labels);
	}

	setLabels(labels: readonly Label[]): void {
		this.#labels = labels;
		this.#labelIndex = new Map(labels.map((l, i) => [l.name, i]));
		// Styles per theme are data (core/theme): the dark rules apply under a dark system or data-theme.
		const rules: string[] = [];
		labels.forEach((label, i) => {
			// Lines sit at increasing depths (lanes) so nested spans of different labels stay readable;
			// nested spans of one label get a line style per nesting level.
			for (let depth = 0; depth < NESTING_LEVELS; depth++) {
				rules.push(...themedMarkRules(`.sw-mark.${highlightName(i, depth)}`, (theme) => labelMarkStyle(label.color, theme, i % 4, depth)));
			}
		});
		rules.push(
			...themedHighlightRules(`${PREFIX}found`, (theme) => FIND_STYLES[theme].match),
			...themedHighlightRules(`${PREFIX}found-current`, (theme) => FIND_STYLES[theme].current),
			...themedMarkRules(`.sw-mark.${PREFIX}label-unknown`, unknownLabelMarkStyle),
			...(['hovered', 'selected', 'focused'] as const).flatMap((state) =>
				themedHighlightRules(`${PREFIX}${state}`, (theme) => SPAN_STATE_STYLES[theme][state])
			),
			...LAYER_COLORS.flatMap((color, i) => themedMarkRules(`.sw-mark.${PREFIX}layer-${i}`, (theme) => layerMarkStyle(color, theme, i))),
			...labels.flatMap((label, i) => [
				...themedSuggestionRules(`.sw-mark.${PREFIX}sugg-${i}`, label.color, false),
				...themedSuggestionRules(`.sw-mark.${PREFIX}sugg-${i}.${PREFIX}sugg-fix`, label.color, true)
			])
		);
		this.#sheet.replaceSync(rules.join('\n'));
		this.reset(this.#all);
	}

	reset(spans: SpanSet): void {
		this.#all = spans;
		for (const block of [...this.#drawn]) this.#undrawBlock(block);
		this.#marks.clear();
		this.#drawWindow();
	}

	apply(edits: readonly SpanEdit[], spans: SpanSet): void {
		this.#all = spans;
		for (const edit of edits) {
			if (edit.type === 'add') this.#draw(edit.span);
			else if (edit.type === 'remove') this.#erase(edit.span.id);
			else {
				this.#erase(edit.before.id);
				this.#draw(edit.after);
			}
		}
		// An edit can change how deep the spans of its label around it are nested.
		for (const edit of edits) {
			for (const span of edit.type === 'update' ? [edit.before, edit.after] : [edit.span]) this.#restyleAround(span);
		}
	}

	/** Gives the drawn spans of `span`'s label that overlap it the style of their nesting level. */
	#restyleAround(span: Span): void {
		for (const other of this.#all.overlapping(span.start, span.end)) {
			if (other.label !== span.label) continue;
			const entry = this.#marks.get(other.id);
			if (!entry) continue;
			const key = this.#keyOf(other);
			if (key === entry.key) continue;
			for (const el of entry.els) el.className = `sw-mark ${key}`;
			entry.key = key;
		}
	}

	setWindow(start: number, end: number): void {
		const w = this.#window;
		if (w.start === start && w.end === end) return;
		this.#window = { start, end };
		if (this.#matches.length > 0 || this.#found.size > 0) this.#drawMatches();
		// Drawn in a task after this frame, where layout is clean: measuring now (in the scroll's
		// animation frame) would force a layout the frame then does again. The window reaches a screen
		// beyond the view, so what is drawn a frame late is not on screen yet. (The first window is
		// drawn at once: the article's first paint shows its spans.)
		if (this.#drawn.size === 0) this.#drawWindow();
		else if (this.#drawTimer === undefined) {
			this.#drawTimer = setTimeout(() => {
				this.#drawTimer = undefined;
				this.#drawWindow();
			}, 0);
		}
	}
	#drawTimer: ReturnType<typeof setTimeout> | undefined;

	madeLive(blocks: readonly number[]): void {
		const { start, end } = this.#window;
		if (this.#drawTimer !== undefined || end <= start) return;
		const inWindow = blocks.some((b) => {
			const range = this.#blockRange(b);
			return range.from < end && range.to > start;
		});
		// In a task after this one, like a scrolled window: the block is laid out by then. Find matches
		// in it are drawn again too (they were left out while it had no lines).
		if (inWindow)
			this.#drawTimer = setTimeout(() => {
				this.#drawTimer = undefined;
				if (this.#matches.length > 0 || this.#found.size > 0) this.#drawMatches();
				this.#drawWindow();
			}, 0);
	}

	/** Draws the blocks the window touches that are not drawn yet; lets go of the oldest beyond MAX_DRAWN_BLOCKS. */
	#drawWindow(): void {
		const { start, end } = this.#window;
		if (end <= start) return;
		const positions = this.#positions;
		const first = positions.blockOf(positions.lineOfOffset(start)).block;
		const last = positions.blockOf(positions.lineOfOffset(Math.max(start, end - 1))).block;
		// Only blocks the browser renders: one it skips (content-visibility, off screen) would have to be
		// laid out just to be measured. It is drawn when it starts being rendered (#onRendered).
		for (let b = first; b <= last; b++) {
			if (!this.#drawn.has(b)) {
				// A block with nothing to draw is done without asking the browser (which would compute
				// the style of the whole document, as the article opens, before its spans are read).
				if (this.#nothingIn(b)) this.#drawEmpty(b);
				else if (this.#rendered(b)) this.#drawBlock(b);
			} else if (this.#suggestionsStale.has(b)) this.#redrawSuggestions(b);
		}
		if (this.#drawn.size > MAX_DRAWN_BLOCKS && this.#letGo === undefined) {
			const letGo = () => {
				this.#letGo = undefined;
				const { start, end } = this.#window;
				for (const b of this.#drawn) {
					if (this.#drawn.size <= MAX_DRAWN_BLOCKS) break;
					const range = this.#blockRange(b);
					if (range.to <= start || range.from >= end) this.#undrawBlock(b);
				}
			};
			this.#letGo = typeof requestIdleCallback === 'function' ? requestIdleCallback(letGo, { timeout: 5_000 }) : (setTimeout(letGo, 200) as unknown as number);
		}
	}
	#letGo: number | undefined;

	/** Whether block `block` is rendered now (not skipped by content-visibility). */
	#rendered(block: number): boolean {
		const el = this.#root.children[block] as HTMLElement | undefined;
		// A dry block (lazy-blocks.ts) has no lines to draw on yet.
		return !!el && !el.classList.contains('sw-dry') && (typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true }));
	}

	/** A block that starts being rendered gets its marks, if it is in the window. */
	readonly #onRendered = (event: Event) => {
		if ((event as ContentVisibilityAutoStateChangeEvent).skipped) return;
		const el = event.target as HTMLElement;
		if (el.parentElement !== this.#root) return;
		const block = Array.prototype.indexOf.call(this.#root.children, el);
		if (block < 0 || this.#drawn.has(block)) return;
		const { start, end } = this.#window;
		const range = this.#blockRange(block);
		if (range.from < end && range.to > start) this.#drawBlock(block);
	};

	/** The text range [from, to) of block `block`. */
	#blockRange(block: number): { from: number; to: number; firstLine: number; endLine: number } {
		const { first, end } = this.#positions.linesOfBlock(block);
		const lines = this.#positions.lines;
		return { from: lines[first].start, to: lines[end - 1].next, firstLine: first, endLine: end };
	}

	/** Whether block `block` has no span, layer range or suggestion to draw. */
	#nothingIn(block: number): boolean {
		const range = this.#blockRange(block);
		return this.#all.overlapping(range.from, range.to).length === 0 && !this.#layers.some((ranges) => ranges.some((r) => r.start < range.to && r.end > range.from)) && !this.#suggestionsIn(range);
	}

	/** Block `block` drawn with nothing in it: no measuring (it would force the block's layout now instead of in the frame). */
	#drawEmpty(block: number): void {
		if (!blockParts(this.#root, block)) return;
		this.#drawn.add(block);
		this.#suggestionEls.set(block, []);
	}

	#drawBlock(block: number): void {
		const parts = blockParts(this.#root, block);
		if (!parts) return;
		if (this.#nothingIn(block)) return this.#drawEmpty(block);
		this.#drawn.add(block);
		const range = this.#blockRange(block);
		const spans = this.#all.overlapping(range.from, range.to);
		const origin = parts.marks.getBoundingClientRect();
		const size = parts.block.getBoundingClientRect();
		this.#sizes.set(parts.block, { block, width: size.width, height: size.height });
		this.#blockResize.observe(parts.block, { box: 'border-box' });
		const made: HTMLElement[] = [];
		for (const span of spans) {
			const key = this.#keyOf(span);
			const els = this.#boxes(span.start, span.end, key, range, parts.lines, origin, made);
			if (els.length === 0) continue;
			for (const el of els) el.dataset.span = span.id;
			const entry = this.#marks.get(span.id);
			if (entry) entry.els.push(...els);
			else this.#marks.set(span.id, { key, els });
		}
		this.#layers.forEach((ranges, i) => {
			const key = `${PREFIX}layer-${i % LAYER_COLORS.length}`;
			for (const r of ranges) if (r.start < range.to && r.end > range.from) this.#boxes(r.start, r.end, key, range, parts.lines, origin, made);
		});
		this.#suggestionEls.set(block, this.#suggestionBoxes(range, parts.lines, origin, made));
		// One insertion for the whole block: one style and layout invalidation.
		if (made.length > 0) parts.marks.append(...made);
	}

	#undrawBlock(block: number): void {
		this.#drawn.delete(block);
		this.#suggestionEls.delete(block);
		this.#suggestionsStale.delete(block);
		const parts = blockParts(this.#root, block);
		if (parts) {
			this.#sizes.delete(parts.block);
			this.#blockResize.unobserve(parts.block);
		}
		if (!parts || !parts.marks.firstChild) return;
		parts.marks.replaceChildren();
		const range = this.#blockRange(block);
		for (const span of this.#all.overlapping(range.from, range.to)) {
			const entry = this.#marks.get(span.id);
			if (!entry) continue;
			entry.els = entry.els.filter((el) => el.isConnected);
			if (entry.els.length === 0) this.#marks.delete(span.id);
		}
	}

	#redrawAll(): void {
		for (const block of [...this.#drawn]) this.#undrawBlock(block);
		this.#marks.clear();
		this.#drawWindow();
	}

	/**
	 * Boxes over the text [start, end) inside one block (a box per visual line it covers), positioned
	 * in the block's marks layer whose client rectangle is `origin`; pushed to `into` to be inserted.
	 */
	#boxes(
		start: number,
		end: number,
		key: string,
		block: { from: number; to: number; firstLine: number; endLine: number },
		lines: HTMLElement,
		origin: DOMRect,
		into: HTMLElement[]
	): HTMLElement[] {
		const positions = this.#positions;
		const made: HTMLElement[] = [];
		const from = Math.max(block.firstLine, positions.lineOfOffset(Math.max(start, block.from)));
		const to = Math.min(block.endLine - 1, positions.lineOfOffset(Math.min(end, block.to)));
		for (let line = from; line <= to; line++) {
			const { start: ls, end: le } = positions.lines[line];
			const a = Math.max(start, ls);
			const z = Math.min(end, le);
			if (a >= z) continue;
			const text = lines.children[line - block.firstLine]?.firstChild;
			if (!text || text.nodeType !== Node.TEXT_NODE) continue;
			// One Range, reused: every live Range is updated on each DOM change of the document until it
			// is collected, so a new one per line made every box insertion and removal slower.
			const range = this.#measure;
			range.setStart(text, a - ls);
			range.setEnd(text, Math.min(z - ls, (text as Text).length));
			for (const rect of range.getClientRects()) {
				if (rect.width < 0.5) continue;
				const el = document.createElement('div');
				el.className = `sw-mark ${key}`;
				el.style.left = `${rect.left - origin.left}px`;
				el.style.top = `${rect.top - origin.top}px`;
				el.style.width = `${rect.width}px`;
				el.style.height = `${rect.height}px`;
				made.push(el);
				into.push(el);
			}
		}
		return made;
	}

	/** Draws `span` in the drawn blocks it touches. */
	#draw(span: Span): void {
		const positions = this.#positions;
		const first = positions.blockOf(positions.lineOfOffset(span.start)).block;
		const last = positions.blockOf(positions.lineOfOffset(Math.max(span.start, span.end - 1))).block;
		const key = this.#keyOf(span);
		for (let b = first; b <= last; b++) {
			if (!this.#drawn.has(b)) continue;
			const parts = blockParts(this.#root, b);
			if (!parts) continue;
			const made: HTMLElement[] = [];
			const els = this.#boxes(span.start, span.end, key, this.#blockRange(b), parts.lines, parts.marks.getBoundingClientRect(), made);
			for (const el of els) el.dataset.span = span.id;
			parts.marks.append(...made);
			const entry = this.#marks.get(span.id);
			if (entry) entry.els.push(...els);
			else if (els.length > 0) this.#marks.set(span.id, { key, els });
		}
	}

	#erase(id: string): void {
		const entry = this.#marks.get(id);
		if (!entry) return;
		for (const el of entry.els) el.remove();
		this.#marks.delete(id);
	}

	matches(matches: readonly TextMatch[], current: number): void {
		this.#matches = matches;
		this.#currentMatch = current;
		this.#drawMatches();
	}

	/** Draws the matches inside the window (a long article can have thousands), and the current one. */
	#drawMatches(): void {
		if (this.#found.size > 0) this.#found.clear();
		if (this.#foundCurrent.size > 0) this.#foundCurrent.clear();
		const list = this.#matches;
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (list[mid].end <= this.#window.start) lo = mid + 1;
			else hi = mid;
		}
		for (let i = lo; i < list.length && list[i].start < this.#window.end; i++) {
			if (i !== this.#currentMatch) this.#found.add(this.#range(list[i].start, list[i].end));
		}
		const current = list[this.#currentMatch];
		if (current) this.#foundCurrent.add(this.#range(current.start, current.end));
	}


	select(span: Span | null): void {
		// Touching a Highlight repaints all highlighted text: leave an empty one alone.
		if (this.#selected.size > 0) this.#selected.clear();
		if (span) this.#selected.add(this.#range(span.start, span.end));
	}

	hover(span: Span | null): void {
		if (this.#hovered.size > 0) this.#hovered.clear();
		if (span) this.#hovered.add(this.#range(span.start, span.end));
	}

	focus(range: { start: number; end: number } | null): void {
		if (this.#focused.size > 0) this.#focused.clear();
		if (range) this.#focused.add(this.#range(range.start, range.end));
	}

	/** Drawn blocks whose suggestion boxes were taken down on a change, to be drawn again when in the window. */
	readonly #suggestionsStale = new Set<number>();

	/** Draws the suggestion boxes of drawn block `block` again. */
	#redrawSuggestions(block: number): void {
		this.#suggestionsStale.delete(block);
		for (const el of this.#suggestionEls.get(block) ?? []) el.remove();
		const parts = blockParts(this.#root, block);
		if (!parts) return;
		const made: HTMLElement[] = [];
		this.#suggestionEls.set(block, this.#suggestionBoxes(this.#blockRange(block), parts.lines, parts.marks.getBoundingClientRect(), made));
		if (made.length > 0) parts.marks.append(...made);
	}

	suggest(marks: readonly SuggestionMark[]): void {
		let sorted = true;
		for (let i = 1; i < marks.length && sorted; i++) sorted = marks[i - 1].start <= marks[i].start;
		const before = this.#suggestions;
		const list = sorted ? marks : [...marks].sort((a, b) => a.start - b.start);
		const after: SuggestionList = { list, longest: list.reduce((n, m) => Math.max(n, m.end - m.start), 0) };
		this.#suggestions = after;
		// Only the suggestion boxes change (spans' marks stay), and only in blocks whose suggestions
		// differ (a tag changes the standing of the few offers it overlaps): those in the window now
		// are drawn again, the other drawn blocks lose theirs and get them back when they come into view.
		const { start, end } = this.#window;
		for (const block of this.#drawn) {
			const range = this.#blockRange(block);
			if (!this.#suggestionsStale.has(block) && sameSuggestions(before, after, range)) continue;
			if (range.from < end && range.to > start) this.#redrawSuggestions(block);
			else {
				for (const el of this.#suggestionEls.get(block) ?? []) el.remove();
				this.#suggestionEls.set(block, []);
				this.#suggestionsStale.add(block);
			}
		}
	}

	/** Whether any suggestion overlaps the block range. */
	#suggestionsIn(range: { from: number; to: number }): boolean {
		const list = this.#suggestions.list;
		for (let i = firstSuggestionFrom(this.#suggestions, range.from); i < list.length && list[i].start < range.to; i++) if (list[i].end > range.from) return true;
		return false;
	}

	/** Boxes for the suggestions inside one block, pushed to `into`; returns them. */
	#suggestionBoxes(range: { from: number; to: number; firstLine: number; endLine: number }, lines: HTMLElement, origin: DOMRect, into: HTMLElement[]): HTMLElement[] {
		const list = this.#suggestions.list;
		if (list.length === 0) return [];
		const made: HTMLElement[] = [];
		for (let i = firstSuggestionFrom(this.#suggestions, range.from); i < list.length && list[i].start < range.to; i++) {
			const m = list[i];
			if (m.end <= range.from) continue;
			const index = this.#labelIndex.get(m.label);
			if (index === undefined) continue;
			const els = this.#boxes(m.start, m.end, `${PREFIX}sugg-${index}${m.correction ? ` ${PREFIX}sugg-fix` : ''}`, range, lines, origin, into);
			for (const el of els) el.dataset.suggestion = m.id;
			made.push(...els);
		}
		return made;
	}

	overlay(layers: readonly (readonly { start: number; end: number }[])[]): void {
		this.#layers = layers.map((ranges) => [...ranges].sort((x, y) => x.start - y.start));
		this.#redrawAll();
	}

	destroy(): void {
		this.#blockResize.disconnect();
		this.#sizes.clear();
		clearTimeout(this.#drawTimer);
		if (this.#letGo !== undefined) (typeof cancelIdleCallback === 'function' ? cancelIdleCallback : clearTimeout)(this.#letGo);
		document.fonts?.removeEventListener('loadingdone', this.#onFonts);
		this.#root.removeEventListener('contentvisibilityautostatechange', this.#onRendered, true);
		CSS.highlights.delete(`${PREFIX}selected`);
		CSS.highlights.delete(`${PREFIX}hovered`);
		CSS.highlights.delete(`${PREFIX}focused`);
		CSS.highlights.delete(`${PREFIX}found`);
		CSS.highlights.delete(`${PREFIX}found-current`);
		document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.#sheet);
		this.#marks.clear();
		this.#drawn.clear();
	}

	/** The highlight a span is drawn in: its label's, at its nesting level among spans of that label. */
	#keyOf(span: Span): string {
		const i = this.#labelIndex.get(span.label);
		return i === undefined ? `${PREFIX}label-unknown` : highlightName(i, this.#depth(span));
	}

	/**
	 * How many spans of the same label enclose `span` or cross into it from before (at most
	 * NESTING_LEVELS − 1; deeper ones share that style): 0 for the outermost.
	 */
	#depth(span: Span): number {
		let depth = 0;
		for (const other of this.#all.overlapping(span.start, span.end)) {
			if (other.id === span.id || other.label !== span.label) continue;
			if (other.start < span.start || (other.start === span.start && other.end > span.end)) depth++;
			if (depth >= NESTING_LEVELS - 1) return NESTING_LEVELS - 1;
		}
		return depth;
	}

	/** A static range over text offsets [start, end): the editor's DOM is one `<p>` per line, in blocks. */
	#range(start: number, end: number): StaticRange {
		const a = this.#point(start);
		const b = this.#point(end);
		return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
	}

	#point(offset: number): { node: Node; offset: number } {
		const { line, column } = this.#positions.locate(offset);
		const { block, index } = this.#positions.blockOf(line);
		const p = blockParts(this.#root, block)?.lines.children[index];
		if (!p) throw new RangeError(`no paragraph ${line} for offset ${offset}`);
		const text = p.firstChild;
		if (text && text.nodeType === Node.TEXT_NODE) return { node: text, offset: Math.min(column, (text as Text).length) };
		return { node: p, offset: 0 };
	}

	/** Labels currently drawn (for tests and diagnostics). */
	get labels(): readonly Label[] {
		return this.#labels;
	}
}

/** Suggestions in text order, with the longest one's length (for range queries). */
export interface SuggestionList {
	readonly list: readonly SuggestionMark[];
	readonly longest: number;
}

/** The index of the first suggestion of `s` that may reach into [from, …): none longer than the longest starts earlier. */
function firstSuggestionFrom(s: SuggestionList, from: number): number {
	const list = s.list;
	let lo = 0;
	let hi = list.length;
	const at = from - s.longest;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (list[mid].start < at) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Whether `a` and `b` hold the same suggestions over `range` (what a block's boxes are drawn from).
 * Marks that did not change are usually the same objects, so this is mostly identity checks.
 */
export function sameSuggestions(a: SuggestionList, b: SuggestionList, range: { from: number; to: number }): boolean {
	let i = firstSuggestionFrom(a, range.from);
	let j = firstSuggestionFrom(b, range.from);
	for (;;) {
		while (i < a.list.length && a.list[i].start < range.to && a.list[i].end <= range.from) i++;
		while (j < b.list.length && b.list[j].start < range.to && b.list[j].end <= range.from) j++;
		const x = i < a.list.length && a.list[i].start < range.to ? a.list[i] : undefined;
		const y = j < b.list.length && b.list[j].start < range.to ? b.list[j] : undefined;
		if (!x || !y) return x === y;
		if (x !== y && (x.id !== y.id || x.start !== y.start || x.end !== y.end || x.label !== y.label || x.correction !== y.correction)) return false;
		i++;
		j++;
	}
}
