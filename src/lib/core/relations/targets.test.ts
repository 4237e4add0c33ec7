import { describe, expect, it } from 'vitest';
import type { Relation, RelationType, Span } from '../types';
import { SpanSet } from '../spans/span-set';
import { RelationSet } from './relation-set';
import { DEFAULT_RELATION_TYPES } from './defaults';
import { linkTargets, spanDistance } from './targets';

function span(id: string, start: number, end: number, label: string): Span {
	return { id, articleId: 'a', start, end, label, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}
// "far" actor … claim containing actor "inner" … actor "after" … figure
const spans = SpanSet.from([span('far', 0, 5, 'actor'), span('claim', 100, 160, 'claim'), span('inner', 100, 110, 'actor'), span('after', 170, 175, 'actor'), span('fig', 180, 185, 'figure'), span('before', 80, 90, 'actor')]);
const layer = (relations: Relation[] = [], types: RelationType[] = [...DEFAULT_RELATION_TYPES]) => ({ spans, relations: RelationSet.from(relations), types, annotator: 'maria' });

describe('linkTargets', () => {
	it('lists the spans a source from the claim may end at, nearest first (nested at 0)', () => {
		expect(linkTargets(layer(), 'claim').map((s) => s.id)).toEqual(['inner', 'before', 'after', 'far']);
	});

	it('is empty once the claim has its one source, and for a span no type starts at', () => {
		const has: Relation = { id: 'r', articleId: 'a', label: 'source', head: 'claim', tail: 'inner', annotator: 'maria', createdAt: 1, updatedAt: 1 };
		expect(linkTargets(layer([has]), 'claim')).toEqual([]);
		expect(linkTargets(layer(), 'inner')).toEqual([]);
		expect(linkTargets(layer(), 'nope')).toEqual([]);
	});

	it('leaves out ends a link exists to already, keeping the rest', () => {
		const any: RelationType = { name: 'about', color: '#E69F00', hotkey: 'b', description: '', headLabels: ['claim'], tailLabels: [], directed: true, onePerHead: false };
		const there: Relation = { id: 'r', articleId: 'a', label: 'about', head: 'claim', tail: 'fig', annotator: 'maria', createdAt: 1, updatedAt: 1 };
		expect(linkTargets(layer([there], [any]), 'claim').map((s) => s.id)).toEqual(['inner', 'before', 'after', 'far']);
	});
});

describe('spanDistance', () => {
	it('is the gap between two spans, 0 when they overlap', () => {
		expect(spanDistance({ start: 0, end: 5 }, { start: 8, end: 9 })).toBe(3);
		expect(spanDistance({ start: 8, end: 9 }, { start: 0, end: 5 })).toBe(3);
		expect(spanDistance({ start: 0, end: 10 }, { start: 2, end: 3 })).toBe(0);
	});
});
