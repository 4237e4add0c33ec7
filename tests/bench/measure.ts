/** Small statistics for the benchmark: medians and 95th percentiles of repeated measurements. */

export interface Metric {
	readonly median: number;
	readonly p95: number;
	readonly unit: 'ms' | 'MB' | 'count' | 'KB' | 'ratio';
	/** How many measurements the figures are over. */
	readonly runs: number;
	/** Largest single measurement (reported for frame times). */
	readonly max?: number;
}

/** The q-quantile (0…1) of `values` by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) throw new RangeError('no values');
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
	return sorted[rank - 1];
}

/** Median (the middle value; the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
	if (values.length === 0) throw new RangeError('no values');
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A metric from repeated measurements. */
export function metric(values: readonly number[], unit: Metric['unit'], withMax = false): Metric {
	return {
		median: round(median(values)),
		p95: round(quantile(values, 0.95)),
		unit,
		runs: values.length,
		...(withMax ? { max: round(Math.max(...values)) } : {})
	};
}
