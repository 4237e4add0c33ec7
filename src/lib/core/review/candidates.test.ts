import { describe, expect, it } from 'vitest';
import { spanBuilder } from '../testing/spans';
import { buildCandidates, candidateKey, reviewProgress } from './candidates';

const span = spanBuilder();

describe('buildCandidates', () => {
	const spans = [
		// unanimous actor
		span('maria', 0, 5, 'actor'),
		span('jon', 0, 5, 'actor'),
		// claim containing it, only maria: partial (nesting with another label is no conflict)
		span('maria', 0, 30, 'claim'),
		// same range, different label: conflict
		span('maria', 40, 45, 'figure'),
		span('jon', 40, 45, 'actor'),
		// same label, overlapping different boundaries: conflict
		span('maria', 50, 60, 'figure'),
		span('jon', 52, 60, 'figure'),
		// someone not in the review is ignored
		span('eve', 70, 75, 'actor')
	];

	it('groups spans into candidates with who proposed them and their status', () => {
		const got = buildCandidates(spans, ['jon', 'maria'], [], new Set());
		expect(got.map((c) => [c.key, c.annotators.join('+'), c.status])).toEqual([
			['0:30:claim', 'maria', 'partial'],
			['0:5:actor', 'jon+maria', 'unanimous'],
			['40:45:actor', 'jon', 'conflict'],
			['40:45:figure', 'maria', 'conflict'],
			['50:60:figure', 'maria', 'conflict'],
			['52:60:figure', 'jon', 'conflict']
		]);
		expect(got.find((c) => c.key === '50:60:figure')?.conflictsWith).toEqual(['52:60:figure']);
	});

	it('marks what the gold layer holds as accepted and what was rejected as rejected; counts progress', () => {
		const got = buildCandidates(spans, ['jon', 'maria'], [{ start: 0, end: 5, label: 'actor' }, { start: 40, end: 45, label: 'figure' }], new Set(['40:45:actor']));
		expect(got.filter((c) => c.settled).map((c) => [c.key, c.settled])).toEqual([
			['0:5:actor', 'accepted'],
			['40:45:actor', 'rejected'],
			['40:45:figure', 'accepted']
		]);
		expect(reviewProgress(got)).toEqual({ candidates: 6, settled: 3, conflicts: 4, conflictsSettled: 2 });
	});

	it('carries the flags of its spans, naming the annotator', () => {
		const flagged = { ...span('jon', 0, 5, 'actor'), flag: 'Re-anchored with low confidence: the quote was edited.' };
		const [c] = buildCandidates([flagged, span('maria', 0, 5, 'actor')], ['jon', 'maria'], [], new Set());
		expect(c.flags).toEqual(['jon: Re-anchored with low confidence: the quote was edited.']);
	});

	it('gives no candidates for no spans, and keys by offsets and label', () => {
		expect(buildCandidates([], ['a', 'b'], [], new Set())).toEqual([]);
		expect(candidateKey({ start: 3, end: 9, label: 'Actor' })).toBe('3:9:Actor');
	});
});
