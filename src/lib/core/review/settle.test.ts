import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spanBuilder } from '../testing/spans';
import { buildCandidates } from './candidates';
import { acceptEffect, conflictOf, goldOverlaps, nextAfterDecision, overlapsGold } from './settle';

const span = spanBuilder();

const spans = [
	span('maria', 0, 5, 'actor'), // 0:5:actor unanimous
	span('jon', 0, 5, 'actor'),
	span('maria', 10, 20, 'claim'), // chain: 10:20 ↔ 15:25 ↔ 22:30 (claims)
	span('jon', 15, 25, 'claim'),
	span('ines', 22, 30, 'claim'),
	span('maria', 40, 45, 'figure'), // 40:45 figure ↔ actor
	span('jon', 40, 45, 'actor'),
	span('ines', 50, 55, 'figure') // partial
];
const annotators = ['ines', 'jon', 'maria'];
const keys = (list: readonly { key: string }[] | null) => (list ?? []).map((c) => c.key);

describe('conflictOf', () => {
	it('follows contradictions transitively, in text order', () => {
		const cs = buildCandidates(spans, annotators, [], new Set());
		expect(keys(conflictOf(cs, '22:30:claim'))).toEqual(['10:20:claim', '15:25:claim', '22:30:claim']);
		expect(keys(conflictOf(cs, '40:45:actor'))).toEqual(['40:45:actor', '40:45:figure']);
		expect(keys(conflictOf(cs, '0:5:actor'))).toEqual(['0:5:actor']);
		expect(conflictOf(cs, 'nope')).toEqual([]);
	});
});

describe('acceptEffect', () => {
	it('rejects what contradicts the accepted side, and takes accepted contradictions out of gold', () => {
		const gold = [{ start: 10, end: 20, label: 'claim' }];
		const cs = buildCandidates(spans, annotators, gold, new Set());
		const effect = acceptEffect(cs, '15:25:claim');
		expect(keys(effect.others)).toEqual(['10:20:claim', '22:30:claim']);
		expect(keys(effect.leaveGold)).toEqual(['10:20:claim']);
		// 22:30 contradicts only 15:25: accepting 10:20 leaves it open.
		expect(keys(acceptEffect(cs, '10:20:claim').others)).toEqual(['15:25:claim']);
		expect(acceptEffect(cs, '0:5:actor')).toEqual({ others: [], leaveGold: [] });
	});
});

describe('nextAfterDecision', () => {
	it('goes to the next open side of the same conflict first, then on in text order, wrapping', () => {
		const rejected = new Set(['15:25:claim']);
		const cs = buildCandidates(spans, annotators, [], rejected);
		// After rejecting 15:25 the conflict still has 22:30 (after it) and 10:20 (before it).
		expect(nextAfterDecision(cs, '15:25:claim')?.key).toBe('22:30:claim');
		const cs2 = buildCandidates(spans, annotators, [], new Set(['15:25:claim', '22:30:claim']));
		// The conflict's only open side is before: it comes before anything after.
		expect(nextAfterDecision(cs2, '22:30:claim')?.key).toBe('10:20:claim');
		const cs3 = buildCandidates(spans, annotators, [{ start: 40, end: 45, label: 'actor' }], new Set(['40:45:figure']));
		// Conflict settled: next open candidate in text order, wrapping to the start.
		expect(nextAfterDecision(cs3, '40:45:actor')?.key).toBe('50:55:figure');
		const cs4 = buildCandidates(spans, annotators, [{ start: 50, end: 55, label: 'figure' }], new Set());
		expect(nextAfterDecision(cs4, '50:55:figure')?.key).toBe('0:5:actor');
	});

	it('is null when everything is settled, and never the candidate just decided', () => {
		const one = [span('maria', 0, 5, 'actor')];
		expect(nextAfterDecision(buildCandidates(one, ['maria'], [{ start: 0, end: 5, label: 'actor' }], new Set()), '0:5:actor')).toBeNull();
		expect(nextAfterDecision(buildCandidates(one, ['maria'], [], new Set()), '0:5:actor')).toBeNull();
	});
});

describe('goldOverlaps', () => {
	it('finds pairs of one label that overlap or nest, not other labels and not touching ranges', () => {
		const a = span('gold', 0, 10, 'actor');
		const b = span('gold', 5, 15, 'actor');
		const c = span('gold', 15, 20, 'actor'); // touches b: no overlap
		const d = span('gold', 0, 30, 'claim'); // other label
		const e = span('gold', 6, 8, 'actor'); // nested in a and b
		const pairs = goldOverlaps([c, d, e, b, a]).map((p) => [p.first.id, p.second.id, p.label]);
		expect(pairs).toEqual([
			[a.id, b.id, 'actor'],
			[a.id, e.id, 'actor'],
			[b.id, e.id, 'actor']
		]);
		expect(overlapsGold([a, d], { start: 5, end: 15, label: 'actor' })).toBe(true);
		expect(overlapsGold([a, d], { start: 0, end: 10, label: 'actor' })).toBe(false);
		expect(overlapsGold([a, d], { start: 10, end: 15, label: 'actor' })).toBe(false);
	});

	it('agrees with comparing every pair', () => {
		const arb = fc.array(fc.record({ start: fc.integer({ min: 0, max: 20 }), len: fc.integer({ min: 1, max: 8 }), label: fc.constantFrom('actor', 'figure') }), { maxLength: 12 });
		fc.assert(
			fc.property(arb, (list) => {
				const gold = list.map((s) => span('gold', s.start, s.start + s.len, s.label));
				const slow = new Set<string>();
				for (const x of gold) for (const y of gold) {
					if (x !== y && x.label === y.label && x.start < y.end && y.start < x.end && (x.start !== y.start || x.end !== y.end)) slow.add([x.id, y.id].sort().join(' '));
				}
				const fast = goldOverlaps(gold).map((p) => [p.first.id, p.second.id].sort().join(' '));
				expect(new Set(fast)).toEqual(slow);
				expect(fast.length).toBe(slow.size);
			})
		);
	});
});
