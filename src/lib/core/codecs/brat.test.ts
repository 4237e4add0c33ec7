import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bratCodec } from './brat';
import type { CodecParseOptions, SourceFile } from './codec';
import { compareSpans } from '../spans/span-set';
import type { Article, ArticleRecord, Span } from '../types';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'me', source: 'upload' };
const T1 = Date.UTC(2024, 5, 1);

/**
 * An emoji, a flag, a ZWJ family, CRLF and a combining mark. By hand, in code points:
 * "Kyiv 🇺🇦" 0–7, "😀" 13–14, "👨‍👩‍👧 family" 19–31, "family\r\nof" 25–35, "Zoé" 36–40, "$5" 46–48;
 * length 49. In UTF-16: 0–9, 15–17, 22–37, 31–41, 42–46, 52–54; length 55.
 */
const TEXT = 'Kyiv 🇺🇦 said 😀 the 👨‍👩‍👧 family\r\nof Zoe\u0301 paid $5.';

function parse(files: Record<string, string>, opts: Partial<CodecParseOptions> = {}) {
	return bratCodec.parse(
		Object.entries(files).map(([name, content]) => ({ name, content })),
		{ ...OPTS, ...opts }
	);
}

/** The files of an export, each file's chunks joined. */
function filesOf(records: ArticleRecord[], opts = {}): Record<string, string> {
	const files: Record<string, string> = {};
	for (const chunk of bratCodec.serialize(records, opts)) files[chunk.file] = (files[chunk.file] ?? '') + chunk.data;
	return files;
}

/** The messages of parsing x.txt (TEXT) with x.ann holding `lines`. */
function errorsOf(...lines: string[]): string[] {
	return parse({ 'x.txt': TEXT, 'x.ann': lines.join('\n') }).errors.map((e) => e.message);
}

