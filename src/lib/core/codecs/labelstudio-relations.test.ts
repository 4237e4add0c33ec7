/** Label Studio relations: `type: "relation"` results in annotations and predictions, both ways. */
import { describe, expect, it } from 'vitest';
import { describeRelations } from '../testing/relations';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { labelstudioCodec } from './labelstudio';
import { emptySerializeReport } from './serialize-report';
import type { CodecParseOptions } from './codec';
import type { Article, ArticleRecord, Relation, Span } from '../types';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'importer', source: '' };
const fixture = readFileSync(fileURLToPath(new URL('../../../../tests/fixtures/relations/labelstudio-relations.json', import.meta.url)), 'utf8');

const TEXT = 'Ryder said the US sent 😀 aid.';
const ARTICLE: Article = { id: 'a-1', title: 'Ryder', text: TEXT, source: 'x.txt', meta: {}, status: 'done', createdAt: 0, updatedAt: 0 };
const span = (id: string, start: number, end: number, label: string, annotator = 'maria'): Span => ({ id, articleId: 'a-1', start, end, label, annotator, createdAt: 0, updatedAt: 0 });
const relation = (id: string, label: string, head: string, tail: string, extra: Partial<Relation> = {}): Relation => ({
	id, articleId: 'a-1', label, head, tail, annotator: 'maria', createdAt: 0, updatedAt: 0, ...extra
});

const parse = (content: string) => labelstudioCodec.parse([{ name: 'project.json', content }], OPTS);

const described = (record: ArticleRecord): string[] => describeRelations(record, { annotator: true });

describe('Label Studio relations: reading an export', () => {
	it('links the regions named by from_id / to_id, reading direction, empty labels and predictions', () => {
		const { records, errors, relationTypes } = parse(fixture);
		expect(errors).toEqual([]);
		expect(described(records[0])).toEqual([
			'related actor:the US → actor:Ryder (user-3)',
			'same_as actor:the US → actor:Ryder (user-3)',
			'source claim:the US sent 😀 aid → actor:Ryder (prediction:attrib-v2)',
			'source claim:the US sent 😀 aid → actor:Ryder (user-3)'
		]);
		expect(relationTypes).toEqual([
			{ name: 'source', directed: true, headLabels: [], tailLabels: [] },
			{ name: 'related', directed: true, headLabels: [], tailLabels: [] },
			{ name: 'same_as', directed: false, headLabels: [], tailLabels: [] }
		]);
		const relationOf = (label: string) => records[0].relations?.find((r) => r.label === label && r.annotator === 'user-3');
		expect(relationOf('source')).toMatchObject({ head: 'Pm2-bb7W', tail: 'Xk1_a9Qz', createdAt: Date.parse('2024-11-20T09:15:02.118Z') });
	});

	it('a relation naming a region the annotation does not have is an error naming the task, the result and the id', () => {
		const bad = fixture.replace('"from_id": "Pm2-bb7W"', '"from_id": "gone"');
		const { records, errors } = parse(bad);
		expect(records).toEqual([]);
		expect(errors).toEqual([{ file: 'project.json', line: 1, message: 'task 1: annotations[0].result[3].from_id: "gone" is not the id of a region of this annotation' }]);
		// A prediction's region is not the annotation's: the ids do not cross.
		const crossed = fixture.replace('"from_id": "p2"', '"from_id": "Pm2-bb7W"');
		expect(parse(crossed).errors[0].message).toBe('task 1: predictions[0].result[2].from_id: "Pm2-bb7W" is not the id of a region of this annotation');
		expect(parse(fixture.replace('"direction": "left"', '"direction": "up"')).errors[0].message).toBe('task 1: annotations[0].result[4].direction: expected "right", "left" or "bi", got "up"');
	});
});

describe('Label Studio relations: writing', () => {
	const spans = [span('s-actor', 0, 5, 'actor'), span('s-claim', 11, 29, 'claim'), span('s-us', 11, 17, 'actor')];

	it('writes relation results beside the head span\'s annotation, "bi" for symmetric types', () => {
		const report = emptySerializeReport();
		const record: ArticleRecord = {
			article: ARTICLE,
			spans: [...spans, span('j-1', 0, 5, 'actor', 'jon')],
			relations: [relation('r-1', 'source', 's-claim', 's-actor', { note: 'n' }), relation('r-2', 'same_as', 's-us', 's-actor'), relation('r-3', 'source', 's-claim', 'j-1')]
		};
		const out = JSON.parse([...labelstudioCodec.serialize([record], { report, relationTypes: [{ name: 'same_as', directed: false, headLabels: [], tailLabels: [] }] })].map((c) => c.data).join(''));
		const maria = out[0].annotations.find((a: { completed_by: { email: string } }) => a.completed_by.email === 'maria');
		expect(maria.result.filter((r: { type: string }) => r.type === 'relation')).toEqual([
			{ type: 'relation', from_id: 's-claim', to_id: 's-actor', direction: 'right', labels: ['source'] },
			{ type: 'relation', from_id: 's-us', to_id: 's-actor', direction: 'bi', labels: ['same_as'] }
		]);
		expect(report.lost).toEqual({ 'relation-note': 1, 'relation-cross-layer': 1 });
	});

	it('round-trips relations of annotators and predictions', () => {
		const record: ArticleRecord = {
			article: ARTICLE,
			spans: [...spans, span('p-1', 0, 5, 'actor', 'prediction:m1'), span('p-2', 11, 29, 'claim', 'prediction:m1')],
			relations: [relation('r-1', 'source', 's-claim', 's-actor'), relation('r-2', 'about', 's-claim', 's-us'), relation('r-3', 'source', 'p-2', 'p-1', { annotator: 'prediction:m1' })]
		};
		const { records, errors } = parse([...labelstudioCodec.serialize([record])].map((c) => c.data).join(''));
		expect(errors).toEqual([]);
		expect(described(records[0])).toEqual(described(record));
	});
});
