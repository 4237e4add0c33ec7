import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fnv1a32, prodigyCodec, prodigyTaskLines } from './prodigy';
import { spanwiseCodec } from './spanwise';
import { tokenize } from './tokens';
import { describeSerializeReport, emptySerializeReport } from './serialize-report';
import type { CodecParseOptions } from './codec';
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Span } from '../types';
import { allGraphemeBoundaries, unicodeText, unicodeTextWithLoneSurrogates } from '../testing/unicode';
import { splitsSurrogatePair } from '../text/offsets';

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

function span(id: string, start: number, end: number, label: string, annotator: string): Span {
	return { id, articleId: 'a-1', start, end, label, annotator, createdAt: T1, updatedAt: T1 };
}

const SPANS = [
	span('s-1', 4, 12, 'Family', 'maria'),
	span('s-2', 16, 25, 'GPE', 'maria'),
	span('s-3', 27, 34, 'ACT', 'ivan'),
	span('s-4', 35, 40, 'word', 'ivan')
];

function parse(content: string, opts: Partial<CodecParseOptions> = {}) {
	return prodigyCodec.parse([{ name: 'tasks.jsonl', content }], { ...OPTS, ...opts });
}

function line(task: Record<string, unknown>): string {
	return JSON.stringify(task);
}

/** The message of the single error of parsing `content`, or undefined. */
function errorOf(content: string, opts: Partial<CodecParseOptions> = {}): string | undefined {
	const { errors } = parse(content, opts);
	expect(errors.length).toBeLessThanOrEqual(1);
	return errors[0]?.message;
}

describe('fnv1a32', () => {
	it('is 32-bit FNV-1a over UTF-8, signed (values from an independent Python implementation)', () => {
		expect(fnv1a32('')).toBe(-2128831035);
		expect(fnv1a32('a')).toBe(-468965076);
		expect(fnv1a32('foobar')).toBe(-1080231576);
		expect(fnv1a32('café 😀')).toBe(-601328750);
	});
});

describe('prodigy serialize', () => {
	it('writes one task per annotator with code point offsets, token ranges, tokens, meta and hashes', () => {
		const tasks = prodigyTaskLines(article(), SPANS).map((l) => JSON.parse(l));
		expect(tasks).toHaveLength(2);
		const [ivan, maria] = tasks;
		expect(Object.keys(ivan)).toEqual(['text', 'spans', 'tokens', 'meta', '_input_hash', '_task_hash', 'answer', '_annotator_id', '_session_id']);
		expect(ivan.spans).toEqual([
			{ start: 22, end: 28, label: 'ACT', token_start: 6, token_end: 7 },
			{ start: 29, end: 34, label: 'word', token_start: 8, token_end: 8 }
		]);
		expect(maria.spans).toEqual([
			{ start: 4, end: 9, label: 'Family', token_start: 1, token_end: 1 },
			{ start: 13, end: 20, label: 'GPE', token_start: 3, token_end: 4 }
		]);
		expect([ivan._annotator_id, ivan._session_id, maria._annotator_id, ivan.answer]).toEqual(['ivan', 'ivan', 'maria', 'accept']);
		expect(ivan.meta).toEqual({ id: 'a-1', title: 'Kyiv report', status: 'done', source: 'kyiv.txt', url: 'https://example.com' });
		expect(ivan.tokens[8]).toEqual({ text: 'cafe\u0301', start: 29, end: 34, id: 8, ws: true });
		// spaCy's white space: CRLF is a token, so Doc(words, spaces) gives the text back.
		expect(ivan.tokens[5]).toEqual({ text: '\r\n', start: 20, end: 22, id: 5, ws: false });
		expect(ivan.tokens.map((t: { text: string; ws: boolean }) => t.text + (t.ws ? ' ' : '')).join('')).toBe(TEXT);
		expect(ivan.tokens).toEqual(tokenize(TEXT));
		expect(ivan._input_hash).toBe(fnv1a32(TEXT));
		expect(maria._input_hash).toBe(ivan._input_hash);
		expect(maria._task_hash).not.toBe(ivan._task_hash);
		expect(ivan._task_hash).toBe(fnv1a32(`${ivan._input_hash}\n[[22,28,"ACT"],[29,34,"word"]]`));
		// What a Python user does: text[start:end] on code points.
		for (const s of [...ivan.spans, ...maria.spans]) expect(Array.from(TEXT).slice(s.start, s.end).join('')).toBe(TEXT.slice(...utf16Of(s)));
	});

	it('writes UTF-16 offsets (spans and tokens) when asked', () => {
		const [task] = prodigyTaskLines(article(), [SPANS[3]], 'utf16').map((l) => JSON.parse(l));
		expect(task.spans).toEqual([{ start: 35, end: 40, label: 'word', token_start: 8, token_end: 8 }]);
		expect(task.tokens[8]).toMatchObject({ start: 35, end: 40 });
	});

	it('writes one task without annotator for an article without spans, and carries reject answers', () => {
		const [task, ...more] = prodigyTaskLines(article({ meta: { answer: 'reject' } }), []).map((l) => JSON.parse(l));
		expect(more).toEqual([]);
		expect(task.spans).toEqual([]);
		expect(task.answer).toBe('reject');
		expect(task).not.toHaveProperty('_annotator_id');
		expect(task.meta).toEqual({ id: 'a-1', title: 'Kyiv report', status: 'done', source: 'kyiv.txt' });
	});

	it('streams one chunk per article, with stable hashes', () => {
		const records = [{ article: article(), spans: SPANS }, { article: article({ id: 'a-2' }), spans: [] }];
		const chunks = [...prodigyCodec.serialize(records, { baseName: 'ner' })];
		expect(chunks.map((c) => [c.file, c.data.split('\n').length - 1])).toEqual([['ner.jsonl', 2], ['ner.jsonl', 1]]);
		expect([...prodigyCodec.serialize(records, { baseName: 'ner' })]).toEqual(chunks);
	});
});

