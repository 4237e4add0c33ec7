/**
 * bench/results.json (written by `npm run bench`, committed with the figures it measured) must report
 * every metric of the benchmark with numbers: the shape other tools read.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const path = fileURLToPath(new URL('../../bench/results.json', import.meta.url));

export const METRICS = [
	'open_ms',
	'baseline_open_ms',
	'tag_main_ms',
	'tag_paint_ms',
	'scroll_frame_p95_ms',
	'undo_ms',
	'save_ms',
	'dom_nodes',
	'import_10k_ms',
	'import_longest_task_ms',
	'export_10k_ms',
	'agreement_3x1000_ms',
	'bundle_kb_gz',
	// Issue 12: main-thread time as the user pays it (CDP TaskDuration less idle frames).
	'tag_total_main_ms',
	'relabel_total_main_ms',
	'delete_total_main_ms',
	'scroll_main_ms_per_frame',
	'scroll_frame_max_ms',
	'open_1m_longest_task_ms',
	'tag_1m_longest_task_ms'
];

/** The scaling table's rows (article sizes) and the figures of each. */
export const SCALING_ROWS = ['10,000 words', '100,000 words', '1,000,000 words'];
export const SCALING_FIGURES = ['words', 'spans', 'open_ms', 'tag_total_main_ms', 'scroll_main_ms_per_frame', 'scroll_frame_max_ms', 'longest_task_ms'];

describe('bench/results.json', () => {
	it('has the machine and every metric with a median, a p95 and a unit', () => {
		expect(existsSync(path), 'run npm run bench to write bench/results.json').toBe(true);
		const results = JSON.parse(readFileSync(path, 'utf8'));
		expect(typeof results.machine).toBe('object');
		expect(results.machine.cpus).toBeGreaterThan(0);
		for (const name of METRICS) {
			const m = results.metrics[name];
			expect(m, name).toBeDefined();
			expect(Number.isFinite(m.median), `${name}.median`).toBe(true);
			expect(Number.isFinite(m.p95), `${name}.p95`).toBe(true);
			expect(m.p95 >= m.median, `${name}: p95 ≥ median`).toBe(true);
			expect(['ms', 'MB', 'count', 'KB']).toContain(m.unit);
		}
	});

	it('has the scaling table: every article size with its open, tag and scroll figures', () => {
		const results = JSON.parse(readFileSync(path, 'utf8'));
		expect(typeof results.scaling, 'scaling').toBe('object');
		for (const row of SCALING_ROWS) {
			for (const figure of SCALING_FIGURES) expect(Number.isFinite(results.scaling[row]?.[figure]), `scaling["${row}"].${figure}`).toBe(true);
		}
		const words = SCALING_ROWS.map((row) => results.scaling[row].words);
		expect(words).toEqual([...words].sort((a, b) => a - b));
	});
});
