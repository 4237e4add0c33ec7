/**
 * Relations drawn over the article: an SVG layer in the editor's mount, laid out by the pure
 * `layoutArcs` (core) from what is in view. Each redraw (scroll, resize, `update()`), at most once
 * per animation frame, finds the spans in the visible part of the text, takes their relations, and
 * reads line boxes from the DOM (Range.getClientRects) only for those spans: the cost follows what
 * is on screen, not the article's 3,000 relations. The SVG covers the view (plus a margin), not the
 * whole article, and only chips, markers, counts and arc strokes take the pointer.
 */
import { blockParts } from './block-view';
import type { EditorView } from 'prosemirror-view';
import type { Relation, Span } from '$lib/core/types';
import { layoutArcs, type ArcEnd, type ArcLayout, type ArcRelation, type Box } from '$lib/core/relations/arcs';
import { DEFAULT_ARC_METRICS } from '$lib/core/relations/arcs';
import { lanesInGap } from '$lib/core/relations/arcs-lines';
import type { RelationDisplayMode } from '$lib/core/relations/arcs-display';
import type { TextPositions } from './positions';
import { linesBetween } from './visible-lines';
import { spanState } from './span-plugin';
import { CHIP_FONT, CHIP_PADDING, adoptArcStyles, createSvg, renderArcs, type ArcAction } from './relation-overlay-render';

export interface RelationOverlayOptions {
	/** Every relation of the article (of the layer shown); a new array when they change. */
	readonly getRelations: () => readonly Relation[];
	/** A span by id (ends out of view are named from it); undefined when it is gone. */
	readonly getSpan: (id: string) => Span | undefined;
	/** The colour of a relation type (#rrggbb). */
	readonly typeColor: (type: string) => string;
	/** Whether a relation type is directed (arrow at the tail); directed when not given. */
	readonly isDirected?: (type: string) => boolean;
	readonly mode: () => RelationDisplayMode;
	readonly selectedSpanId: () => string | null;
	readonly selectedRelationId?: () => string | null;
	/** An end marker was clicked: bring this span into view (and select it). */
	readonly onJump: (spanId: string, relationId: string) => void;
	/** A chip or an arc was clicked (or pressed with Enter / Space). */
	readonly onSelectRelation: (relationId: string) => void;
	/** A "+n" count was clicked: the links it holds. Selects the first when not given. */
	readonly onShowHidden?: (relationIds: readonly string[]) => void;
	/** The pointer moved onto a relation's chip or arc (its id), or off it (null): e.g. to light up its two spans. */
	readonly onHoverRelation?: (relationId: string | null) => void;
	/**
	 * The link being made, if any: from `head` to the span the user is pointing at or walking to
	 * (`tail`), typed `label` when one type fits (else the empty string). Drawn dashed, in every mode.
	 */
	readonly getPreview?: () => { readonly head: string; readonly tail: string; readonly label: string } | null;
	/** Which margin links between lines run through; `right` when not given. */
	readonly gutter?: 'left' | 'right';
	/**
	 * Open the lines up (ROOMY_LINE_HEIGHT) while the article has relations, so four lanes of arcs
	 * fit between lines instead of two; true when not given. The text moves once, when the first
	 * link is started (or the last one removed), not when the display mode or the selection changes.
	 */
	readonly roomyLines?: boolean;
}

/** The id the link being made is laid out under (never a stored relation's: those start with "r-"). */
const PREVIEW_ID = '\u0000preview';
/** The preview's colour before a type is known: the app's accent. */
const PREVIEW_COLOR = '#1f3a5f';

export interface RelationOverlay {
	/** Redraw in the next animation frame (relations, spans, selection or mode changed). */
	update(): void;
	/** Draw now what `update()` asked for (a benchmark's "painted in the next frame", a test's wait). */
	flush(): void;
	/** What was drawn last (for tests and diagnostics). */
	readonly layout: ArcLayout | null;
	destroy(): void;
}

