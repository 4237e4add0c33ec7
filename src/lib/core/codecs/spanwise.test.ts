import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSpanwiseJsonl, parseSpanwiseLine, serializeArticle, type ParseOptions } from './spanwise';
import { compareSpans } from '../spans/span-set';
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Span } from '../types';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

const OPTS: ParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'maria', source: 'upload.jsonl' };
const T1 = Date.UTC(2024, 5, 1, 12, 0, 0, 123);
const T2 = Date.UTC(2024, 5, 2);

function article(text: string, extra: Partial<Article> = {}): Article {
	return { id: 'a-1', title: 'Title', text, source: 'pentagon.txt', meta: {}, status: 'done', createdAt: T1, updatedAt: T2, ...extra };
}

function span(id: string, start: number, end: number, label = 'actor', extra: Partial<Span> = {}): Span {
	return { id, articleId: 'a-1', start, end, label, annotator: 'maria', createdAt: T1, updatedAt: T2, ...extra };
}

/** Parses one line, failing the test with the message if it does not parse. */
function parseOk(line: string, opts = OPTS): ArticleRecord {
	const result = parseSpanwiseLine(line, 1, opts);
	if (result.error !== undefined) throw new Error(result.error);
	return result.ok;
}

function errorOf(record: unknown, lineNo = 3): string | undefined {
	return parseSpanwiseLine(typeof record === 'string' ? record : JSON.stringify(record), lineNo, OPTS).error;
}

describe('serializeArticle', () => {
	it('writes the canonical record with code point offsets, in key order', () => {
		const text = 'Kyiv 🇺🇦: the US said 😀 it sent $60.84 billion.';
		const us = text.indexOf('the US');
		const figure = text.indexOf('$60.84');
		const line = serializeArticle(article(text, { meta: { url: 'https://example.com' } }), [
			span('s-2', figure, figure + '$60.84 billion'.length, 'figure', { note: 'USD' }),
			span('s-1', us, us + 'the US'.length)
		]);
		expect(line).not.toContain('\n');
		const record = JSON.parse(line);
		expect(Object.keys(record)).toEqual(['id', 'title', 'text', 'meta', 'spans', 'status', 'created_at', 'updated_at', 'offset_unit', 'format']);
		expect(record.meta).toEqual({ source: 'pentagon.txt', url: 'https://example.com' });
		expect(Object.keys(record.meta)[0]).toBe('source');
		expect(record.spans).toEqual([
			{ id: 's-1', start: 9, end: 15, label: 'actor', text: 'the US', annotator: 'maria', created_at: '2024-06-01T12:00:00.123Z', updated_at: '2024-06-02T00:00:00.000Z' },
			{ id: 's-2', start: 31, end: 45, label: 'figure', text: '$60.84 billion', annotator: 'maria', note: 'USD', created_at: '2024-06-01T12:00:00.123Z', updated_at: '2024-06-02T00:00:00.000Z' }
		]);
		expect(Object.keys(record.spans[1])).toEqual(['id', 'start', 'end', 'label', 'text', 'annotator', 'note', 'created_at', 'updated_at']);
		expect([record.status, record.offset_unit, record.format]).toEqual(['done', 'codepoint', 'spanwise/1']);
		// What a Python user does: text[start:end] on code points.
		const codePoints = Array.from(record.text as string);
		for (const s of record.spans) expect(codePoints.slice(s.start, s.end).join('')).toBe(s.text);
	});

	it('escapes the line separators that Python splitlines() would break on', () => {
		const line = serializeArticle(article('one\u2028two\u2029three\u0085four'), []);
		expect(line).not.toMatch(/[\u2028\u2029\u0085]/);
		expect(parseOk(line).article.text).toBe('one\u2028two\u2029three\u0085four');
	});

	it('throws RangeError for spans that do not fit the text', () => {
		expect(() => serializeArticle(article('abc'), [span('s-1', 0, 9)])).toThrow(/span "s-1" of article "a-1": end 9 is beyond the text \(length 3\)/);
		expect(() => serializeArticle(article('a😀'), [span('s-1', 0, 2)])).toThrow(RangeError);
	});
});

