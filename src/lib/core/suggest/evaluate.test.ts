import { describe, expect, it } from 'vitest';
import { evaluateSuggestions } from './evaluate';

const figure = (start: number, end: number) => ({ start, end, label: 'figure' });
const actor = (start: number, end: number) => ({ start, end, label: 'actor' });

describe('evaluateSuggestions', () => {
	it('counts exact matches, false positives and misses per label', () => {
		const result = evaluateSuggestions([figure(0, 5), figure(10, 15), actor(20, 25)], [figure(0, 5), figure(11, 15), actor(20, 25), actor(30, 31)]);
		expect(result.figure).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
		expect(result.actor).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
	});

	it('counts overlaps in the loose figure, one to one', () => {
		const result = evaluateSuggestions([figure(10, 15)], [figure(11, 15), figure(12, 14)]);
		expect(result.figure.loose).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
		expect(result.figure.tp).toBe(0);
	});

	it('pairs the largest overlaps first', () => {
		const result = evaluateSuggestions([figure(0, 10), figure(10, 12)], [figure(8, 12), figure(0, 9)]);
		expect(result.figure.loose.tp).toBe(2);
	});

	it('does not match across labels', () => {
		const result = evaluateSuggestions([figure(0, 5)], [actor(0, 5)]);
		expect(result.figure).toMatchObject({ tp: 0, fn: 1 });
		expect(result.actor).toMatchObject({ tp: 0, fp: 1 });
		expect(result.actor.loose.tp).toBe(0);
	});

	it('counts a duplicated prediction once', () => {
		expect(evaluateSuggestions([figure(0, 5)], [figure(0, 5), figure(0, 5)]).figure).toMatchObject({ tp: 1, fp: 1 });
	});

	it('gives 0 when nothing was predicted or nothing was expected', () => {
		const result = evaluateSuggestions([figure(0, 5)], [actor(1, 2)]);
		expect(result.figure).toMatchObject({ precision: 0, recall: 0 });
		expect(result.actor).toMatchObject({ precision: 0, recall: 0 });
		expect(evaluateSuggestions([], [])).toEqual({});
	});

	it('throws a RangeError for a span with bad offsets', () => {
		expect(() => evaluateSuggestions([figure(5, 2)], [])).toThrow(RangeError);
	});
});
