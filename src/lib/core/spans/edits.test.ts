import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits, invertEdits } from './edits';
import { SpanSet } from './span-set';
import type { Span, SpanEdit } from '../types';

function span(id: string, start: number, end: number, label = 'actor'): Span {
	return { id, articleId: 'a-1', start, end, label, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}

describe('applyEdits', () => {
	const a = span('a', 0, 4);
	const b = span('b', 5, 9, 'claim');

	it('applies adds, removes and updates in order', () => {
		const set = applyEdits(SpanSet.empty, [
			{ type: 'add', span: a },
			{ type: 'add', span: b },
			{ type: 'update', before: b, after: { ...b, label: 'figure' } },
			{ type: 'remove', span: a }
		]);
		expect(set.all()).toEqual([{ ...b, label: 'figure' }]);
	});

	it('returns the same set for no edits', () => {
		const set = SpanSet.from([a]);
		expect(applyEdits(set, [])).toBe(set);
	});

	it('throws RangeError for edits that do not fit the set', () => {
		expect(() => applyEdits(SpanSet.empty, [{ type: 'remove', span: a }])).toThrow(/cannot remove span "a"/);
		expect(() => applyEdits(SpanSet.from([a]), [{ type: 'update', before: a, after: { ...a, id: 'z' } }])).toThrow(
			/cannot change a span's id \("a" → "z"\)/
		);
		expect(() => applyEdits(SpanSet.from([a]), [{ type: 'add', span: a }])).toThrow(RangeError);
	});
});

describe('invertEdits', () => {
	it('reverses the batch and swaps each edit', () => {
		const a = span('a', 0, 4);
		const moved = { ...a, end: 6 };
		expect(
			invertEdits([
				{ type: 'add', span: a },
				{ type: 'update', before: a, after: moved },
				{ type: 'remove', span: moved }
			])
		).toEqual([
			{ type: 'add', span: moved },
			{ type: 'update', before: moved, after: a },
			{ type: 'remove', span: a }
		]);
	});

	it('undoes any valid batch exactly', () => {
		const batch = fc.array(
			fc.record({ kind: fc.constantFrom('add', 'remove', 'update'), pick: fc.nat(), start: fc.nat(50), length: fc.integer({ min: 1, max: 9 }) }),
			{ maxLength: 25 }
		);
		fc.assert(
			fc.property(batch, (steps) => {
				const initial = SpanSet.from([span('x', 1, 3), span('y', 2, 8, 'claim')]);
				// Build a valid batch against the evolving set.
				let set = initial;
				const edits: SpanEdit[] = [];
				steps.forEach((step, n) => {
					const existing = set.all();
					let edit: SpanEdit;
					if (step.kind === 'add' || existing.length === 0) {
						edit = { type: 'add', span: span(`n${n}`, step.start, step.start + step.length) };
					} else {
						const victim = existing[step.pick % existing.length];
						edit =
							step.kind === 'remove'
								? { type: 'remove', span: victim }
								: { type: 'update', before: victim, after: { ...victim, start: step.start, end: step.start + step.length } };
					}
					edits.push(edit);
					set = applyEdits(set, [edit]);
				});
				expect(applyEdits(initial, edits).all()).toEqual(set.all());
				expect(applyEdits(set, invertEdits(edits)).all()).toEqual(initial.all());
				expect(invertEdits(invertEdits(edits))).toEqual(edits);
			}),
			{ numRuns: 200 }
		);
	});
});
