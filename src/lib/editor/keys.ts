import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Span } from '$lib/core/types';
import type { TextPositions } from './positions';
import { selectedSpan, spanState } from './span-plugin';
import { liveSelection } from './live-selection';
import { moveByWord, narrowDoubleClick, wordMoveKey } from './word-moves';

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
	/** Move one edge of a span by a word. */
	moveEdge(id: string, edge: 'start' | 'end', direction: -1 | 1): void;
	undo(): void;
	redo(): void;
	showHelp(): void;
	/** A short message for the user ("Select some text first"). */
	notify(message: string): void;
}

/** Among the spans at a point, the one after `current` (inner to outer, wrapping), else the innermost. */
function cycle(candidates: readonly Span[], current: Span | null): Span | undefined {
	if (candidates.length === 0) return undefined;
	const i = current ? candidates.findIndex((s) => s.id === current.id) : -1;
	return candidates[(i + 1) % candidates.length];
}

/**
 * Annotation keys and clicks. Plain keys are free because the text cannot be typed into:
 * label keys tag or relabel, Delete removes, Enter selects the span at the caret (again: the
 * next outer one), ] and [ walk spans in reading order, Alt+←/→ move the selected span's end by a
 * word and Alt+Shift+←/→ its start, Escape deselects, ? shows every shortcut. Ctrl+←/→ (and Alt+←/→
 * with no span selected) move by token, Shift extending (word-moves.ts).
 */
export function annotationKeys(host: EditorHost, positions: TextPositions): Plugin {
	let rawSelection = false;

	function handleKeyDown(view: EditorView, event: KeyboardEvent): boolean {
		if (event.isComposing) return false;
		const mod = event.ctrlKey || event.metaKey;
		const key = event.key;
		const selected = selectedSpan(view.state);
		const wordMove = wordMoveKey(event, selected !== null);
		if (wordMove) {
			rawSelection = false;
			return run(() => moveByWord(view, positions, wordMove));
		}
		if (mod && !event.altKey) {
			const lower = key.toLowerCase();
			if (lower === 'z' && !event.shiftKey) return run(() => host.undo());
			if ((lower === 'z' && event.shiftKey) || (lower === 'y' && !event.shiftKey)) return run(() => host.redo());
			// To the start or end of the text (Shift: extend the selection there). The browser's own move
			// stops at a block of lines it has not laid out yet (content-visibility), so it is done here.
			if (key === 'Home' || key === 'End' || (event.metaKey && (key === 'ArrowUp' || key === 'ArrowDown'))) {
				rawSelection = false;
				return run(() => toEdge(view, key === 'End' || key === 'ArrowDown', event.shiftKey));
			}
			return false;
		}
		if (key.startsWith('Arrow') || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown') {
			if (event.altKey && selected && (key === 'ArrowLeft' || key === 'ArrowRight')) {
				host.moveEdge(selected.id, event.shiftKey ? 'start' : 'end', key === 'ArrowLeft' ? -1 : 1);
				return true;
			}
			rawSelection = false;
			return false;
		}
		if (event.altKey) return false;
		const { from, to } = liveSelection(view);
		const start = positions.toOffset(from);
		const end = positions.toOffset(to);
		const label = host.labelForKey(key);
		if (label) {
			const onSelected = selected && (start === end || (start === selected.start && end === selected.end));
			if (selected && onSelected) host.relabel(selected.id, label);
			else if (start < end) host.tag(start, end, label, rawSelection);
			else host.notify('Select some text first, then press a label key.');
			return true;
		}
		switch (key) {
			case 'Delete':
			case 'Backspace':
				if (selected) host.remove(selected.id);
				return true;
			case 'Enter': {
				const next = cycle(spanState(view.state).spans.at(start), selected);
				if (next) host.select(next.id);
				else host.notify('No span at the caret.');
				return true;
			}
			case 'Escape':
				if (!selected) return false;
				host.select(null);
				return true;
			case ']':
			case '[': {
				const target = neighbour(view, key === ']' ? 1 : -1, selected, start);
				if (target) host.select(target.id);
				else host.notify(key === ']' ? 'No span after this one.' : 'No span before this one.');
				return true;
			}
			case '?':
				host.showHelp();
				return true;
			default:
				return false;
		}
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

	function toEdge(view: EditorView, end: boolean, extend: boolean): void {
		const { doc, selection } = view.state;
		const head = positions.toPos(end ? positions.text.length : 0);
		const anchor = extend ? selection.anchor : head;
		view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, anchor, head)).scrollIntoView());
	}

	function run(action: () => void): boolean {
		action();
		return true;
	}

	return new Plugin({
		props: {
			handleKeyDown,
			handleDOMEvents: {
				mousedown(_view, event) {
					rawSelection = event.altKey;
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
