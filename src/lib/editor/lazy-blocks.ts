import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { TextPositions } from './positions';

/**
 * The policy: articles longer than `minChars` characters open with only the blocks within
 * `firstChars` of the start given their lines; the other blocks are made in slices after the first
 * paint, about `sliceMs` of main thread each, the blocks in view first. Making the DOM of a
 * 1,000,000-word article's lines in one go is a task of several hundred milliseconds.
 */
export const LAZY_BLOCKS = { minChars: 200_000, firstChars: 40_000, sliceMs: 16, firstSlice: 8, maxSlice: 400 } as const;

/**
 * Which blocks of the article have their lines in the DOM ("live"), and which come next. A block that
 * is not live yet is "dry": drawn as an empty box of its estimated height (block-view.ts). Framework-
 * and DOM-free: the editor asks it what to make and tells it what it made.
 */
export class LazyBlocks {
	readonly #live: Uint8Array;
	#remaining: number;
	/** The next block to consider when nothing in view is dry. */
	#cursor = 0;

	constructor(
		readonly positions: TextPositions,
		firstChars: number = LAZY_BLOCKS.firstChars
	) {
		const count = positions.blockCount;
		this.#live = new Uint8Array(count);
		const last = count === 0 ? -1 : positions.blockOf(positions.lineOfOffset(Math.min(firstChars, positions.text.length))).block;
		for (let b = 0; b <= last; b++) this.#live[b] = 1;
		this.#remaining = count - (last + 1);
		this.#cursor = last + 1;
	}

	/** Whether every block is live. */
	get done(): boolean {
		return this.#remaining === 0;
	}

	isLive(block: number): boolean {
		return this.#live[block] === 1;
	}

	/** The block whose node starts at ProseMirror position `pos`, or that holds it. */
	blockAt(pos: number): number {
		return this.positions.blockOf(this.positions.lineOfPos(pos + 2)).block;
	}

	/**
	 * Up to `count` dry blocks to make next, marked live: first those of the text range
	 * [start, end) (what is on screen), then the rest in order after the last block taken.
	 */
	next(count: number, window: { start: number; end: number } | null): number[] {
		const taken: number[] = [];
		if (window && window.end > window.start) {
			const p = this.positions;
			const first = p.blockOf(p.lineOfOffset(window.start)).block;
			const last = p.blockOf(p.lineOfOffset(Math.max(window.start, window.end - 1))).block;
			for (let b = first; b <= last && taken.length < count; b++) if (this.#take(b)) taken.push(b);
		}
		const total = this.#live.length;
		for (let seen = 0; seen < total && taken.length < count && this.#remaining > 0; seen++) {
			const b = this.#cursor;
			this.#cursor = (this.#cursor + 1) % total;
			if (this.#take(b)) taken.push(b);
		}
		return taken;
	}

	/** The dry blocks holding ProseMirror positions `positions`, marked live. */
	at(...positions: number[]): number[] {
		const taken: number[] = [];
		for (const pos of positions) {
			const b = this.positions.blockOf(this.positions.lineOfPos(pos)).block;
			if (this.#take(b)) taken.push(b);
		}
		return taken;
	}

	#take(block: number): boolean {
		if (this.#live[block] === 1) return false;
		this.#live[block] = 1;
		this.#remaining--;
		return true;
	}
}

const lazyKey = new PluginKey<DecorationSet>('spanwise-lazy-blocks');

/**
 * Makes blocks live: a transaction carrying `blocks` gives each of them a node decoration, so
 * ProseMirror asks its node view to update, and a dry view answers that it must be made again
 * (this time with its lines). The decorations last one transaction.
 */
export function makeLive(tr: Transaction, blocks: readonly number[]): Transaction {
	const previous = tr.getMeta(lazyKey) as readonly number[] | undefined;
	return tr.setMeta(lazyKey, previous ? [...previous, ...blocks] : blocks).setMeta('addToHistory', false);
}

export function lazyBlocksPlugin(positions: TextPositions): Plugin<DecorationSet> {
	return new Plugin<DecorationSet>({
		key: lazyKey,
		state: {
			init: () => DecorationSet.empty,
			apply(tr, value) {
				const blocks = tr.getMeta(lazyKey) as readonly number[] | undefined;
				if (!blocks || blocks.length === 0) return value === DecorationSet.empty ? value : DecorationSet.empty;
				const decorations = blocks.map((b) => {
					const { from, to } = positions.blockPos(b);
					return Decoration.node(from, to, {});
				});
				return DecorationSet.create(tr.doc, decorations);
			}
		},
		props: {
			decorations: (state) => lazyKey.getState(state)
		}
	});
}
