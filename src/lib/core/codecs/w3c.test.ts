import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { w3cCodec } from './w3c';
import type { CodecParseOptions } from './codec';
import { compareSpans } from '../spans/span-set';
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Span } from '../types';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'me', source: 'anno.jsonld' };
const T1 = Date.UTC(2024, 5, 1, 12, 0, 0, 123);
const T2 = Date.UTC(2024, 5, 2);
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * An emoji, a flag, a ZWJ family, CRLF and a combining mark. By hand, in code points:
 * "Kyiv 🇺🇦" 0–7, "😀" 13–14, "👨‍👩‍👧 family" 19–31, "family\r\nof" 25–35, "Zoé" 36–40, "$5" 46–48;
 * length 49. In UTF-16: 0–9, 15–17, 22–37, 31–41, 42–46, 52–54; length 55.
 */
const TEXT = 'Kyiv 🇺🇦 said 😀 the 👨‍👩‍👧 family\r\nof Zoe\u0301 paid $5.';

function selectors(start: number, end: number, exact?: string, prefix?: string, suffix?: string): object[] {
	const quote = exact === undefined ? [] : [{ type: 'TextQuoteSelector', exact, ...(prefix === undefined ? {} : { prefix }), ...(suffix === undefined ? {} : { suffix }) }];
	return [...quote, { type: 'TextPositionSelector', start, end }];
}

function annotation(label: string, selector: unknown, extra: object = {}): object {
	return { '@context': CONTEXT, type: 'Annotation', body: { type: 'TextualBody', purpose: 'tagging', value: label }, target: { source: 'urn:spanwise:a-1', selector }, ...extra };
}

function collection(items: unknown[], text = TEXT): object {
	return { '@context': CONTEXT, type: 'AnnotationCollection', 'spanwise:articles': [{ id: 'a-1', text }], first: { type: 'AnnotationPage', items } };
}

function parse(...contents: unknown[]) {
	const files = contents.map((content, i) => ({ name: `f${i + 1}.jsonld`, content: typeof content === 'string' ? content : JSON.stringify(content) }));
	return w3cCodec.parse(files, OPTS);
}

function spansOf(...contents: unknown[]): Span[] {
	const { records, errors } = parse(...contents);
	expect(errors).toEqual([]);
	return records.flatMap((r) => r.spans);
}

/** The message of the only error of a collection whose third annotation is `third`. */
function errorOf(third: unknown): string {
	const ok = annotation('x', selectors(0, 4, 'Kyiv'));
	const { errors } = parse(collection([ok, ok, third]));
	expect(errors).toHaveLength(1);
	expect(errors[0]).toMatchObject({ file: 'f1.jsonld', line: 3 });
	return errors[0].message;
}

function serialize(records: ArticleRecord[], opts = {}): string {
	return [...w3cCodec.serialize(records, opts)].map((chunk) => chunk.data).join('');
}

