import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { SpanSet } from '$lib/core/spans/span-set';
import type { Label, Span, SpanEdit } from '$lib/core/types';
import { TextPositions } from './positions';
import { HighlightRenderer, type SpanRenderer, type SuggestionMark } from './highlight-renderer';
import { BlockView } from './block-view';
import { applySpanAction, selectedSpan, spanPlugin, spanState } from './span-plugin';
import { annotationKeys, type EditorHost } from './keys';
import type { TextMatch } from '$lib/core/text/find';
import { SpanTooltip } from './tooltip';
import { liveSelection } from './live-selection';
import { VisibleLines, initialWindow, scrollingAncestor } from './visible-lines';
import { measureLineLength } from './block-size';
import { dragSelection } from './drag-select';
import { LAZY_BLOCKS, LazyBlocks, lazyBlocksPlugin, makeLive } from './lazy-blocks';

export type { EditorHost, EdgeStep } from './keys';

export interface ArticleEditorOptions {
	readonly text: string;
	readonly spans: SpanSet;
	readonly labels: readonly Label[];
	readonly host: EditorHost;
	/** The user asked to find in the text (`/`, Mod+F). */
	readonly onFind?: () => void;
	/** Escape with no span selected: close the find box; false when none was open. */
	readonly onCloseFind?: () => boolean;
	/** The element that scrolls the text (null: the window; undefined: found from computed styles). */
	readonly scroller?: HTMLElement | null;
}

/** The text is immutable: every transaction that would change the document is dropped. */
const readOnlyText = new Plugin({
	filterTransaction: (tr) => !tr.docChanged,
	props: {
		handleTextInput: () => true,
		handlePaste: () => true,
		handleDrop: () => true
	}
});

/**
 * The article view: ProseMirror showing the text read-only, with spans drawn over it.
 * It owns no annotation state of its own beyond what the host last synced; every user intent
 * (tag, relabel, remove, select, move an edge, undo) goes to the host, which answers with `sync`.
 */
export class ArticleEditor {
	readonly view: EditorView;
	readonly positions: TextPositions;
	/** Who answers the editor's intents (the article session, or a review wrapping one). */
	readonly host: EditorHost;
	/** The element that scrolls the text (null: the window). */
	readonly scroller: HTMLElement | null;
	#renderer: SpanRenderer | null = null;
	readonly #tooltip: SpanTooltip;
	readonly #visibleLines: VisibleLines;
	readonly #widthObserver: ResizeObserver;
	#width = -1;
	#frame = 0;
	#lastSelection = { start: 0, end: 0 };
	#scrollFrame = 0;
	#labels: readonly Label[];
	/** Blocks whose lines are made after the first paint (long articles only); null: all made at once. */
	readonly #lazy: LazyBlocks | null;
	#lazyTimer: ReturnType<typeof setTimeout> | undefined;
	#lazySlice: number = LAZY_BLOCKS.firstSlice;
	/** The text range on screen (and a screen around it), as last reported. */
	#window: { start: number; end: number } | null = null;

