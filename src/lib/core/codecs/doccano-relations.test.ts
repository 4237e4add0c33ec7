/** doccano relations: the relation project's export (entities with ids + relations), both ways. */
import { describe, expect, it } from 'vitest';
import { describeRelations } from '../testing/relations';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { doccanoCodec } from './doccano';
import { emptySerializeReport } from './serialize-report';
import type { CodecParseOptions } from './codec';
import type { Article, ArticleRecord, Relation, Span } from '../types';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'importer', source: '' };
const fixture = readFileSync(fileURLToPath(new URL('../../../../tests/fixtures/relations/doccano-relations.jsonl', import.meta.url)), 'utf8');

const TEXT = 'Ryder said the US sent 😀 aid.';
const ARTICLE: Article = { id: 'a-1', title: 'Ryder', text: TEXT, source: 'x.txt', meta: {}, status: 'done', createdAt: 0, updatedAt: 0 };
const span = (id: string, start: number, end: number, label: string, annotator = 'maria'): Span => ({ id, articleId: 'a-1', start, end, label, annotator, createdAt: 0, updatedAt: 0 });
const relation = (id: string, label: string, head: string, tail: string, extra: Partial<Relation> = {}): Relation => ({
	id, articleId: 'a-1', label, head, tail, annotator: 'maria', createdAt: 0, updatedAt: 0, ...extra
});

const parse = (content: string) => doccanoCodec.parse([{ name: 'rel.jsonl', content }], OPTS);
const write = (record: ArticleRecord, report = emptySerializeReport()) => JSON.parse([...doccanoCodec.serialize([record], { report })].map((c) => c.data).join(''));

const described = (record: ArticleRecord): string[] => describeRelations(record);

describe('doccano relations: reading', () => {
	it('reads from_id as the head and to_id as the tail, by entity id', () => {
		const { records, errors } = parse(fixture);
		expect(errors).toEqual([]);
		expect(described(records[0])).toEqual(['about claim:the US sent 😀 aid → actor:the US', 'source claim:the US sent 😀 aid → actor:Ryder']);
		expect(records[0].relations?.every((r) => r.annotator === 'importer' && r.id.startsWith('r-'))).toBe(true);
		expect(records[1].relations).toBeUndefined();
		expect(records[0].article.meta).toEqual({ id: 1401, Comments: [] });
	});

	it('a relation naming an entity the record does not have is an error naming the line and the id', () => {
		const bad = fixture.replace('"to_id": 814', '"to_id": 999');
		const { records, errors } = parse(bad);
		expect(records).toHaveLength(1);
		expect(errors).toEqual([{ file: 'rel.jsonl', line: 1, message: 'relations[1].to_id: 999 is not the id of an entity of this record' }]);
		expect(parse(fixture.replace('"from_id": 813', '"from_id": "x"')).errors[0].message).toBe('relations[0].from_id: "x" is not the id of an entity of this record');
		expect(parse(fixture.replace('"id": 814', '"id": 812')).errors[0].message).toBe('entities[2].id: "812" is also the id of another entity of this record');
	});
});

describe('doccano relations: writing', () => {
	const spans = [span('s-actor', 0, 5, 'actor'), span('s-claim', 11, 29, 'claim'), span('s-us', 11, 17, 'actor')];

	it('writes the relation form (entities with ids, relations with from_id / to_id / type) for an article with relations', () => {
		const line = write({ article: ARTICLE, spans, relations: [relation('r-1', 'source', 's-claim', 's-actor')] });
		expect(line.label).toBeUndefined();
		expect(line.entities).toEqual([
			{ id: 1, label: 'actor', start_offset: 0, end_offset: 5 },
			{ id: 2, label: 'claim', start_offset: 11, end_offset: 29 },
			{ id: 3, label: 'actor', start_offset: 11, end_offset: 17 }
		]);
		expect(line.relations).toEqual([{ id: 1, from_id: 2, to_id: 1, type: 'source' }]);
		expect(write({ article: ARTICLE, spans }).label).toEqual([[0, 5, 'actor'], [11, 29, 'claim'], [11, 17, 'actor']]);
	});

	it('writes equal relations of two annotators once, and reports that, notes, symmetric types and dangling ends', () => {
		const report = emptySerializeReport();
		const jon = [span('j-actor', 0, 5, 'actor', 'jon'), span('j-claim', 11, 29, 'claim', 'jon')];
		const record: ArticleRecord = {
			article: ARTICLE,
			spans: [...spans, ...jon],
			relations: [
				relation('r-1', 'source', 's-claim', 's-actor', { note: 'n' }),
				relation('r-2', 'source', 'j-claim', 'j-actor', { annotator: 'jon' }),
				relation('r-3', 'source', 's-claim', 'nowhere')
			]
		};
		const line = [...doccanoCodec.serialize([record], { report, relationTypes: [{ name: 'source', directed: false, headLabels: [], tailLabels: [] }] })].map((c) => c.data).join('');
		expect(JSON.parse(line).relations).toEqual([{ id: 1, from_id: 2, to_id: 1, type: 'source' }]);
		expect(report.lost).toEqual({ 'relation-dangling': 1, 'relation-note': 1, 'relation-direction': 2, 'relation-merged': 1 });
	});

	it('round-trips relations in UTF-16 and code point offsets', () => {
		const record: ArticleRecord = { article: ARTICLE, spans, relations: [relation('r-1', 'source', 's-claim', 's-actor'), relation('r-2', 'about', 's-claim', 's-us')] };
		for (const offsets of ['utf16', 'codepoint'] as const) {
			const data = [...doccanoCodec.serialize([record], { offsets })].map((c) => c.data).join('');
			const { records, errors } = doccanoCodec.parse([{ name: 'x.jsonl', content: data }], { ...OPTS, offsets });
			expect(errors).toEqual([]);
			expect(described(records[0])).toEqual(described(record));
		}
	});
});