describe('bratCodec.parse', () => {
	it('reads text-bound annotations with code point offsets, and notes', () => {
		const ann = [
			'T1\tPlace 0 7\tKyiv 🇺🇦',
			'T2\tactor 19 31\t👨‍👩‍👧 family',
			'T3\tClaim 25 35\tfamily  of',
			'R1\tOrigin Arg1:T2 Arg2:T1',
			'A1\tNegated T2',
			'E1\tEvent:T2',
			'N1\tReference T1 Wikipedia:1234\tKyiv',
			'*\tAlias T1 T2',
			'#1\tAnnotatorNotes T4\tcombining mark',
			'T4\tperson 36 40\tZoe\u0301',
			'T6\temoji 13 14\t😀',
			'T7\tfigure 46 48',
			''
		].join('\r\n');
		const { records, errors } = parse({ 'corpus/x.txt': TEXT, 'corpus/x.ann': ann, 'annotation.conf': '[entities]' });
		expect(errors).toEqual([]);
		expect(records).toHaveLength(1);
		const [{ article, spans }] = records;
		expect(article).toEqual({ id: 'x', title: 'Kyiv 🇺🇦 said 😀 the 👨‍👩‍👧 family', text: TEXT, source: 'corpus/x.txt', meta: {}, status: 'new', createdAt: OPTS.now, updatedAt: OPTS.now });
		expect(spans.map((s) => [s.start, s.end, s.label, s.note])).toEqual([
			[0, 9, 'Place', undefined],
			[15, 17, 'emoji', undefined],
			[22, 37, 'actor', undefined],
			[31, 41, 'Claim', undefined],
			[42, 46, 'person', 'combining mark'],
			[52, 54, 'figure', undefined]
		]);
		for (const s of spans) expect(s).toMatchObject({ id: expect.stringMatching(/^s-/), articleId: 'x', annotator: 'me', createdAt: OPTS.now });
	});

	it('accepts covered text that differs only by white space, and reads UTF-16 when told to', () => {
		expect(errorsOf('T1\tClaim 25 35\tfamily of', 'T2\tClaim 25 35\tfamily\tof ')).toEqual([]);
		const { records } = parse({ 'x.txt': TEXT, 'x.ann': 'T1\tfigure 52 54\t$5' }, { offsets: 'utf16' });
		expect(records[0].spans[0]).toMatchObject({ start: 52, end: 54 });
	});

	it('keeps label case and labels it does not know, and drops exact duplicates', () => {
		const { records } = parse({ 'x.txt': 'The US said', 'x.ann': 'T1\tACTOR 4 6\tUS\nT2\tactor 4 6\tUS\nT3\tUnknown_Thing 4 6\tUS\nT4\tactor 4 6\tUS\n' });
		expect(records[0].spans.map((s) => s.label)).toEqual(['ACTOR', 'Unknown_Thing', 'actor']);
	});

	it('reports discontinuous spans and still reads the other lines', () => {
		const { records, errors } = parse({ 'x.txt': TEXT, 'x.ann': 'T1\tPlace 0 7\tKyiv 🇺🇦\nT3\tfigure 0 5;10 15\tKyiv 🇺🇦 a\nT4\tperson 36 40\tZoe\u0301\n' });
		expect(errors).toEqual([{ file: 'x.ann', line: 2, message: 'x.ann:2: discontinuous span T3 (0 5;10 15) is not supported' }]);
		expect(records[0].spans.map((s) => s.label)).toEqual(['Place', 'person']);
	});

	it('names file, line and annotation of offset errors', () => {
		expect(errorsOf('T1\tPlace 0 7\tKyiv 🇺🇦', '', 'T2\tfigure 40 50\tx')).toEqual(['x.ann:3: T2.end: 50 is beyond the text (length 49)']);
		expect(errorsOf('T2\tfigure 10 8\tx')).toEqual(['x.ann:1: T2.end: 8 is not after start 10']);
		expect(errorsOf('T2\tfigure 20 24\tx')).toEqual(['x.ann:1: T2.start: 20 splits the grapheme cluster "👨‍👩‍👧"']);
		expect(errorsOf('T2\tfigure 36 39\tZoe')).toEqual(['x.ann:1: T2.end: 39 splits the grapheme cluster "e\u0301"']);
		expect(errorsOf('T2\tPlace 0 4\tKiev')).toEqual(['x.ann:1: T2.text: "Kiev" does not match the article text at 0–4 ("Kyiv")']);
	});

	it('says when offsets are UTF-16 code units, not code points', () => {
		const hint = '; offsets look like UTF-16 code units, not code points (a JavaScript tool?); read them as utf16';
		expect(errorsOf('T1\tfigure 52 54\t$5')).toEqual([`x.ann:1: T1.start: 52 is beyond the text (length 49)${hint}`]);
		expect(errorsOf('T1\tperson 42 46\tZoe\u0301')).toEqual([`x.ann:1: T1.text: "Zoe\u0301" does not match the article text at 42–46 ("aid ")${hint}`]);
	});

	it('reports malformed lines and repeated ids', () => {
		expect(errorsOf('T1 Place 0 7', 'T2\tPlace zero 7\tKyiv', 'X1\tfoo', 'T3\tPlace -1 7\tx', 'T4\tPlace 0 4\tKyiv', 'T4\tPlace 0 4\tKyiv')).toEqual([
			'x.ann:1: expected a text-bound annotation "T1<TAB>Label START END<TAB>text", got "T1 Place 0 7"',
			'x.ann:2: T2: expected "Label START END", got "Place zero 7"',
			'x.ann:3: expected a text-bound annotation "T1<TAB>Label START END<TAB>text", got "X1\\tfoo"',
			'x.ann:4: T3: expected "Label START END", got "Place -1 7"',
			'x.ann:6: T4 is defined twice'
		]);
	});

	it('pairs files by name: .ann alone is an error, .txt alone an article without spans', () => {
		const { records, errors } = parse({ 'a.ann': 'T1\tx 0 1\ta', 'b.txt': 'Bee', 'c.TXT': 'Sea', 'c.ANN': 'T1\tx 0 3\tSea', 'd.txt': '', 'notes.csv': 'a,b', 'b.txt ': '' });
		expect(records.map((r) => [r.article.id, r.spans.length])).toEqual([
			['b', 0],
			['c', 1]
		]);
		expect(errors).toEqual([
			{ file: 'notes.csv', line: 1, message: 'notes.csv: not a brat file (expected NAME.txt and NAME.ann)' },
			{ file: 'b.txt ', line: 1, message: 'b.txt : not a brat file (expected NAME.txt and NAME.ann)' },
			{ file: 'a.ann', line: 1, message: 'a.ann: no matching a.txt (brat keeps the text beside the .ann file)' },
			{ file: 'd.txt', line: 1, message: 'd.txt: the text is empty (an article needs text)' }
		]);
		expect(parse({ 'x.txt': 'a', 'x.ann': '' }).errors).toEqual([]);
		const twice = bratCodec.parse([{ name: 'x.txt', content: 'one' }, { name: 'x.txt', content: 'two' }], OPTS);
		expect(twice.records[0].article.text).toBe('one');
		expect(twice.errors[0].message).toBe('x.txt: given twice; the first one is read');
	});
});

