/** Relations in canonical JSONL: written beside the spans, read back exactly, and bad ones named by line. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSpanwiseJsonl, parseSpanwiseLine, serializeArticle, spanwiseCodec, type ParseOptions } from './spanwise';
import { compareSpans } from '../spans/span-set';
import type { Article, ArticleRecord, Relation, Span } from '../types';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

const OPTS: ParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'maria', source: 'upload.jsonl' };
const T1 = Date.UTC(2024, 5, 1, 12, 0, 0, 123);
const TEXT = 'Kyiv said the package of $60.84 billion would arrive.';

const article: Article = { id: 'a-1', title: 'Aid', text: TEXT, source: 'aid.txt', meta: {}, status: 'done', createdAt: T1, updatedAt: T1 };
function span(id: string, start: number, end: number, label: string, annotator = 'maria'): Span {
	return { id, articleId: 'a-1', start, end, label, annotator, createdAt: T1, updatedAt: T1 };
}
function rel(id: string, head: string, tail: string, fields: Partial<Relation> = {}): Relation {
	return { id, articleId: 'a-1', label: 'source', head, tail, annotator: 'maria', createdAt: T1, updatedAt: T1, ...fields };
}
const spans = [span('s-actor', 0, 4, 'actor'), span('s-claim', 0, 52, 'claim'), span('s-fig', 25, 39, 'figure')];

function line(record: Record<string, unknown>): string {
	return JSON.stringify({ text: TEXT, spans: spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, annotator: s.annotator })), ...record });
}

describe('relations in serializeArticle', () => {
	it('writes relations after the spans, by id, with the canonical fields', () => {
		const record = JSON.parse(serializeArticle(article, spans, [rel('r-2', 's-claim', 's-fig', { label: 'quantifies', note: 'USD' }), rel('r-1', 's-claim', 's-actor')]));
		expect(Object.keys(record)).toEqual(['id', 'title', 'text', 'meta', 'spans', 'relations', 'status', 'created_at', 'updated_at', 'offset_unit', 'format']);
		expect(record.relations).toEqual([
			{ id: 'r-1', label: 'source', head: 's-claim', tail: 's-actor', annotator: 'maria', created_at: '2024-06-01T12:00:00.123Z', updated_at: '2024-06-01T12:00:00.123Z' },
			{ id: 'r-2', label: 'quantifies', head: 's-claim', tail: 's-fig', annotator: 'maria', note: 'USD', created_at: '2024-06-01T12:00:00.123Z', updated_at: '2024-06-01T12:00:00.123Z' }
		]);
	});

	it('leaves the field out when there are no relations (absent = none)', () => {
		expect(JSON.parse(serializeArticle(article, spans))).not.toHaveProperty('relations');
		expect(JSON.parse(serializeArticle(article, spans, []))).not.toHaveProperty('relations');
	});

	it('throws RangeError for a relation to a span not written with it', () => {
		expect(() => serializeArticle(article, spans, [rel('r-1', 's-claim', 's-gone')])).toThrow(/relation "r-1" of article "a-1" links span "s-gone"/);
	});

	it('is what the codec writes for a record with relations', () => {
		const out = [...spanwiseCodec.serialize([{ article, spans, relations: [rel('r-1', 's-claim', 's-actor')] }])].map((c) => c.data).join('');
		expect(JSON.parse(out).relations).toHaveLength(1);
	});
});

describe('relations in parseSpanwiseLine', () => {
	it('reads relations with defaults: annotator from the head, timestamps from now, fresh ids', () => {
		const result = parseSpanwiseLine(line({ relations: [{ label: 'source', head: 's-claim', tail: 's-actor' }] }), 1, OPTS);
		expect(result.error).toBeUndefined();
		const [relation] = result.ok!.relations!;
		expect(relation).toMatchObject({ label: 'source', head: 's-claim', tail: 's-actor', annotator: 'maria', articleId: result.ok!.article.id, createdAt: OPTS.now, updatedAt: OPTS.now });
		expect(relation.id).toMatch(/^r-/);
	});

	it('reads a record without relations, or with an empty list, as having none', () => {
		expect(parseSpanwiseLine(line({}), 1, OPTS).ok).not.toHaveProperty('relations');
		expect(parseSpanwiseLine(line({ relations: [] }), 1, OPTS).ok).not.toHaveProperty('relations');
		// And "relations" is not carried into meta as an unknown key.
		expect(parseSpanwiseLine(line({ relations: [] }), 1, OPTS).ok?.article.meta).toEqual({});
	});

	it('names the line, the relation and the missing span id', () => {
		expect(parseSpanwiseLine(line({ relations: [{ id: 'r-1', label: 'source', head: 's-claim', tail: 's-nobody' }] }), 7, OPTS).error).toBe(
			'line 7: relations[0] ("r-1").tail: "s-nobody" is not the id of a span of this record'
		);
		expect(parseSpanwiseLine(line({ relations: [{ label: 'source', head: 's-x', tail: 's-actor' }] }), 2, OPTS).error).toBe(
			'line 2: relations[0].head: "s-x" is not the id of a span of this record'
		);
	});

	it('names shape errors, repeated ids and ends in another layer', () => {
		expect(parseSpanwiseLine(line({ relations: [{ id: 'r-1', head: 's-claim', tail: 's-actor' }] }), 3, OPTS).error).toBe('line 3: relations[0].label: is missing');
		expect(parseSpanwiseLine(line({ relations: {} }), 3, OPTS).error).toMatch(/^line 3: relations: expected an array/);
		const twice = [{ id: 'r-1', label: 'source', head: 's-claim', tail: 's-actor' }, { id: 'r-1', label: 'quantifies', head: 's-claim', tail: 's-fig' }];
		expect(parseSpanwiseLine(line({ relations: twice }), 3, OPTS).error).toBe('line 3: relations[1].id: "r-1" is also the id of relations[0]');
		expect(parseSpanwiseLine(line({ relations: [{ id: 'r-1', label: 'source', head: 's-claim', tail: 's-actor', annotator: 'jon' }] }), 3, OPTS).error).toMatch(
			/^line 3: relations\[0\] \("r-1"\)\.head: span "s-claim" is "maria"'s, but the relation is "jon"'s/
		);
	});

	it('drops exact duplicate relations, and follows a dropped duplicate span’s id to the span kept', () => {
		const dupSpans = [...spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label })), { id: 's-actor-copy', start: 0, end: 4, label: 'actor' }];
		const relations = [
			{ id: 'r-1', label: 'source', head: 's-claim', tail: 's-actor-copy' },
			{ id: 'r-2', label: 'source', head: 's-claim', tail: 's-actor' }
		];
		const parsed = parseSpanwiseLine(JSON.stringify({ text: TEXT, spans: dupSpans, relations }), 1, OPTS).ok!;
		expect(parsed.spans).toHaveLength(3);
		expect(parsed.relations).toEqual([expect.objectContaining({ id: 'r-1', tail: 's-actor' })]);
	});

	it('reports a bad relation line in a file by its line number and keeps the other records', () => {
		const good = serializeArticle(article, spans, [rel('r-1', 's-claim', 's-actor')]);
		const bad = line({ relations: [{ id: 'r-9', label: 'source', head: 's-claim', tail: 's-lost' }] });
		const { records, errors } = parseSpanwiseJsonl([good, bad].join('\n'), OPTS);
		expect(records).toHaveLength(1);
		expect(errors).toEqual([{ line: 2, message: 'line 2: relations[0] ("r-9").tail: "s-lost" is not the id of a span of this record' }]);
	});
});

describe('relations round trip', () => {
	const timestamp = fc.integer({ min: 0, max: 4_102_444_800_000 });
	const recordArb = fc.record({ text: unicodeText(30).filter((t) => t.length > 0), layers: fc.constantFrom(['maria'], ['maria', 'li']) }).chain(({ text, layers }) => {
		const boundaries = allGraphemeBoundaries(text);
		const spanArb = fc.record({ ends: fc.uniqueArray(fc.nat(boundaries.length - 1), { minLength: 2, maxLength: 2 }), label: fc.constantFrom('actor', 'claim', 'figure'), layer: fc.nat(layers.length - 1), at: timestamp });
		return fc.uniqueArray(spanArb, { minLength: 1, maxLength: 10, selector: (s) => JSON.stringify([Math.min(...s.ends), Math.max(...s.ends), s.label, s.layer]) }).chain((specs) => {
			const list: Span[] = specs.map((s, i) => ({
				id: `s-${i}`,
				articleId: 'a-1',
				start: boundaries[Math.min(...s.ends)],
				end: boundaries[Math.max(...s.ends)],
				label: s.label,
				annotator: layers[s.layer],
				createdAt: s.at,
				updatedAt: s.at
			}));
			const relArb = fc.record({ head: fc.nat(list.length - 1), tail: fc.nat(list.length - 1), label: fc.constantFrom('source', 'quantifies', 'ünïcode 😀'), note: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }), at: timestamp });
			return fc.array(relArb, { maxLength: 8 }).map((specs) => {
				const seen = new Set<string>();
				const relations: Relation[] = [];
				specs.forEach((r, i) => {
					const head = list[r.head];
					// A relation links spans of one layer: the tail is taken from the head's layer.
					const tail = list[r.tail].annotator === head.annotator ? list[r.tail] : head;
					const key = `${r.label}|${head.id}|${tail.id}`;
					if (seen.has(key)) return;
					seen.add(key);
					relations.push({ id: `r-${i}`, articleId: 'a-1', label: r.label, head: head.id, tail: tail.id, annotator: head.annotator, ...(r.note === undefined ? {} : { note: r.note }), createdAt: r.at, updatedAt: r.at });
				});
				return { article: { ...article, text }, spans: list, relations } as ArticleRecord;
			});
		});
	});

	it('export → import is the identity, relations included', () => {
		fc.assert(
			fc.property(recordArb, (record) => {
				const parsed = parseSpanwiseLine(serializeArticle(record.article, record.spans, record.relations), 1, { now: 1, annotator: 'x', source: 'y' });
				expect(parsed.error).toBeUndefined();
				const expected: ArticleRecord = { article: record.article, spans: [...record.spans].sort(compareSpans) };
				const relations = [...(record.relations ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
				expect(parsed.ok).toEqual(relations.length === 0 ? expected : { ...expected, relations });
				// And once more: the second export is the same line.
				expect(serializeArticle(parsed.ok!.article, parsed.ok!.spans, parsed.ok!.relations)).toBe(serializeArticle(record.article, record.spans, record.relations));
			}),
			{ numRuns: 200 }
		);
	});
});
