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
	readonly contentDOM?: HTMLElement;
	readonly marks: HTMLElement;

	/**
	 * `live` false: a dry block (lazy-blocks.ts), an empty box of the block's estimated height whose
	 * lines are not made yet; `becameLive` says when it must be made again, with them.
	 */
	constructor(
		node: PMNode,
		live = true,
		readonly becameLive: () => boolean = () => false
	) {
		this.dom = document.createElement('div');
		this.dom.className = live ? 'sw-block' : 'sw-block sw-dry';
		this.marks = document.createElement('div');
		this.marks.className = 'sw-marks';
		this.marks.setAttribute('aria-hidden', 'true');
		this.marks.contentEditable = 'false';
		// A dry block is nothing but the box, without even its marks layer: an absolutely positioned
		// child per block tripled the style and layout time of 2,000 dry blocks in a test page.
		if (live) {
			this.contentDOM = document.createElement('div');
			this.contentDOM.className = 'sw-lines';
			this.dom.append(this.marks, this.contentDOM);
		}
		this.#size(node);
	}

	update(node: PMNode): boolean {
		if (node.type.name !== 'block') return false;
		if (!this.contentDOM && this.becameLive()) return false;
		this.#size(node);
		return true;
	}

	ignoreMutation(mutation: ViewMutationRecord): boolean {
		return mutation.type !== 'selection' && (mutation.target === this.marks || this.marks.contains(mutation.target));
	}

	#sized: PMNode['attrs'] | null = null;

	#size(node: PMNode): void {
		if (this.#sized === node.attrs) return;
		this.#sized = node.attrs;
		// One attribute write (two setProperty calls cost twice as much, ~40 µs each for 2,000 blocks).
		this.dom.setAttribute('style', `--chars: ${node.attrs.chars}; --lines: ${node.attrs.lines}`);
	}
}

/** The marks layer of block `index` of the editor root `root`, and the element holding its lines (null for a dry block). */
export function blockParts(root: HTMLElement, index: number): { block: HTMLElement; marks: HTMLElement; lines: HTMLElement } | null {
	const block = root.children[index] as HTMLElement | undefined;
	if (!block || block.childElementCount < 2) return null;
	return { block, marks: block.firstElementChild as HTMLElement, lines: block.lastElementChild as HTMLElement };
}
