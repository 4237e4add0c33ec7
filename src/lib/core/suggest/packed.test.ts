import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packSuggestions, packedCount, unpackSuggestions } from './packed';
import type { Suggestion } from './types';

describe('packed suggestions', () => {
	it('gives back exactly what was packed, optional fields included', () => {
		const items: Suggestion[] = [
			{ start: 0, end: 4, label: 'actor', source: 'builtin', why: 'organization' },
			{ start: 10, end: 30, label: 'claim', source: 'builtin', why: 'speech-verb', speaker: { start: 0, end: 4 } },
			{ start: 12, end: 20, label: 'figure', source: 'builtin', score: 0.5 }
		];
		const packed = packSuggestions('builtin', items);
		expect(packedCount(packed)).toBe(3);
		expect(unpackSuggestions(packed)).toEqual(items);
		expect(packed.names).toEqual(['actor', 'organization', 'claim', 'speech-verb', 'figure']);
	});

	it('round-trips any suggestions (property)', () => {
		const item = fc.record(
			{
				start: fc.nat(1_000_000),
				end: fc.nat(1_000_000),
				label: fc.constantFrom('actor', 'claim', 'figure'),
				why: fc.string(),
				speaker: fc.record({ start: fc.nat(1000), end: fc.nat(1000) }),
				score: fc.constantFrom(0, 0.25, 1)
			},
			{ requiredKeys: ['start', 'end', 'label'] }
		);
		fc.assert(
			fc.property(fc.array(item, { maxLength: 50 }), (raw) => {
				const items = raw.map((r) => ({ ...r, source: 'prediction:m' }));
				expect(unpackSuggestions(packSuggestions('prediction:m', items))).toEqual(items);
			})
		);
	});
});
