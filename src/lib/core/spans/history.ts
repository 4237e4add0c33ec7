/**
 * Undo and redo of annotation edits (spans and relations alike), as an immutable value the state layer keeps next to the SpanSet. Each
 * entry is one user action (a batch of edits), so one Ctrl+Z undoes the whole action.
 */
import type { AnnotationEdit } from '../types';
import { invertEdits } from './edits';

/** How many actions can be undone; older ones are forgotten. */
export const HISTORY_LIMIT = 1000;

/** Undo and redo stacks of edit batches. */
export class EditHistory {
	/** No history. */
	static readonly empty: EditHistory = new EditHistory([], []);

	readonly #done: readonly (readonly AnnotationEdit[])[];
	readonly #undone: readonly (readonly AnnotationEdit[])[];

	private constructor(done: readonly (readonly AnnotationEdit[])[], undone: readonly (readonly AnnotationEdit[])[]) {
		this.#done = done;
		this.#undone = undone;
	}

	/** Whether there is an action to undo. */
	get canUndo(): boolean {
		return this.#done.length > 0;
	}

	/** Whether there is an undone action to redo. */
	get canRedo(): boolean {
		return this.#undone.length > 0;
	}

	/** Number of actions that can be undone. */
	get undoDepth(): number {
		return this.#done.length;
	}

	/** Number of actions that can be redone. */
	get redoDepth(): number {
		return this.#undone.length;
	}

	/** The action an undo would revert now (the last one done), if any. */
	get lastDone(): readonly AnnotationEdit[] | undefined {
		return this.#done.at(-1);
	}

	/** The action a redo would apply now (the last one undone), if any. */
	get lastUndone(): readonly AnnotationEdit[] | undefined {
		return this.#undone.at(-1);
	}

	/**
	 * Records an action just applied; clears redo (a new action forks history). An empty batch changes
	 * nothing, unless `keepEmpty`: a step with no annotation edits whose effect lies elsewhere (a
	 * suggestion rejected), which the caller recognises by the identity of `lastDone`.
	 */
	push(edits: readonly AnnotationEdit[], keepEmpty = false): EditHistory {
		if (edits.length === 0 && !keepEmpty) return this;
		const done = this.#done.length >= HISTORY_LIMIT ? this.#done.slice(1 - HISTORY_LIMIT) : this.#done.slice();
		done.push(edits.slice());
		return new EditHistory(done, []);
	}

	/** The history after undoing the last action, and the edits to apply for it; null if nothing to undo. */
	undo(): { history: EditHistory; edits: AnnotationEdit[] } | null {
		const batch = this.#done.at(-1);
		if (!batch) return null;
		return {
			history: new EditHistory(this.#done.slice(0, -1), [...this.#undone, batch]),
			edits: invertEdits(batch)
		};
	}

	/** The history after redoing the last undone action, and the edits to apply; null if nothing to redo. */
	redo(): { history: EditHistory; edits: AnnotationEdit[] } | null {
		const batch = this.#undone.at(-1);
		if (!batch) return null;
		return {
			history: new EditHistory([...this.#done, batch], this.#undone.slice(0, -1)),
			edits: batch.slice()
		};
	}
}