describe('w3cCodec.serialize', () => {
	const article: Article = { id: 'a-1', title: 'Kyiv', text: TEXT, source: 'kyiv.txt', meta: { lang: 'en' }, status: 'done', createdAt: T1, updatedAt: T2 };
	const span = (id: string, start: number, end: number, label: string, extra: Partial<Span> = {}): Span => ({
		id, articleId: 'a-1', start, end, label, annotator: 'maria', createdAt: T1, updatedAt: T2, ...extra
	});

	it('writes a collection with the articles and one annotation per span, code point positions', () => {
		const spans = [span('s-2', 42, 46, 'person', { note: 'combining', annotator: 'li' }), span('s-1', 15, 17, 'emoji')];
		const chunks = [...w3cCodec.serialize([{ article, spans }, { article: { ...article, id: 'a-2', text: 'b' }, spans: [] }], { baseName: 'out' })];
		expect(new Set(chunks.map((c) => c.file))).toEqual(new Set(['out.jsonld']));
		const doc = JSON.parse(chunks.map((c) => c.data).join(''));
		expect(doc['@context']).toBe(CONTEXT);
		expect(doc.type).toBe('AnnotationCollection');
		expect(doc.total).toBe(2);
		expect(doc['spanwise:articles']).toEqual([
			{ id: 'a-1', title: 'Kyiv', text: TEXT, source: 'kyiv.txt', status: 'done', meta: { lang: 'en' }, created: '2024-06-01T12:00:00.123Z', modified: '2024-06-02T00:00:00.000Z' },
			{ id: 'a-2', title: 'Kyiv', text: 'b', source: 'kyiv.txt', status: 'done', meta: { lang: 'en' }, created: '2024-06-01T12:00:00.123Z', modified: '2024-06-02T00:00:00.000Z' }
		]);
		expect(doc.first.type).toBe('AnnotationPage');
		expect(doc.first.items).toEqual([
			{
				'@context': CONTEXT,
				id: 'urn:spanwise:s-1',
				type: 'Annotation',
				creator: { type: 'Person', name: 'maria' },
				created: '2024-06-01T12:00:00.123Z',
				modified: '2024-06-02T00:00:00.000Z',
				body: { type: 'TextualBody', purpose: 'tagging', value: 'emoji' },
				target: { source: 'urn:spanwise:a-1', selector: selectors(13, 14, '😀', 'Kyiv 🇺🇦 said ', ' the 👨‍👩‍👧 family\r\nof Zoe\u0301 paid ') }
			},
			{
				'@context': CONTEXT,
				id: 'urn:spanwise:s-2',
				type: 'Annotation',
				creator: { type: 'Person', name: 'li' },
				created: '2024-06-01T12:00:00.123Z',
				modified: '2024-06-02T00:00:00.000Z',
				body: [
					{ type: 'TextualBody', purpose: 'tagging', value: 'person' },
					{ type: 'TextualBody', purpose: 'commenting', value: 'combining' }
				],
				target: { source: 'urn:spanwise:a-1', selector: selectors(36, 40, 'Zoe\u0301', ' 🇺🇦 said 😀 the 👨‍👩‍👧 family\r\nof ', ' paid $5.') }
			}
		]);
	});

	it('cuts prefix and suffix to 32 code points on grapheme boundaries', () => {
		// By hand: family 0–5, "ab" 5–7, 29 × c 7–36, "XY" 36–38, 31 × d 38–69, e + U+0301 69–71, f 71.
		const text = `👨‍👩‍👧ab${'c'.repeat(29)}XY${'d'.repeat(31)}e\u0301f`;
		const xy = text.indexOf('XY');
		const doc = JSON.parse(serialize([{ article: { ...article, text }, spans: [span('s-1', xy, xy + 2, 'x')] }]));
		expect(doc.first.items[0].target.selector).toEqual(selectors(36, 38, 'XY', `ab${'c'.repeat(29)}`, 'd'.repeat(31)));
	});

	it('writes UTF-16 positions when told to, and an empty collection', () => {
		const doc = JSON.parse(serialize([{ article, spans: [span('s-1', 52, 54, 'figure')] }], { offsets: 'utf16' }));
		expect(doc.first.items[0].target.selector[1]).toEqual({ type: 'TextPositionSelector', start: 52, end: 54 });
		expect(JSON.parse(serialize([]))).toMatchObject({ 'spanwise:articles': [], total: 0, first: { items: [] } });
	});

	it('is recognised by sniff', () => {
		expect(w3cCodec.sniff({ name: 'x.json', content: serialize([{ article, spans: [] }]) })).toBe(true);
		expect(w3cCodec.sniff({ name: 'x.json', content: '[{"target": {"selector": {"type": "TextQuoteSelector"}}}]' })).toBe(true);
		expect(w3cCodec.sniff({ name: 'x.json', content: '[{"data": {"text": "a"}}]' })).toBe(false);
	});
});

