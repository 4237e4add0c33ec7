/**
 * Applying and inverting span edits. Edits are data (add / remove / update), so the same batch can be
 * persisted, replayed, and undone by applying its inverse.
 */
import type { SpanEdit } from '../types';
import type { SpanSet } from './span-set';

/**
 * Applies `edits` in order. An edit that does not fit the set (removing or updating a span that is not
 * there, an update that changes the id) is a bug in the caller, so it throws RangeError.
 */
export function applyEdits(set: SpanSet, edits: readonly SpanEdit[]): SpanSet {
	let next = set;
	for (const edit of edits) {
		switch (edit.type) {
			case 'add':
				next = next.add(edit.span);
				break;
			case 'remove':
				if (!next.has(edit.span.id)) {
					throw new RangeError(`cannot remove span "${edit.span.id}": it is not in the set`);
				}
				next = next.remove(edit.span.id);
				break;
			case 'update':
				if (edit.before.id !== edit.after.id) {
					throw new RangeError(`an update cannot change a span's id ("${edit.before.id}" → "${edit.after.id}")`);
				}
				next = next.replace(edit.after);
				break;
		}
	}
	return next;
}

/** The edits that undo `edits`: reversed, with add and remove swapped and each update's before/after swapped. */
export function invertEdits(edits: readonly SpanEdit[]): SpanEdit[] {
	const inverted: SpanEdit[] = [];
	for (let i = edits.length - 1; i >= 0; i--) {
		const edit = edits[i];
		switch (edit.type) {
			case 'add':
				inverted.push({ type: 'remove', span: edit.span });
				break;
			case 'remove':
				inverted.push({ type: 'add', span: edit.span });
				break;
			case 'update':
				inverted.push({ type: 'update', before: edit.after, after: edit.before });
				break;
		}
	}
	return inverted;
}
