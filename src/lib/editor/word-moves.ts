/**
 * Moving the caret, or a selection's head, by one word, where a word is a token of the one tokenizer
 * (core/text/tokenizer.ts): Ctrl+←/→ (Alt+←/→ on a Mac), with Shift extending the selection; keys.ts
 * binds them from the shortcut table. So a
 * keyboard user selecting "Ukraine’s" word by word stops after "Ukraine" first and can leave the
 * clitic out, and the stops are the token edges word snapping and the Prodigy tokens use. The
 * browser's own word move follows its own word rules and stops at blocks it has not laid out.
 * A double click selects one token the same way ("Ukraine", not the browser's "Ukraine’s").
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { nextTokenEnd, previousTokenStart, tokenAt } from '$lib/core/text/tokenizer';
import type { TextPositions } from './positions';
import { liveSelection, liveSelectionEnds } from './live-selection';

/** What a word-move key asks for: which way, and whether Shift extends the selection. */
export interface WordMoveKey {
	readonly direction: -1 | 1;
	readonly extend: boolean;
}

/**
 * Moves the caret (or with `extend`, the selection's head) forward to the next token end or back to
 * the previous token start, as browsers on Linux and macOS move by word.
 */
export function moveByWord(view: EditorView, positions: TextPositions, { direction, extend }: WordMoveKey): void {
	const { anchor, head } = liveSelectionEnds(view);
	const offset = positions.toOffset(head);
	const text = positions.text;
	const target = positions.toPos(direction === 1 ? nextTokenEnd(text, offset) : previousTokenStart(text, offset));
	const selection = TextSelection.create(view.state.doc, extend ? anchor : target, target);
	view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
}

/**
 * After a double click, narrows the browser's word selection ("Ukraine’s", its own word rules) to the
 * token under the pointer ("Ukraine"), when the selection lies within one run of non-white-space.
 * A double click and drag across several words keeps the browser's selection. True when it narrowed.
 */
export function narrowDoubleClick(view: EditorView, positions: TextPositions, event: MouseEvent): boolean {
	const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
	if (!at) return false;
	const text = positions.text;
	const { from, to } = liveSelection(view);
	const start = positions.toOffset(from);
	const end = positions.toOffset(to);
	if (start >= end || /\p{White_Space}/u.test(text.slice(start, end))) return false;
	const offset = positions.toOffset(at.pos);
	// The pointer may stand just after the word's last character: take the token before it then.
	const token = tokenAt(text, Math.min(Math.max(offset, start), end - 1));
	if (!token || token.start < start || token.end > end || (token.start === start && token.end === end)) return false;
	view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, positions.toPos(token.start), positions.toPos(token.end))));
	return true;
}
