import { describe, expect, it } from 'vitest';
import { EditHistory, HISTORY_LIMIT } from './history';
import type { AnnotationEdit, Span, SpanEdit } from '../types';

function spanNamed(id: string): Span {
	return { id, articleId: 'a-1', start: 0, end: 1, label: 'actor', annotator: 'maria', createdAt: 1, updatedAt: 1 };
}

function add(id: string): SpanEdit {
	return { type: 'add', span: spanNamed(id) };
}

function remove(id: string): SpanEdit {
	return { type: 'remove', span: spanNamed(id) };
}

describe('EditHistory', () => {
	it('starts empty', () => {
		expect(EditHistory.empty.canUndo).toBe(false);
		expect(EditHistory.empty.canRedo).toBe(false);
		expect(EditHistory.empty.undo()).toBeNull();
		expect(EditHistory.empty.redo()).toBeNull();
	});

	it('undoes with the inverted batch and redoes with the batch', () => {
		const history = EditHistory.empty.push([add('a'), add('b')]);
		const undone = history.undo()!;
		expect(undone.edits).toEqual([remove('b'), remove('a')]);
		expect(undone.history.canUndo).toBe(false);
		expect(undone.history.canRedo).toBe(true);
		const redone = undone.history.redo()!;
		expect(redone.edits).toEqual([add('a'), add('b')]);
		expect(redone.history.canUndo).toBe(true);
		expect(redone.history.canRedo).toBe(false);
		// The original is unchanged.
		expect(history.canUndo).toBe(true);
		expect(history.canRedo).toBe(false);
	});

	it('clears redo when a new action is pushed', () => {
		const history = EditHistory.empty.push([add('a')]).push([add('b')]).undo()!.history.push([add('c')]);
		expect(history.canRedo).toBe(false);
		expect(history.undo()!.edits).toEqual([remove('c')]);
		expect(history.undoDepth).toBe(2);
	});

	it('ignores empty batches', () => {
		const history = EditHistory.empty.push([add('a')]);
		expect(history.push([])).toBe(history);
	});

	it('keeps the batch it was given safe from later mutation', () => {
		const batch = [add('a')];
		const history = EditHistory.empty.push(batch);
		batch.push(add('b'));
		expect(history.undo()!.edits).toHaveLength(1);
	});

	it(`forgets actions beyond ${HISTORY_LIMIT}`, () => {
		let history = EditHistory.empty;
		for (let i = 0; i < HISTORY_LIMIT + 5; i++) history = history.push([add(`s${i}`)]);
		expect(history.undoDepth).toBe(HISTORY_LIMIT);
		let undone = 0;
		let oldest: AnnotationEdit[] = [];
		for (let step = history.undo(); step; step = step.history.undo()) {
			undone++;
			oldest = step.edits;
		}
		expect(undone).toBe(HISTORY_LIMIT);
		expect(oldest).toEqual([remove('s5')]);
	});
});
