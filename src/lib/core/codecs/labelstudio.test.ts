import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labelstudioCodec } from './labelstudio';
import type { CodecParseOptions } from './codec';
import { compareSpans } from '../spans/span-set';
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Span } from '../types';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'me', source: 'export.json' };
const T1 = Date.UTC(2024, 5, 1, 12, 0, 0, 123);
const T2 = Date.UTC(2024, 5, 2);

/**
 * An emoji, a flag, a ZWJ family, CRLF and a combining mark. By hand, in code points:
 * "Kyiv 🇺🇦" 0–7, "😀" 13–14, "👨‍👩‍👧 family" 19–31, "family\r\nof" 25–35, "Zoé" 36–40, "$5" 46–48;
 * length 49. In UTF-16: 0–9, 15–17, 22–37, 31–41, 42–46, 52–54; length 55.
 */
const TEXT = 'Kyiv 🇺🇦 said 😀 the 👨‍👩‍👧 family\r\nof Zoe\u0301 paid $5.';

function region(id: string, start: number, end: number, text: string, labels: string[], extra: object = {}) {
	return { id, type: 'labels', from_name: 'label', to_name: 'text', value: { start, end, text, labels }, ...extra };
}

function parse(content: unknown, opts: Partial<CodecParseOptions> = {}) {
	const text = typeof content === 'string' ? content : JSON.stringify(content);
	return labelstudioCodec.parse([{ name: 'ls.json', content: text }], { ...OPTS, ...opts });
}

function parseOne(content: unknown, opts: Partial<CodecParseOptions> = {}): ArticleRecord {
	const { records, errors } = parse(content, opts);
	expect(errors).toEqual([]);
	expect(records).toHaveLength(1);
	return records[0];
}

function serialize(records: ArticleRecord[], opts = {}): string {
	return [...labelstudioCodec.serialize(records, opts)].map((chunk) => chunk.data).join('');
}

/** The message of the only error of a one-task file whose annotation holds `results`. */
function errorOf(results: unknown[], opts: Partial<CodecParseOptions> = {}): string {
	const tasks = [{ data: { text: 'a' } }, { data: { text: 'b' } }, { data: { text: TEXT }, annotations: [{ completed_by: 1, result: results }] }];
	const { errors } = parse(tasks, opts);
	expect(errors).toHaveLength(1);
	expect(errors[0]).toMatchObject({ file: 'ls.json', line: 3 });
	return errors[0].message;
}

