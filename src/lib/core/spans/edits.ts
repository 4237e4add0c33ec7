/**
 * Applying and inverting annotation edits. Edits are data (add / remove / update of a span or a
 * relation), so the same batch can be persisted, replayed, and undone by applying its inverse.
 */
import type { AnnotationEdit, RelationEdit, SpanEdit } from '../types';
import type { RelationChange, RelationSet } from '../relations/relation-set';
import { SpanSet } from './span-set';

/** One article layer's annotations: its spans and the relations between them. */
export interface AnnotationState {
	readonly spans: SpanSet;
	readonly relations: RelationSet;
}

/** Whether `edit` changes a relation (else it changes a span). */
export function isRelationEdit(edit: AnnotationEdit): edit is RelationEdit {
	return edit.type === 'add-relation' || edit.type === 'remove-relation' || edit.type === 'update-relation';
}

/** The span edits of `edits`, in order (`edits` itself when it holds nothing else). */
export function spanEditsOf(edits: readonly AnnotationEdit[]): readonly SpanEdit[] {
	return edits.some(isRelationEdit) ? edits.filter((e): e is SpanEdit => !isRelationEdit(e)) : (edits as readonly SpanEdit[]);
}

/** The relation edits of `edits`, in order. */
export function relationEditsOf(edits: readonly AnnotationEdit[]): RelationEdit[] {
	return edits.filter(isRelationEdit);
}

/** The id of the span or relation an edit touches. */
export function editedId(edit: AnnotationEdit): string {
	switch (edit.type) {
		case 'add':
		case 'remove':
			return edit.span.id;
		case 'add-relation':
		case 'remove-relation':
			return edit.relation.id;
		default:
			return edit.after.id;
	}
}

function applySpanEdit(next: SpanSet, edit: SpanEdit): SpanSet {
	switch (edit.type) {
		case 'add':
			return next.add(edit.span);
		case 'remove':
			if (!next.has(edit.span.id)) {
				throw new RangeError(`cannot remove span "${edit.span.id}": it is not in the set`);
			}
			return next.remove(edit.span.id);
		case 'update':
			if (edit.before.id !== edit.after.id) {
				throw new RangeError(`an update cannot change a span's id ("${edit.before.id}" → "${edit.after.id}")`);
			}
			return next.replace(edit.after);
	}
}

/**
 * Applies span `edits` in order. An edit that does not fit the set (removing or updating a span that is not
 * there, an update that changes the id) is a bug in the caller, so it throws RangeError.
 */
export function applyEdits(set: SpanSet, edits: readonly SpanEdit[]): SpanSet {
	let next = set;
	for (const edit of edits) next = applySpanEdit(next, edit);
	return next;
}

/**
 * Applies `edits` (span and relation edits, in order) to `state`; returns `state` itself when
 * nothing changed. Besides `applyEdits`'s checks it keeps relations whole, throwing RangeError (a
 * bug in the caller) for a relation whose head or tail is not a span of the set when it is added or
 * updated, a span removed while a relation still links it (remove its relations first, in the same
 * batch: `removeSpansWithRelations`), and relation edits that do not fit (adding a taken id,
 * removing or updating one that is not there, an update that changes the id). Relation changes are
 * gathered and applied to the set together, so a batch copies the relation index once or twice.
 */
