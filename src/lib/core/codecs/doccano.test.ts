import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { doccanoCodec, doccanoRecordLine } from './doccano';
import { prodigyCodec } from './prodigy';
import { spanwiseCodec } from './spanwise';
import type { CodecParseOptions } from './codec';
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Span } from '../types';
import { allGraphemeBoundaries, unicodeText, unicodeTextWithLoneSurrogates } from '../testing/unicode';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'importer', source: '' };
const T1 = Date.UTC(2024, 5, 1);

/**
 * UTF-16: Fam 0–3, family 4–12, in 13–15, Kyiv 16–20, flag 21–25, CRLF 25–27, said 27–31, 😀 32–34,
 * café 35–40 (e + U+0301), ok 41–43, "." 43–44 (length 44).
 * Code points: family 4–9, Kyiv 13–17, flag 18–20, said 22–26, 😀 27–28, café 29–34 (length 38).
 */
const TEXT = 'Fam 👨‍👩‍👧 in Kyiv 🇺🇦\r\nsaid 😀 cafe\u0301 ok.';

function article(extra: Partial<Article> = {}): Article {
	return { id: 'a-1', title: 'Kyiv report', text: TEXT, source: 'kyiv.txt', meta: { url: 'https://example.com' }, status: 'done', createdAt: T1, updatedAt: T1, ...extra };
}

function span(id: string, start: number, end: number, label: string, annotator = 'maria'): Span {
	return { id, articleId: 'a-1', start, end, label, annotator, createdAt: T1, updatedAt: T1 };
}

function parse(content: string, opts: Partial<CodecParseOptions> = {}) {
	return doccanoCodec.parse([{ name: 'admin.jsonl', content }], { ...OPTS, ...opts });
}

function errorOf(content: string, opts: Partial<CodecParseOptions> = {}): string | undefined {
	const { errors } = parse(content, opts);
	expect(errors.length).toBeLessThanOrEqual(1);
	return errors[0]?.message;
}

const line = (record: Record<string, unknown>) => JSON.stringify(record);

/** Span offsets, label and annotator, sorted: what the tests compare. */
function spanRows(spans: readonly Span[]) {
	return spans.map((s) => [s.start, s.end, s.label, s.annotator]).sort((a, b) => (String(a) < String(b) ? -1 : 1));
}

describe('doccano serialize', () => {
	const spans = [span('s-2', 16, 25, 'GPE'), span('s-1', 4, 12, 'Family'), span('s-3', 35, 40, 'word')];

	it('writes the label form with UTF-16 offsets, id, title, the single annotator and meta', () => {
		const record = JSON.parse(doccanoRecordLine(article(), spans));
		expect(Object.keys(record)).toEqual(['id', 'text', 'label', 'title', 'annotator', 'meta']);
		expect(record).toEqual({
			id: 'a-1',
			text: TEXT,
			label: [[4, 12, 'Family'], [16, 25, 'GPE'], [35, 40, 'word']],
			title: 'Kyiv report',
			annotator: 'maria',
			meta: { source: 'kyiv.txt', status: 'done', url: 'https://example.com' }
		});
	});

	it('writes code point offsets when asked', () => {
		expect(JSON.parse(doccanoRecordLine(article(), spans, 'codepoint')).label).toEqual([[4, 9, 'Family'], [13, 20, 'GPE'], [29, 34, 'word']]);
	});

	it('writes spans of several annotators once, without annotator', () => {
		const record = JSON.parse(doccanoRecordLine(article(), [span('s-1', 4, 12, 'Family', 'maria'), span('s-2', 4, 12, 'Family', 'ivan'), span('s-3', 4, 12, 'family', 'ivan')]));
		expect(record.label).toEqual([[4, 12, 'Family'], [4, 12, 'family']]);
		expect(record).not.toHaveProperty('annotator');
	});

	it('streams one line per article', () => {
		const chunks = [...doccanoCodec.serialize([{ article: article(), spans }, { article: article({ id: 'a-2' }), spans: [] }], { baseName: 'corpus' })];
		expect(chunks.map((c) => c.file)).toEqual(['corpus.jsonl', 'corpus.jsonl']);
		expect(chunks.every((c) => c.data.endsWith('}\n') && c.data.split('\n').length === 2)).toBe(true);
	});
});

