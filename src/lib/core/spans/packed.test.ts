import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPackedSpans, packSpans, unpackSpans } from './packed';
import type { Span } from '../types';

const span = (over: Partial<Span> = {}): Span => ({ id: 's1', articleId: 'a', start: 0, end: 4, label: 'actor', annotator: 'ana', createdAt: 1, updatedAt: 2, ...over });

describe('packed spans', () => {
	it('give back exactly the spans packed, in order, notes and flags only where there were some', () => {
		const spans = [span(), span({ id: 's2', start: 5, end: 9, label: 'claim', note: 'check', annotator: 'ben' }), span({ id: 's3', start: 5, end: 6, flag: 're-anchored', createdAt: 1.5 })];
		const packed = packSpans('a', spans)!;
		expect(isPackedSpans(packed)).toBe(true);
		expect(packed.labels).toEqual(['actor', 'claim']);
		expect(packed.annotators).toEqual(['ana', 'ben']);
		const back = unpackSpans(packed);
		expect(back).toStrictEqual(spans);
		expect('note' in back[0]).toBe(false);
	});

	it('round-trip any spans of one article (property)', () => {
		const arbitrary = fc.record(
			{
				id: fc.string({ minLength: 1 }),
				start: fc.nat(10_000_000),
				end: fc.nat(10_000_000),
				label: fc.constantFrom('actor', 'claim', 'figure', 'ünïcode label'),
				annotator: fc.constantFrom('ana', 'ben', 'gold'),
				note: fc.string(),
				flag: fc.string(),
				createdAt: fc.double({ noNaN: true }),
				updatedAt: fc.integer()
			},
			{ requiredKeys: ['id', 'start', 'end', 'label', 'annotator', 'createdAt', 'updatedAt'] }
		);
		fc.assert(
			fc.property(fc.array(arbitrary, { maxLength: 60 }), (drawn) => {
				const spans: Span[] = drawn.map((s) => ({ ...s, articleId: 'art' }));
				const packed = packSpans('art', spans);
				expect(packed).not.toBeNull();
				expect(unpackSpans(structuredClone(packed!))).toStrictEqual(spans);
			})
		);
	});

	it('refuse what the columns cannot hold without loss', () => {
		expect(packSpans('a', [span({ articleId: 'b' })])).toBeNull();
		expect(packSpans('a', [{ ...span(), extra: true } as Span])).toBeNull();
		expect(packSpans('a', [span({ start: 1.5 })])).toBeNull();
		expect(packSpans('a', [span({ end: -1 })])).toBeNull();
		expect(packSpans('a', [span({ note: undefined })])).toBeNull();
		expect(packSpans('a', [])).toMatchObject({ ids: [] });
	});
});