/** What the overlay needs of the article editor (an `ArticleEditor` has both). */
export interface OverlayHost {
	readonly view: EditorView;
	readonly positions: TextPositions;
	/** The element that scrolls the text (null: the window). */
	readonly scroller: HTMLElement | null;
}

/** Creates the overlay over `host`'s text and draws it once the next frame comes. */
export function createRelationOverlay(host: OverlayHost, options: RelationOverlayOptions): RelationOverlay {
	return new SvgRelationOverlay(host, options);
}

class SvgRelationOverlay implements RelationOverlay {
	readonly #view: EditorView;
	readonly #positions: TextPositions;
	readonly #options: RelationOverlayOptions;
	readonly #mount: HTMLElement;
	readonly #scroller: HTMLElement | null;
	readonly #svg: SVGSVGElement;
	readonly #root: SVGGElement;
	readonly #resize: ResizeObserver;
	readonly #releaseStyles: () => void;
	readonly #chipWidths = new Map<string, number>();
	#context: CanvasRenderingContext2D | null = null;
	#actions = new Map<string, ArcAction>();
	#frame = 0;
	#layout: ArcLayout | null = null;
	/** What the SVG shows now, as text: a scroll frame that changes nothing on screen leaves the DOM alone. */
	#shown = '';
	/** Relations by span id, rebuilt when `getRelations()` hands out a new array. */
	#indexOf: readonly Relation[] | null = null;
	#bySpan = new Map<string, Relation[]>();

