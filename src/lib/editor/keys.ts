import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Span } from '$lib/core/types';
import { Keymap, isMacPlatform, type Command } from '$lib/core/shortcuts';
import { nextParagraphStart, nextSentenceEnd, nextSentenceStart, previousParagraphStart, previousSentenceStart } from '$lib/core/text/sentences';
import type { TextPositions } from './positions';
import { selectedSpan, spanState } from './span-plugin';
import { liveSelection, liveSelectionEnds } from './live-selection';
import { moveByWord, narrowDoubleClick } from './word-moves';

/** How far a span's edge moves: to the next word edge, or by one character (a grapheme). */
export type EdgeStep = 'word' | 'character';

/** What the editor asks of whoever owns the annotations. */
export interface EditorHost {
	/** The label bound to a key, if any. */
	labelForKey(key: string): string | undefined;
	/** Make a span over [start, end); `raw` bypasses word snapping (Alt held while selecting). */
	tag(start: number, end: number, label: string, raw: boolean): void;
	relabel(id: string, label: string): void;
	remove(id: string): void;
	/** Select a span (null: none). */
	select(id: string | null): void;
	/** The editor let go of the selected span by itself (the user selected other text). */
	spanReleased(): void;
	/** Move one edge of a span by a word (or, with `step` 'character', by one character). */
	moveEdge(id: string, edge: 'start' | 'end', direction: -1 | 1, step?: EdgeStep): void;
	undo(): void;
	redo(): void;
	showHelp(): void;
	/** A short message for the user ("Select some text first"). */
	notify(message: string): void;
	/** Relation keys (making, retyping, reversing, removing links), asked first; true when taken. */
	relationKey?(event: KeyboardEvent): boolean;
	/**
	 * Suggestion keys (j / k walk, a / x decide, a label key accepts the current one with that label,
	 * Shift+A, m), asked after the relation keys. `hasSelection`: the user has text selected (a label
	 * key then tags it, as always). True when taken.
	 */
	suggestionKey?(event: KeyboardEvent, hasSelection: boolean): boolean;
	/** A click on a span while a link is being made; true when it was taken as the link's other end. */
	relationClick?(spanId: string): boolean;
	/**
	 * An Alt-drag from the spans under the press to those under the release (each inner to outer):
	 * true when it made (or started) a link, false to leave it a raw selection.
	 */
	relationDrag?(from: readonly Span[], to: readonly Span[]): boolean;
}

/** Where the editor sends what is not an annotation: the find box. */
export interface EditorCommands {
	/** Open the find box (`/`, Mod+F). */
	find(): void;
	/** Close the find box if it is open (Escape with no span selected); false when it was not open. */
	closeFind(): boolean;
}

/** Whether Mod is ⌘ here. */
export function onMac(): boolean {
	return typeof navigator !== 'undefined' && isMacPlatform(navigator.platform || navigator.userAgent);
}

/** Among the spans at a point, the one after `current` (inner to outer, wrapping), else the innermost. */
function cycle(candidates: readonly Span[], current: Span | null): Span | undefined {
	if (candidates.length === 0) return undefined;
	const i = current ? candidates.findIndex((s) => s.id === current.id) : -1;
	return candidates[(i + 1) % candidates.length];
}

/** What a command handler sees: the view, the selection as text offsets, and the selected span. */
interface KeyContext {
	readonly view: EditorView;
	readonly start: number;
	readonly end: number;
	readonly selected: Span | null;
}

/** A command's effect; false lets the key go on to the browser (and the page). */
type Handler = (context: KeyContext) => boolean;

/**
 * Annotation keys and clicks. Plain keys are free because the text cannot be typed into. Label keys
 * tag the selection, or relabel the span the user selected (by a click, Enter, ] or [): a span just
 * made is not selected, so the next label key never relabels it by surprise. Everything else is
 * looked up in the shortcut table (`$lib/core/shortcuts`), context `editor`; commands marked native
 * there are left to the browser.
 */
