import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnnotationEdit, Relation, RelationType, Span } from '../types';
import { RelationSet } from './relation-set';
import { SpanSet } from '../spans/span-set';
import { applyAnnotationEdits } from '../spans/edits';
import { LackingLinks, sourceType, spansLacking } from './missing';
import { DEFAULT_RELATION_TYPES } from './defaults';

const LABELS = ['claim', 'actor', 'figure'];
const span = (id: string, label: string, start: number): Span => ({ id, articleId: 'a', start, end: start + 2, label, annotator: 'maria', createdAt: 1, updatedAt: 1 });
const rel = (id: string, head: string, tail: string, label: string): Relation => ({ id, articleId: 'a', label, head, tail, annotator: 'maria', createdAt: 1, updatedAt: 1 });
const related: RelationType = { ...DEFAULT_RELATION_TYPES[0], name: 'related', headLabels: ['claim'], tailLabels: ['claim'], directed: false };

/** A random batch of edits valid on `spans`/`relations` (span ids s0…s7, relations between present spans). */
function batch(spans: SpanSet, relations: RelationSet, picks: readonly number[]): AnnotationEdit[] {
	const edits: AnnotationEdit[] = [];
	let s = spans;
	let r = relations;
	for (const pick of picks) {
		const kind = pick % 5;
		const id = `s${(pick >> 3) % 8}`;
		const label = LABELS[(pick >> 6) % 3];
		let edit: AnnotationEdit | null = null;
		const present = s.get(id);
		if (kind === 0 && !present) edit = { type: 'add', span: span(id, label, ((pick >> 8) % 20) * 3) };
		else if (kind === 1 && present && r.touching(id).length === 0) edit = { type: 'remove', span: present };
		else if (kind === 2 && present) edit = { type: 'update', before: present, after: { ...present, label } };
		else if (kind === 3) {
			const tail = `s${(pick >> 9) % 8}`;
			const rid = `r${pick % 13}`;
			if (present && s.has(tail) && !r.has(rid)) edit = { type: 'add-relation', relation: rel(rid, id, tail, (pick >> 12) % 2 ? 'source' : 'related') };
		} else if (kind === 4) {
			const list = r.all();
			if (list.length > 0) {
				const old = list[pick % list.length];
				edit = (pick >> 4) % 2 ? { type: 'remove-relation', relation: old } : { type: 'update-relation', before: old, after: { ...old, head: old.tail, tail: old.head } };
			}
		}
		if (!edit) continue;
		({ spans: s, relations: r } = applyAnnotationEdits({ spans: s, relations: r }, [edit]));
		edits.push(edit);
	}
	return edits;
}

describe('LackingLinks', () => {
	it('lists, counts and follows edits like spansLacking over the whole set', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.nat(1 << 16), { maxLength: 6 }), { maxLength: 25 }), fc.boolean(), (batches, symmetric) => {
				const type = symmetric ? related : (sourceType(DEFAULT_RELATION_TYPES) as RelationType);
				let spans = SpanSet.empty;
				let relations = RelationSet.empty;
				const index = new LackingLinks(type, spans, relations);
				for (const picks of batches) {
					const edits = batch(spans, relations, picks);
					({ spans, relations } = applyAnnotationEdits({ spans, relations }, edits));
					index.update(edits, spans, relations);
					const expected = spansLacking(type, spans.all(), relations).map((x) => x.id);
					expect(index.first(spans).map((x) => x.id)).toEqual(expected);
					expect(index.size).toBe(expected.length);
					expect(index.first(spans, 2).map((x) => x.id)).toEqual(expected.slice(0, 2));
				}
			})
		);
	});

	it('is built from existing sets, and lacks nothing without a type', () => {
		const spans = SpanSet.from([span('c1', 'claim', 0), span('c2', 'claim', 3), span('p', 'actor', 6)]);
		const relations = RelationSet.from([rel('r', 'c2', 'p', 'source')]);
		expect(new LackingLinks(sourceType(DEFAULT_RELATION_TYPES), spans, relations).first(spans).map((s) => s.id)).toEqual(['c1']);
		const none = new LackingLinks(sourceType([]), spans, relations);
		none.update([{ type: 'remove-relation', relation: relations.all()[0] }], spans, RelationSet.empty);
		expect(none.size).toBe(0);
	});
});
