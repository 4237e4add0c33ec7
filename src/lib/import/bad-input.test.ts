/**
 * Bad input, table-driven: each file gets a clear message naming the file, the line and the field,
 * and importing what was good changes nothing already saved.
 */
import { describe, expect, it } from 'vitest';
import { readCorpus } from './corpus-reader';
import { importFiles } from './import-files';
import { createArticles, readArticle } from '$lib/db';
import { freshDb, makeRecord } from '$lib/db/testing';

const rec = (fields: Record<string, unknown>) => JSON.stringify({ format: 'spanwise/1', offset_unit: 'codepoint', ...fields });
const ok = (i: number) => rec({ id: `ok-${i}`, text: `Article ${i}: Ana met Ben.`, spans: [{ start: 0, end: 7, label: 'actor', text: 'Article' }] });
const lines = (...ls: string[]) => ls.join('\n') + '\n';
const bytes = (...b: number[]) => new Uint8Array(b);
const deep = '['.repeat(20_000) + ']'.repeat(20_000);

type Case = { name: string; file: string; content: string | Uint8Array<ArrayBuffer>; message: RegExp | string; good?: number };

const CASES: Case[] = [
	{ name: 'malformed JSON on line 3 of 10,000', file: 'big.jsonl', content: lines(...Array.from({ length: 10_000 }, (_, i) => (i === 2 ? '{"id": "x", "text": ' : ok(i)))), message: /^big\.jsonl: line 3: not valid JSON/, good: 9_999 },
	{ name: 'a BOM at the start', file: 'bom.jsonl', content: '\uFEFF' + lines(ok(1), '{oops'), message: /^bom\.jsonl: line 2: not valid JSON/, good: 1 },
	{ name: 'CRLF line endings', file: 'crlf.jsonl', content: [ok(1), '{bad', ok(2)].join('\r\n'), message: /^crlf\.jsonl: line 2: not valid JSON/, good: 2 },
	{ name: 'a truncated last line', file: 'cut.jsonl', content: ok(1) + '\n' + ok(2).slice(0, 30), message: /^cut\.jsonl: line 2: not valid JSON/, good: 1 },
	{ name: 'a PDF renamed .jsonl', file: 'paper.jsonl', content: bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3), message: 'paper.jsonl: it is not UTF-8 text (a binary file, or text in another encoding)' },
	{ name: 'a PNG renamed .jsonl', file: 'image.jsonl', content: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), message: /^image\.jsonl: it is not UTF-8 text/ },
	{ name: 'a file with NUL bytes', file: 'nul.jsonl', content: bytes(0x7b, 0x7d, 0x0a, 0, 0, 0x7b), message: 'nul.jsonl: it looks like a binary file, not text' },
	{ name: 'invalid UTF-8', file: 'latin1.jsonl', content: bytes(0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d), message: /^latin1\.jsonl: it is not UTF-8 text/ },
	{ name: 'a 5 MB single line', file: 'long.jsonl', content: rec({ id: 'long', text: 'word '.repeat(1_000_000), spans: [{ start: 0, end: 4, label: 'actor' }, { start: 2, end: 9_000_000, label: 'actor' }] }), message: /^long\.jsonl: line 1: spans\[1\]\.end: 9000000 is beyond the text \(length 5000000\)/ },
	{ name: 'deeply nested JSON', file: 'deep.jsonl', content: lines(ok(1), deep), message: /^deep\.jsonl: line 2: (not valid JSON|expected a JSON object)/, good: 1 },
	{ name: 'a span with start < 0', file: 's.jsonl', content: lines(rec({ text: 'Ana met Ben.', spans: [{ start: -1, end: 3, label: 'actor' }] })), message: 's.jsonl: line 1: spans[0].start: -1 is negative' },
	{ name: 'a span ending beyond the text', file: 's.jsonl', content: lines(rec({ text: 'Ana met Ben.', spans: [{ start: 0, end: 40, label: 'actor' }] })), message: 's.jsonl: line 1: spans[0].end: 40 is beyond the text (length 12)' },
	{ name: 'a span with start > end', file: 's.jsonl', content: lines(rec({ text: 'Ana met Ben.', spans: [{ start: 5, end: 2, label: 'actor' }] })), message: 's.jsonl: line 1: spans[0].end: 2 is not after start 5' },
	{ name: 'non-integer offsets', file: 's.jsonl', content: lines(rec({ text: 'Ana met Ben.', spans: [{ start: 1.5, end: 3, label: 'actor' }] })), message: /^s\.jsonl: line 1: spans\[0\]\.start/ },
	{ name: 'NaN offsets (not JSON: a string)', file: 's.jsonl', content: lines('{"text": "Ana met Ben.", "spans": [{"start": NaN, "end": 3, "label": "actor"}]}'), message: /^s\.jsonl: line 1: not valid JSON/ },
	{ name: 'a span text that does not match its offsets', file: 's.jsonl', content: lines(rec({ text: 'Ana met Ben.', spans: [{ start: 0, end: 3, label: 'actor', text: 'Ben' }] })), message: 's.jsonl: line 1: spans[0].text: "Ben" does not match the article text at 0–3 ("Ana")' },
	{ name: 'offsets that cut a surrogate pair', file: 's.jsonl', content: lines(rec({ text: 'A 😀 b', offset_unit: 'utf16', spans: [{ start: 0, end: 3, label: 'actor' }] })), message: /^s\.jsonl: line 1: spans\[0\]\.end: 3 splits the surrogate pair/ },
	{ name: 'offsets that cut a ZWJ sequence', file: 's.jsonl', content: lines(rec({ text: 'A 👨‍👩‍👧 b', spans: [{ start: 0, end: 4, label: 'actor' }] })), message: /^s\.jsonl: line 1: spans\[0\]\.end: 4 splits the grapheme cluster "👨‍👩‍👧"/ },
	{ name: 'an empty file', file: 'empty.jsonl', content: '', message: 'empty.jsonl: the file is empty' },
	{ name: 'a file of only whitespace', file: 'blank.jsonl', content: ' \n\t\r\n  ', message: 'blank.jsonl: the file is empty' }
];

