import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Relation, RelationType, Span } from '../types';
import { RelationSet } from './relation-set';
import { claimsWithoutSource, spansLacking } from './missing';
import { DEFAULT_RELATION_TYPES } from './defaults';

function rel(id: string, head: string, tail: string, label = 'source'): Relation {
	return { id, articleId: 'a', label, head, tail, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}

describe('RelationSet', () => {
	it('indexes relations by head and tail', () => {
		const set = RelationSet.from([rel('r1', 'c1', 'p1'), rel('r2', 'c2', 'p1'), rel('r3', 'c1', 'f1', 'about')]);
		expect(set.size).toBe(3);
		expect(set.outgoing('c1').map((r) => r.id)).toEqual(['r1', 'r3']);
		expect(set.incoming('p1').map((r) => r.id)).toEqual(['r1', 'r2']);
		expect(set.touching('p1').map((r) => r.id)).toEqual(['r1', 'r2']);
		expect(set.isLinked('f1')).toBe(true);
		expect(set.isLinked('zz')).toBe(false);
		expect(set.degree('c1')).toBe(2);
	});

	it('moves a replaced relation between the span lists, and keeps the old set as it was', () => {
		const set = RelationSet.from([rel('r1', 'c1', 'p1')]);
		const reversed = set.replace(rel('r1', 'p1', 'c1'));
		expect(reversed.outgoing('p1').map((r) => r.id)).toEqual(['r1']);
		expect(reversed.outgoing('c1')).toEqual([]);
		expect(set.outgoing('c1').map((r) => r.id)).toEqual(['r1']);
		expect(set.replace(rel('r1', 'c1', 'p1'))).toBe(set);
		expect(set.remove('nope')).toBe(set);
	});

	it('every earlier set still answers as it did after later sets took its indexes over', () => {
		const sets: [RelationSet, Relation[]][] = [];
		let set = RelationSet.empty;
		let list: Relation[] = [];
		for (let i = 0; i < 12; i++) {
			const change = i % 4 === 3 ? { delete: `r${i - 2}` } : i % 4 === 2 ? { put: rel(`r${i - 1}`, 'x', `t${i}`) } : { put: rel(`r${i}`, `h${i % 3}`, 'x') };
			set = set.change([change]);
			list = 'delete' in change ? list.filter((r) => r.id !== change.delete) : list.some((r) => r.id === change.put.id) ? list.map((r) => (r.id === change.put.id ? change.put : r)) : [...list, change.put];
			sets.push([set, list]);
		}
		for (const [earlier, expected] of sets) {
			expect(earlier.all()).toEqual(expected);
			expect(earlier.incoming('x').map((r) => r.id).sort()).toEqual(expected.filter((r) => r.tail === 'x').map((r) => r.id).sort());
			expect(earlier.outgoing('x').map((r) => r.id).sort()).toEqual(expected.filter((r) => r.head === 'x').map((r) => r.id).sort());
			for (const r of expected) expect(earlier.get(r.id)).toBe(r);
		}
	});

	it('throws on a repeated id, adding a taken id, or replacing a missing relation', () => {
		expect(() => RelationSet.from([rel('r1', 'a', 'b'), rel('r1', 'c', 'd')])).toThrow(/appears twice/);
		expect(() => RelationSet.from([rel('r1', 'a', 'b')]).add(rel('r1', 'c', 'd'))).toThrow(RangeError);
		expect(() => RelationSet.empty.replace(rel('r1', 'a', 'b'))).toThrow(/not in the set/);
	});

	it('answers like a plain list after any sequence of changes', () => {
		const ends = fc.constantFrom('s1', 's2', 's3', 's4');
		const step = fc.record({ op: fc.constantFrom('add', 'remove', 'replace'), id: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'), head: ends, tail: ends });
		fc.assert(
			fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
				let set = RelationSet.empty;
				let list: Relation[] = [];
				for (const { op, id, head, tail } of steps) {
					const there = list.some((r) => r.id === id);
					if (op === 'add' && !there) {
						set = set.add(rel(id, head, tail));
						list = [...list, rel(id, head, tail)];
					} else if (op === 'remove') {
						set = set.remove(id);
						list = list.filter((r) => r.id !== id);
					} else if (op === 'replace' && there) {
						set = set.replace(rel(id, head, tail));
						list = list.map((r) => (r.id === id ? rel(id, head, tail) : r));
					}
				}
				expect(set.size).toBe(list.length);
				for (const s of ['s1', 's2', 's3', 's4']) {
					expect(set.outgoing(s).map((r) => r.id).sort()).toEqual(list.filter((r) => r.head === s).map((r) => r.id).sort());
					expect(set.incoming(s).map((r) => r.id).sort()).toEqual(list.filter((r) => r.tail === s).map((r) => r.id).sort());
				}
			}),
			{ numRuns: 200 }
		);
	});
});

describe('claims with no source', () => {
	const span = (id: string, label: string): Span => ({ id, articleId: 'a', start: 0, end: 1, label, annotator: 'maria', createdAt: 1, updatedAt: 1 });
	const spans = [span('c1', 'claim'), span('c2', 'claim'), span('p1', 'actor'), span('c3', 'claim')];

	it('lists the claims that head no source link, in span order', () => {
		const set = RelationSet.from([rel('r1', 'c2', 'p1'), rel('r2', 'c1', 'p1', 'about')]);
		expect(claimsWithoutSource(DEFAULT_RELATION_TYPES, spans, set).map((s) => s.id)).toEqual(['c1', 'c3']);
		expect(claimsWithoutSource([], spans, set)).toEqual([]);
	});

	it('counts either end for a symmetric type', () => {
		const related: RelationType = { ...DEFAULT_RELATION_TYPES[0], name: 'related', headLabels: ['claim'], tailLabels: ['claim'], directed: false };
		const set = RelationSet.from([rel('r1', 'c1', 'c3', 'related')]);
		expect(spansLacking(related, spans, set).map((s) => s.id)).toEqual(['c2']);
	});
});