describe('bratCodec.serialize', () => {
	const article: Article = { id: 'a-1', title: 'Kyiv', text: TEXT, source: 's', meta: {}, status: 'done', createdAt: T1, updatedAt: T1 };
	const span = (start: number, end: number, label: string, annotator = 'maria', extra: Partial<Span> = {}): Span => ({
		id: `s-${start}-${label}-${annotator}`, articleId: 'a-1', start, end, label, annotator, createdAt: T1, updatedAt: T1, ...extra
	});

	it('writes NAME.txt as is and NAME.ann with code point offsets', () => {
		const spans = [
			span(42, 46, 'person', 'maria', { note: 'two\r\nlines' }),
			span(0, 9, 'Place'),
			span(31, 41, 'the claim'),
			span(0, 9, 'Place', 'li'),
			span(15, 17, 'emoji', 'li', { note: '' })
		];
		const chunks = [...bratCodec.serialize([{ article, spans }])];
		expect(chunks).toEqual([
			{ file: 'a-1.txt', data: TEXT },
			{
				file: 'a-1.ann',
				data: 'T1\tPlace 0 7\tKyiv 🇺🇦\nT2\temoji 13 14\t😀\n#1\tAnnotatorNotes T2\t\nT3\tthe_claim 25 35\tfamily  of\nT4\tperson 36 40\tZoe\u0301\n#2\tAnnotatorNotes T4\ttwo lines\n'
			},
			{ file: 'annotation.conf', data: expect.stringContaining('[entities]\nPlace\nemoji\nperson\nthe_claim\n') }
		]);
		const utf16 = filesOf([{ article, spans: [span(52, 54, 'figure')] }], { offsets: 'utf16' });
		expect(utf16['a-1.ann']).toBe('T1\tfigure 52 54\t$5\n');
	});

	it('makes safe, unique file names, and writes an .ann for articles without spans', () => {
		const files = filesOf([
			{ article: { ...article, id: 'A' }, spans: [] },
			{ article: { ...article, id: 'a' }, spans: [] },
			{ article: { ...article, id: '../x/y' }, spans: [] },
			{ article: { ...article, id: 'con' }, spans: [] }
		]);
		expect(Object.keys(files)).toEqual(['A.txt', 'A.ann', 'a-2.txt', 'a-2.ann', 'x y.txt', 'x y.ann', 'con-.txt', 'con-.ann', 'annotation.conf']);
		expect(files['A.ann']).toBe('');
	});

	it('is recognised by sniff', () => {
		expect(bratCodec.sniff({ name: 'doc.ann', content: '' })).toBe(true);
		expect(bratCodec.sniff({ name: 'doc.txt', content: 'T1\tx 0 1\ta' })).toBe(false);
	});
});