describe('bad input: a clear message, and nothing saved changes', () => {
	for (const c of CASES) {
		it(c.name, async () => {
			const read = await readCorpus([new File([c.content], c.file)], { annotator: 'me', now: 1 });
			expect(read.errors.length).toBeGreaterThan(0);
			if (typeof c.message === 'string') expect(read.errors[0]).toBe(c.message);
			else expect(read.errors[0]).toMatch(c.message);
			expect(read.records).toHaveLength(c.good ?? 0);

			const db = freshDb();
			const saved = makeRecord('saved', 'Ana met Ben.', [[0, 3, 'actor']]);
			await createArticles(db, [saved]);
			const before = await readArticle(db, 'saved');
			await createArticles(db, read.records);
			expect(await readArticle(db, 'saved')).toEqual(before);
		});
	}

	it('exact duplicate spans come in once; unknown and differently-cased labels are kept as they are', async () => {
		const content = lines(rec({ id: 'd', text: 'Ana met Ben.', spans: [{ start: 0, end: 3, label: 'Actor' }, { start: 0, end: 3, label: 'Actor' }, { start: 8, end: 11, label: 'person' }] }));
		const read = await readCorpus([new File([content], 'dup.jsonl')], { annotator: 'me', now: 1 });
		expect(read.errors).toEqual([]);
		expect(read.records[0].spans.map((s) => s.label)).toEqual(['Actor', 'person']);
	});

	it('the same article twice merges into one; a teammate copy differing by line endings joins it', async () => {
		const a = rec({ id: 'same', text: 'Ana met Ben.\nThen left.', spans: [{ start: 0, end: 3, label: 'actor', annotator: 'maria' }] });
		const b = rec({ id: 'same', text: 'Ana met Ben.\r\nThen left.', spans: [{ start: 8, end: 11, label: 'actor', annotator: 'jon' }] });
		const read = await readCorpus([new File([lines(a, a, b)], 'twice.jsonl')], { annotator: 'me', now: 1 });
		expect(read.errors).toEqual([]);
		const db = freshDb();
		const report = await createArticles(db, read.records);
		expect(report).toMatchObject({ added: 1, merged: 2, reanchored: 1 });
		const stored = await readArticle(db, 'same');
		expect(stored?.article.text).toBe('Ana met Ben.\nThen left.');
		expect(stored?.spans.map((s) => [s.annotator, stored.article.text.slice(s.start, s.end)])).toEqual([
			['maria', 'Ana'],
			['jon', 'Ben']
		]);
	});
});

describe('bad input: documents (.txt) that are not text', () => {
	const cases: [string, Uint8Array<ArrayBuffer> | string, RegExp][] = [
		['paper.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3]), /^paper\.txt: it is not UTF-8 text/],
		['image.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /^image\.txt: it is not UTF-8 text/],
		['nul.txt', new Uint8Array([0x41, 0x42, 0, 0, 0x43, 0x0a, 0x44]), /^nul\.txt: it looks like a binary file, not text$/],
		['empty.txt', '', /^empty\.txt: the file is empty$/],
		['blank.txt', ' \n \t ', /^blank\.txt: the file is empty$/]
	];
	for (const [name, content, message] of cases) {
		it(`${name} is refused by name with a clear reason`, async () => {
			const [result] = await importFiles([new File([content], name)], { annotator: 'me', now: 1 });
			expect(result.records).toEqual([]);
			expect(result.errors).toHaveLength(1);
			expect(result.errors[0]).toMatch(message);
		});
	}
});
