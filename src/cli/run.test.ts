/** `run` in-process (no build needed), with the files of tests/fixtures/cli. */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { run, type CliIO } from './cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'tests/fixtures/cli', name);

function memoryIO() {
	const out = { stdout: '', stderr: '' };
	const io: CliIO = {
		readFile: async (path) => new Uint8Array(await readFile(path)),
		listDir: async () => null,
		writeFile: async () => {},
		mkdir: async () => {},
		stdout: (data) => (out.stdout += data),
		stderr: (data) => (out.stderr += data)
	};
	return { io, out };
}

describe('spanwise convert --to prodigy', () => {
	it('cuts a token where a span edge falls inside it, says how many on standard error, and exits 0', async () => {
		const { io, out } = memoryIO();
		expect(await run(['convert', '--to', 'prodigy', fixture('clitics.jsonl')], io)).toBe(0);
		expect(out.stderr).toBe('spanwise: 1 token was split where a span edge falls inside a word (so every span starts and ends on a token edge)\n');
		const [jon, maria] = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
		expect([jon._annotator_id, maria._annotator_id]).toEqual(['jon', 'maria']);
		// maria's spans end on token edges: "Zelenskyy" | "’s", "Ukraine" | "’s"; nothing cut.
		expect(maria.tokens.slice(0, 3).map((t: { text: string }) => t.text)).toEqual(['Zelenskyy', '’s', 'proposal']);
		// jon's "Zelensk" (made with Alt) cuts "Zelenskyy" in his line only.
		expect(jon.tokens.slice(0, 3).map((t: { text: string }) => t.text)).toEqual(['Zelensk', 'yy', '’s']);
		for (const task of [jon, maria]) {
			for (const span of task.spans) {
				expect(task.tokens[span.token_start].start).toBe(span.start);
				expect(task.tokens[span.token_end].end).toBe(span.end);
			}
		}
	});

	it('says nothing extra when no token had to be cut', async () => {
		const { io, out } = memoryIO();
		expect(await run(['convert', '--to', 'prodigy', fixture('good.jsonl')], io)).toBe(0);
		expect(out.stderr).toBe('');
	});
});
