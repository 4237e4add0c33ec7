import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/**
 * Makes every mouse drag over the text select it. Chromium loses the anchor of a drag whose first
 * mouse move lands on the same caret position as the press (a press in the right part of a glyph,
 * then a move of a few pixels that stays left of the next glyph's middle): from then on the
 * selection stays collapsed and only the caret follows the pointer, on a plain page as in the
 * editor. So the press position is remembered, and after each move (once the browser has applied
 * it) and at release, a collapsed selection away from the press is replaced by press → pointer,
 * in the DOM and in ProseMirror's state at once. A drag the browser tracks correctly (a
 * non-collapsed selection) is left alone, and so are double and triple clicks and Shift+click,
 * which extend or select words and lines by design.
 */
export function dragSelection(): Plugin {
	let press: number | null = null;
	let frame = 0;
	let stop: (() => void) | null = null;

	function repair(view: EditorView, x: number, y: number): void {
		if (press === null || view.isDestroyed) return;
		const hit = view.posAtCoords({ left: x, top: y });
		if (!hit || hit.pos === press) return;
		const root = view.root as Document;
		const selection = root.getSelection?.() ?? document.getSelection();
		if (!selection || (!selection.isCollapsed && selection.rangeCount > 0)) return;
		const anchor = view.domAtPos(press);
		const head = view.domAtPos(hit.pos);
		selection.setBaseAndExtent(anchor.node, anchor.offset, head.node, head.offset);
		// ProseMirror learns of it now, not at the next selectionchange: a selection sync it has
		// scheduled for the end of the drag would otherwise write its stale caret back.
		const state = view.state;
		view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, press, hit.pos)).setMeta('pointer', true));
	}

	function release(): void {
		cancelAnimationFrame(frame);
		frame = 0;
		press = null;
		stop?.();
		stop = null;
	}

	return new Plugin({
		props: {
			handleDOMEvents: {
				mousedown(view, event) {
					release();
					if (event.button !== 0 || event.detail > 1 || event.shiftKey || event.ctrlKey || event.metaKey) return false;
					press = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null;
					if (press === null) return false;
					const doc = view.dom.ownerDocument;
					const move = (e: MouseEvent) => {
						if ((e.buttons & 1) === 0) return release();
						const { clientX, clientY } = e;
						// After the browser's own handling of this move.
						cancelAnimationFrame(frame);
						frame = requestAnimationFrame(() => repair(view, clientX, clientY));
					};
					const up = (e: MouseEvent) => {
						repair(view, e.clientX, e.clientY);
						release();
					};
					doc.addEventListener('mousemove', move);
					doc.addEventListener('mouseup', up);
					stop = () => {
						doc.removeEventListener('mousemove', move);
						doc.removeEventListener('mouseup', up);
					};
					return false;
				}
			}
		},
		view: () => ({ destroy: release })
	});
}