function utf16Of(s: { start: number; end: number }): [number, number] {
	const prefix = (n: number) => Array.from(TEXT).slice(0, n).join('').length;
	return [prefix(s.start), prefix(s.end)];
}

describe('prodigy parse', () => {
	it('reads a Prodigy task: code point offsets to UTF-16, annotator, meta, timestamp; token indices ignored', () => {
		const { records, errors } = parse(
			line({
				text: TEXT,
				spans: [
					{ start: 13, end: 20, label: 'gpe', token_start: 0, token_end: 0 },
					{ start: 29, end: 34, label: 'Word', text: 'cafe\u0301' },
					{ start: 13, end: 20, label: 'GPE' }
				],
				tokens: [{ text: 'nonsense', start: 0, end: 1, id: 0, ws: false }],
				meta: { source: 'BBC', section: 'world' },
				_input_hash: 123,
				_task_hash: 456,
				_view_id: 'ner_manual',
				_timestamp: 1700000000,
				answer: 'accept',
				_annotator_id: 'news-ner-maria',
				_session_id: 'news-ner-maria',
				custom: 1
			})
		);
		expect(errors).toEqual([]);
		expect(records).toHaveLength(1);
		const [{ article: a, spans }] = records;
		expect(a).toMatchObject({ title: 'Fam 👨‍👩‍👧 in Kyiv 🇺🇦', text: TEXT, source: 'BBC', meta: { custom: 1, section: 'world' }, status: 'done' });
		expect(a.id).toMatch(/^a-/);
		expect(spans.map((s) => [s.start, s.end, s.label, s.annotator, s.createdAt, s.articleId])).toEqual([
			[16, 25, 'GPE', 'news-ner-maria', 1700000000000, a.id],
			[16, 25, 'gpe', 'news-ner-maria', 1700000000000, a.id],
			[35, 40, 'Word', 'news-ner-maria', 1700000000000, a.id]
		]);
	});

	it('merges tasks with the same text, keeps every annotator and a non-accept answer', () => {
		const content = [
			line({ text: TEXT, spans: [{ start: 4, end: 9, label: 'Family' }], answer: 'accept', _annotator_id: 'ds-maria' }),
			'',
			line({ text: 'other', spans: [], answer: 'ignore' }),
			line({ text: TEXT, spans: [{ start: 4, end: 9, label: 'Family' }], answer: 'reject', _session_id: 'ds-ivan' }),
			line({ text: TEXT, spans: [{ start: 27, end: 28, label: 'emoji' }] })
		].join('\r\n');
		const { records, errors } = parse(content);
		expect(errors).toEqual([]);
		expect(records.map((r) => [r.article.text, r.article.meta])).toEqual([[TEXT, { answer: 'reject' }], ['other', { answer: 'ignore' }]]);
		expect(spanKeys(records[0].spans)).toEqual(['32 34 emoji importer', '4 12 Family ds-ivan', '4 12 Family ds-maria']);
	});

	it('keeps tasks with the same text but different meta.id apart, and restores id, title, status', () => {
		const { records } = parse([
			line({ text: 'same', meta: { id: 'a-x', title: 'X', status: 'reviewed' } }),
			line({ text: 'same', meta: { id: 'a-y', status: 'weird', title: 7 } })
		].join('\n'));
		expect(records.map((r) => [r.article.id, r.article.title, r.article.status, r.article.meta])).toEqual([
			['a-x', 'X', 'reviewed', {}],
			['a-y', 'same', 'new', { status: 'weird', title: 7 }]
		]);
	});

	it('reads UTF-16 offsets when told', () => {
		const { records } = parse(line({ text: TEXT, spans: [{ start: 35, end: 40, label: 'Word' }] }), { offsets: 'utf16' });
		expect(records[0].spans.map((s) => [s.start, s.end])).toEqual([[35, 40]]);
	});

	it('reports bad lines with file, line and field path, and keeps the good ones', () => {
		const { records, errors } = parse(['{"text": "ok"}', '{oops', '[1, 2]', '{"spans": []}', line({ text: 'abc', spans: [{ start: 0, end: 9, label: 'X' }] })].join('\n'));
		expect(records.map((r) => r.article.text)).toEqual(['ok']);
		expect(errors).toEqual([
			{ file: 'tasks.jsonl', line: 2, message: expect.stringMatching(/^not valid JSON \(/) },
			{ file: 'tasks.jsonl', line: 3, message: 'expected a JSON object, got an array (JSONL has one object per line)' },
			{ file: 'tasks.jsonl', line: 4, message: 'text: is missing' },
			{ file: 'tasks.jsonl', line: 5, message: 'spans[0].end: 9 is beyond the text (length 3)' }
		]);
	});

	it('explains bad spans', () => {
		const task = (spans: unknown[]) => line({ text: TEXT, spans });
		expect(errorOf(task([{ start: 2, end: 1, label: 'X' }]))).toBe('spans[0].end: 1 is not after start 2');
		expect(errorOf(task([{ start: 0, end: 3, label: 'X' }, { start: 0, end: 3 }]))).toBe('spans[1].label: is missing');
		expect(errorOf(task([{ start: '0', end: 3, label: 'X' }]))).toBe('spans[0].start: expected a number, got "0"');
		expect(errorOf(task([{ start: 5, end: 9, label: 'X' }]))).toBe('spans[0].start: 5 splits the grapheme cluster "👨‍👩‍👧"');
		expect(errorOf('\ufeff \n')).toBe('the file is empty');
		expect(errorOf(line({ text: '' }))).toBe('text: is empty (an article needs text)');
	});

	it('says when offsets are UTF-16 units rather than code points', () => {
		const hint = 'offsets look like UTF-16 code units, not code points (a JavaScript tool?); read them as utf16';
		// café is 35–40 in UTF-16, 29–34 in code points; the text has 38 code points.
		expect(errorOf(line({ text: TEXT, spans: [{ start: 35, end: 40, label: 'Word', text: 'cafe\u0301' }] }))).toBe(`spans[0].end: 40 is beyond the text (length 38); ${hint}`);
		expect(errorOf(line({ text: TEXT, spans: [{ start: 35, end: 40, label: 'Word' }] }))).toBe(`spans[0].end: 40 is beyond the text (length 38); ${hint}`);
		// Kyiv 🇺🇦 is 16–25 in UTF-16: in range as code points, but another text.
		expect(errorOf(line({ text: TEXT, spans: [{ start: 16, end: 25, label: 'GPE', text: 'Kyiv 🇺🇦' }] }))).toMatch(
			new RegExp(`^spans\\[0\\]\\.text: "Kyiv 🇺🇦" does not match the article text at 16–25 .*; ${hint.replace(/[()?]/g, '\\$&')}$`)
		);
	});

	it('never throws, whatever the input', () => {
		const spanLike = fc.record({ start: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.jsonValue()), end: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.jsonValue()), label: fc.oneof(fc.string(), fc.jsonValue()), text: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: [] });
		const taskLike = fc.record({ text: fc.oneof(unicodeTextWithLoneSurrogates(), fc.jsonValue()), spans: fc.oneof(fc.array(spanLike, { maxLength: 4 }), fc.jsonValue()), meta: fc.oneof(fc.dictionary(fc.constantFrom('id', 'title', 'status', 'source', '__proto__', 'x'), fc.jsonValue()), fc.jsonValue()), answer: fc.jsonValue(), _annotator_id: fc.jsonValue(), _timestamp: fc.oneof(fc.double(), fc.jsonValue()) }, { requiredKeys: [] });
		const content = fc.array(fc.oneof(fc.string(), taskLike.map((t) => JSON.stringify(t)), fc.jsonValue().map((j) => JSON.stringify(j))), { maxLength: 4 }).map((lines) => lines.join('\n'));
		fc.assert(
			fc.property(content, (text) => {
				const result = parse(text);
				expect(result.records.length + result.errors.length).toBeGreaterThan(0);
				prodigyCodec.sniff({ name: 'x.jsonl', content: text });
			}),
			{ numRuns: 200 }
		);
	});
});

