import { describe, expect, it } from 'vitest';
import { isCorpusFile, readCorpus } from './corpus-reader';

const line = (id: string, text: string, spans: unknown[] = []) =>
	JSON.stringify({ id, text, spans, format: 'spanwise/1', offset_unit: 'codepoint' });

function file(name: string, content: string | Uint8Array<ArrayBuffer>): File {
	return new File([content], name);
}

const opts = { annotator: 'me', now: 1 };

describe('readCorpus', () => {
	it('reads JSONL line by line with BOM and CRLF, naming bad and truncated lines', async () => {
		const content =
			'\uFEFF' +
			[line('a', 'Ana met Ben.', [{ start: 0, end: 3, label: 'actor', text: 'Ana' }]), line('b', 'Two.'), '{"id": "c", oops', line('d', 'Four.')].join('\r\n') +
			'\r\n{"id":"e","text":"trunc';
		const progress: number[] = [];
		const read = await readCorpus([file('corpus.jsonl', content)], { ...opts, onProgress: (done) => progress.push(done) });
		expect(read.records.map((r) => r.article.id)).toEqual(['a', 'b', 'd']);
		expect(read.records[0].spans[0]).toMatchObject({ start: 0, end: 3, label: 'actor', annotator: 'me' });
		expect(read.errors).toHaveLength(2);
		expect(read.errors[0]).toMatch(/^corpus\.jsonl: line 3: not valid JSON/);
		expect(read.errors[1]).toMatch(/^corpus\.jsonl: line 5: not valid JSON/);
		expect(read.formats).toEqual({ 'corpus.jsonl': 'spanwise' });
		expect(progress.at(-1)).toBe(new Blob([content]).size);
	});

	it('keeps line numbers exact across stream chunks of a large file', async () => {
		const lines = Array.from({ length: 3000 }, (_, i) => line(`x${i}`, `Article ${i} ${'word '.repeat(40)}`));
		lines[2499] = '{broken';
		const read = await readCorpus([file('big.jsonl', lines.join('\n') + '\n')], opts);
		expect(read.records).toHaveLength(2999);
		expect(read.errors).toEqual([expect.stringMatching(/^big\.jsonl: line 2500: not valid JSON/)]);
	});

	it('refuses binary, non-UTF-8, empty and whitespace-only files by name, and reads the others', async () => {
		const read = await readCorpus(
			[
				file('nul.jsonl', new Uint8Array([0x7b, 0x00, 0x01, 0x02])),
				file('latin1.jsonl', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])),
				file('empty.jsonl', ''),
				file('blank.jsonl', '  \n\t\n'),
				file('ok.jsonl', line('ok', 'Fine.'))
			],
			opts
		);
		expect(read.records.map((r) => r.article.id)).toEqual(['ok']);
		expect(read.errors).toEqual([
			'nul.jsonl: it looks like a binary file, not text',
			'latin1.jsonl: it is not UTF-8 text (a binary file, or text in another encoding)',
			'empty.jsonl: the file is empty',
			'blank.jsonl: the file is empty'
		]);
	});

	it('stops with the abort reason when cancelled', async () => {
		const controller = new AbortController();
		controller.abort(new Error('stop'));
		await expect(readCorpus([file('a.jsonl', line('a', 'x'))], { ...opts, signal: controller.signal })).rejects.toThrow('stop');
	});
});

describe('isCorpusFile', () => {
	it('tells corpus files from documents; a .txt with its .ann is brat', () => {
		expect(isCorpusFile('a.jsonl', [])).toBe(true);
		expect(isCorpusFile('tasks.json', [])).toBe(true);
		expect(isCorpusFile('story.txt', ['story.txt'])).toBe(false);
		expect(isCorpusFile('story.txt', ['story.txt', 'story.ann'])).toBe(true);
		expect(isCorpusFile('page.html', [])).toBe(false);
	});
});
