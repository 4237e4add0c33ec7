import { describe, expect, it } from 'vitest';
import type { Relation, RelationType, Span } from '../types';
import { DEFAULT_RELATION_TYPES } from './defaults';
import { checkRelation, labelCanLink, relationRefusal, relationsBrokenByLabel, typesFitting } from './rules';

const source = DEFAULT_RELATION_TYPES[0];
const related: RelationType = { name: 'related', color: '#56B4E9', hotkey: 'q', description: 'Same topic.', headLabels: ['claim'], tailLabels: ['claim'], directed: false, onePerHead: false };
const about: RelationType = { name: 'about', color: '#E69F00', hotkey: 'b', description: 'Any two spans.', headLabels: [], tailLabels: [], directed: true, onePerHead: false };

function span(id: string, label: string, fields: Partial<Span> = {}): Span {
	return { id, articleId: 'a', start: 0, end: 1, label, annotator: 'maria', createdAt: 1, updatedAt: 1, ...fields };
}
function rel(id: string, label: string, head: string, tail: string): Relation {
	return { id, articleId: 'a', label, head, tail, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}

const claim = span('c1', 'claim');
const claim2 = span('c2', 'claim');
const actor = span('p1', 'actor');
const actor2 = span('p2', 'actor');
const figure = span('f1', 'figure');

describe('relationRefusal', () => {
	it('allows a claim → actor source', () => {
		expect(relationRefusal(source, claim, actor, [])).toBeNull();
		expect(checkRelation(source, claim, actor, [])).toEqual({ ok: true });
	});

	it('refuses labels the type does not allow, naming the end and the labels', () => {
		expect(relationRefusal(source, actor, claim, [])).toEqual({ rule: 'head-label', message: expect.stringMatching(/starts at a “.claim.” span, not at a “.actor.” span/) });
		expect(relationRefusal(source, claim, figure, [])).toEqual({ rule: 'tail-label', message: expect.stringMatching(/ends at a “.actor.” span, not at a “.figure.” span/) });
		expect(relationRefusal(related, claim, actor, [])?.rule).toBe('tail-label');
		expect(relationRefusal(related, actor, figure, [])?.rule).toBe('head-label');
	});

	it('refuses ends in other articles or layers, and self-links', () => {
		expect(relationRefusal(source, claim, span('p9', 'actor', { articleId: 'b' }), [])?.rule).toBe('other-article');
		expect(relationRefusal(source, claim, span('p9', 'actor', { annotator: 'gold' }), [])).toEqual({ rule: 'other-layer', message: expect.stringMatching(/maria.*gold/) });
		expect(relationRefusal(about, claim, claim, [])?.rule).toBe('self-link');
	});

	it('refuses a second source for one claim, but not a source for another claim', () => {
		const existing = [rel('r1', 'source', 'c1', 'p1')];
		expect(relationRefusal(source, claim, actor2, existing)?.rule).toBe('one-per-head');
		expect(checkRelation(source, claim, actor2, existing)).toEqual({ error: expect.stringMatching(/has a “.source.” already/) });
		expect(relationRefusal(source, claim2, actor, existing)).toBeNull();
		// The link itself, being retyped or reversed, does not count against itself.
		expect(relationRefusal(source, claim, actor2, existing, 'r1')).toBeNull();
	});

	it('refuses duplicates, either way round for a symmetric type', () => {
		expect(relationRefusal(about, claim, actor, [rel('r1', 'about', 'c1', 'p1')])?.rule).toBe('duplicate');
		expect(relationRefusal(about, actor, claim, [rel('r1', 'about', 'c1', 'p1')])).toBeNull();
		expect(relationRefusal(related, claim2, claim, [rel('r1', 'related', 'c1', 'c2')])?.rule).toBe('duplicate');
		// Another type between the same spans is no duplicate.
		expect(relationRefusal(about, claim, actor, [rel('r1', 'source', 'c1', 'p1')])).toBeNull();
	});
});

describe('typesFitting', () => {
	const types = [source, related, about];
	it('lists the types whose labels allow the pair, in order', () => {
		expect(typesFitting(types, 'claim', 'actor').map((t) => t.name)).toEqual(['source', 'about']);
		expect(typesFitting(types, 'claim', 'claim').map((t) => t.name)).toEqual(['related', 'about']);
		expect(typesFitting([source], 'actor', 'claim')).toEqual([]);
		expect(typesFitting([source, related], 'figure', 'actor')).toEqual([]);
	});
});

describe('labelCanLink', () => {
	it('says whether a label may be an end', () => {
		expect(labelCanLink(source, 'claim', 'head')).toBe(true);
		expect(labelCanLink(source, 'claim', 'tail')).toBe(false);
		expect(labelCanLink(source, 'figure')).toBe(false);
		expect(labelCanLink(about, 'figure', 'tail')).toBe(true);
	});
});

describe('relationsBrokenByLabel', () => {
	it('lists the links a new label would break, keeping links of unknown types', () => {
		const spans = new Map([claim, actor, claim2].map((s) => [s.id, s]));
		const touching = [rel('r1', 'source', 'c1', 'p1'), rel('r2', 'about', 'c1', 'c2'), rel('r3', 'custom', 'c1', 'p1')];
		expect(relationsBrokenByLabel(claim, 'figure', touching, (id) => spans.get(id), [source, about]).map((r) => r.id)).toEqual(['r1']);
		expect(relationsBrokenByLabel(claim, 'claim', touching, (id) => spans.get(id), [source, about])).toEqual([]);
	});
});