	constructor(mount: HTMLElement, options: ArticleEditorOptions) {
		this.positions = new TextPositions(options.text);
		this.host = options.host;
		this.#labels = options.labels;
		const positions = this.positions;
		const lazy = (this.#lazy = options.text.length > LAZY_BLOCKS.minChars ? new LazyBlocks(positions) : null);
		const state = EditorState.create({
			doc: positions.doc,
			plugins: [
				readOnlyText,
				lazyBlocksPlugin(positions),
				dragSelection(),
				// Remembers the selection while the text has the keyboard (see selectionOffsets).
				new Plugin({
					view: () => ({
						update: (view) => {
							if (!view.hasFocus()) return;
							const { from, to } = view.state.selection;
							this.#lastSelection = { start: positions.toOffset(from), end: positions.toOffset(to) };
						}
					})
				}),
				annotationKeys(options.host, positions, { find: () => options.onFind?.(), closeFind: () => options.onCloseFind?.() ?? false }),
				spanPlugin(options.spans, (view) => {
					this.#renderer = new HighlightRenderer(view.dom as HTMLElement, positions, this.#labels);
					const first = initialWindow(positions);
					this.#renderer.setWindow(first.start, first.end);
					return this.#renderer;
				}, () => options.host.spanReleased())
			]
		});
		this.view = new EditorView(mount, {
			state,
			nodeViews: {
				block: (node, _view, getPos) => {
					if (!lazy) return new BlockView(node);
					const block = lazy.blockAt(getPos() ?? 0);
					return new BlockView(node, lazy.isLive(block), () => lazy.isLive(block));
				}
			},
			// A selection put in a block whose lines are not made yet (find, Ctrl+End, a span revealed)
			// makes that block in the same update, so the browser's selection has its text to sit in.
			dispatchTransaction: (tr) => {
				const blocks = lazy && tr.selectionSet && !lazy.done ? lazy.at(tr.selection.anchor, tr.selection.head) : [];
				if (blocks.length > 0) makeLive(tr, blocks);
				this.view.updateState(this.view.state.apply(tr));
				if (blocks.length > 0) this.#renderer?.madeLive(blocks);
			},
			attributes: {
				'aria-label': 'Article text',
				'aria-readonly': 'true',
				'aria-multiline': 'true',
				role: 'textbox',
				spellcheck: 'false',
				class: 'sw-article'
			}
		});
		this.#tooltip = new SpanTooltip(this.view, positions, () => this.#labels, (span) => this.#renderer?.hover(span));
		this.view.dom.addEventListener('keydown', this.#onKeyDown);
		this.scroller = options.scroller !== undefined ? options.scroller : scrollingAncestor(this.view.dom as HTMLElement);
		this.#visibleLines = new VisibleLines(this.view, positions, this.scroller, (start, end) => {
			this.#window = { start, end };
			this.#renderer?.setWindow(start, end);
		});
		if (lazy && !lazy.done) this.#lazyTimer = setTimeout(this.#makeSlice, 0);
		// Blocks not laid out yet are sized from the characters per line (app.css): measured when the
		// text first gets a width, and again when the width changes.
		this.#widthObserver = new ResizeObserver(([entry]) => {
			const width = Math.round(entry.contentRect.width);
			if (width === this.#width) return;
			this.#width = width;
			const perLine = measureLineLength(this.view.dom as HTMLElement, options.text);
			if (perLine) mount.style.setProperty('--cpl', String(perLine));
		});
		this.#widthObserver.observe(this.view.dom);
	}

	/**
	 * Makes the next dry blocks live (those on screen first), about LAZY_BLOCKS.sliceMs of work: the
	 * number of blocks per slice follows the time the last slice took.
	 */
	readonly #makeSlice = () => {
		this.#lazyTimer = undefined;
		const lazy = this.#lazy;
		if (!lazy || lazy.done || this.view.isDestroyed) return;
		const blocks = lazy.next(this.#lazySlice, this.#window);
		const t0 = performance.now();
		this.view.dispatch(makeLive(this.view.state.tr, blocks));
		const took = performance.now() - t0;
		this.#renderer?.madeLive(blocks);
		const scale = took > 0 ? LAZY_BLOCKS.sliceMs / took : 2;
		this.#lazySlice = Math.max(1, Math.min(LAZY_BLOCKS.maxSlice, Math.round(blocks.length * Math.min(2, scale))));
		if (!lazy.done) this.#lazyTimer = setTimeout(this.#makeSlice, 0);
		else performance.mark('spanwise:article-lines-made');
	};

	/** Escape hides the label tag (and deselects, in the key plugin). */
	readonly #onKeyDown = (event: KeyboardEvent) => {
		if (event.key === 'Escape') this.#tooltip.hide();
	};

	/** Shows `spans` (after `edits`, when given: drawn incrementally) and the selected span. */
	/**
	 * Shows `spans` (`edits` turned the shown set into them; null: redraw all). `caret`: collapse the
	 * text selection there in the same transaction, without scrolling (a tag, whose text is in view):
	 * one view update instead of two, and no forced layout for a scroll that would not move.
	 */
	sync(spans: SpanSet, edits: readonly SpanEdit[] | null, caret?: number): void {
		if (spans === spanState(this.view.state).spans) return;
		const tr = this.view.state.tr;
		if (caret !== undefined) {
			tr.setSelection(TextSelection.create(tr.doc, this.positions.toPos(caret)));
			this.#lastSelection = { start: caret, end: caret };
		}
		applySpanAction(this.view, { type: 'sync', spans, edits }, tr);
		this.#tooltip.refresh();
	}

	/**
	 * Selects a span (or none). The caret goes to the span's start when revealing it (scrolled into
	 * view), else to its end; the text selection is collapsed on purpose: a native selection over the
	 * span would turn the next drag that starts inside it into a drag-and-drop of the text instead of
	 * a new selection. The span itself is shown as selected by the renderer.
	 */
	select(id: string | null, reveal = true): void {
		const tr = this.view.state.tr;
		const span = id ? spanState(this.view.state).spans.get(id) : undefined;
		if (!span && !spanState(this.view.state).selectedId) return this.#tooltip.showFor(null);
		if (span && reveal) tr.setSelection(TextSelection.create(tr.doc, this.positions.toPos(span.start))).scrollIntoView();
		applySpanAction(this.view, { type: 'select', id: span ? span.id : null }, tr);
		// Moving the browser's selection and placing the label tag both need layout: do them in the
		// next frame, where layout happens anyway, so a key press returns at once.
		cancelAnimationFrame(this.#frame);
		this.#frame = requestAnimationFrame(() => {
			const selected = selectedSpan(this.view.state);
			if (span && !reveal && selected?.id === span.id) {
				const state = this.view.state;
				this.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, this.positions.toPos(span.end))));
			}
			this.#tooltip.showFor(selected);
		});
	}

	/** The selected span, if any. */
	get selected(): Span | null {
		return selectedSpan(this.view.state);
	}

	/** The text selection as offsets into the article text. */
	selectionOffsets(): { start: number; end: number } {
		// While another control has the keyboard (the find box), where the user last was in the text.
		if (!this.view.hasFocus()) return this.#lastSelection;
		const { from, to } = liveSelection(this.view);
		return { start: this.positions.toOffset(from), end: this.positions.toOffset(to) };
	}

	/** Puts the caret (or a selection) at text offsets; `center` scrolls it to the middle of the view (find). */
	setSelection(start: number, end = start, center = false): void {
		const doc = this.view.state.doc;
		const tr = this.view.state.tr.setSelection(
			TextSelection.create(doc, this.positions.toPos(start), this.positions.toPos(end))
		);
		this.view.dispatch(tr.scrollIntoView());
		this.#lastSelection = { start: Math.min(start, end), end: Math.max(start, end) };
		this.#settleScroll(center);
	}

	/**
	 * Scrolls the selection into view again once the lines around it are laid out: a block that was
	 * skipped (content-visibility) only had an estimated height when the first scroll was computed.
	 */
	#settleScroll(center: boolean): void {
		cancelAnimationFrame(this.#scrollFrame);
		this.#scrollFrame = requestAnimationFrame(() => {
			this.#scrollFrame = requestAnimationFrame(() => {
				if (this.view.isDestroyed) return;
				const scroller = center ? this.scroller : null;
				if (!scroller) return this.view.dispatch(this.view.state.tr.scrollIntoView());
				const at = this.view.coordsAtPos(this.view.state.selection.from);
				const box = scroller.getBoundingClientRect();
				scroller.scrollTop += (at.top + at.bottom) / 2 - (box.top + box.bottom) / 2;
			});
		});
	}

	/** Draws the matches of a find (the current one stronger), or none. */
	showMatches(matches: readonly TextMatch[], current: number): void {
		this.#renderer?.matches(matches, current);
	}

	/** Marks the range under review (scrolled into view), or none. */
	focusRange(range: { start: number; end: number } | null): void {
		this.#renderer?.focus(range);
		if (range) {
			const tr = this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, this.positions.toPos(range.start)));
			this.view.dispatch(tr.scrollIntoView());
		}
	}

	/** Draws suggestions: dashed outlines in their label's colour (see SuggestionMark). */
	setSuggestions(marks: readonly SuggestionMark[]): void {
		this.#renderer?.suggest(marks);
	}

	/** Draws other annotators' layers under the text (dotted, one colour each). */
	setOverlays(layers: readonly (readonly { start: number; end: number }[])[]): void {
		this.#renderer?.overlay(layers);
	}

	setLabels(labels: readonly Label[]): void {
		this.#labels = labels;
		this.#renderer?.setLabels(labels);
		this.#tooltip.refresh();
	}

	focus(): void {
		this.view.focus();
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
		cancelAnimationFrame(this.#scrollFrame);
		clearTimeout(this.#lazyTimer);
		this.#widthObserver.disconnect();
		this.view.dom.removeEventListener('keydown', this.#onKeyDown);
		this.#visibleLines.destroy();
		this.#tooltip.destroy();
		this.view.destroy();
	}
}
