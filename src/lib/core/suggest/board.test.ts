import { describe, expect, it } from 'vitest';
import { collectOffers, firstOfferFrom, standingOf } from './board';
import { findMentions } from './mentions';
import { SpanSet } from '../spans/span-set';
import type { Span, } from '../types';
import type { Suggestion } from './types';

const s = (start: number, end: number, label: string, source = 'builtin'): Suggestion => ({ start, end, label, source });
const span = (id: string, start: number, end: number, label: string): Span => ({ id, articleId: 'a', start, end, label, annotator: 'maria', createdAt: 1, updatedAt: 1 });

describe('collectOffers', () => {
	const rows = [
		{ source: 'builtin', items: [s(10, 20, 'figure'), s(0, 4, 'actor'), s(0, 30, 'claim')] },
		{ source: 'patterns:p.jsonl', items: [s(0, 4, 'actor', 'patterns:p.jsonl'), s(40, 44, 'actor', 'patterns:p.jsonl')] }
	];

	it('merges the same range and label from several sources into one offer, in text order', () => {
		const offers = collectOffers(rows, () => false, () => true);
		expect(offers.map((o) => o.key)).toEqual(['0:30:claim', '0:4:actor', '10:20:figure', '40:44:actor']);
		expect(offers[1].sources).toEqual(['builtin', 'patterns:p.jsonl']);
	});

	it('leaves out offers decided on any of their sources, and sources switched off', () => {
		const offers = collectOffers(rows, (source, key) => source === 'patterns:p.jsonl' && key === '0:4:actor', (source, label) => !(source === 'builtin' && label === 'figure'));
		expect(offers.map((o) => o.key)).toEqual(['0:30:claim', '40:44:actor']);
	});

	it('offers under a source still on when the first is off', () => {
		const offers = collectOffers(rows, () => false, (source) => source !== 'builtin');
		expect(offers.find((o) => o.key === '0:4:actor')?.source).toBe('patterns:p.jsonl');
	});

	it('finds the first offer from an offset', () => {
		const offers = collectOffers(rows, () => false, () => true);
		expect(firstOfferFrom(offers, 5)).toBe(2);
		expect(firstOfferFrom(offers, 0)).toBe(0);
		expect(firstOfferFrom(offers, 100)).toBe(4);
	});
});

describe('standingOf', () => {
	const spans = SpanSet.from([span('a', 0, 4, 'actor'), span('b', 10, 20, 'claim')]);
	it('hides an offer overlapping a span of its label, marks one over another label as a correction', () => {
		expect(standingOf(s(2, 6, 'actor'), spans)).toBe('hidden');
		expect(standingOf(s(12, 14, 'figure'), spans)).toBe('correction');
		expect(standingOf(s(30, 34, 'figure'), spans)).toBe('suggestion');
		expect(standingOf(s(4, 10, 'actor'), spans)).toBe('suggestion');
	});
});

describe('findMentions', () => {
	const text = 'Ukraine’s army and Ukraine said; the Ukrainian UKRAINE.';
	it('finds other whole-token occurrences, not the one tagged', () => {
		const found = findMentions(text, 'Ukraine', 'actor', { except: 0 });
		expect(found.map((f) => f.start)).toEqual([19]);
		expect(found[0]).toMatchObject({ end: 26, label: 'actor', source: 'mentions' });
	});

	it('ignores case when asked', () => {
		expect(findMentions(text, 'Ukraine', 'actor', { caseMode: 'ignore' }).map((f) => text.slice(f.start, f.end))).toEqual(['Ukraine', 'Ukraine', 'UKRAINE']);
	});

	it('finds nothing for white space', () => {
		expect(findMentions(text, '  ', 'actor')).toEqual([]);
	});
});