export function annotationKeys(host: EditorHost, positions: TextPositions, commands: EditorCommands): Plugin {
	let rawSelection = false;
	const keymap = new Keymap('editor', onMac());
	const text = positions.text;

	/** Puts the caret at `offset` (or moves the selection's head there, keeping its anchor). */
	function caretTo(view: EditorView, offset: number, extend = false): boolean {
		const { anchor } = liveSelectionEnds(view);
		const head = positions.toPos(Math.max(0, Math.min(offset, text.length)));
		if (!extend && selectedSpan(view.state)) host.select(null);
		const state = view.state;
		view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, extend ? anchor : head, head)).scrollIntoView());
		return true;
	}

	function headOffset(view: EditorView): number {
		return positions.toOffset(liveSelectionEnds(view).head);
	}

	/** Moves the caret (or, extending, the selection's head) to the next token end or previous token start. */
	const word =
		(direction: -1 | 1, extend: boolean): Handler =>
		({ view }) => {
			moveByWord(view, positions, { direction, extend });
			return true;
		};

	const edge =
		(which: 'start' | 'end', direction: -1 | 1, step: EdgeStep): Handler =>
		(context) => {
			const { selected } = context;
			if (!selected) {
				if (step === 'character') {
					host.notify('Select a span first (click it, or Enter at the caret), then move its edges.');
					return true;
				}
				// Alt+←/→ with no span selected is the Mac's word move (Shift extending): by tokens here too.
				return word(direction, which === 'start')(context);
			}
			host.moveEdge(selected.id, which, direction, step);
			return true;
		};

	const handlers: Partial<Record<Command, Handler>> = {
		undo: () => (host.undo(), true),
		redo: () => (host.redo(), true),
		help: () => (host.showHelp(), true),
		find: () => (commands.find(), true),
		removeSpan: ({ selected }) => {
			if (selected) host.remove(selected.id);
			return true;
		},
		selectSpanAtCaret: ({ view, start, selected }) => {
			const next = cycle(spanState(view.state).spans.at(start), selected);
			if (next) host.select(next.id);
			else host.notify('No span at the caret.');
			return true;
		},
		deselect: ({ selected }) => {
			if (!selected) return commands.closeFind();
			host.select(null);
			return true;
		},
		nextSpan: (c) => walk(c, 1),
		previousSpan: (c) => walk(c, -1),
		spanEndWordRight: edge('end', 1, 'word'),
		spanEndWordLeft: edge('end', -1, 'word'),
		spanStartWordRight: edge('start', 1, 'word'),
		spanStartWordLeft: edge('start', -1, 'word'),
		caretWordRight: word(1, false),
		caretWordLeft: word(-1, false),
		extendWordRight: word(1, true),
		extendWordLeft: word(-1, true),
		spanEndCharRight: edge('end', 1, 'character'),
		spanEndCharLeft: edge('end', -1, 'character'),
		spanStartCharRight: edge('start', 1, 'character'),
		spanStartCharLeft: edge('start', -1, 'character'),
		nextSentence: ({ view }) => caretTo(view, nextSentenceStart(text, headOffset(view))),
		previousSentence: ({ view }) => caretTo(view, previousSentenceStart(text, headOffset(view))),
		extendSentenceForward: ({ view }) => caretTo(view, nextSentenceEnd(text, headOffset(view)), true),
		extendSentenceBackward: ({ view }) => caretTo(view, previousSentenceStart(text, headOffset(view)), true),
		nextParagraph: ({ view }) => caretTo(view, nextParagraphStart(text, headOffset(view))),
		previousParagraph: ({ view }) => caretTo(view, previousParagraphStart(text, headOffset(view))),
		// The browser's own moves stop at a block of lines it has not laid out yet (content-visibility).
		textStart: ({ view }) => caretTo(view, 0),
		textEnd: ({ view }) => caretTo(view, text.length),
		extendToTextStart: ({ view }) => caretTo(view, 0, true),
		extendToTextEnd: ({ view }) => caretTo(view, text.length, true)
	};

	function walk({ view, start, selected }: KeyContext, direction: 1 | -1): boolean {
		const target = neighbour(view, direction, selected, start);
		if (target) host.select(target.id);
		else host.notify(direction === 1 ? 'No span after this one.' : 'No span before this one.');
		return true;
	}

	function labelKey(view: EditorView, label: string): void {
		const { from, to } = liveSelection(view);
		const start = positions.toOffset(from);
		const end = positions.toOffset(to);
		const selected = selectedSpan(view.state);
		const onSelected = selected && (start === end || (start === selected.start && end === selected.end));
		if (selected && onSelected) host.relabel(selected.id, label);
		else if (start < end) host.tag(start, end, label, rawSelection);
		else host.notify('Select some text first, then press a label key (to relabel a span, click it or press Enter on it).');
	}

	function handleKeyDown(view: EditorView, event: KeyboardEvent): boolean {
		if (event.isComposing) return false;
		if (host.relationKey?.(event)) return true;
		if (host.suggestionKey) {
			const { from, to } = liveSelection(view);
			if (host.suggestionKey(event, from < to)) return true;
		}
		if (!event.ctrlKey && !event.metaKey && !event.altKey) {
			const label = host.labelForKey(event.key);
			if (label) {
				labelKey(view, label);
				return true;
			}
		}
		const shortcut = keymap.lookup(event);
		const handler = shortcut && !shortcut.native ? handlers[shortcut.command] : undefined;
		if (!handler) {
			// The browser moves the caret: a new keyboard selection is not the mouse's (no Alt bypass).
			if (/^(Arrow|Home|End|Page)/.test(event.key)) rawSelection = false;
			return false;
		}
		rawSelection = false;
		const { from, to } = liveSelection(view);
		return handler({ view, start: positions.toOffset(from), end: positions.toOffset(to), selected: selectedSpan(view.state) });
	}

	function neighbour(view: EditorView, direction: 1 | -1, selected: Span | null, caret: number): Span | undefined {
		const all = spanState(view.state).spans.all();
		if (selected) {
			const i = all.findIndex((s) => s.id === selected.id);
			return all[i + direction];
		}
		if (direction === 1) return all.find((s) => s.start >= caret);
		for (let i = all.length - 1; i >= 0; i--) if (all[i].start < caret) return all[i];
		return undefined;
	}

	/** The spans under a pointer position, inner to outer. */
	function spansAt(view: EditorView, x: number, y: number): readonly Span[] {
		const hit = view.posAtCoords({ left: x, top: y });
		return hit ? spanState(view.state).spans.at(positions.toOffset(hit.pos)) : [];
	}

	/**
	 * An Alt-press on a span may be the start of a link drag: at the release over another span, the
	 * host decides. A link made drops the text selection the drag made (the caret goes to the release).
	 */
	function altDrag(view: EditorView, press: MouseEvent): void {
		const from = spansAt(view, press.clientX, press.clientY);
		if (from.length === 0) return;
		const doc = view.dom.ownerDocument;
		doc.addEventListener(
			'mouseup',
			(release) => {
				if (view.isDestroyed || release.button !== 0) return;
				const to = spansAt(view, release.clientX, release.clientY);
				if (to.length === 0 || to.every((t) => from.some((f) => f.id === t.id))) return;
				if (!host.relationDrag?.(from, to)) return;
				rawSelection = false;
				// The caret goes where the pointer was let go (found now: the link's drawing will cover it),
				// once the browser and ProseMirror have applied the drag's selection (ProseMirror writes its
				// own to the DOM a task after the release: this comes a task after that).
				const at = view.posAtCoords({ left: release.clientX, top: release.clientY })?.pos;
				if (at === undefined) return;
				const collapse = () => {
					if (view.isDestroyed) return;
					const state = view.state;
					view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, Math.min(at, state.doc.content.size))));
				};
				setTimeout(() => setTimeout(collapse, 0), 0);
			},
			{ once: true }
		);
	}

	return new Plugin({
		props: {
			handleKeyDown,
			handleDOMEvents: {
				mousedown(view, event) {
					rawSelection = event.altKey;
					if (event.altKey && event.button === 0 && host.relationDrag) altDrag(view, event);
					return false;
				},
				mouseup(_view, event) {
					rawSelection = rawSelection || event.altKey;
					return false;
				},
				dblclick(view, event) {
					narrowDoubleClick(view, positions, event);
					return false;
				}
			},
			handleClick(view, pos) {
				const offset = positions.toOffset(pos);
				const candidates = spanState(view.state).spans.at(offset);
				const next = cycle(candidates, selectedSpan(view.state));
				if (next && host.relationClick?.(candidates[0].id)) return true;
				if (next) {
					host.select(next.id);
					return true;
				}
				if (selectedSpan(view.state)) host.select(null);
				return false;
			}
		}
	});
}