describe('labelstudioCodec.parse', () => {
	it('reads annotations and predictions with code point offsets', () => {
		const task = {
			id: 17,
			data: { text: TEXT, url: 'https://example.com/1', lang: 'en' },
			annotations: [
				{
					id: 1,
					completed_by: 7,
					created_at: '2024-06-01T12:00:00.123456Z',
					updated_at: '2024-06-02T00:00:00Z',
					result: [
						region('r1', 0, 7, 'Kyiv 🇺🇦', ['Place']),
						region('r2', 19, 31, '👨‍👩‍👧 family', ['actor', 'GROUP']),
						{ id: 'c1', type: 'choices', from_name: 'sentiment', to_name: 'text', value: { choices: ['neutral'] } },
						region('r3', 36, 40, 'Zoe\u0301', ['person'], { meta: { text: ['accent is a combining mark'] } })
					]
				},
				{ id: 2, completed_by: { id: 3, email: 'li@example.com' }, result: [region('r4', 25, 35, 'family\r\nof', ['claim'])] },
				{ id: 3, completed_by: 4, was_cancelled: true, result: [region('r5', 46, 48, '$5', ['figure'])] }
			],
			predictions: [
				{ id: 9, model_version: 'ner-2', result: [region('p1', 13, 14, '😀', ['emoji'])] },
				{ id: 10, result: [region('p2', 46, 48, '$5', ['figure'])] }
			]
		};
		const { article, spans } = parseOne([task]);
		expect(article).toEqual({
			id: expect.stringMatching(/^a-/),
			title: 'Kyiv 🇺🇦 said 😀 the 👨‍👩‍👧 family',
			text: TEXT,
			source: 'export.json',
			meta: { url: 'https://example.com/1', lang: 'en' },
			status: 'new',
			createdAt: OPTS.now,
			updatedAt: OPTS.now
		});
		const shown = spans.map((s) => [s.id, s.start, s.end, s.label, s.annotator, s.note]);
		expect(shown).toEqual([
			['r1', 0, 9, 'Place', 'user-7', undefined],
			['p1', 15, 17, 'emoji', 'prediction:ner-2', undefined],
			// One span per label; the first label keeps the result id.
			[expect.stringMatching(/^s-/), 22, 37, 'GROUP', 'user-7', undefined],
			['r2', 22, 37, 'actor', 'user-7', undefined],
			['r4', 31, 41, 'claim', 'li@example.com', undefined],
			['r3', 42, 46, 'person', 'user-7', 'accent is a combining mark'],
			['p2', 52, 54, 'figure', 'prediction:model', undefined]
		]);
		expect(spans[0]).toMatchObject({ articleId: article.id, createdAt: Date.parse('2024-06-01T12:00:00.123Z'), updatedAt: T2 });
		expect(spans[4]).toMatchObject({ createdAt: OPTS.now, updatedAt: OPTS.now });
	});

	it('reads a single task object, JSONL, old "completions" and the BOM', () => {
		const task = { data: { text: 'The US said' }, annotations: [{ completed_by: { username: 'ana' }, result: [region('x', 4, 6, 'US', ['actor'])] }] };
		expect(parseOne(task).spans[0]).toMatchObject({ start: 4, end: 6, annotator: 'ana' });
		const jsonl = `\ufeff${JSON.stringify(task)}\r\n\r\n${JSON.stringify({ data: { text: 'Two' }, completions: [{ result: [region('y', 0, 3, 'Two', ['n'])] }] })}\n{oops\n`;
		const { records, errors } = parse(jsonl);
		expect(records.map((r) => r.spans[0].annotator)).toEqual(['ana', 'me']);
		expect(errors).toEqual([{ file: 'ls.json', line: 4, message: expect.stringMatching(/^task 4: not valid JSON \(/) }]);
	});

	it('restores title, id, status and source that Spanwise wrote into data', () => {
		const { article } = parseOne({ data: { text: 'x', title: 'Mine', spanwise_id: 'a-7', spanwise_status: 'done', spanwise_source: 'f.txt', k: 1 } });
		expect(article).toMatchObject({ id: 'a-7', title: 'Mine', status: 'done', source: 'f.txt', meta: { k: 1 } });
	});

	it('keeps label case and labels it does not know', () => {
		const { spans } = parseOne({ data: { text: 'The US said' }, annotations: [{ result: [region('a', 4, 6, 'US', ['ACTOR', 'actor', 'Ünknown label'])] }] });
		expect(spans.map((s) => s.label)).toEqual(['ACTOR', 'actor', 'Ünknown label']);
	});

	it('reads UTF-16 offsets when told to', () => {
		const { spans } = parseOne({ data: { text: TEXT }, annotations: [{ result: [region('a', 52, 54, '$5', ['figure'])] }] }, { offsets: 'utf16' });
		expect(spans[0]).toMatchObject({ start: 52, end: 54 });
	});

	it('reports file-level problems', () => {
		expect(parse('').errors).toEqual([{ file: 'ls.json', line: 1, message: 'the file is empty' }]);
		expect(parse('[{"data": ').errors[0].message).toMatch(/^not valid JSON \(/);
		expect(parse('42').errors[0].message).toBe('expected a JSON array of tasks, got a number');
	});

	it('names the task and field of shape errors', () => {
		const { errors } = parse([{ data: { text: 'ok' } }, 'task', { data: {} }, { data: { text: '' } }, { text: 'x' }, { data: { text: 'x' }, annotations: {} }]);
		expect(errors.map((e) => [e.line, e.message])).toEqual([
			[2, 'task 2: expected a JSON object, got a string'],
			[3, 'task 3: data.text: is missing'],
			[4, 'task 4: data.text: is empty (a task needs text)'],
			[5, 'task 5: data: is missing'],
			[6, 'task 6: annotations: expected an array, got Object']
		]);
		expect(errorOf([5])).toBe('task 3: annotations[0].result[0]: expected an object, got 5');
		expect(errorOf([region('a', '0' as never, 3, 'Kyi', ['x'])])).toBe('task 3: annotations[0].result[0].value.start: expected a number, got "0"');
		expect(errorOf([region('a', 0, 3, 'Kyi', [])])).toBe('task 3: annotations[0].result[0].value.labels: is empty (a result needs a label)');
	});

	it('names the result and field of offset errors', () => {
		const ok = region('ok', 0, 4, 'Kyiv', ['x']);
		expect(errorOf([ok, ok, region('a', 40, 50, '', ['x'])])).toBe('task 3: annotations[0].result[2].value.end: 50 is beyond the text (length 49)');
		expect(errorOf([region('a', 10, 8, 'x', ['x'])])).toBe('task 3: annotations[0].result[0].value.end: 8 is not after start 10');
		expect(errorOf([region('a', -1, 8, 'x', ['x'])])).toBe('task 3: annotations[0].result[0].value.start: -1 is negative');
		expect(errorOf([region('a', 20, 24, '', ['x'])])).toBe('task 3: annotations[0].result[0].value.start: 20 splits the grapheme cluster "👨‍👩‍👧"');
		expect(errorOf([region('a', 36, 39, 'Zoe', ['x'])])).toBe('task 3: annotations[0].result[0].value.end: 39 splits the grapheme cluster "e\u0301"');
		expect(errorOf([region('a', 0, 4, 'kyiv', ['x'])])).toBe('task 3: annotations[0].result[0].value.text: "kyiv" does not match the article text at 0–4 ("Kyiv")');
	});

	it('says when offsets are UTF-16 code units, not code points', () => {
		const hint = '; offsets look like UTF-16 code units, not code points (a JavaScript tool?); read them as utf16';
		expect(errorOf([region('a', 52, 54, '$5', ['figure'])])).toBe(`task 3: annotations[0].result[0].value.start: 52 is beyond the text (length 49)${hint}`);
		expect(errorOf([region('a', 42, 46, 'Zoe\u0301', ['person'])])).toBe(`task 3: annotations[0].result[0].value.text: "Zoe\u0301" does not match the article text at 42–46 ("aid ")${hint}`);
	});
});

describe('labelstudioCodec.serialize', () => {
	const article: Article = { id: 'a-1', title: 'Kyiv', text: TEXT, source: 'kyiv.txt', meta: { url: 'u', text: 'dropped' }, status: 'done', createdAt: T1, updatedAt: T2 };
	const span = (id: string, start: number, end: number, label: string, annotator: string, extra: Partial<Span> = {}): Span => ({
		id, articleId: 'a-1', start, end, label, annotator, createdAt: T1, updatedAt: T2, ...extra
	});
	const spans = [
		span('s-3', 42, 46, 'person', 'maria', { note: 'combining', updatedAt: T2 + 5 }),
		span('s-1', 0, 9, 'Place', 'maria'),
		span('s-2', 22, 37, 'group', 'prediction:ner-2'),
		span('s-4', 31, 41, 'claim', 'li', { createdAt: T1 - 7 })
	];

	it('writes a JSON array of tasks, one chunk each, with code point offsets', () => {
		const chunks = [...labelstudioCodec.serialize([{ article, spans }, { article: { ...article, id: 'a-2', text: 'b' }, spans: [] }], { baseName: 'out' })];
		expect(chunks.map((c) => c.file)).toEqual(['out.json', 'out.json', 'out.json', 'out.json']);
		expect(chunks[0].data).toBe('[\n');
		expect(chunks[2].data.startsWith(',\n')).toBe(true);
		expect(chunks[3].data).toBe('\n]\n');
		const [task, second] = JSON.parse(chunks.map((c) => c.data).join(''));
		expect(second.data).toEqual({ text: 'b', title: 'Kyiv', spanwise_id: 'a-2', spanwise_status: 'done', spanwise_source: 'kyiv.txt', url: 'u' });
		expect(task.id).toBe(1);
		expect(task.created_at).toBe('2024-06-01T12:00:00.123Z');
		expect(task.annotations).toEqual([
			{ id: 1, completed_by: { email: 'li' }, was_cancelled: false, created_at: '2024-06-01T12:00:00.116Z', updated_at: '2024-06-02T00:00:00.000Z', result: [region('s-4', 25, 35, 'family\r\nof', ['claim'])] },
			{
				id: 2,
				completed_by: { email: 'maria' },
				was_cancelled: false,
				created_at: '2024-06-01T12:00:00.123Z',
				updated_at: '2024-06-02T00:00:00.005Z',
				result: [region('s-1', 0, 7, 'Kyiv 🇺🇦', ['Place']), region('s-3', 36, 40, 'Zoe\u0301', ['person'], { meta: { text: ['combining'] } })]
			}
		]);
		expect(task.predictions).toEqual([
			{ id: 1, model_version: 'ner-2', created_at: '2024-06-01T12:00:00.123Z', updated_at: '2024-06-02T00:00:00.000Z', result: [region('s-2', 19, 31, '👨‍👩‍👧 family', ['group'])] }
		]);
	});

	it('writes UTF-16 offsets when told to, and an empty export as []', () => {
		const [task] = JSON.parse(serialize([{ article, spans: [spans[0]] }], { offsets: 'utf16' }));
		expect(task.annotations[0].result[0].value).toMatchObject({ start: 42, end: 46 });
		expect(JSON.parse(serialize([]))).toEqual([]);
	});

	it('is recognised by sniff', () => {
		expect(labelstudioCodec.sniff({ name: 'x.json', content: serialize([{ article, spans }]) })).toBe(true);
		expect(labelstudioCodec.sniff({ name: 'x.json', content: '\ufeff  {"data": {"text": "a"}}' })).toBe(true);
		expect(labelstudioCodec.sniff({ name: 'x.jsonl', content: '{"text": "a", "spans": []}' })).toBe(false);
	});
});

const nonBlank = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
const timestamp = fc.integer({ min: 0, max: 4_102_444_800_000 });
const RESERVED = ['text', 'title', 'spanwise_id', 'spanwise_status', 'spanwise_source', '__proto__'];
/** Random articles with random grapheme-aligned spans, as the app would hold them. */
const articleWithSpans = fc
	.record({
		text: unicodeText(40).filter((text) => text.length > 0),
		id: fc.oneof(fc.uuid().map((uuid) => `a-${uuid}`), nonBlank),
		title: fc.string({ maxLength: 20 }),
		source: fc.string({ maxLength: 20 }),
		meta: fc.dictionary(fc.string({ maxLength: 6 }).filter((key) => !RESERVED.includes(key)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((meta) => JSON.parse(JSON.stringify(meta))),
		status: fc.constantFrom(...ARTICLE_STATUSES),
		createdAt: timestamp,
		updatedAt: timestamp
	})
	.chain((a) => {
		const boundaries = allGraphemeBoundaries(a.text);
		const spanArb = fc.record({
			ends: fc.uniqueArray(fc.nat(boundaries.length - 1), { minLength: 2, maxLength: 2 }),
			label: fc.oneof(fc.constantFrom('actor', 'Claim', 'FIGURE'), nonBlank),
			annotator: fc.oneof(fc.constantFrom('maria', 'li', 'prediction:ner-2'), nonBlank.filter((name) => !name.startsWith('prediction:'))),
			note: fc.option(fc.string({ maxLength: 10 }), { nil: undefined })
		});
		const key = (s: { ends: number[]; label: string; annotator: string }) => JSON.stringify([Math.min(...s.ends), Math.max(...s.ends), s.label, s.annotator]);
		return fc.uniqueArray(spanArb, { maxLength: 12, selector: key }).map((specs) => {
			const spans: Span[] = specs.map((s, i) => ({
				id: `s-${i}`,
				articleId: a.id,
				start: boundaries[Math.min(...s.ends)],
				end: boundaries[Math.max(...s.ends)],
				label: s.label,
				annotator: s.annotator,
				...(s.note === undefined ? {} : { note: s.note }),
				createdAt: a.createdAt,
				updatedAt: a.updatedAt
			}));
			return { article: a as Article, spans };
		});
	});

describe('labelstudio round trip', () => {
	it('keeps articles and spans (all but per-span timestamps, which come from the annotation)', () => {
		fc.assert(
			fc.property(fc.array(articleWithSpans, { maxLength: 3 }), (records) => {
				const { records: back, errors } = parse(serialize(records), { now: 1, annotator: 'default', source: 'default' });
				expect(errors).toEqual([]);
				expect(back.map((r) => r.article)).toEqual(records.map((r) => r.article));
				const strip = (spans: readonly Span[]) => [...spans].sort(compareSpans).map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
				for (const [i, record] of records.entries()) expect(strip(back[i].spans)).toEqual(strip(record.spans));
			}),
			{ numRuns: 150 }
		);
	});

	it('parse never throws, whatever the input', () => {
		const region = fc.record({ id: fc.jsonValue(), type: fc.constantFrom('labels', 'choices', 5), value: fc.oneof(fc.jsonValue(), fc.record({ start: fc.integer({ min: -2, max: 60 }), end: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.jsonValue()), text: fc.option(fc.string()), labels: fc.oneof(fc.array(fc.string()), fc.jsonValue()) }, { requiredKeys: [] })), meta: fc.jsonValue() }, { requiredKeys: [] });
		const task = fc.record({ data: fc.oneof(fc.jsonValue(), fc.record({ text: fc.oneof(unicodeText(), fc.jsonValue()), spanwise_status: fc.jsonValue(), title: fc.jsonValue() }, { requiredKeys: [] })), annotations: fc.oneof(fc.jsonValue(), fc.array(fc.record({ completed_by: fc.jsonValue(), created_at: fc.jsonValue(), result: fc.oneof(fc.jsonValue(), fc.array(region, { maxLength: 4 })) }, { requiredKeys: [] }), { maxLength: 3 })), predictions: fc.jsonValue() }, { requiredKeys: [] });
		const input = fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue().map((value) => JSON.stringify(value)), fc.array(task, { maxLength: 3 }).map((tasks) => JSON.stringify(tasks)), fc.array(task, { maxLength: 3 }).map((tasks) => tasks.map((t) => JSON.stringify(t)).join('\n')));
		fc.assert(
			fc.property(input, (content) => {
				const { records, errors } = labelstudioCodec.parse([{ name: 'f.json', content }], OPTS);
				for (const error of errors) expect(error.message).toMatch(/^(task \d+: |the file is empty$|not valid JSON \(|expected a JSON array)/);
				for (const { article, spans } of records) for (const s of spans) expect(s.end).toBeLessThanOrEqual(article.text.length);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('labelstudio at scale', () => {
	it('writes and reads a large article exactly (speed: npm run bench)', () => {
		const sentence = 'The US 🇺🇸 said on Tuesday it would send aid worth $60.84 billion to Kyiv 🇺🇦. ';
		const text = sentence.repeat(2000);
		const article: Article = { id: 'a-1', title: 'Big', text, source: 's', meta: {}, status: 'new', createdAt: T1, updatedAt: T1 };
		const spans: Span[] = Array.from({ length: 6000 }, (_, i) => {
			const base = Math.floor(i / 3) * sentence.length;
			const [from, length] = i % 3 === 0 ? [0, 6] : i % 3 === 1 ? [50, 14] : [0, sentence.length - 1];
			return { id: `s-${i}`, articleId: 'a-1', start: base + from, end: base + from + length, label: ['actor', 'figure', 'claim'][i % 3], annotator: i % 2 ? 'maria' : 'li', createdAt: T1, updatedAt: T1 };
		});
		const { records, errors } = parse(serialize([{ article, spans }]));
		expect(errors).toEqual([]);
		expect(records[0].spans).toHaveLength(6000);
		const key = (s: { start: number; end: number; label: string }) => `${s.start}-${s.end}-${s.label}`;
		expect(records[0].spans.map(key).sort()).toEqual(spans.map(key).sort());
	});
});
