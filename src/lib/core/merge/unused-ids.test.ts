import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Relation, Span } from '../types';
import { describeIdRenewal, withUnusedIds, type TakenIds } from './unused-ids';

const span = (id: string, articleId: string, start = 0, end = 3): Span => ({ id, articleId, start, end, label: 'actor', annotator: 'ana', createdAt: 1, updatedAt: 1 });
const relation = (id: string, articleId: string, head: string, tail: string): Relation => ({ id, articleId, label: 'source', head, tail, annotator: 'ana', createdAt: 1, updatedAt: 1 });
const record = (id: string, spans: Span[], relations?: Relation[]): ArticleRecord => ({
	article: { id, title: id, text: 'Ana said it rained.', source: 'test', meta: {}, status: 'new', createdAt: 1, updatedAt: 1 },
	spans,
	...(relations ? { relations } : {})
});
const counter = () => {
	let n = 0;
	return (prefix: 's' | 'r') => `${prefix}-new${++n}`;
};
const empty = (): TakenIds => ({ spans: new Set(), relations: new Set() });

describe('withUnusedIds', () => {
	it('keeps a record whose ids are all free as it was, and marks its ids taken', () => {
		const taken = empty();
		const a = record('a', [span('T1', 'a'), span('T2', 'a', 4, 8)], [relation('R1', 'a', 'T2', 'T1')]);
		const result = withUnusedIds(a, taken, counter());
		expect(result.record).toBe(a);
		expect(result).toMatchObject({ spansRenewed: 0, relationsRenewed: 0 });
		expect([...taken.spans]).toEqual(['T1', 'T2']);
		expect([...taken.relations]).toEqual(['R1']);
	});

	it('renews the ids a second article repeats (brat numbering), and its relations follow their spans', () => {
		const taken = empty();
		const make = counter();
		withUnusedIds(record('a', [span('T1', 'a'), span('T2', 'a', 4, 8)], [relation('R1', 'a', 'T2', 'T1')]), taken, make);
		const b = record('b', [span('T1', 'b'), span('T2', 'b', 4, 8), span('T3', 'b', 9, 11)], [relation('R1', 'b', 'T2', 'T3')]);
		const { record: out, spansRenewed, relationsRenewed } = withUnusedIds(b, taken, make);
		expect(out.spans.map((s) => s.id)).toEqual(['s-new1', 's-new2', 'T3']);
		expect(out.relations).toEqual([{ ...relation('R1', 'b', 'T2', 'T3'), id: 'r-new3', head: 's-new2', tail: 'T3' }]);
		expect(spansRenewed).toBe(2);
		expect(relationsRenewed).toBe(1);
		// Offsets, labels and everything else stay.
		expect(out.spans[1]).toEqual({ ...b.spans[1], id: 's-new2' });
		expect(b.spans[0].id).toBe('T1');
	});

	it('renews ids taken before the run (stored elsewhere), and never gives an id that is taken', () => {
		const taken: TakenIds = { spans: new Set(['T1', 's-new1']), relations: new Set() };
		const { record: out } = withUnusedIds(record('c', [span('T1', 'c')]), taken, counter());
		expect(out.spans[0].id).toBe('s-new2');
	});

	it('a relation keeps pointing at the span that kept an id the record repeats', () => {
		const taken = empty();
		const { record: out, spansRenewed } = withUnusedIds(record('d', [span('T1', 'd'), span('T1', 'd', 4, 8)], [relation('R1', 'd', 'T1', 'T1')]), taken, counter());
		expect(out.spans.map((s) => s.id)).toEqual(['T1', 's-new1']);
		expect(spansRenewed).toBe(1);
		expect(out.relations?.[0]).toMatchObject({ id: 'R1', head: 'T1', tail: 'T1' });
	});
});

describe('describeIdRenewal', () => {
	it('names what was renewed, in the singular where one, and nothing when none', () => {
		expect(describeIdRenewal(0, 0)).toBe('');
		expect(describeIdRenewal(1, 0)).toBe(' Renewed 1 span id used by other articles of the project (ids are unique in a project).');
		expect(describeIdRenewal(3, 1)).toBe(' Renewed 3 span ids and 1 relation id used by other articles of the project (ids are unique in a project).');
		expect(describeIdRenewal(0, 2)).toMatch(/^ Renewed 2 relation ids used/);
	});
});
