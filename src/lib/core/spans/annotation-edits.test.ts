import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyAnnotationEdits, invertEdits, spanEditsOf, type AnnotationState } from './edits';
import { removeSpansWithRelations } from './cascade';
import { EditHistory } from './history';
import { SpanSet } from './span-set';
import { RelationSet } from '../relations/relation-set';
import type { AnnotationEdit, Relation, Span } from '../types';

function span(id: string, start: number, end: number, label = 'actor'): Span {
	return { id, articleId: 'a-1', start, end, label, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}
function rel(id: string, head: string, tail: string, label = 'source'): Relation {
	return { id, articleId: 'a-1', label, head, tail, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}
function state(spans: Span[], relations: Relation[] = []): AnnotationState {
	return { spans: SpanSet.from(spans), relations: RelationSet.from(relations) };
}
function snapshot(s: AnnotationState) {
	return { spans: s.spans.all(), relations: [...s.relations.all()].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

const claim = span('c', 0, 20, 'claim');
const actor = span('p', 0, 5);

describe('applyAnnotationEdits', () => {
	it('applies span and relation edits in order', () => {
		const r = rel('r1', 'c', 'p');
		const next = applyAnnotationEdits(state([]), [
			{ type: 'add', span: claim },
			{ type: 'add', span: actor },
			{ type: 'add-relation', relation: r },
			{ type: 'update-relation', before: r, after: { ...r, note: 'direct quote' } }
		]);
		expect(next.spans.size).toBe(2);
		expect(next.relations.all()).toEqual([{ ...r, note: 'direct quote' }]);
		expect(next.relations.outgoing('c').map((x) => x.id)).toEqual(['r1']);
	});

	it('returns the state itself for no edits, and keeps the relation set for span-only batches', () => {
		const s = state([claim, actor], [rel('r1', 'c', 'p')]);
		expect(applyAnnotationEdits(s, [])).toBe(s);
		const moved = applyAnnotationEdits(s, [{ type: 'update', before: actor, after: { ...actor, end: 7 } }]);
		expect(moved.relations).toBe(s.relations);
		// Moving a span's edges keeps its relations.
		expect(moved.relations.incoming('p').map((r) => r.id)).toEqual(['r1']);
	});

	it('refuses, with RangeError, relations to missing spans and span removals that would orphan a relation', () => {
		const s = state([claim, actor], [rel('r1', 'c', 'p')]);
		expect(() => applyAnnotationEdits(s, [{ type: 'remove', span: actor }])).toThrow(/cannot remove span "p": relations "r1" still link it/);
		expect(() => applyAnnotationEdits(s, [{ type: 'add-relation', relation: rel('r2', 'c', 'zz') }])).toThrow(/links span "zz", which is not in the set/);
		expect(() => applyAnnotationEdits(s, [{ type: 'add-relation', relation: rel('r1', 'c', 'p') }])).toThrow(/already in the set/);
		expect(() => applyAnnotationEdits(s, [{ type: 'remove-relation', relation: rel('r9', 'c', 'p') }])).toThrow(/not in the set/);
		expect(() => applyAnnotationEdits(s, [{ type: 'update-relation', before: rel('r1', 'c', 'p'), after: rel('r2', 'c', 'p') }])).toThrow(/cannot change a relation's id/);
		// A relation added and its end removed in one batch: refused too.
		expect(() => applyAnnotationEdits(state([claim, actor]), [{ type: 'add-relation', relation: rel('r2', 'c', 'p') }, { type: 'remove', span: actor }])).toThrow(/still link it/);
	});
});

describe('removeSpansWithRelations', () => {
	it('removes each relation at the spans once, before the spans, and one undo brings all back', () => {
		const other = span('q', 6, 9);
		const s = state([claim, actor, other], [rel('r1', 'c', 'p'), rel('r2', 'p', 'q', 'about'), rel('r3', 'c', 'q', 'about')]);
		const edits = removeSpansWithRelations([actor, claim, actor], s.relations);
		expect(edits.map((e) => e.type)).toEqual(['remove-relation', 'remove-relation', 'remove-relation', 'remove', 'remove']);
		const after = applyAnnotationEdits(s, edits);
		expect(after.spans.all().map((x) => x.id)).toEqual(['q']);
		expect(after.relations.size).toBe(0);
		const history = EditHistory.empty.push(edits);
		const undone = history.undo()!;
		expect(snapshot(applyAnnotationEdits(after, undone.edits))).toEqual(snapshot(s));
	});

	it('is just the span removal for a span without relations', () => {
		expect(removeSpansWithRelations([actor], RelationSet.empty)).toEqual([{ type: 'remove', span: actor }]);
	});
});

describe('spanEditsOf', () => {
	it('keeps only span edits, and hands a span-only batch back as it is', () => {
		const spanOnly: AnnotationEdit[] = [{ type: 'add', span: actor }];
		expect(spanEditsOf(spanOnly)).toBe(spanOnly);
		expect(spanEditsOf([{ type: 'add-relation', relation: rel('r', 'c', 'p') }, { type: 'remove', span: actor }])).toEqual([{ type: 'remove', span: actor }]);
	});
});

describe('random edit sequences', () => {
	it('apply then invert gives back the start state, through the history too', () => {
		const step = fc.record({
			kind: fc.constantFrom('add', 'remove', 'update', 'link', 'unlink', 'retype', 'reverse'),
			pick: fc.nat(),
			pick2: fc.nat(),
			start: fc.nat(50),
			length: fc.integer({ min: 1, max: 9 })
		});
		fc.assert(
			fc.property(fc.array(fc.array(step, { maxLength: 6 }), { maxLength: 12 }), (batches) => {
				const initial = state([span('x', 1, 3), span('y', 2, 8, 'claim'), span('z', 10, 14)], [rel('rx', 'y', 'x')]);
				let current = initial;
				let history = EditHistory.empty;
				const states = [snapshot(initial)];
				let n = 0;
				for (const steps of batches) {
					const batch: AnnotationEdit[] = [];
					let s = current;
					for (const st of steps) {
						const spans = s.spans.all();
						const relations = s.relations.all();
						let edits: AnnotationEdit[];
						n++;
						if (st.kind === 'add' || spans.length === 0) {
							edits = [{ type: 'add', span: span(`n${n}`, st.start, st.start + st.length) }];
						} else if (st.kind === 'remove') {
							edits = removeSpansWithRelations([spans[st.pick % spans.length]], s.relations);
						} else if (st.kind === 'update') {
							const victim = spans[st.pick % spans.length];
							edits = [{ type: 'update', before: victim, after: { ...victim, start: st.start, end: st.start + st.length } }];
						} else if (st.kind === 'link' || relations.length === 0) {
							const head = spans[st.pick % spans.length];
							const tail = spans[st.pick2 % spans.length];
							edits = [{ type: 'add-relation', relation: rel(`r${n}`, head.id, tail.id) }];
						} else {
							const victim = relations[st.pick % relations.length];
							edits =
								st.kind === 'unlink'
									? [{ type: 'remove-relation', relation: victim }]
									: [{ type: 'update-relation', before: victim, after: st.kind === 'retype' ? { ...victim, label: 'about' } : { ...victim, head: victim.tail, tail: victim.head } }];
						}
						s = applyAnnotationEdits(s, edits);
						batch.push(...edits);
					}
					if (batch.length === 0) continue;
					// The batch applied at once gives what its edits gave one by one.
					expect(snapshot(applyAnnotationEdits(current, batch))).toEqual(snapshot(s));
					history = history.push(batch);
					current = s;
					states.push(snapshot(s));
				}
				const final = snapshot(current);
				// Undo one action at a time: each undo gives back the state before that action.
				for (let i = states.length - 1; i > 0; i--) {
					const step = history.undo();
					if (!step) throw new Error('history ran out');
					history = step.history;
					current = applyAnnotationEdits(current, step.edits);
					expect(snapshot(current)).toEqual(states[i - 1]);
				}
				expect(snapshot(current)).toEqual(snapshot(initial));
				// And redo all of it.
				for (let step = history.redo(); step; step = history.redo()) {
					history = step.history;
					current = applyAnnotationEdits(current, step.edits);
				}
				expect(snapshot(current)).toEqual(final);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('applyAnnotationEdits with thousands of span edits', () => {
	it('adds and removes a long run at once, as one by one would, with the same checks', () => {
		const apply = applyAnnotationEdits;
		const make = (i: number) => ({ id: `s${i}`, articleId: 'a', start: (i * 7) % 500, end: ((i * 7) % 500) + 3, label: i % 2 ? 'actor' : 'figure', annotator: 'x', createdAt: 1, updatedAt: 1 });
		const base = SpanSet.from([make(0), make(1)]);
		const adds = Array.from({ length: 200 }, (_, i) => ({ type: 'add' as const, span: make(i + 2) }));
		const bulk = apply({ spans: base, relations: RelationSet.empty }, adds).spans;
		let single = base;
		for (const edit of adds) single = single.add(edit.span);
		expect(bulk.all()).toEqual(single.all());
		expect(bulk.countsByLabel()).toEqual(single.countsByLabel());
		const removes = adds.slice(0, 150).map((e) => ({ type: 'remove' as const, span: e.span }));
		const after = apply({ spans: bulk, relations: RelationSet.empty }, removes).spans;
		expect(after.size).toBe(52);
		expect(after.has('s2')).toBe(false);
		expect(after.has('s160')).toBe(true);
		// The checks hold in a long run too.
		expect(() => apply({ spans: bulk, relations: RelationSet.empty }, adds)).toThrow(/already in the set/);
		expect(() => apply({ spans: after, relations: RelationSet.empty }, removes)).toThrow(/not in the set/);
	});
});