describe('doccano parse', () => {
	it('reads the label form: UTF-16 offsets, numeric id and extra keys to meta, label case kept', () => {
		const { records, errors } = parse(line({ id: 17, text: TEXT, label: [[4, 12, 'Family'], [16, 25, 'gpe'], [16, 25, 'GPE'], [35, 40, 'Word']], Comments: [] }));
		expect(errors).toEqual([]);
		const [{ article: a, spans }] = records;
		expect(a).toMatchObject({ title: 'Fam 👨‍👩‍👧 in Kyiv 🇺🇦', text: TEXT, source: 'admin.jsonl', status: 'new', meta: { id: 17, Comments: [] }, createdAt: OPTS.now });
		expect(a.id).toMatch(/^a-/);
		expect(spanRows(spans)).toEqual([
			[16, 25, 'GPE', 'importer'],
			[16, 25, 'gpe', 'importer'],
			[35, 40, 'Word', 'importer'],
			[4, 12, 'Family', 'importer']
		]);
		expect(spans.every((s) => s.articleId === a.id)).toBe(true);
	});

	it('reads the relation form with its relations, and `labels`, `user`, `meta`, id and title', () => {
		const relations = [{ id: 0, from_id: 1, to_id: 2, type: 'in' }];
		const { records, errors } = parse(
			[
				line({ id: 'a-9', title: 'T', text: TEXT, entities: [{ id: 1, label: 'Family', start_offset: 4, end_offset: 12 }, { id: 2, label: 'GPE', start_offset: 16, end_offset: 25 }], relations, user: 3, meta: { source: 'feed', status: 'reviewed', lang: 'uk' } }),
				line({ text: 'plain', labels: [[0, 5, 'x']], relations: [], annotator: 'olga', meta: { status: 'odd' } })
			].join('\r\n')
		);
		expect(errors).toEqual([]);
		const [first, second] = records;
		expect(first.article).toMatchObject({ id: 'a-9', title: 'T', source: 'feed', status: 'reviewed', meta: { lang: 'uk' } });
		expect(first.article.meta).not.toHaveProperty('doccano_relations');
		expect(spanRows(first.spans)).toEqual([[16, 25, 'GPE', '3'], [4, 12, 'Family', '3']]);
		const [family, gpe] = [first.spans.find((s) => s.label === 'Family'), first.spans.find((s) => s.label === 'GPE')];
		expect(first.relations?.map((r) => [r.label, r.head, r.tail, r.annotator])).toEqual([['in', family?.id, gpe?.id, '3']]);
		expect(second.relations).toBeUndefined();
		expect(second.article).toMatchObject({ title: 'plain', status: 'new', meta: { status: 'odd' } });
		expect(spanRows(second.spans)).toEqual([[0, 5, 'x', 'olga']]);
	});

	it('reads code point offsets when told', () => {
		const { records } = parse(line({ text: TEXT, label: [[29, 34, 'Word']] }), { offsets: 'codepoint' });
		expect(spanRows(records[0].spans)).toEqual([[35, 40, 'Word', 'importer']]);
	});

	it('reports bad lines with file, line and field path, and keeps the good ones', () => {
		const { records, errors } = parse(['{"text": "ok", "label": []}', 'nope', '{"label": []}', line({ text: 'abc', label: [[0, 9, 'X']] }), '"text"'].join('\n'));
		expect(records.map((r) => r.article.text)).toEqual(['ok']);
		expect(errors).toEqual([
			{ file: 'admin.jsonl', line: 2, message: expect.stringMatching(/^not valid JSON \(/) },
			{ file: 'admin.jsonl', line: 3, message: 'text: is missing' },
			{ file: 'admin.jsonl', line: 4, message: 'label[0].end: 9 is beyond the text (length 3)' },
			{ file: 'admin.jsonl', line: 5, message: 'expected a JSON object, got a string' }
		]);
	});

	it('explains bad spans', () => {
		expect(errorOf(line({ text: TEXT, label: [[3, 2, 'X']] }))).toBe('label[0].end: 2 is not after start 3');
		expect(errorOf(line({ text: TEXT, label: ['positive'] }))).toBe('label[0]: expected an array [start, end, "LABEL"], got "positive"');
		expect(errorOf(line({ text: TEXT, label: [[0, 3, '']] }))).toBe('label[0][2]: must not be empty');
		expect(errorOf(line({ text: TEXT, entities: [{ label: 'X', start_offset: 0, end_offset: 60 }] }))).toBe('entities[0].end_offset: 60 is beyond the text (length 44)');
		expect(errorOf(line({ text: TEXT, entities: [{ label: 'X', start_offset: 0 }] }))).toBe('entities[0].end_offset: is missing');
		expect(errorOf('')).toBe('the file is empty');
	});

	it('says when offsets are code points rather than UTF-16 units', () => {
		// The family is 4–9 in code points; 9 falls inside it in UTF-16 (4–12).
		expect(errorOf(line({ text: TEXT, label: [[4, 9, 'Family']] }))).toBe(
			'label[0].end: 9 splits the grapheme cluster "👨‍👩‍👧"; offsets look like code points, not UTF-16 code units (a Python tool?); read them as codepoint'
		);
		// And the other way: UTF-16 offsets read as code points (text has 38 code points).
		expect(errorOf(line({ text: TEXT, entities: [{ label: 'W', start_offset: 35, end_offset: 40 }] }), { offsets: 'codepoint' })).toBe(
			'entities[0].end_offset: 40 is beyond the text (length 38); offsets look like UTF-16 code units, not code points (a JavaScript tool?); read them as utf16'
		);
	});

	it('never throws, whatever the input', () => {
		const offset = fc.oneof(fc.integer({ min: -2, max: 60 }), fc.jsonValue());
		const recordLike = fc.record(
			{
				id: fc.jsonValue(),
				title: fc.jsonValue(),
				text: fc.oneof(unicodeTextWithLoneSurrogates(), fc.jsonValue()),
				label: fc.oneof(fc.array(fc.tuple(offset, offset, fc.oneof(fc.string(), fc.jsonValue())), { maxLength: 4 }), fc.jsonValue()),
				entities: fc.oneof(fc.array(fc.record({ label: fc.jsonValue(), start_offset: offset, end_offset: offset }, { requiredKeys: [] }), { maxLength: 3 }), fc.jsonValue()),
				meta: fc.oneof(fc.dictionary(fc.constantFrom('source', 'status', '__proto__', 'x'), fc.jsonValue()), fc.jsonValue()),
				user: fc.jsonValue()
			},
			{ requiredKeys: [] }
		);
		const content = fc.array(fc.oneof(fc.string(), recordLike.map((r) => JSON.stringify(r)), fc.jsonValue().map((j) => JSON.stringify(j))), { maxLength: 4 }).map((lines) => lines.join('\n'));
		fc.assert(
			fc.property(content, (text) => {
				const result = parse(text);
				expect(result.records.length + result.errors.length).toBeGreaterThan(0);
				doccanoCodec.sniff({ name: 'x.jsonl', content: text });
			}),
			{ numRuns: 200 }
		);
	});
});

describe('doccano sniff', () => {
	const sniff = (content: string) => doccanoCodec.sniff({ name: 'data.jsonl', content });
	it('claims doccano records only', () => {
		expect(sniff(`${line({ id: 1, text: 'a', label: [[0, 1, 'X']] })}\n{broken`)).toBe(true);
		expect(sniff(line({ text: 'a', label: [] }))).toBe(true);
		expect(sniff(line({ text: 'a', labels: [[0, 1, 'X']] }))).toBe(true);
		expect(sniff(line({ text: 'a', entities: [], relations: [] }))).toBe(true);
		expect(sniff(line({ text: 'a', label: ['positive'] }))).toBe(false);
		expect(sniff(line({ text: 'a', spans: [] }))).toBe(false);
		expect(sniff(line({ label: [[0, 1, 'X']] }))).toBe(false);
		expect(sniff('{"text": "a", "label": [], "format": "spanwise/1"}')).toBe(false);
		expect(sniff([...spanwiseCodec.serialize([{ article: article(), spans: [] }])][0].data)).toBe(false);
		const prodigy = [...prodigyCodec.serialize([{ article: article(), spans: [span('s-1', 4, 12, 'Family')] }])][0].data;
		expect(sniff(prodigy)).toBe(false);
		expect(prodigyCodec.sniff({ name: 'x.jsonl', content: doccanoRecordLine(article(), []) })).toBe(false);
	});
});

/** A random article with grapheme-aligned spans, labels in any case, one or several annotators. */
const recordArb: fc.Arbitrary<ArticleRecord> = unicodeText()
	.filter((text) => text.length > 0)
	.chain((text) => {
		const boundaries = allGraphemeBoundaries(text);
		const spanArb = fc
			.tuple(fc.nat(boundaries.length - 1), fc.nat(boundaries.length - 1), fc.constantFrom('actor', 'Actor', 'CLAIM', 'figure'), fc.constantFrom('maria', 'ivan'))
			.filter(([a, b]) => a !== b)
			.map(([a, b, label, annotator]): Span => ({ id: 's', articleId: 'a-r', start: boundaries[Math.min(a, b)], end: boundaries[Math.max(a, b)], label, annotator, createdAt: T1, updatedAt: T1 }));
		return fc
			.record({
				title: fc.string(),
				status: fc.constantFrom(...ARTICLE_STATUSES),
				source: fc.string(),
				meta: fc.dictionary(fc.constantFrom('url', 'id', 'Comments', 'doccano_relations'), fc.oneof(fc.string(), fc.integer(), fc.array(fc.integer()))),
				spans: fc.uniqueArray(spanArb, { maxLength: 6, selector: (s) => `${s.start} ${s.end} ${s.label} ${s.annotator}` })
			})
			.map(({ title, status, source, meta, spans }) => ({
				article: { id: 'a-r', title, text, source, meta, status, createdAt: T1, updatedAt: T1 },
				spans: spans.map((s, i) => ({ ...s, id: `s-${i}` }))
			}));
	});

describe('doccano round trip', () => {
	it('spanwise → doccano → spanwise keeps text, id, title, status, source, meta, span offsets and labels, and a lone annotator', () => {
		fc.assert(
			fc.property(recordArb, fc.constantFrom<'codepoint' | 'utf16'>('codepoint', 'utf16'), (record, offsets) => {
				const viaSpanwise = spanwiseCodec.parse([{ name: 'in.jsonl', content: [...spanwiseCodec.serialize([record])].map((c) => c.data).join('') }], OPTS);
				expect(viaSpanwise.errors).toEqual([]);
				const out = [...doccanoCodec.serialize(viaSpanwise.records, { offsets })].map((c) => c.data).join('');
				const { records, errors } = doccanoCodec.parse([{ name: 'out.jsonl', content: out }], { ...OPTS, offsets });
				expect(errors).toEqual([]);
				expect(records).toHaveLength(1);
				const { article: a, spans } = records[0];
				const { id, title, text, source, meta, status } = record.article;
				expect({ id: a.id, title: a.title, text: a.text, source: a.source, meta: a.meta, status: a.status }).toEqual({ id, title, text, source, meta, status });
				const annotators = new Set(record.spans.map((s) => s.annotator));
				const expected = record.spans.map((s) => ({ ...s, annotator: annotators.size === 1 ? s.annotator : OPTS.annotator }));
				const unique = (rows: unknown[][]) => [...new Set(rows.map((r) => JSON.stringify(r)))];
				expect(unique(spanRows(spans))).toEqual(unique(spanRows(expected)));
				expect(spans.every((s) => s.articleId === id)).toBe(true);
			}),
			{ numRuns: 150 }
		);
	});
});
