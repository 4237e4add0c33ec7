import type { EditorView } from 'prosemirror-view';

/**
 * The selection as the browser has it right now, in ProseMirror positions. ProseMirror learns of a
 * keyboard selection change (Shift+Home) from the asynchronous `selectionchange` event, so a label
 * key pressed right after it could otherwise act on the previous selection.
 */
export function liveSelection(view: EditorView): { from: number; to: number } {
	const root = view.root as Document | ShadowRoot;
	const selection = 'getSelection' in root && typeof root.getSelection === 'function' ? root.getSelection() : document.getSelection();
	if (selection?.anchorNode && selection.focusNode && view.dom.contains(selection.anchorNode) && view.dom.contains(selection.focusNode)) {
		try {
			const anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
			const focus = view.posAtDOM(selection.focusNode, selection.focusOffset);
			return { from: Math.min(anchor, focus), to: Math.max(anchor, focus) };
		} catch {
			// A node ProseMirror does not map: use its own idea of the selection.
		}
	}
	const { from, to } = view.state.selection;
	return { from, to };
}

/** The live selection's anchor and head (head: where Shift+arrow moves), in ProseMirror positions. */
export function liveSelectionEnds(view: EditorView): { anchor: number; head: number } {
	const root = view.root as Document | ShadowRoot;
	const selection = 'getSelection' in root && typeof root.getSelection === 'function' ? root.getSelection() : document.getSelection();
	if (selection?.anchorNode && selection.focusNode && view.dom.contains(selection.anchorNode) && view.dom.contains(selection.focusNode)) {
		try {
			return { anchor: view.posAtDOM(selection.anchorNode, selection.anchorOffset), head: view.posAtDOM(selection.focusNode, selection.focusOffset) };
		} catch {
			// A node ProseMirror does not map: use its own idea of the selection.
		}
	}
	const { anchor, head } = view.state.selection;
	return { anchor, head };
}