describe('prodigy sniff', () => {
	const sniff = (content: string) => prodigyCodec.sniff({ name: 'data.jsonl', content });
	it('claims Prodigy tasks only', () => {
		expect(sniff(`\ufeff\n${line({ text: 'a', tokens: [] })}\n{broken`)).toBe(true);
		expect(sniff(line({ text: 'a', _input_hash: 1 }))).toBe(true);
		expect(sniff(line({ text: 'a', _task_hash: 1 }))).toBe(true);
		expect(sniff(line({ text: 'a', spans: [] }))).toBe(false);
		expect(sniff(line({ text: 'a', label: [[0, 1, 'X']] }))).toBe(false);
		expect(sniff('{"text": "a", "tokens": [], "format": "spanwise/1"}')).toBe(false);
		expect(sniff([...spanwiseCodec.serialize([{ article: article(), spans: SPANS }])][0].data)).toBe(false);
		expect(sniff('not json')).toBe(false);
		expect(sniff('')).toBe(false);
	});
});

/** A random article (one per run) with grapheme-aligned spans by a few annotators, labels in any case. */
const recordArb: fc.Arbitrary<ArticleRecord> = unicodeText()
	.filter((text) => text.length > 0)
	.chain((text) => {
		const boundaries = allGraphemeBoundaries(text);
		const spanArb = fc
			.tuple(fc.nat(boundaries.length - 1), fc.nat(boundaries.length - 1), fc.constantFrom('actor', 'Actor', 'CLAIM', 'figure'), fc.constantFrom('maria', 'ivan', 'news-ner-maria'))
			.filter(([a, b]) => a !== b)
			.map(([a, b, label, annotator]): Span => ({ id: 's', articleId: 'a-r', start: boundaries[Math.min(a, b)], end: boundaries[Math.max(a, b)], label, annotator, createdAt: T1, updatedAt: T1 }));
		return fc.record({
			title: fc.string(),
			status: fc.constantFrom(...ARTICLE_STATUSES),
			source: fc.string(),
			meta: fc.dictionary(fc.constantFrom('url', 'lang', 'answer', 'Comments'), fc.oneof(fc.string(), fc.integer(), fc.constantFrom('accept', 'reject', 'ignore'))),
			spans: fc.uniqueArray(spanArb, { maxLength: 6, selector: (s) => `${s.start} ${s.end} ${s.label} ${s.annotator}` })
		}).map(({ title, status, source, meta, spans }) => ({
			article: { id: 'a-r', title, text, source, meta, status, createdAt: T1, updatedAt: T1 },
			spans: spans.map((s, i) => ({ ...s, id: `s-${i}` }))
		}));
	});

