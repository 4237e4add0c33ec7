/** `spanwise agreement` with relations: the relation report in the JSON and the table, figures counted by hand. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './cli';
import { nodeIO } from './node-io';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'tests/fixtures/relations/agreement', name);

async function spanwise(...args: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await run(args, nodeIO({ stdout: (data) => void (stdout += data), stderr: (data) => void (stderr += data) }));
	return { code, stdout, stderr };
}

describe('spanwise agreement with relations', () => {
	// maria: source claim → Ryder, about claim → the US; jon: source claim → Ryder, source claim → the US.
	it('reports relation F1 per type, overall and per pair in the JSON', async () => {
		const r = await spanwise('agreement', '--from', 'doccano', fixture('maria.jsonl'), fixture('jon.jsonl'));
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(Object.keys(out)).toEqual(['labels', 'overall', 'pairs', 'annotators', 'relations']);
		expect(out.annotators).toEqual(['jon', 'maria']);
		// source: jon (reference) 2, maria 1, 1 exact → P 1, R 1/2, F1 2/3.
		expect(out.relations.types.source.exact).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, tp: 1, fp: 0, fn: 1 });
		expect(out.relations.types.source.overlap.tp).toBe(1);
		// about: only maria → F1 0.
		expect(out.relations.types.about.exact).toEqual({ precision: 0, recall: null, f1: 0, tp: 0, fp: 1, fn: 0 });
		// micro: 1 of 2 and 2 → F1 0.5; macro: mean(2/3, 0) = 1/3.
		expect(out.relations.overall.micro.exact.f1).toBe(0.5);
		expect(out.relations.overall.macro.exact.f1).toBeCloseTo(1 / 3, 12);
		expect(out.relations.pairs).toHaveLength(1);
		expect(out.relations.pairs[0]).toMatchObject({ a: 'jon', b: 'maria', overall: { exact: { f1: 0.5 } } });
		// The spans agree fully: the same three in both files.
		expect(out.overall.micro.exact.f1).toBe(1);
	});

	it('adds the relation figures to --table', async () => {
		const r = await spanwise('agreement', '--table', '--from', 'doccano', fixture('maria.jsonl'), fixture('jon.jsonl'));
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/relation type\s+exact_p\s+exact_r\s+exact_f1\s+overlap_f1/);
		expect(r.stdout).toMatch(/source\s+1\.00\s+0\.50\s+0\.67\s+0\.67/);
		expect(r.stdout).toMatch(/about\s+0\.00\s+—\s+0\.00\s+0\.00/);
		expect(r.stdout).toMatch(/jon \/ maria\s+0\.50\s+0\.50\s+0\.50\s+0\.50/);
	});
});
