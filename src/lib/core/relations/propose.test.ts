import { describe, expect, it } from 'vitest';
import type { Relation, RelationType, Span } from '../types';
import { SpanSet } from '../spans/span-set';
import { RelationSet } from './relation-set';
import { DEFAULT_RELATION_TYPES } from './defaults';
import { chooseRelationType, proposeRelation, proposeRelationChange, proposeRelations, relationsNear, type LinkLayer, type MakeRelation } from './propose';

const about: RelationType = { name: 'about', color: '#E69F00', hotkey: 'b', description: 'Any.', headLabels: ['claim'], tailLabels: [], directed: true, onePerHead: false };
function span(id: string, start: number, end: number, label: string): Span {
	return { id, articleId: 'a', start, end, label, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}
const spans = SpanSet.from([span('c', 0, 30, 'claim'), span('p', 0, 4, 'actor'), span('q', 10, 14, 'actor'), span('f', 20, 25, 'figure')]);
let n = 0;
const make: MakeRelation = (label, head, tail) => ({ id: `r-${++n}`, articleId: 'a', label, head: head.id, tail: tail.id, annotator: 'maria', createdAt: 2, updatedAt: 2 });
function layer(relations: Relation[] = [], types: RelationType[] = [...DEFAULT_RELATION_TYPES]): LinkLayer {
	return { spans, relations: RelationSet.from(relations), types, annotator: 'maria' };
}
const source = (id: string, head: string, tail: string): Relation => ({ id, articleId: 'a', label: 'source', head, tail, annotator: 'maria', createdAt: 1, updatedAt: 1 });

describe('chooseRelationType', () => {
	it('takes the named type, the one fitting type, or says which fit', () => {
		const [c, p, f] = ['c', 'p', 'f'].map((id) => spans.get(id)!);
		expect(chooseRelationType([...DEFAULT_RELATION_TYPES, about], c, p, 'about').ok?.name).toBe('about');
		expect(chooseRelationType([...DEFAULT_RELATION_TYPES, about], c, f).ok?.name).toBe('about');
		expect(chooseRelationType([...DEFAULT_RELATION_TYPES, about], c, p).error).toMatch(/^Choose the type of this link: .*source.* \(key s\), .*about.* \(key b\)\.$/);
		expect(chooseRelationType(DEFAULT_RELATION_TYPES, p, c).error).toMatch(/goes the other way: start it from the “.claim.”/);
		expect(chooseRelationType(DEFAULT_RELATION_TYPES, p, f).error).toMatch(/^No relation type links a “.actor.” span to a “.figure.” span\.$/);
		expect(chooseRelationType(DEFAULT_RELATION_TYPES, c, p, 'x').error).toMatch(/no relation type “.x.”/);
	});
});

describe('proposeRelation', () => {
	it('makes the link, or names the rule that refuses it', () => {
		expect(proposeRelation(layer(), 'c', 'p', undefined, make).ok).toMatchObject({ label: 'source', head: 'c', tail: 'p' });
		expect(proposeRelation(layer([source('r0', 'c', 'p')]), 'c', 'q', undefined, make).error).toMatch(/has a “.source.” already/);
		expect(proposeRelation(layer(), 'c', 'nope', undefined, make).error).toMatch(/no span “.nope.” in “.maria.”’s layer/);
	});
});

describe('proposeRelationChange', () => {
	it('retypes and reverses within the rules, leaving the relation itself out of the one-per-head count', () => {
		const r = source('r0', 'c', 'p');
		const l = layer([r], [...DEFAULT_RELATION_TYPES, about]);
		expect(proposeRelationChange(l, r, { label: 'about' }, 9).ok).toMatchObject({ label: 'about', updatedAt: 9 });
		expect(proposeRelationChange(l, r, { tail: 'q' }, 9).ok).toMatchObject({ tail: 'q' });
		expect(proposeRelationChange(l, r, { head: 'p', tail: 'c' }, 9).error).toMatch(/starts at a “.claim.” span/);
		expect(proposeRelationChange(l, r, { label: 'gone' }, 9).error).toMatch(/no relation type “.gone.”/);
		// A relation of a type no longer configured is changed unchecked.
		expect(proposeRelationChange(layer([r], []), r, { head: 'p', tail: 'c' }, 9).ok).toMatchObject({ head: 'p', tail: 'c' });
	});
});

describe('proposeRelations', () => {
	it('checks each against the layer and the ones before it', () => {
		const { relations, refused } = proposeRelations(layer([source('r0', 'c', 'p')]), [
			{ head: 'c', tail: 'p', label: 'source' },
			{ head: 'c', tail: 'q', label: 'source' },
			{ head: 'c', tail: 'f', label: 'custom' },
			{ head: 'c', tail: 'f', label: 'custom' }
		], make);
		expect(relations.map((r) => [r.label, r.tail])).toEqual([['custom', 'f']]);
		expect(refused).toEqual([expect.stringMatching(/^c → q \(source\): /)]);
	});
});

describe('relationsNear', () => {
	it('lists the relations at either span once', () => {
		const set = RelationSet.from([source('r1', 'c', 'p'), source('r2', 'q', 'p'), source('r3', 'f', 'q')]);
		expect(relationsNear(set, 'c', 'p').map((r) => r.id).sort()).toEqual(['r1', 'r2']);
		expect(relationsNear(set, 'c', 'c').map((r) => r.id)).toEqual(['r1']);
	});
});
