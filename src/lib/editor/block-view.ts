import type { Node as PMNode } from 'prosemirror-model';
import type { NodeView, ViewMutationRecord } from 'prosemirror-view';

/**
 * A block of lines (see schema.ts), drawn as `div.sw-block` holding a layer of span marks under its
 * lines: `div.sw-marks` (ours: the renderer draws into it, ProseMirror ignores it) and `div.sw-lines`
 * (ProseMirror's: the paragraphs). The marks sit inside the block, so they move with it when a
 * block above is laid out, and are skipped with it when it is off screen (content-visibility).
 */
export class BlockView implements NodeView {
	readonly dom: HTMLElement;
	readonly contentDOM: HTMLElement;
	readonly marks: HTMLElement;

	constructor(node: PMNode) {
		this.dom = document.createElement('div');
		this.dom.className = 'sw-block';
		this.marks = document.createElement('div');
		this.marks.className = 'sw-marks';
		this.marks.setAttribute('aria-hidden', 'true');
		this.marks.contentEditable = 'false';
		this.contentDOM = document.createElement('div');
		this.contentDOM.className = 'sw-lines';
		this.dom.append(this.marks, this.contentDOM);
		this.#size(node);
	}

	update(node: PMNode): boolean {
		if (node.type.name !== 'block') return false;
		this.#size(node);
		return true;
	}

	ignoreMutation(mutation: ViewMutationRecord): boolean {
		return mutation.type !== 'selection' && (mutation.target === this.marks || this.marks.contains(mutation.target));
	}

	#size(node: PMNode): void {
		this.dom.style.setProperty('--chars', String(node.attrs.chars));
		this.dom.style.setProperty('--lines', String(node.attrs.lines));
	}
}

/** The marks layer of block `index` of the editor root `root`, and the element holding its lines. */
export function blockParts(root: HTMLElement, index: number): { block: HTMLElement; marks: HTMLElement; lines: HTMLElement } | null {
	const block = root.children[index] as HTMLElement | undefined;
	if (!block) return null;
	return { block, marks: block.firstElementChild as HTMLElement, lines: block.lastElementChild as HTMLElement };
}