/** A random article with spans at any code point edges (even inside a grapheme: imported data can be like that). */
const anyEdgeRecordArb: fc.Arbitrary<ArticleRecord> = unicodeText()
	.filter((text) => text.length > 0)
	.chain((text) => {
		const edges = Array.from({ length: text.length + 1 }, (_, i) => i).filter((i) => !splitsSurrogatePair(text, i));
		const spanArb = fc
			.tuple(fc.nat(edges.length - 1), fc.nat(edges.length - 1), fc.constantFrom('maria', 'ivan'))
			.filter(([a, b]) => a !== b)
			.map(([a, b, annotator]): Span => ({ id: 's', articleId: 'a-r', start: edges[Math.min(a, b)], end: edges[Math.max(a, b)], label: 'actor', annotator, createdAt: T1, updatedAt: T1 }));
		return fc.uniqueArray(spanArb, { maxLength: 6, selector: (s) => `${s.start} ${s.end} ${s.annotator}` }).map((spans) => ({
			article: { id: 'a-r', title: 't', text, source: '', meta: {}, status: 'new' as const, createdAt: T1, updatedAt: T1 },
			spans: spans.map((s, i) => ({ ...s, id: `s-${i}` }))
		}));
	});

/** What a round trip must keep of a span. */
function spanKeys(spans: readonly Span[]) {
	return spans.map((s) => `${s.start} ${s.end} ${s.label} ${s.annotator}`).sort();
}

