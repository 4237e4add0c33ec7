/** brat relations: `R` lines and their notes, and the `annotation.conf` an export writes and an import reads. */
import { describeRelations } from '../testing/relations';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bratCodec } from './brat';
import { parseAnnotationConf } from './brat-conf';
import { emptySerializeReport } from './serialize-report';
import type { CodecParseOptions, SourceFile } from './codec';
import type { Article, ArticleRecord, Relation, Span } from '../types';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'importer', source: '' };
const dir = fileURLToPath(new URL('../../../../tests/fixtures/relations/brat/', import.meta.url));
const read = (name: string): SourceFile => ({ name: `brat/${name}`, content: readFileSync(dir + name, 'utf8') });

const TEXT = 'Ryder said the US sent 😀 aid.';
const ARTICLE: Article = { id: 'a-1', title: 'Ryder', text: TEXT, source: 'x.txt', meta: {}, status: 'done', createdAt: 0, updatedAt: 0 };
const span = (id: string, start: number, end: number, label: string, annotator = 'maria'): Span => ({ id, articleId: 'a-1', start, end, label, annotator, createdAt: 0, updatedAt: 0 });
const relation = (id: string, label: string, head: string, tail: string, extra: Partial<Relation> = {}): Relation => ({
	id, articleId: 'a-1', label, head, tail, annotator: 'maria', createdAt: 0, updatedAt: 0, ...extra
});

const described = (record: ArticleRecord): string[] => describeRelations(record, { note: true });

function files(records: ArticleRecord[], opts: Parameters<typeof bratCodec.serialize>[1] = {}): Record<string, string> {
	const out: Record<string, string> = {};
	for (const chunk of bratCodec.serialize(records, opts)) out[chunk.file] = (out[chunk.file] ?? '') + chunk.data;
	return out;
}

describe('brat relations: reading', () => {
	it('reads R lines (Arg1 the head, Arg2 the tail), notes on them, and relation types from annotation.conf', () => {
		const { records, errors, relationTypes } = bratCodec.parse([read('ryder.txt'), read('ryder.ann'), read('annotation.conf')], OPTS);
		expect(errors).toEqual([]);
		expect(described(records[0])).toEqual(['same_as actor:the US → actor:Ryder', 'source claim:the US sent 😀 aid → actor:Ryder [said = reporting verb]']);
		expect(records[0].relations?.every((r) => r.annotator === 'importer')).toBe(true);
		expect(relationTypes).toEqual([
			{ name: 'source', directed: true, headLabels: ['claim'], tailLabels: ['actor'] },
			{ name: 'same_as', directed: false, headLabels: ['actor'], tailLabels: ['actor'] }
		]);
	});

	it('an argument that names no text-bound annotation is an error naming the file, line and id; the rest is read', () => {
		const ann = read('ryder.ann');
		const bad = { ...ann, content: ann.content.replace('R2\tsame_as Arg1:T3 Arg2:T1', 'R2\tsame_as Arg1:T3 Arg2:T9') };
		const { records, errors } = bratCodec.parse([read('ryder.txt'), bad], OPTS);
		expect(errors).toEqual([{ file: 'brat/ryder.ann', line: 5, message: 'brat/ryder.ann:5: R2: Arg2 names T9, which is not a text-bound annotation of this file' }]);
		expect(described(records[0])).toEqual(['source claim:the US sent 😀 aid → actor:Ryder [said = reporting verb]']);
		const odd = { ...ann, content: ann.content.replace('R2\tsame_as Arg1:T3 Arg2:T1', 'R2\tsame_as T3') };
		expect(bratCodec.parse([read('ryder.txt'), odd], OPTS).errors[0].message).toBe('brat/ryder.ann:5: R2: expected a relation "Type Arg1:T1 Arg2:T2", got "same_as T3"');
	});
});

describe('brat relations: writing', () => {
	const spans = [span('s-actor', 0, 5, 'actor'), span('s-claim', 11, 29, 'claim'), span('s-us', 11, 17, 'actor'), span('s-fig', 26, 29, 'key figure')];

	it('writes R lines after the T lines, with notes, and an annotation.conf declaring labels and relation types', () => {
		const record: ArticleRecord = {
			article: ARTICLE,
			spans,
			relations: [relation('r-1', 'source', 's-claim', 's-actor', { note: 'two\nlines' }), relation('r-2', 'same as', 's-us', 's-actor'), relation('r-3', 'about', 's-claim', 's-fig')]
		};
		const out = files([record], {
			relationTypes: [
				{ name: 'source', directed: true, headLabels: ['claim'], tailLabels: ['actor'] },
				{ name: 'same as', directed: false, headLabels: [], tailLabels: [] },
				{ name: 'cites', directed: true, headLabels: ['claim'], tailLabels: ['claim'] }
			]
		});
		expect(out['a-1.ann']).toBe(
			'T1\tactor 0 5\tRyder\nT2\tclaim 11 28\tthe US sent 😀 aid\nT3\tactor 11 17\tthe US\nT4\tkey_figure 25 28\taid\n' +
				'R1\tsource Arg1:T2 Arg2:T1\n#1\tAnnotatorNotes R1\ttwo lines\nR2\tsame_as Arg1:T3 Arg2:T1\nR3\tabout Arg1:T2 Arg2:T4\n'
		);
		expect(out['annotation.conf']).toBe(
			[
				'# Written by Spanwise: the labels and relation types of this export.',
				'[entities]',
				'actor',
				'claim',
				'key_figure',
				'',
				'[relations]',
				'about\tArg1:claim, Arg2:key_figure',
				'cites\tArg1:claim, Arg2:claim',
				'same_as\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric',
				'source\tArg1:claim, Arg2:actor',
				'<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
				'',
				'[events]',
				'',
				'[attributes]',
				''
			].join('\n')
		);
		expect(parseAnnotationConf(out['annotation.conf']).find((t) => t.name === 'same_as')).toEqual({ name: 'same_as', directed: false, headLabels: [], tailLabels: [] });
	});

	it('writes equal relations of two annotators once and reports it, and reports dangling ends', () => {
		const report = emptySerializeReport();
		const jon = [span('j-actor', 0, 5, 'actor', 'jon'), span('j-claim', 11, 29, 'claim', 'jon')];
		const record: ArticleRecord = {
			article: ARTICLE,
			spans: [...spans, ...jon],
			relations: [relation('r-1', 'source', 's-claim', 's-actor'), relation('r-2', 'source', 'j-claim', 'j-actor', { annotator: 'jon' }), relation('r-3', 'source', 's-claim', 'gone')]
		};
		expect(files([record], { report })['a-1.ann'].match(/^R\d/gm)).toEqual(['R1']);
		expect(report.lost).toEqual({ 'relation-merged': 1, 'relation-dangling': 1 });
	});

	it('round-trips relations, notes included, with the conf beside them', () => {
		const record: ArticleRecord = { article: ARTICLE, spans, relations: [relation('r-1', 'source', 's-claim', 's-actor', { note: 'n' }), relation('r-2', 'about', 's-claim', 's-fig')] };
		const out = files([record]);
		const { records, errors } = bratCodec.parse(Object.entries(out).map(([name, content]) => ({ name, content })), OPTS);
		expect(errors).toEqual([]);
		expect(described(records[0])).toEqual(described({ ...record, spans: spans.map((s) => ({ ...s, label: s.label.replace(' ', '_') })) }));
	});
});
