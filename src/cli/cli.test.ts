/**
 * The `spanwise` command line on files in tests/fixtures/cli, run in-process: `run(argv, io)` with the
 * real file system and captured output, so these tests need no build. bundle.test.ts checks the
 * built binary itself.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './cli';
import { nodeIO } from './node-io';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'tests/fixtures/cli', name);

/** What the binary would print and exit with for these arguments. */
async function spanwise(...args: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await run(args, nodeIO({ stdout: (data) => void (stdout += data), stderr: (data) => void (stderr += data) }));
	return { code, stdout, stderr };
}

/** Each format, and whether it carries annotators. */
const FORMATS_UNDER_TEST: [string, boolean][] = [
	['prodigy', true],
	['doccano', false],
	['labelstudio', true],
	['w3c', true],
	['brat', false]
];

function jsonLines(text: string): any[] {
	return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Python's text[start:end]. */
const pySlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

describe('spanwise validate', () => {
	it('accepts a good file with exit 0 and a summary', async () => {
		const r = await spanwise('validate', fixture('good.jsonl'));
		expect(r.stderr).toBe('');
		expect(r.stdout).toBe('spanwise: 2 good records, 3 spans; valid\n');
		expect(r.code).toBe(0);
	});

	it('lists each bad record as FILE:LINE: reason and exits 1', async () => {
		const r = await spanwise('validate', fixture('bad.jsonl'));
		expect(r.code).toBe(1);
		const lines = r.stderr.trim().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/bad\.jsonl:2: not valid JSON/);
		expect(lines[1]).toMatch(/bad\.jsonl:3: spans\[0\]\.end: 6 is beyond the text \(length 5\); offsets look like UTF-16 code units, not code points/);
		expect(r.stdout).toContain('1 good records');
	});
});

describe('spanwise convert', () => {
	it('writes nothing and exits 1 when a record is bad', async () => {
		const r = await spanwise('convert', '--from', 'spanwise', '--to', 'spanwise', fixture('bad.jsonl'));
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('nothing written');
	});

	it('converts the good records with --skip-bad and still lists the bad ones', async () => {
		const r = await spanwise('convert', '--from', 'spanwise', '--to', 'spanwise', '--skip-bad', fixture('bad.jsonl'));
		expect(r.code).toBe(1);
		const records = jsonLines(r.stdout);
		expect(records.map((x) => x.id)).toEqual(['a-ok']);
		expect(r.stderr).toMatch(/bad\.jsonl:2:/);
		expect(r.stderr).toMatch(/bad\.jsonl:3:/);
	});

	it('refuses a multi-file format without --out, and unknown formats', async () => {
		expect((await spanwise('convert', '--to', 'nope', fixture('good.jsonl'))).code).toBe(2);
		expect((await spanwise('convert', '--to', 'spanwise', '--offsets', 'bytes', fixture('good.jsonl'))).stderr).toContain('--offsets must be');
		expect((await spanwise('bogus')).code).toBe(2);
	});

	it('keeps code point offsets exact through a spanwise round trip', async () => {
		const r = await spanwise('convert', '--to', 'spanwise', fixture('good.jsonl'));
		expect(r.code).toBe(0);
		const [first] = jsonLines(r.stdout);
		expect(first.spans.map((s: any) => [s.start, s.end, s.label, s.annotator])).toEqual([
			[29, 32, 'actor', 'maria'],
			[39, 43, 'Actor', 'jon'],
			[49, 53, 'figure', 'maria']
		]);
		for (const s of first.spans) expect(pySlice(first.text, s.start, s.end)).toBe(s.text);
	});

	it('writes into --out DIR', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'spanwise-cli-'));
		const r = await spanwise('convert', '--to', 'spanwise', '--out', dir, fixture('good.jsonl'));
		expect(r.code).toBe(0);
		expect(readdirSync(dir)).toEqual(['export.jsonl']);
		expect(jsonLines(readFileSync(join(dir, 'export.jsonl'), 'utf8'))).toHaveLength(2);
	});
});