describe('prodigy round trip', () => {
	it('spanwise → prodigy → spanwise keeps text, id, title, status, source, meta and spans with annotators', () => {
		fc.assert(
			fc.property(recordArb, fc.constantFrom<'codepoint' | 'utf16'>('codepoint', 'utf16'), (record, offsets) => {
				const viaSpanwise = spanwiseCodec.parse([{ name: 'in.jsonl', content: [...spanwiseCodec.serialize([record])].map((c) => c.data).join('') }], OPTS);
				expect(viaSpanwise.errors).toEqual([]);
				const out = [...prodigyCodec.serialize(viaSpanwise.records, { offsets })].map((c) => c.data).join('');
				const { records, errors } = prodigyCodec.parse([{ name: 'out.jsonl', content: out }], { ...OPTS, offsets });
				expect(errors).toEqual([]);
				expect(records).toHaveLength(1);
				const { article: a, spans } = records[0];
				const { id, title, text, source, meta, status } = record.article;
				expect({ id: a.id, title: a.title, text: a.text, source: a.source, meta: a.meta, status: a.status }).toEqual({ id, title, text, source, meta, status });
				expect(spanKeys(spans)).toEqual(spanKeys(record.spans));
				expect(spans.every((s) => s.articleId === id)).toBe(true);
			}),
			{ numRuns: 150 }
		);
	});

	it('cuts tokens at span edges: every span starts at tokens[token_start] and ends at tokens[token_end], and the cuts are counted', () => {
		fc.assert(
			fc.property(fc.oneof(recordArb, anyEdgeRecordArb), fc.constantFrom<'codepoint' | 'utf16'>('codepoint', 'utf16'), (record, unit) => {
				const report = emptySerializeReport();
				const whole = tokenize(record.article.text, unit);
				let expectedSplits = 0;
				for (const taskLine of prodigyTaskLines(record.article, record.spans, unit, report)) {
					const task = JSON.parse(taskLine);
					const tokens = task.tokens as { start: number; end: number; id: number }[];
					for (const s of task.spans) {
						expect(tokens[s.token_start].start).toBe(s.start);
						expect(tokens[s.token_end].end).toBe(s.end);
					}
					// A token of the text is split exactly when one of this line's span edges falls inside it.
					const inside = (t: { start: number; end: number }, x: number) => t.start < x && x < t.end;
					expectedSplits += whole.filter((t) => /\P{White_Space}/u.test(t.text) && task.spans.some((s: { start: number; end: number }) => inside(t, s.start) || inside(t, s.end))).length;
					expect((task.tokens as { text: string; ws: boolean }[]).map((t) => t.text + (t.ws ? ' ' : '')).join('')).toBe(record.article.text);
					expect(tokens.every((t, i) => t.id === i && (i === 0 || tokens[i - 1].end <= t.start))).toBe(true);
				}
				expect(report.splitTokens).toBe(expectedSplits);
			}),
			{ numRuns: 150 }
		);
	});

	it('splits "Zelenskyy’s" where a span made with Alt ends, and reports it', () => {
		const text = 'Zelenskyy’s plan and Ukraine’s army.';
		const record: ArticleRecord = {
			article: article({ text }),
			spans: [span('s-1', 0, 7, 'PERSON', 'maria'), span('s-2', 21, 28, 'GPE', 'maria')]
		};
		const report = emptySerializeReport();
		const out = [...prodigyCodec.serialize([record], { report })].map((c) => c.data).join('');
		const task = JSON.parse(out);
		expect(task.tokens.slice(0, 4).map((t: { text: string }) => t.text)).toEqual(['Zelensk', 'yy', '’s', 'plan']);
		expect(task.spans.map((s: { token_start: number; token_end: number }) => [s.token_start, s.token_end])).toEqual([[0, 0], [5, 5]]);
		expect(task.tokens[5]).toMatchObject({ text: 'Ukraine', start: 21, end: 28 });
		expect(report.splitTokens).toBe(1);
		expect(describeSerializeReport(report)).toBe('1 token was split where a span edge falls inside a word (so every span starts and ends on a token edge)');
		expect(describeSerializeReport(emptySerializeReport())).toBe('');
	});
});
