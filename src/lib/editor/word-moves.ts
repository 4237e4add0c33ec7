/**
 * Moving the caret, or a selection's head, by one word, where a word is a token of the one tokenizer
 * (core/text/tokenizer.ts): Ctrl+←/→ (Alt+←/→ on a Mac), with Shift extending the selection. So a
 * keyboard user selecting "Ukraine’s" word by word stops after "Ukraine" first and can leave the
 * clitic out, and the stops are the token edges word snapping and the Prodigy tokens use. The
 * browser's own word move follows its own word rules and stops at blocks it has not laid out.
 * A double click selects one token the same way ("Ukraine", not the browser's "Ukraine’s").
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { nextTokenEnd, previousTokenStart, tokenAt } from '$lib/core/text/tokenizer';
import type { TextPositions } from './positions';
import { liveAnchorHead } from './live-selection';

/** What a word-move key asks for: which way, and whether Shift extends the selection. */
export interface WordMoveKey {
	readonly direction: -1 | 1;
	readonly extend: boolean;
}

/**
 * The word move a key press asks for, or null. Ctrl+←/→ everywhere; Alt+←/→ too (the Mac's word
 * move) unless `altMovesSpanEdge` (a span is selected: then Alt+←/→ moves that span's edge).
 */
export function wordMoveKey(event: KeyboardEvent, altMovesSpanEdge: boolean): WordMoveKey | null {
	if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return null;
	if (event.metaKey) return null;
	const byCtrl = event.ctrlKey && !event.altKey;
	const byAlt = event.altKey && !event.ctrlKey && !altMovesSpanEdge;
	if (!byCtrl && !byAlt) return null;
	return { direction: event.key === 'ArrowLeft' ? -1 : 1, extend: event.shiftKey };
}

/**
 * Moves the caret (or with `extend`, the selection's head) forward to the next token end or back to
 * the previous token start, as browsers on Linux and macOS move by word.
 */
export function moveByWord(view: EditorView, positions: TextPositions, { direction, extend }: WordMoveKey): void {
	const { anchor, head } = liveAnchorHead(view);
	const offset = positions.toOffset(head);
	const text = positions.text;
	const target = positions.toPos(direction === 1 ? nextTokenEnd(text, offset) : previousTokenStart(text, offset));
	const selection = TextSelection.create(view.state.doc, extend ? anchor : target, target);
	view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
}

/**
 * Selects the token at `pos` (a double click there): the token holding the character after it, or
 * the one before when the click landed after a word's last character. False (the browser's own
 * double click) on white space.
 */
export function selectTokenAt(view: EditorView, positions: TextPositions, pos: number): boolean {
	const text = positions.text;
	const offset = positions.toOffset(pos);
	const token = tokenAt(text, offset) ?? (offset > 0 ? tokenAt(text, offset - 1) : null);
	if (!token) return false;
	const selection = TextSelection.create(view.state.doc, positions.toPos(token.start), positions.toPos(token.end));
	view.dispatch(view.state.tr.setSelection(selection));
	return true;
}