const nonBlank = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
/** Random articles with grapheme-aligned spans whose (start, end, label) differ: what brat can hold. */
const articleWithSpans = (i: number) =>
	unicodeText(40)
		.filter((text) => text.length > 0)
		.chain((text) => {
			const boundaries = allGraphemeBoundaries(text);
			const spanArb = fc.record({
				ends: fc.uniqueArray(fc.nat(boundaries.length - 1), { minLength: 2, maxLength: 2 }),
				label: fc.oneof(fc.constantFrom('actor', 'Claim', 'FIGURE'), nonBlank.map((s) => s.replace(/\s/g, '-'))),
				note: fc.option(fc.string({ maxLength: 10 }), { nil: undefined })
			});
			const key = (s: { ends: number[]; label: string }) => JSON.stringify([Math.min(...s.ends), Math.max(...s.ends), s.label]);
			return fc.uniqueArray(spanArb, { maxLength: 12, selector: key }).map((specs): ArticleRecord => {
				const article: Article = { id: `a-${i}`, title: 't', text, source: 's', meta: {}, status: 'done', createdAt: T1, updatedAt: T1 };
				const spans = specs.map((s, k): Span => ({
					id: `s-${k}`,
					articleId: article.id,
					start: boundaries[Math.min(...s.ends)],
					end: boundaries[Math.max(...s.ends)],
					label: s.label,
					annotator: k % 2 === 0 ? 'maria' : 'li',
					...(s.note === undefined ? {} : { note: s.note }),
					createdAt: T1,
					updatedAt: T1
				}));
				return { article, spans };
			});
		});

describe('brat round trip', () => {
	it('keeps text, article id, offsets, labels and notes', () => {
		fc.assert(
			fc.property(fc.tuple(articleWithSpans(1), articleWithSpans(2)), (records) => {
				const files: SourceFile[] = Object.entries(filesOf(records)).map(([name, content]) => ({ name, content }));
				const { records: back, errors } = bratCodec.parse(files, OPTS);
				expect(errors).toEqual([]);
				expect(back.map((r) => [r.article.id, r.article.text])).toEqual(records.map((r) => [r.article.id, r.article.text]));
				const kept = (spans: readonly Span[]) =>
					[...spans].sort(compareSpans).map((s) => [s.start, s.end, s.label, s.note?.replace(/\r\n|[\r\n]/g, ' ')]);
				for (const [i, record] of records.entries()) expect(kept(back[i].spans)).toEqual(kept(record.spans));
			}),
			{ numRuns: 150 }
		);
	});

	it('parse never throws, whatever the files', () => {
		const annLine = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 30 }),
			fc
				.tuple(fc.constantFrom('T1', 'T2', '#1', 'R1', 'X'), fc.string({ maxLength: 6 }), fc.integer({ min: -2, max: 60 }), fc.integer({ min: -2, max: 60 }), fc.string({ maxLength: 8 }), fc.boolean())
				.map(([id, label, a, b, text, split]) => `${id}\t${label} ${a} ${b}${split ? `;${b} ${a}` : ''}\t${text}`),
			fc.constantFrom('#1\tAnnotatorNotes T1\tnote', '#2\tAnnotatorNotes', 'T1\t', '\t\t')
		);
		const files = fc.array(
			fc.record({
				name: fc.oneof(fc.constantFrom('x.txt', 'x.ann', 'y.ann', '.txt', 'z.conf'), fc.string({ maxLength: 8 })),
				content: fc.oneof(unicodeText(20), fc.array(annLine, { maxLength: 6 }).map((lines) => lines.join('\n')))
			}),
			{ maxLength: 4 }
		);
		fc.assert(
			fc.property(files, (given) => {
				const { records, errors } = bratCodec.parse(given, OPTS);
				for (const error of errors) expect(error.message.startsWith(`${error.file}:`)).toBe(true);
				for (const { article, spans } of records) for (const s of spans) expect(s.end).toBeLessThanOrEqual(article.text.length);
			}),
			{ numRuns: 200 }
		);
	});
});