describe('parseSpanwiseLine', () => {
	it('fills in what a minimal record leaves out', () => {
		const { article: parsed, spans } = parseOk(JSON.stringify({ text: '\n  Pentagon: no plans \nBody', spans: [{ start: 3, end: 11, label: 'actor' }] }));
		expect(parsed).toEqual({
			id: expect.stringMatching(/^a-[0-9a-f-]{36}$/),
			title: 'Pentagon: no plans',
			text: '\n  Pentagon: no plans \nBody',
			source: 'upload.jsonl',
			meta: {},
			status: 'new',
			createdAt: OPTS.now,
			updatedAt: OPTS.now
		});
		expect(spans).toEqual([
			{ id: expect.stringMatching(/^s-/), articleId: parsed.id, start: 3, end: 11, label: 'actor', annotator: 'maria', createdAt: OPTS.now, updatedAt: OPTS.now }
		]);
	});

	it('converts code points to UTF-16 and checks the span text', () => {
		const text = '😀 Kyiv 🇺🇦 said';
		const { spans } = parseOk(JSON.stringify({ text, spans: [{ start: 2, end: 9, label: 'actor', text: 'Kyiv 🇺🇦' }] }));
		expect(text.slice(spans[0].start, spans[0].end)).toBe('Kyiv 🇺🇦');
		const utf16 = parseOk(JSON.stringify({ text, offset_unit: 'utf16', spans: [{ start: 3, end: 12, label: 'actor', text: 'Kyiv 🇺🇦' }] }));
		expect(utf16.spans[0]).toMatchObject({ start: 3, end: 12 });
	});

	it('reads "in progress", ISO or millisecond timestamps, and keeps unknown keys in meta', () => {
		const { article: parsed } = parseOk(
			JSON.stringify({ text: 'x', status: 'in progress', created_at: '2024-06-01T12:00:00.123Z', updated_at: T2, url: 'u', meta: { url: 'mine', source: 'f.txt' } })
		);
		expect(parsed.status).toBe('in_progress');
		expect([parsed.createdAt, parsed.updatedAt]).toEqual([T1, T2]);
		expect(parsed.meta).toEqual({ url: 'mine' });
		expect(parsed.source).toBe('f.txt');
		expect(parseOk(JSON.stringify({ text: 'x', lang: 'en', title: null })).article).toMatchObject({ meta: { lang: 'en' }, title: 'x' });
	});

	it('drops exact duplicate spans but not spans of other annotators', () => {
		const { spans } = parseOk(
			JSON.stringify({
				text: 'The US said',
				spans: [
					{ start: 4, end: 6, label: 'actor', annotator: 'maria' },
					{ start: 4, end: 6, label: 'actor' },
					{ start: 4, end: 6, label: 'actor', annotator: 'li' },
					{ start: 4, end: 6, label: 'claim' }
				]
			})
		);
		expect(spans.map((s) => `${s.label} ${s.annotator}`).sort()).toEqual(['actor li', 'actor maria', 'claim maria']);
	});

	it('reports bad JSON and non-objects with the line number', () => {
		expect(errorOf('{"text": "abc"')).toMatch(/^line 3: not valid JSON \(.+\)$/);
		expect(errorOf('"just a string"')).toBe('line 3: expected a JSON object, got a string');
		expect(errorOf('[{"text": "a"}]')).toBe('line 3: expected a JSON object, got an array (JSONL has one object per line)');
		expect(errorOf('null')).toBe('line 3: expected a JSON object, got null');
	});

	it('names the field of shape errors', () => {
		expect(errorOf({ title: 'x' })).toBe('line 3: text: is missing');
		expect(errorOf({ text: 5 })).toBe('line 3: text: expected a string, got 5');
		expect(errorOf({ text: '' })).toBe('line 3: text: is empty (an article needs text)');
		expect(errorOf({ text: 'abc', spans: {} })).toBe('line 3: spans: expected an array, got Object');
		expect(errorOf({ text: 'abc', spans: [{ start: 0, end: 1, label: 'a' }, { start: '1', end: 2, label: 'a' }] })).toBe(
			'line 3: spans[1].start: expected a number, got "1"'
		);
		expect(errorOf({ text: 'abc', spans: [{ start: 0, end: 1 }] })).toBe('line 3: spans[0].label: is missing');
		expect(errorOf({ text: 'abc', spans: [{ start: 0, end: 1, label: ' ' }] })).toBe('line 3: spans[0].label: must not be empty');
		expect(errorOf({ text: 'abc', status: 'finished' })).toMatch(/^line 3: status: expected one of "new", "in_progress", "done", "reviewed", "in progress", got "finished"$/);
		expect(errorOf({ text: 'abc', offset_unit: 'bytes' })).toBe('line 3: offset_unit: expected "codepoint" or "utf16", got "bytes"');
		expect(errorOf({ text: 'abc', format: 'spanwise/2' })).toBe('line 3: format: expected "spanwise/1", got "spanwise/2"');
		expect(errorOf({ text: 'abc', meta: [1] })).toBe('line 3: meta: expected an object, got Array');
		expect(errorOf({ text: 'abc', meta: { source: 7 } })).toBe('line 3: meta.source: expected a string, got a number');
		expect(errorOf({ text: 'abc', created_at: 'yesterday' })).toBe('line 3: created_at: is not a valid date');
	});

	it('names the span and field of offset errors, in the units of the file', () => {
		const text = 'The 👨‍👩‍👧 family said 35 characters.';
		const withSpan = (s: object, extra: object = {}) => ({ text, ...extra, spans: [{ start: 0, end: 3, label: 'actor' }, { start: 0, end: 3, label: 'claim' }, { label: 'figure', ...s }] });
		expect(errorOf(withSpan({ start: 30, end: 40 }))).toBe('line 3: spans[2].end: 40 is beyond the text (length 36)');
		expect(errorOf(withSpan({ start: 1.5, end: 4 }))).toBe('line 3: spans[2].start: 1.5 is not a whole number');
		expect(errorOf(withSpan({ start: -2, end: 4 }))).toBe('line 3: spans[2].start: -2 is negative');
		expect(errorOf(withSpan({ start: 4, end: 4 }))).toBe('line 3: spans[2].end: 4 is not after start 4');
		expect(errorOf(withSpan({ start: 5, end: 9 }))).toBe('line 3: spans[2].start: 5 splits the grapheme cluster "👨‍👩‍👧"');
		expect(errorOf(withSpan({ start: 5, end: 7 }, { offset_unit: 'utf16' }))).toBe('line 3: spans[2].start: 5 splits the surrogate pair of "👨"');
		expect(errorOf(withSpan({ start: 0, end: 3, text: 'the' }))).toBe('line 3: spans[2].text: "the" does not match the article text at 0–3 ("The")');
	});

	it('says when offsets look like UTF-16 code units instead of code points, or the reverse', () => {
		const text = '😀😀 Kyiv said';
		const utf16Start = text.indexOf('Kyiv');
		const asUtf16 = { text, spans: [{ start: utf16Start, end: utf16Start + 4, label: 'actor', text: 'Kyiv' }] };
		expect(errorOf(asUtf16)).toBe(
			'line 3: spans[0].text: "Kyiv" does not match the article text at 5–9 ("iv s")' +
				'; offsets look like UTF-16 code units, not code points; set offset_unit to utf16'
		);
		const atEnd = { text, spans: [{ start: text.indexOf('said'), end: text.length, label: 'claim', text: 'said' }] };
		expect(errorOf(atEnd)).toBe('line 3: spans[0].end: 14 is beyond the text (length 12); offsets look like UTF-16 code units, not code points; set offset_unit to utf16');
		const asCodePoints = { text, offset_unit: 'utf16', spans: [{ start: 3, end: 7, label: 'actor', text: 'Kyiv' }] };
		expect(errorOf(asCodePoints)).toMatch(/; offsets look like code points, not UTF-16 code units; set offset_unit to codepoint$/);
	});

	it('reports repeated span ids', () => {
		const record = { text: 'The US said', spans: [{ id: 's-1', start: 0, end: 3, label: 'a' }, { id: 's-2', start: 4, end: 6, label: 'a' }, { id: 's-1', start: 7, end: 11, label: 'a' }] };
		expect(errorOf(record)).toBe('line 3: spans[2].id: "s-1" is also the id of spans[0]');
	});

	it('never throws, whatever the line', () => {
		const anyLine = fc.oneof(
			fc.string({ unit: 'binary' }),
			fc.jsonValue().map((value) => JSON.stringify(value)),
			fc
				.record({
					text: fc.oneof(unicodeText(), fc.jsonValue()),
					spans: fc.array(fc.record({ start: fc.oneof(fc.integer({ min: -3, max: 40 }), fc.jsonValue()), end: fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double()), label: fc.oneof(fc.string(), fc.jsonValue()), text: fc.option(fc.string()), annotator: fc.jsonValue() }, { requiredKeys: [] })),
					relations: fc.oneof(fc.jsonValue(), fc.array(fc.record({ id: fc.oneof(fc.string(), fc.jsonValue()), head: fc.oneof(fc.constantFrom('s-1', 's-2'), fc.jsonValue()), tail: fc.oneof(fc.string(), fc.jsonValue()), label: fc.oneof(fc.string(), fc.jsonValue()), annotator: fc.jsonValue() }, { requiredKeys: [] }))),
					offset_unit: fc.constantFrom('utf16', 'codepoint', 'x', null),
					meta: fc.jsonValue(),
					created_at: fc.oneof(fc.string(), fc.double())
				}, { requiredKeys: [] })
				.map((value) => JSON.stringify(value))
		);
		fc.assert(
			fc.property(anyLine, (line) => {
				const result = parseSpanwiseLine(line, 7, OPTS);
				expect(result.ok !== undefined || /^line 7: /.test(result.error ?? '')).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});

/** Random articles with random grapheme-aligned spans, as the app would hold them. */
const nonBlank = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
const timestamp = fc.integer({ min: 0, max: 4_102_444_800_000 });
const articleWithSpans = fc
	.record({
		text: unicodeText(40).filter((text) => text.length > 0),
		id: fc.oneof(fc.uuid().map((uuid) => `a-${uuid}`), nonBlank),
		title: fc.string({ maxLength: 20 }),
		source: fc.string({ maxLength: 20 }),
		meta: fc.dictionary(fc.string({ maxLength: 6 }).filter((key) => key !== 'source'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((meta) => JSON.parse(JSON.stringify(meta))),
		status: fc.constantFrom(...ARTICLE_STATUSES),
		createdAt: timestamp,
		updatedAt: timestamp
	})
	.chain((a) => {
		const boundaries = allGraphemeBoundaries(a.text);
		const spanArb = fc.record({
			ends: fc.uniqueArray(fc.nat(boundaries.length - 1), { minLength: 2, maxLength: 2 }),
			label: fc.oneof(fc.constantFrom('actor', 'claim', 'figure'), nonBlank),
			annotator: fc.oneof(fc.constantFrom('maria', 'li'), nonBlank),
			note: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
			createdAt: timestamp,
			updatedAt: timestamp
		});
		return fc.uniqueArray(spanArb, { maxLength: 12, selector: (s) => JSON.stringify([Math.min(...s.ends), Math.max(...s.ends), s.label, s.annotator]) }).map((specs) => {
			const spans: Span[] = specs.map((s, i) => ({
				id: `s-${i}`,
				articleId: a.id,
				start: boundaries[Math.min(...s.ends)],
				end: boundaries[Math.max(...s.ends)],
				label: s.label,
				annotator: s.annotator,
				...(s.note === undefined ? {} : { note: s.note }),
				createdAt: s.createdAt,
				updatedAt: s.updatedAt
			}));
			return { article: a as Article, spans };
		});
	});

describe('spanwise round trip', () => {
	it('gives Python-correct code point offsets for every span', () => {
		fc.assert(
			fc.property(articleWithSpans, ({ article: a, spans }) => {
				const record = JSON.parse(serializeArticle(a, spans));
				const codePoints = Array.from(record.text as string);
				for (const s of record.spans) expect(codePoints.slice(s.start, s.end).join('')).toBe(s.text);
				expect(record.spans).toHaveLength(spans.length);
			}),
			{ numRuns: 200 }
		);
	});

	it('parses back exactly what was serialized', () => {
		fc.assert(
			fc.property(articleWithSpans, ({ article: a, spans }) => {
				const parsed = parseOk(serializeArticle(a, spans), { now: 1, annotator: 'default', source: 'default' });
				expect(parsed).toEqual({ article: a, spans: [...spans].sort(compareSpans) });
			}),
			{ numRuns: 200 }
		);
	});
});

describe('parseSpanwiseJsonl', () => {
	const one = serializeArticle(article('First text 😀'), [span('s-1', 0, 5)]);
	const two = serializeArticle(article('Second', { id: 'a-2' }), []);

	it('reads every record, skipping blank lines, with BOM and CRLF', () => {
		const { records, errors } = parseSpanwiseJsonl(`\ufeff${one}\r\n\r\n   \r\n${two}\r\n`, OPTS);
		expect(errors).toEqual([]);
		expect(records.map((r) => r.article.id)).toEqual(['a-1', 'a-2']);
		expect(records[0].spans[0]).toMatchObject({ start: 0, end: 5 });
	});

	it('keeps good records and reports bad lines by number', () => {
		const { records, errors } = parseSpanwiseJsonl([one, '', '{"title": "no text"}', two, two.slice(0, 30)].join('\n'), OPTS);
		expect(records).toHaveLength(2);
		expect(errors).toEqual([
			{ line: 3, message: 'line 3: text: is missing' },
			{ line: 5, message: expect.stringMatching(/^line 5: not valid JSON \(/) }
		]);
	});

	it('says when the file is empty', () => {
		for (const content of ['', '\ufeff', '\n\r\n  \t\n']) {
			expect(parseSpanwiseJsonl(content, OPTS)).toEqual({ records: [], errors: [{ line: 1, message: 'the file is empty' }] });
		}
	});

	it('reads back a large article exactly (speed: npm run bench)', () => {
		const sentence = 'The US 🇺🇸 said on Tuesday it would send aid worth $60.84 billion to Kyiv 🇺🇦. ';
		const text = sentence.repeat(2000);
		const spans = Array.from({ length: 6000 }, (_, i) => {
			const base = Math.floor(i / 3) * sentence.length;
			const [from, length] = i % 3 === 0 ? [0, 6] : i % 3 === 1 ? [50, 14] : [0, sentence.length - 1];
			return span(`s-${i}`, base + from, base + from + length, ['actor', 'figure', 'claim'][i % 3]);
		});
		const line = serializeArticle(article(text), spans);
		const { records, errors } = parseSpanwiseJsonl(line, OPTS);
		expect(errors).toEqual([]);
		expect(records[0].spans).toHaveLength(6000);
		const key = (s: { start: number; end: number; label: string }) => `${s.start}-${s.end}-${s.label}`;
		expect(records[0].spans.map(key).sort()).toEqual(spans.map(key).sort());
	});
});