describe('w3cCodec.parse', () => {
	it('reads a collection: positions in code points, creator, dates, note', () => {
		const doc = {
			...collection([
				annotation('Place', selectors(0, 7, 'Kyiv 🇺🇦'), { id: 'urn:spanwise:s-1', creator: { type: 'Person', name: 'maria' }, created: '2024-06-01T12:00:00.123Z', modified: '2024-06-02T00:00:00Z' }),
				annotation('group', selectors(19, 31, '👨‍👩‍👧 family'), { id: 'https://example.org/anno/7', creator: 'https://example.org/users/li' }),
				annotation('claim', selectors(25, 35)),
				{ ...annotation('person', selectors(36, 40, 'Zoe\u0301', 'of ', ' paid')), body: [{ type: 'TextualBody', purpose: 'commenting', value: 'accent' }, { type: 'TextualBody', purpose: 'tagging', value: 'person' }] },
				{ ...annotation('', { type: 'TextPositionSelector', start: 13, end: 14 }), body: undefined, bodyValue: 'emoji' }
			]),
			'spanwise:articles': [{ id: 'a-1', title: 'Kyiv', text: TEXT, source: 'k.txt', status: 'done', meta: { lang: 'en' }, created: '2024-06-01T12:00:00.123Z' }]
		};
		const { records, errors } = parse(doc);
		expect(errors).toEqual([]);
		expect(records[0].article).toEqual({ id: 'a-1', title: 'Kyiv', text: TEXT, source: 'k.txt', meta: { lang: 'en' }, status: 'done', createdAt: T1, updatedAt: T1 });
		expect(records[0].spans.map((s) => [s.id, s.start, s.end, s.label, s.annotator, s.note])).toEqual([
			['s-1', 0, 9, 'Place', 'maria', undefined],
			[expect.stringMatching(/^s-/), 15, 17, 'emoji', 'me', undefined],
			['https://example.org/anno/7', 22, 37, 'group', 'https://example.org/users/li', undefined],
			[expect.stringMatching(/^s-/), 31, 41, 'claim', 'me', undefined],
			[expect.stringMatching(/^s-/), 42, 46, 'person', 'me', 'accent']
		]);
		expect(records[0].spans[0]).toMatchObject({ createdAt: T1, updatedAt: T2 });
		expect(records[0].spans[1]).toMatchObject({ createdAt: OPTS.now, updatedAt: OPTS.now });
	});

	it('reads a plain array, a page or one annotation when another file has the articles', () => {
		const articles = { type: 'AnnotationCollection', 'spanwise:articles': [{ id: 'a-1', text: TEXT }] };
		const one = annotation('figure', selectors(46, 48, '$5'));
		expect(spansOf(articles, [one, one]).map((s) => [s.start, s.end])).toEqual([[52, 54]]);
		expect(spansOf({ type: 'AnnotationPage', items: [one] }, articles)).toHaveLength(1);
		expect(spansOf(articles, one)).toHaveLength(1);
		const { records, errors } = parse([annotation('x', selectors(0, 1)), { ...annotation('y', selectors(0, 1)), target: { source: 'http://example.org/doc', selector: selectors(0, 1) } }]);
		expect(records).toEqual([]);
		expect(errors.map((e) => [e.line, e.message])).toEqual([
			[1, 'annotation 1: target.source: "urn:spanwise:a-1" is not among the articles of the import (their texts are in "spanwise:articles")'],
			[2, 'annotation 2: target.source: "http://example.org/doc" is not among the articles of the import (their texts are in "spanwise:articles")']
		]);
	});

	it('keeps label case and labels it does not know', () => {
		const spans = spansOf(collection([annotation('ACTOR', selectors(0, 4)), annotation('actor', selectors(0, 4)), annotation('Brand-new label', selectors(0, 4))]));
		expect(spans.map((s) => s.label)).toEqual(['ACTOR', 'Brand-new label', 'actor']);
	});

	it('re-anchors by a quote that occurs once when the position is off', () => {
		// UTF-16 positions of "$5" and "Zoé", read as code points: the quote puts them right.
		expect(spansOf(collection([annotation('figure', selectors(52, 54, '$5'))]))[0]).toMatchObject({ start: 52, end: 54 });
		expect(spansOf(collection([annotation('person', selectors(42, 46, 'Zoe\u0301'))]))[0]).toMatchObject({ start: 42, end: 46 });
		// Only the quote, with prefix and suffix telling the two "a" of "said" and "paid" apart.
		expect(spansOf(collection([annotation('a', [{ type: 'TextQuoteSelector', exact: 'a', prefix: 'p', suffix: 'id' }])]))[0]).toMatchObject({ start: 48, end: 49 });
	});

	it('reports an off position whose quote is missing or ambiguous, saying when units look swapped', () => {
		const hint = '; offsets look like UTF-16 code units, not code points (a JavaScript tool?); read them as utf16';
		// "a" of "said" is at 11–12 in UTF-16, 9–10 in code points; "a" occurs four times.
		expect(errorOf(annotation('x', selectors(11, 12, 'a')))).toBe(
			`annotation 3: target.selector[0].exact: "a" does not match the article text at 11–12 ("d")${hint}; the quote "a" occurs more than once in the text`
		);
		expect(errorOf(annotation('x', selectors(0, 4, 'Kiev')))).toBe('annotation 3: target.selector[0].exact: "Kiev" does not match the article text at 0–4 ("Kyiv"); the quote "Kiev" is not in the text');
		expect(errorOf(annotation('x', [{ type: 'TextQuoteSelector', exact: 'a', prefix: 'x' }]))).toBe('annotation 3: target.selector[0]: the quote "a" with its prefix and suffix is not in the text');
		expect(errorOf(annotation('x', [{ type: 'TextQuoteSelector', exact: 'e', suffix: '\u0301' }]))).toBe('annotation 3: target.selector[0]: the quote "e" with its prefix and suffix cuts a character in two at end');
	});

	it('names the annotation and field of offset errors', () => {
		expect(errorOf(annotation('x', selectors(40, 50)))).toBe('annotation 3: target.selector[0].end: 50 is beyond the text (length 49)');
		expect(errorOf(annotation('x', selectors(10, 8)))).toBe('annotation 3: target.selector[0].end: 8 is not after start 10');
		expect(errorOf(annotation('x', selectors(20, 24)))).toBe('annotation 3: target.selector[0].start: 20 splits the grapheme cluster "👨‍👩‍👧"');
		expect(errorOf(annotation('x', { type: 'TextPositionSelector', start: 36, end: 39 }))).toBe('annotation 3: target.selector.end: 39 splits the grapheme cluster "e\u0301"');
		expect(errorOf(annotation('x', selectors('1' as never, 3)))).toBe('annotation 3: target.selector[0].start: expected a number, got "1"');
	});

	it('names the field of shape errors', () => {
		expect(errorOf(5)).toBe('annotation 3: expected an object, got 5');
		expect(errorOf({ type: 'Annotation', body: 'x' })).toBe('annotation 3: target: is missing');
		expect(errorOf({ ...annotation('x', []), target: 'urn:spanwise:a-1' })).toBe('annotation 3: target: "urn:spanwise:a-1" has no selector (a TextPositionSelector or TextQuoteSelector is needed)');
		expect(errorOf({ ...annotation('x', []), target: { selector: [] } })).toBe('annotation 3: target.source: is missing');
		expect(errorOf(annotation('x', [{ type: 'FragmentSelector', value: 'char=0,4' }]))).toBe('annotation 3: target.selector: has no TextPositionSelector or TextQuoteSelector');
		expect(errorOf({ ...annotation('x', selectors(0, 4)), body: { type: 'TextualBody', purpose: 'commenting', value: 'hm' } })).toBe('annotation 3: body: has no tag (a TextualBody with purpose "tagging")');
		expect(errorOf(annotation('x', selectors(0, 4), { created: 'yesterday' }))).toBe('annotation 3: created: is not a valid date');
	});

	it('reports file-level problems and bad articles', () => {
		expect(parse('').errors).toEqual([{ file: 'f1.jsonld', line: 1, message: 'the file is empty' }]);
		expect(parse('{"type": ').errors[0].message).toMatch(/^not valid JSON \(/);
		expect(parse('{"type": "Thing"}').errors[0].message).toBe('expected an AnnotationCollection, an array of annotations or an annotation, got type "Thing"');
		expect(parse({ type: 'AnnotationCollection', first: 'https://example.org/page1' }).errors[0].message).toBe('first: "https://example.org/page1" is a link; only embedded pages are read');
		const { records, errors } = parse({ type: 'AnnotationCollection', 'spanwise:articles': [{ id: 'a-1', text: 'x' }, { id: 'a-2' }, { id: 'a-1', text: 'y' }, { id: 'a-3', text: 'z', status: 'finished' }] });
		expect(records.map((r) => r.article.id)).toEqual(['a-1']);
		expect(errors.map((e) => [e.line, e.message])).toEqual([
			[2, 'spanwise:articles[1].text: is missing'],
			[3, 'spanwise:articles[2].id: "a-1" is also the id of another article'],
			[4, 'spanwise:articles[3].status: expected one of "new", "in_progress", "done", "reviewed", got "finished"']
		]);
	});
});

const nonBlank = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
const timestamp = fc.integer({ min: 0, max: 4_102_444_800_000 });
/** Random articles with random grapheme-aligned spans, as the app would hold them. */
const articleWithSpans = (i: number) =>
	fc
		.record({
			text: unicodeText(40).filter((text) => text.length > 0),
			title: fc.string({ maxLength: 20 }),
			source: fc.string({ maxLength: 20 }),
			meta: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((meta) => JSON.parse(JSON.stringify(meta))),
			status: fc.constantFrom(...ARTICLE_STATUSES),
			createdAt: timestamp,
			updatedAt: timestamp
		})
		.chain((a) => {
			const article = { ...a, id: `a-${i}` } as Article;
			const boundaries = allGraphemeBoundaries(a.text);
			const spanArb = fc.record({
				ends: fc.uniqueArray(fc.nat(boundaries.length - 1), { minLength: 2, maxLength: 2 }),
				label: fc.oneof(fc.constantFrom('actor', 'Claim', 'FIGURE'), nonBlank),
				annotator: fc.oneof(fc.constantFrom('maria', 'li'), nonBlank),
				note: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
				createdAt: timestamp,
				updatedAt: timestamp
			});
			const key = (s: { ends: number[]; label: string; annotator: string }) => JSON.stringify([Math.min(...s.ends), Math.max(...s.ends), s.label, s.annotator]);
			return fc.uniqueArray(spanArb, { maxLength: 12, selector: key }).map((specs): ArticleRecord => {
				const spans = specs.map(({ ends, ...s }, k): Span => ({
					id: `s-${i}-${k}`,
					articleId: article.id,
					start: boundaries[Math.min(...ends)],
					end: boundaries[Math.max(...ends)],
					...s,
					...(s.note === undefined ? { note: undefined } : {})
				}));
				return { article, spans: spans.map(({ note, ...rest }) => (note === undefined ? rest : { ...rest, note })) };
			});
		});

describe('w3c round trip', () => {
	it('gives back exactly what was serialized', () => {
		fc.assert(
			fc.property(fc.tuple(articleWithSpans(1), articleWithSpans(2)), (records) => {
				const { records: back, errors } = parse(serialize(records));
				expect(errors).toEqual([]);
				expect(back).toEqual(records.map(({ article, spans }) => ({ article, spans: [...spans].sort(compareSpans) })));
			}),
			{ numRuns: 150 }
		);
	});

	it('parse never throws, whatever the input', () => {
		const selector = fc.oneof(
			fc.record({ type: fc.constant('TextPositionSelector'), start: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.jsonValue()), end: fc.integer({ min: -2, max: 60 }) }, { requiredKeys: ['type'] }),
			fc.record({ type: fc.constant('TextQuoteSelector'), exact: fc.oneof(fc.string({ maxLength: 4 }), fc.jsonValue()), prefix: fc.string({ maxLength: 3 }), suffix: fc.jsonValue() }, { requiredKeys: ['type'] }),
			fc.jsonValue()
		);
		const item = fc.record(
			{
				id: fc.jsonValue(),
				body: fc.oneof(fc.jsonValue(), fc.record({ purpose: fc.constantFrom('tagging', 'commenting'), value: fc.jsonValue() })),
				creator: fc.jsonValue(),
				created: fc.oneof(fc.string(), fc.double()),
				target: fc.oneof(fc.jsonValue(), fc.record({ source: fc.constantFrom('urn:spanwise:a-1', 'a-1', 'x'), selector: fc.oneof(selector, fc.array(selector, { maxLength: 3 })) }, { requiredKeys: [] }))
			},
			{ requiredKeys: [] }
		);
		const doc = fc.record({ 'spanwise:articles': fc.oneof(fc.jsonValue(), fc.array(fc.record({ id: fc.constantFrom('a-1', 'a-2'), text: fc.oneof(unicodeText(20), fc.jsonValue()) }, { requiredKeys: [] }), { maxLength: 2 })), first: fc.oneof(fc.jsonValue(), fc.record({ items: fc.array(item, { maxLength: 4 }), next: fc.jsonValue() })), type: fc.constantFrom('AnnotationCollection', 'AnnotationPage', 'Annotation', ['Annotation']) }, { requiredKeys: [] });
		const input = fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue().map((value) => JSON.stringify(value)), doc.map((value) => JSON.stringify(value)), fc.array(item, { maxLength: 3 }).map((items) => JSON.stringify(items)));
		fc.assert(
			fc.property(fc.array(input, { minLength: 1, maxLength: 2 }), (contents) => {
				const { records, errors } = w3cCodec.parse(contents.map((content, i) => ({ name: `f${i}`, content })), OPTS);
				for (const error of errors) expect(error.message).toMatch(/^(annotation \d+: |spanwise:articles|the file is empty$|not valid JSON \(|expected an |first|items)/);
				for (const { article, spans } of records) for (const s of spans) expect(s.end).toBeLessThanOrEqual(article.text.length);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('w3c at scale', () => {
	it('writes and reads a large article exactly (speed: npm run bench)', () => {
		const sentence = 'The US 🇺🇸 said on Tuesday it would send aid worth $60.84 billion to Kyiv 🇺🇦. ';
		const text = sentence.repeat(2000);
		const article: Article = { id: 'a-1', title: 'Big', text, source: 's', meta: {}, status: 'new', createdAt: T1, updatedAt: T1 };
		const spans: Span[] = Array.from({ length: 6000 }, (_, i) => {
			const base = Math.floor(i / 3) * sentence.length;
			const [from, length] = i % 3 === 0 ? [0, 6] : i % 3 === 1 ? [50, 14] : [0, sentence.length - 1];
			return { id: `s-${i}`, articleId: 'a-1', start: base + from, end: base + from + length, label: ['actor', 'figure', 'claim'][i % 3], annotator: 'maria', createdAt: T1, updatedAt: T1 };
		});
		const { records, errors } = parse(serialize([{ article, spans }]));
		expect(errors).toEqual([]);
		expect(records[0].spans).toHaveLength(6000);
		const key = (s: { start: number; end: number; label: string }) => `${s.start}-${s.end}-${s.label}`;
		expect(records[0].spans.map(key).sort()).toEqual(spans.map(key).sort());
	});
});