	constructor(host: OverlayHost, options: RelationOverlayOptions) {
		this.#view = host.view;
		this.#positions = host.positions;
		this.#options = options;
		const dom = this.#view.dom as HTMLElement;
		this.#mount = dom.parentElement ?? dom;
		this.#scroller = host.scroller;
		this.#releaseStyles = adoptArcStyles();
		({ svg: this.#svg, root: this.#root } = createSvg());
		this.#mount.appendChild(this.#svg);
		this.#svg.addEventListener('click', this.#onClick);
		this.#svg.addEventListener('keydown', this.#onKey);
		// Keep the editor's selection: a press on a chip must not move the caret or start a drag.
		this.#svg.addEventListener('mousedown', this.#onMouseDown);
		this.#svg.addEventListener('pointerover', this.#onPointer);
		this.#svg.addEventListener('pointerout', this.#onPointer);
		(this.#scroller ?? window).addEventListener('scroll', this.update, { passive: true });
		this.#resize = new ResizeObserver(this.update);
		this.#resize.observe(this.#mount);
		if (this.#scroller) this.#resize.observe(this.#scroller);
		// Lines open up before the first paint when the relations are known already, not a frame later.
		this.#roomForArcs();
		this.update();
	}

	get layout(): ArcLayout | null {
		return this.#layout;
	}

	readonly update = (): void => {
		if (!this.#frame) this.#frame = requestAnimationFrame(this.#draw);
	};

	flush(): void {
		if (!this.#frame) return;
		cancelAnimationFrame(this.#frame);
		this.#draw();
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
		(this.#scroller ?? window).removeEventListener('scroll', this.update);
		this.#resize.disconnect();
		this.#svg.remove();
		this.#mount.classList.remove('sw-arcs-room');
		this.#releaseStyles();
	}

	#actionOf(event: Event): ArcAction | undefined {
		return event.target instanceof Element ? this.#actionAt(event.target) : undefined;
	}

	#actionAt(element: Element): ArcAction | undefined {
		const target = element.closest('[data-key]') as SVGElement | null;
		return target ? this.#actions.get(target.dataset.key ?? '') : undefined;
	}

	readonly #onMouseDown = (event: MouseEvent) => {
		if (this.#actionOf(event)) event.preventDefault();
	};

	#hovered: string | null = null;

	readonly #onPointer = (event: PointerEvent) => {
		if (!this.#options.onHoverRelation) return;
		// Leaving one part of a chip for another (its rect for its text) is no change.
		const to = event.type === 'pointerover' ? event.target : event.relatedTarget;
		const action = to instanceof Element && this.#svg.contains(to) ? this.#actionAt(to) : undefined;
		const id = action?.type === 'relation' ? action.id : null;
		if (id === this.#hovered) return;
		this.#hovered = id;
		this.#options.onHoverRelation(id);
	};

	readonly #onClick = (event: MouseEvent) => {
		const action = this.#actionOf(event);
		if (!action) return;
		event.preventDefault();
		this.#run(action);
	};

	readonly #onKey = (event: KeyboardEvent) => {
		if (event.key !== 'Enter' && event.key !== ' ') return;
		const action = this.#actionOf(event);
		if (!action) return;
		event.preventDefault();
		this.#run(action);
	};

	#run(action: ArcAction): void {
		if (action.type === 'relation') this.#options.onSelectRelation(action.id);
		else if (action.type === 'jump') this.#options.onJump(action.spanId, action.relationId);
		else if (this.#options.onShowHidden) this.#options.onShowHidden(action.ids);
		else this.#options.onSelectRelation(action.ids[0]);
	}

	#relationsOf(spanId: string): readonly Relation[] {
		const all = this.#options.getRelations();
		if (all !== this.#indexOf) {
			this.#indexOf = all;
			this.#bySpan = new Map();
			for (const r of all) {
				for (const id of r.head === r.tail ? [r.head] : [r.head, r.tail]) {
					let list = this.#bySpan.get(id);
					if (!list) this.#bySpan.set(id, (list = []));
					list.push(r);
				}
			}
		}
		return this.#bySpan.get(spanId) ?? [];
	}

	readonly #draw = (): void => {
		this.#frame = 0;
		if (this.#view.isDestroyed) return;
		// Before anything is measured: the boxes below are read with the line height it gives.
		this.#roomForArcs();
		// Nothing to draw (an article without links, no link being made): measure nothing, every scroll frame.
		if (this.#options.getRelations().length === 0 && !this.#options.getPreview?.()) {
			if (this.#shown !== '') this.#show(null);
			return;
		}
		const mountBox = this.#mount.getBoundingClientRect();
		const dom = (this.#view.dom as HTMLElement).getBoundingClientRect();
		const scroller = this.#scroller;
		const sb = scroller?.getBoundingClientRect();
		const clip = sb && scroller
			? { top: sb.top + scroller.clientTop, bottom: sb.top + scroller.clientTop + scroller.clientHeight, left: sb.left + scroller.clientLeft, right: sb.left + scroller.clientLeft + scroller.clientWidth }
			: { top: 0, bottom: innerHeight, left: 0, right: document.documentElement.clientWidth };
		const top = Math.max(clip.top, mountBox.top);
		const bottom = Math.min(clip.bottom, mountBox.bottom);
		if (bottom <= top) return this.#show(null);
		const ox = mountBox.left;
		const oy = mountBox.top;
		const viewport = { top: top - oy, bottom: bottom - oy };
		const column = { left: dom.left - ox, right: dom.right - ox };
		const side = this.#options.gutter ?? 'right';
		const gutter = side === 'right'
			? { side, near: column.right + 4, far: Math.max(column.right + 4, clip.right - ox - 4) }
			: { side, near: column.left - 4, far: Math.min(column.left - 4, clip.left - ox + 4) };

		// The text in view, from the view's edges (as VisibleLines measures it).
		const left = Math.min(Math.max(dom.left + 8, clip.left), dom.right - 8);
		// Whole lines: the points measured are at the left edge, and a span may start later on the bottom line.
		const { lines } = this.#positions;
		const seen = linesBetween(this.#view, this.#positions, left, Math.max(top, dom.top) + 1, Math.min(bottom, dom.bottom) - 1);
		const start = lines[this.#positions.lineOfOffset(seen.start)].start;
		const end = seen.end >= this.#positions.text.length ? this.#positions.text.length : lines[this.#positions.lineOfOffset(seen.end)].end;
		const inView = spanState(this.#view.state).spans.overlapping(start, end + 1);

		const relations = new Map<string, ArcRelation>();
		const ends = new Map<string, ArcEnd>();
		const directed = this.#options.isDirected ?? (() => true);
		const metrics = this.#metrics();
		for (const span of inView) {
			const linked = this.#relationsOf(span.id);
			if (!linked.length) continue;
			ends.set(span.id, { spanId: span.id, text: this.#textOf(span), start: span.start, boxes: this.#boxes(span, start, end, ox, oy) });
			for (const r of linked) {
				if (!relations.has(r.id)) relations.set(r.id, { id: r.id, label: r.label, head: r.head, tail: r.tail, directed: directed(r.label), color: this.#options.typeColor(r.label) });
			}
		}
		for (const r of relations.values()) {
			for (const id of [r.head, r.tail]) {
				if (ends.has(id)) continue;
				const span = this.#options.getSpan(id);
				if (span) ends.set(id, { spanId: id, text: this.#textOf(span), start: span.start, boxes: [] });
			}
		}
		const wanted = this.#options.getPreview?.() ?? null;
		let preview: ArcRelation | null = null;
		if (wanted) {
			for (const id of [wanted.head, wanted.tail]) {
				if (ends.has(id)) continue;
				const span = this.#options.getSpan(id);
				const shown = span && span.end >= start && span.start <= end;
				if (span) ends.set(id, { spanId: id, text: this.#textOf(span), start: span.start, boxes: shown ? this.#boxes(span, start, end, ox, oy) : [] });
			}
			const label = wanted.label;
			preview = { id: PREVIEW_ID, label: label || 'link', head: wanted.head, tail: wanted.tail, directed: label ? directed(label) : true, color: label ? this.#options.typeColor(label) : PREVIEW_COLOR };
			if (!ends.has(preview.head) || !ends.has(preview.tail)) preview = null;
		}
		const usable = [...relations.values()].filter((r) => ends.has(r.head) && ends.has(r.tail));
		const layout = layoutArcs({
			relations: usable,
			ends,
			viewport,
			column,
			gutter,
			mode: this.#options.mode(),
			selectedSpanId: this.#options.selectedSpanId(),
			selectedRelationId: this.#options.selectedRelationId?.() ?? null,
			preview,
			chipWidth: (text) => this.#chipWidth(text),
			metrics
		});
		// The view and the bleed around it, but never past the mount's own box: an SVG reaching below
		// the article would lengthen the scrolling region it is drawn in.
		const y0 = Math.max(0, viewport.top - DEFAULT_ARC_METRICS.bleed);
		const y1 = Math.min(mountBox.height, viewport.bottom + DEFAULT_ARC_METRICS.bleed);
		const x0 = Math.min(0, gutter.far);
		this.#show(layout, { x: x0, y: y0, width: Math.max(mountBox.width, gutter.far) - x0, height: y1 - y0 });
	};

	/** Shows `layout` (none: empty), keeping the keyboard on the button that had it. */
	#show(layout: ArcLayout | null, frame?: { x: number; y: number; width: number; height: number }): void {
		this.#layout = layout;
		const focused = document.activeElement instanceof SVGElement && this.#svg.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
		if (!layout || !frame) {
			this.#root.replaceChildren();
			this.#actions.clear();
			this.#shown = '';
			return;
		}
		const hasSelection = this.#options.selectedSpanId() !== null;
		// Same arcs, chips and markers as drawn (most scroll frames without end markers): they are
		// inside the frame drawn then, at the same place in the mount, so there is nothing to do.
		const shown = JSON.stringify([layout, hasSelection]);
		if (shown === this.#shown) return;
		this.#shown = shown;
		// The SVG spans the view (and the bleed), placed where the view is; the layout's coordinates are the mount's.
		const { x, y, width, height } = frame;
		this.#svg.style.left = `${x}px`;
		this.#svg.style.top = `${y}px`;
		this.#svg.setAttribute('width', String(Math.max(0, Math.ceil(width))));
		this.#svg.setAttribute('height', String(Math.max(0, Math.ceil(height))));
		this.#svg.setAttribute('viewBox', `${x} ${y} ${Math.max(0, Math.ceil(width))} ${Math.max(0, Math.ceil(height))}`);
		this.#actions = renderArcs(this.#root, layout, hasSelection);
		if (focused) (this.#svg.querySelector(`[data-key="${CSS.escape(focused)}"]`) as SVGElement | null)?.focus({ preventScroll: true });
	}

	/** Opens the lines up while the article has relations or one is being made (`roomyLines`); closes them when it has none. */
	#roomForArcs(): void {
		const roomy = (this.#options.roomyLines ?? true) && (this.#options.getRelations().length > 0 || !!this.#options.getPreview?.());
		if (this.#mount.classList.contains('sw-arcs-room') !== roomy) this.#mount.classList.toggle('sw-arcs-room', roomy);
	}

	#textOf(span: Span): string {
		return this.#positions.text.slice(span.start, span.end);
	}

	#chipWidth(text: string): number {
		let w = this.#chipWidths.get(text);
		if (w === undefined) {
			this.#context ??= document.createElement('canvas').getContext('2d');
			if (this.#context) this.#context.font = CHIP_FONT;
			w = Math.ceil((this.#context?.measureText(text).width ?? text.length * 6) + CHIP_PADDING);
			this.#chipWidths.set(text, w);
		}
		return w;
	}

	/** Lanes that fit in the gap between one line's glyphs and the next's (the article's line height). */
	#metrics() {
		const style = getComputedStyle(this.#view.dom as HTMLElement);
		const fontSize = parseFloat(style.fontSize) || 16;
		const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.2;
		// A text box is about 1.15 em high in the serif fonts the article uses.
		const gap = lineHeight - fontSize * 1.15;
		return { maxLanes: lanesInGap(gap, DEFAULT_ARC_METRICS) };
	}

	/**
	 * The line boxes of `span` within the text in view [start, end], relative to the mount: one range
	 * per paragraph over its text node, so a span over several lines gives the boxes of its text only
	 * (a range over whole paragraphs would also report their element boxes).
	 */
	#boxes(span: Span, start: number, end: number, ox: number, oy: number): Box[] {
		const from = Math.max(span.start, start);
		const to = Math.min(span.end, end + 1);
		if (to < from) return [];
		const first = this.#positions.lineOfOffset(from);
		const last = this.#positions.lineOfOffset(Math.min(to, this.#positions.text.length));
		const root = this.#view.dom as HTMLElement;
		const boxes: Box[] = [];
		const range = document.createRange();
		for (let line = first; line <= last; line++) {
			const { block, index } = this.#positions.blockOf(line);
			const text = blockParts(root, block)?.lines.children[index]?.firstChild;
			if (!text || text.nodeType !== Node.TEXT_NODE) continue;
			const lineStart = this.#positions.lines[line].start;
			const length = (text as Text).length;
			const a = Math.max(0, Math.min(span.start - lineStart, length));
			const b = Math.max(0, Math.min(span.end - lineStart, length));
			if (b <= a) continue;
			range.setStart(text, a);
			range.setEnd(text, b);
			for (const r of range.getClientRects()) {
				if (r.width < 0.5 || r.height < 0.5) continue;
				const box = { left: r.left - ox, right: r.right - ox, top: r.top - oy, bottom: r.bottom - oy };
				// Fragments of one visual line (bidi runs, wrapped words) merge into one box.
				const prev = boxes[boxes.length - 1];
				if (prev && Math.abs(prev.top - box.top) < 1 && Math.abs(prev.bottom - box.bottom) < 1) {
					boxes[boxes.length - 1] = { ...prev, left: Math.min(prev.left, box.left), right: Math.max(prev.right, box.right) };
				} else boxes.push(box);
			}
		}
		return boxes;
	}
}
