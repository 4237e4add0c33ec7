import { describe, expect, it } from 'vitest';
import { median, metric, quantile } from '../bench/measure';

describe('benchmark statistics', () => {
	it('takes medians and nearest-rank quantiles', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
		expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
		expect(metric([1, 2, 30], 'ms', true)).toEqual({ median: 2, p95: 30, unit: 'ms', runs: 3, max: 30 });
		expect(() => median([])).toThrow(RangeError);
	});
});
