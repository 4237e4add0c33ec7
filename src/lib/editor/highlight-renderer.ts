import type { Label, Span, SpanEdit } from '$lib/core/types';
import { SpanSet } from '$lib/core/spans/span-set';
import type { TextPositions } from './positions';
import { LAYER_COLORS } from '$lib/core/review/layers';
import { SPAN_STATE_STYLES, FIND_STYLES, NESTING_LEVELS, labelHighlightStyle, layerHighlightStyle, themedHighlightRules, unknownLabelStyle } from '$lib/core/theme/highlight-style';
import type { TextMatch } from '$lib/core/text/find';

/**
 * Draws spans with the CSS Custom Highlight API: one `Highlight` per label holding a `StaticRange`
 * per span. The article DOM is never split or re-rendered for annotations, so adding a span costs
 * one range, and 10,000 spans add no DOM nodes (inline decorations would add tens of thousands).
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
	destroy(): void;
}


/** Whether this browser can draw spans at all. */
export function highlightsSupported(): boolean {
	return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

const PREFIX = 'sw-';


/** Label index and nesting level → CSS-safe highlight key (names are user data; keys are ours). */
function highlightName(index: number, depth = 0): string {
	return depth === 0 ? `${PREFIX}label-${index}` : `${PREFIX}label-${index}-d${depth}`;
}

export class HighlightRenderer implements SpanRenderer {
	readonly #root: HTMLElement;
	readonly #positions: TextPositions;
	readonly #sheet = new CSSStyleSheet();
	readonly #ranges = new Map<string, { range: StaticRange; key: string }>();
	readonly #byLabel = new Map<string, Highlight>();
	#labelIndex = new Map<string, number>();
	#labels: readonly Label[] = [];
	readonly #selected = new Highlight();
	readonly #hovered = new Highlight();
	readonly #focused = new Highlight();
	readonly #found = new Highlight();
	readonly #foundCurrent = new Highlight();
	#matches: readonly TextMatch[] = [];
	#currentMatch = -1;
	#layers: string[] = [];
	/** Every span of the article; only those in the window are drawn. */
	#all: SpanSet = SpanSet.empty;
	// Nothing drawn until the editor says what is in view (setWindow).
	#window = { start: 0, end: 0 };

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
		this.setLabels(labels);
	}

	setLabels(labels: readonly Label[]): void {
		this.#labels = labels;
		this.#labelIndex = new Map(labels.map((l, i) => [l.name, i]));
		// Styles per theme are data (core/theme): the dark rules apply under a dark system or data-theme.
		const rules: string[] = [];
		labels.forEach((label, i) => {
			// Underlines sit at increasing depths so nested spans of different labels stay readable.
			// Underlines sit at increasing depths (lanes) so nested spans of different labels stay readable;
			// nested spans of one label get a style per nesting level.
			for (let depth = 0; depth < NESTING_LEVELS; depth++) {
				rules.push(...themedHighlightRules(highlightName(i, depth), (theme) => labelHighlightStyle(label.color, theme, i % 4, depth)));
			}
		});
		rules.push(
			...themedHighlightRules(`${PREFIX}found`, (theme) => FIND_STYLES[theme].match),
			...themedHighlightRules(`${PREFIX}found-current`, (theme) => FIND_STYLES[theme].current),
			...themedHighlightRules(`${PREFIX}label-unknown`, unknownLabelStyle),
			...(['hovered', 'selected', 'focused'] as const).flatMap((state) =>
				themedHighlightRules(`${PREFIX}${state}`, (theme) => SPAN_STATE_STYLES[theme][state])
			),
			...LAYER_COLORS.flatMap((color, i) => themedHighlightRules(`${PREFIX}layer-${i}`, (theme) => layerHighlightStyle(color, theme, i)))
		);
		this.#sheet.replaceSync(rules.join('\n'));
		this.reset(this.#all);
	}

	reset(spans: SpanSet): void {
		this.#all = spans;
		for (const [name] of this.#byLabel) CSS.highlights.delete(name);
		this.#byLabel.clear();
		this.#ranges.clear();
		// Build each label's Highlight off-registry, then register once: one style recalc, not one per span.
		const pending = new Map<string, StaticRange[]>();
		for (const span of spans.overlapping(this.#window.start, this.#window.end)) {
			const range = this.#range(span.start, span.end);
			const key = this.#keyOf(span);
			this.#ranges.set(span.id, { range, key });
			let list = pending.get(key);
			if (!list) pending.set(key, (list = []));
			list.push(range);
		}
		for (const [key, ranges] of pending) {
			const h = new Highlight(...ranges);
			this.#byLabel.set(key, h);
			CSS.highlights.set(key, h);
		}
	}

	apply(edits: readonly SpanEdit[], spans: SpanSet): void {
		this.#all = spans;
		for (const edit of edits) {
			if (edit.type === 'add') this.#add(edit.span);
			else if (edit.type === 'remove') this.#remove(edit.span.id);
			else {
				this.#remove(edit.before.id);
				this.#add(edit.after);
			}
		}
		// An edit can change how deep the spans of its label around it are nested.
		for (const edit of edits) {
			for (const span of edit.type === 'update' ? [edit.before, edit.after] : [edit.span]) this.#restyleAround(span);
		}
	}

	/** Moves the drawn spans of `span`'s label that overlap it to the highlight of their nesting level. */
	#restyleAround(span: Span): void {
		for (const other of this.#all.overlapping(span.start, span.end)) {
			if (other.label !== span.label) continue;
			const entry = this.#ranges.get(other.id);
			if (!entry) continue;
			const key = this.#keyOf(other);
			if (key === entry.key) continue;
			this.#byLabel.get(entry.key)?.delete(entry.range);
			this.#highlight(key).add(entry.range);
			this.#ranges.set(other.id, { range: entry.range, key });
		}
	}

	setWindow(start: number, end: number): void {
		const w = this.#window;
		// Already drawn: nothing to do (most scroll frames).
		if (w.start <= start && end <= w.end) return;
		// Draw the asked range and as much again on each side, so scrolling on redraws only now and
		// then, and then only the spans that enter or leave the window.
		const pad = end - start;
		this.#window = { start: Math.max(0, start - pad), end: end + pad };
		const wanted = this.#all.overlapping(this.#window.start, this.#window.end);
		const keep = new Set<string>();
		for (const span of wanted) keep.add(span.id);
		for (const id of [...this.#ranges.keys()]) if (!keep.has(id)) this.#remove(id);
		for (const span of wanted) if (!this.#ranges.has(span.id)) this.#add(span);
		this.#drawMatches();
	}

	matches(matches: readonly TextMatch[], current: number): void {
		this.#matches = matches;
		this.#currentMatch = current;
		this.#drawMatches();
	}

	/** Draws the matches inside the window (a long article can have thousands), and the current one. */
	#drawMatches(): void {
		this.#found.clear();
		this.#foundCurrent.clear();
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
		this.#selected.clear();
		if (span) this.#selected.add(this.#range(span.start, span.end));
	}

	hover(span: Span | null): void {
		this.#hovered.clear();
		if (span) this.#hovered.add(this.#range(span.start, span.end));
	}

	focus(range: { start: number; end: number } | null): void {
		this.#focused.clear();
		if (range) this.#focused.add(this.#range(range.start, range.end));
	}

	overlay(layers: readonly (readonly { start: number; end: number }[])[]): void {
		for (const name of this.#layers) CSS.highlights.delete(name);
		this.#layers = layers.map((ranges, i) => {
			const name = `${PREFIX}layer-${i % LAYER_COLORS.length}`;
			CSS.highlights.set(name, new Highlight(...ranges.map((r) => this.#range(r.start, r.end))));
			return name;
		});
	}

	destroy(): void {
		for (const [name] of this.#byLabel) CSS.highlights.delete(name);
		for (const name of this.#layers) CSS.highlights.delete(name);
		CSS.highlights.delete(`${PREFIX}selected`);
		CSS.highlights.delete(`${PREFIX}hovered`);
		CSS.highlights.delete(`${PREFIX}focused`);
		CSS.highlights.delete(`${PREFIX}found`);
		CSS.highlights.delete(`${PREFIX}found-current`);
		document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.#sheet);
		this.#ranges.clear();
		this.#byLabel.clear();
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

	#highlight(key: string): Highlight {
		let h = this.#byLabel.get(key);
		if (!h) {
			h = new Highlight();
			this.#byLabel.set(key, h);
			CSS.highlights.set(key, h);
		}
		return h;
	}

	#add(span: Span): void {
		if (span.end <= this.#window.start || span.start >= this.#window.end) return;
		const range = this.#range(span.start, span.end);
		const key = this.#keyOf(span);
		this.#ranges.set(span.id, { range, key });
		this.#highlight(key).add(range);
	}

	#remove(id: string): void {
		const entry = this.#ranges.get(id);
		if (!entry) return;
		this.#byLabel.get(entry.key)?.delete(entry.range);
		this.#ranges.delete(id);
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
		const p = this.#root.children[block]?.children[index];
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
