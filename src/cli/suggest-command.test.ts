/** `spanwise suggest` and `spanwise patterns` in-process, on the fixtures of tests/fixtures/suggest. */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { run, type CliIO } from './cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'tests/fixtures/suggest', name);

function memoryIO() {
	const out = { stdout: '', stderr: '', files: new Map<string, string>() };
	const io: CliIO = {
		readFile: async (path) => (out.files.has(path) ? new TextEncoder().encode(out.files.get(path)) : new Uint8Array(await readFile(path))),
		listDir: async () => null,
		writeFile: async (path, data) => void out.files.set(path, data),
		mkdir: async () => {},
		stdout: (data) => (out.stdout += data),
		stderr: (data) => (out.stderr += data)
	};
	return { io, out };
}

type Line = { title: string; spans: { label: string; text: string; annotator: string }[] };
const lines = (jsonl: string): Line[] => jsonl.trim().split('\n').map((l) => JSON.parse(l));

describe('spanwise suggest', () => {
	it('writes the pattern file’s suggestions as canonical JSONL, each span named by its source, and names the bad pattern line', async () => {
		const { io, out } = memoryIO();
		const code = await run(['suggest', '--no-builtin', '--patterns', fixture('briefing-patterns.jsonl'), fixture('briefing-pair.jsonl')], io);
		// A pattern line could not be read: exit code 1, the others still used.
		expect(code).toBe(1);
		expect(out.stderr).toContain('briefing-patterns.jsonl:3: unknown token attribute "LOWERR"');
		const [first, second] = lines(out.stdout);
		expect(first.spans.map((s) => `${s.label}:${s.text}`)).toEqual(['actor:NATO', 'figure:$60.84 billion', 'actor:NATO', 'actor:Ana Costa', 'actor:NATO']);
		expect(new Set(first.spans.map((s) => s.annotator))).toEqual(new Set(['patterns:briefing-patterns.jsonl']));
		expect(second.spans.map((s) => s.text)).toEqual(['NATO', 'Pentagon']);
		expect(out.stderr).toContain('7 suggestion(s) for 2 article(s) (patterns:briefing-patterns.jsonl: 7)');
	});

	it('runs the built-in recognizers, only for the labels asked, to a file', async () => {
		const { io, out } = memoryIO();
		expect(await run(['suggest', '--labels', 'figure', fixture('briefing-pair.jsonl'), '--out', '/tmp/out.jsonl'], io)).toBe(0);
		const [first] = lines(out.files.get('/tmp/out.jsonl') ?? '');
		expect(first.spans.map((s) => `${s.label}:${s.text}:${s.annotator}`)).toEqual(['figure:$60.84 billion:builtin', 'figure:next year:builtin', 'figure:Tuesday:builtin']);
	});

	it('refuses to run with nothing to suggest with', async () => {
		const { io, out } = memoryIO();
		expect(await run(['suggest', '--no-builtin', fixture('briefing-pair.jsonl')], io)).toBe(2);
		expect(out.stderr).toContain('--no-builtin leaves nothing to suggest with');
	});
});

describe('spanwise patterns', () => {
	it('writes one phrase pattern per distinct span text and label of the gold layer, which suggest then uses', async () => {
		const { io, out } = memoryIO();
		expect(await run(['patterns', fixture('news-eval.jsonl'), '--out', '/tmp/p.jsonl'], io)).toBe(0);
		const written = out.files.get('/tmp/p.jsonl') ?? '';
		const patterns = written.trim().split('\n').map((l) => JSON.parse(l) as { label: string; pattern: string });
		expect(patterns.length).toBeGreaterThan(50);
		expect(new Set(patterns.map((p) => p.label))).toEqual(new Set(['actor', 'claim', 'figure']));
		expect(new Set(patterns.map((p) => `${p.label}|${p.pattern}`)).size).toBe(patterns.length);
		// The file it wrote finds gold's own spans again.
		const again = memoryIO();
		again.out.files.set('/tmp/p.jsonl', written);
		expect(await run(['suggest', '--no-builtin', '--labels', 'figure', '--patterns', '/tmp/p.jsonl', fixture('news-eval.jsonl')], again.io)).toBe(0);
		expect(lines(again.out.stdout)[0].spans.length).toBeGreaterThan(0);
	});

	it('says which layers there are when the one asked has no spans', async () => {
		const { io, out } = memoryIO();
		expect(await run(['patterns', '--layer', 'maria', fixture('news-eval.jsonl')], io)).toBe(2);
		expect(out.stderr).toContain('no spans of the layer "maria" in the input (its layers: gold; say --layer NAME)');
	});
});