export function applyAnnotationEdits(state: AnnotationState, edits: readonly AnnotationEdit[]): AnnotationState {
	if (edits.length === 0) return state;
	let spans = state.spans;
	let relations = state.relations;
	// Relation changes not yet applied to `relations`, and the ids they leave present (true) or gone (false).
	let pending: RelationChange[] = [];
	const present = new Map<string, boolean>();
	const flush = () => {
		relations = relations.change(pending);
		pending = [];
		present.clear();
	};
	const has = (id: string) => present.get(id) ?? relations.has(id);
	// Consecutive adds (or removes) of spans are applied together: thousands of them (accepting every
	// suggestion of a label, and its undo) then remake the set once instead of copying it per span.
	let run: SpanEdit[] = [];
	const applyRun = () => {
		if (run.length > 0) spans = applySpanRun(spans, run);
		run = [];
	};
	for (const edit of edits) {
		if (!isRelationEdit(edit)) {
			if (edit.type === 'remove') {
				if (pending.length > 0) flush();
				if (relations.isLinked(edit.span.id)) {
					const ids = relations.touching(edit.span.id).map((r) => `"${r.id}"`).join(', ');
					throw new RangeError(`cannot remove span "${edit.span.id}": relations ${ids} still link it`);
				}
			}
			if (run.length > 0 && run[0].type !== edit.type) applyRun();
			run.push(edit);
			if (edit.type === 'update') applyRun();
			continue;
		}
		applyRun();
		const relation = edit.type === 'update-relation' ? edit.after : edit.relation;
		if (edit.type === 'update-relation' && edit.before.id !== edit.after.id) {
			throw new RangeError(`an update cannot change a relation's id ("${edit.before.id}" → "${edit.after.id}")`);
		}
		if (edit.type === 'add-relation' ? has(relation.id) : !has(relation.id)) {
			throw new RangeError(`cannot ${edit.type === 'add-relation' ? 'add' : edit.type === 'update-relation' ? 'update' : 'remove'} relation "${relation.id}": it is ${edit.type === 'add-relation' ? 'already' : 'not'} in the set`);
		}
		if (edit.type !== 'remove-relation') {
			for (const end of [relation.head, relation.tail]) {
				if (!spans.has(end)) throw new RangeError(`relation "${relation.id}" links span "${end}", which is not in the set`);
			}
			pending.push({ put: relation });
			present.set(relation.id, true);
		} else {
			pending.push({ delete: relation.id });
			present.set(relation.id, false);
		}
	}
	applyRun();
	if (pending.length > 0) flush();
	return spans === state.spans && relations === state.relations ? state : { spans, relations };
}

/** Below this many, span edits of a run are applied one by one. */
const BULK_RUN = 32;

/** Applies a run of span edits of one type: one by one when few, else by remaking the set once (same checks). */
function applySpanRun(spans: SpanSet, run: readonly SpanEdit[]): SpanSet {
	if (run.length < BULK_RUN || run[0].type === 'update') return applyEdits(spans, run);
	if (run[0].type === 'add') {
		for (const edit of run) if (edit.type === 'add' && spans.has(edit.span.id)) throw new RangeError(`span id "${edit.span.id}" is already in the set`);
		// SpanSet.from checks each span and refuses an id twice.
		return SpanSet.from([...spans.all(), ...run.map((edit) => (edit as Extract<SpanEdit, { type: 'add' }>).span)]);
	}
	const gone = new Set<string>();
	for (const edit of run) {
		if (edit.type !== 'remove') continue;
		if (!spans.has(edit.span.id) || gone.has(edit.span.id)) throw new RangeError(`cannot remove span "${edit.span.id}": it is not in the set`);
		gone.add(edit.span.id);
	}
	return SpanSet.from(spans.all().filter((span) => !gone.has(span.id)));
}

function invertEdit(edit: AnnotationEdit): AnnotationEdit {
	switch (edit.type) {
		case 'add':
			return { type: 'remove', span: edit.span };
		case 'remove':
			return { type: 'add', span: edit.span };
		case 'update':
			return { type: 'update', before: edit.after, after: edit.before };
		case 'add-relation':
			return { type: 'remove-relation', relation: edit.relation };
		case 'remove-relation':
			return { type: 'add-relation', relation: edit.relation };
		case 'update-relation':
			return { type: 'update-relation', before: edit.after, after: edit.before };
	}
}

/**
 * The edits that undo `edits`: reversed, with add and remove swapped and each update's before/after
 * swapped. Span edits invert to span edits, relation edits to relation edits.
 */
export function invertEdits(edits: readonly SpanEdit[]): SpanEdit[];
export function invertEdits(edits: readonly AnnotationEdit[]): AnnotationEdit[];
export function invertEdits(edits: readonly AnnotationEdit[]): AnnotationEdit[] {
	const inverted: AnnotationEdit[] = [];
	for (let i = edits.length - 1; i >= 0; i--) inverted.push(invertEdit(edits[i]));
	return inverted;
}