describe('round trips through every format', () => {
	/** Text, code point offsets, labels and annotators of each article, as the canonical export has them. */
	function essentials(jsonl: string, keepAnnotator: boolean) {
		return jsonLines(jsonl)
			.map((r) => ({
				text: r.text,
				spans: r.spans
					.map((s: any) => [s.start, s.end, s.label, keepAnnotator ? s.annotator : '-', s.text].join('|'))
					.sort()
			}))
			.sort((a, b) => (a.text < b.text ? -1 : 1));
	}
	const original = essentials(readFileSync(fixture('good.jsonl'), 'utf8'), true);

	for (const [format, keepsAnnotator] of FORMATS_UNDER_TEST) {
		it(`spanwise → ${format} → spanwise keeps texts, offsets and labels${keepsAnnotator ? ' and annotators' : ''}`, async () => {
			const dir = mkdtempSync(join(tmpdir(), `spanwise-${format}-`));
			const there = await spanwise('convert', '--to', format, '--out', dir, fixture('good.jsonl'));
			expect(there.stderr).toMatch(/wrote \d+ file/);
			expect(there.code).toBe(0);
			const back = await spanwise('convert', '--from', format, '--to', 'spanwise', dir);
			expect(back.stderr).toBe('');
			expect(back.code).toBe(0);
			expect(essentials(back.stdout, keepsAnnotator)).toEqual(keepsAnnotator ? original : essentials(readFileSync(fixture('good.jsonl'), 'utf8'), false));
		});
	}
});

describe('spanwise agreement', () => {
	const maria = join(root, 'tests/fixtures/review-maria.jsonl');
	const jon = join(root, 'tests/fixtures/review-jon.jsonl');

	it('prints labels, overall and pairs as JSON, with figures counted by hand', async () => {
		const r = await spanwise('agreement', maria, jon);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(Object.keys(out)).toEqual(['labels', 'overall', 'pairs', 'annotators']);
		expect(out.annotators).toEqual(['jon', 'maria']);
		// actor: maria {Mayor Ada Brennan, The fishers' association}, jon {Mayor Ada Brennan, fishers' association, 40 boats}.
		// exact: 1 match → F1 = 2·1 / (2 + 3) = 0.4; overlap: 2 matches → F1 = 2·2 / 5 = 0.8.
		expect(out.labels.actor.exact).toMatchObject({ tp: 1, f1: 0.4 });
		expect(out.labels.actor.overlap).toMatchObject({ tp: 2, f1: 0.8 });
		// claim: maria 30–89, jon 36–89: no exact match, one overlap → F1 0 and 1.
		expect(out.labels.claim.exact.f1).toBe(0);
		expect(out.labels.claim.overlap.f1).toBe(1);
		// overall micro: exact tp = actor 1 + figure 1 ($12.5 million) = 2 of 5 + 5 spans → F1 = 4/10.
		expect(out.overall.micro.exact).toMatchObject({ tp: 2, f1: 0.4 });
		expect(out.overall.micro.fleiss_kappa).toBeNull();
		expect(out.pairs).toHaveLength(1);
		expect(out.pairs[0]).toMatchObject({ a: 'jon', b: 'maria' });
	});

	it('prints a readable table with --table, and names unattributed spans after their file', async () => {
		const r = await spanwise('agreement', '--table', maria, jon);
		expect(r.stdout).toMatch(/^annotators: jon, maria/);
		expect(r.stdout).toMatch(/actor\s+0\.40\s+0\.80/);
		expect(r.stdout).toMatch(/jon \/ maria/);
		// doccano files carry no annotator: one file per person, named after them.
		const dir = mkdtempSync(join(tmpdir(), 'spanwise-agree-'));
		for (const [who, file] of [['ann', maria], ['bob', jon]]) {
			const record = JSON.parse(readFileSync(file, 'utf8'));
			const utf16 = (cp: number) => Array.from(record.text as string).slice(0, cp).join('').length;
			const label = record.spans.map((s: any) => [utf16(s.start), utf16(s.end), s.label]);
			writeFileSync(join(dir, `${who}.jsonl`), JSON.stringify({ text: record.text, label }) + '\n');
		}
		const fromDoccano = JSON.parse((await spanwise('agreement', '--from', 'doccano', join(dir, 'ann.jsonl'), join(dir, 'bob.jsonl'))).stdout);
		expect(fromDoccano.annotators).toEqual(['ann', 'bob']);
		expect(fromDoccano.labels.actor.exact.f1).toBe(0.4);
	});
});
