/** Prodigy `rel.manual` relations: reading its real output shape, writing it back, and what is reported lost. */
import { describe, expect, it } from 'vitest';
import { describeRelations } from '../testing/relations';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prodigyCodec } from './prodigy';
import { describeSerializeReport, emptySerializeReport } from './serialize-report';
import type { CodecParseOptions, CodecSerializeOptions } from './codec';
import type { Article, ArticleRecord, Relation, Span } from '../types';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'importer', source: '' };
const fixture = readFileSync(fileURLToPath(new URL('../../../../tests/fixtures/relations/prodigy-rel-manual.jsonl', import.meta.url)), 'utf8');

/** UTF-16: Ryder 0–5, said 6–10, the 11–14, US 15–17, sent 18–22, 😀 23–25, aid 26–29, "." 29–30. */
const TEXT = 'Ryder said the US sent 😀 aid.';
const ARTICLE: Article = { id: 'a-1', title: 'Ryder', text: TEXT, source: 'x.txt', meta: {}, status: 'done', createdAt: 0, updatedAt: 0 };
const span = (id: string, start: number, end: number, label: string, annotator = 'maria'): Span => ({ id, articleId: 'a-1', start, end, label, annotator, createdAt: 0, updatedAt: 0 });
const relation = (id: string, label: string, head: string, tail: string, extra: Partial<Relation> = {}): Relation => ({
	id, articleId: 'a-1', label, head, tail, annotator: 'maria', createdAt: 0, updatedAt: 0, ...extra
});

function write(record: ArticleRecord, opts: CodecSerializeOptions = {}) {
	return [...prodigyCodec.serialize([record], opts)].map((c) => c.data).join('').trim().split('\n').map((l) => JSON.parse(l));
}

function parse(content: string) {
	return prodigyCodec.parse([{ name: 'rel.jsonl', content }], OPTS);
}

/** Each relation as "label head-text → tail-text (annotator)". */
const described = (record: ArticleRecord): string[] => describeRelations(record, { annotator: true });

describe('Prodigy relations: reading rel.manual output', () => {
	it('finds each end by head_span / child_span, or by the token index of its last token, across merged lines', () => {
		const { records, errors } = parse(fixture);
		expect(errors).toEqual([]);
		expect(records).toHaveLength(1);
		expect(described(records[0])).toEqual([
			'source claim:the US sent 😀 aid → actor:Ryder (news-maria)',
			'source claim:the US sent 😀 aid → actor:the US (news-jon)'
		]);
		for (const r of records[0].relations ?? []) {
			expect(r.id).toMatch(/^r-/);
			expect(r.articleId).toBe(records[0].article.id);
		}
		// Relation ends are spans of the relation's own annotator.
		const byId = new Map(records[0].spans.map((s) => [s.id, s]));
		for (const r of records[0].relations ?? []) {
			expect(byId.get(r.head)?.annotator).toBe(r.annotator);
			expect(byId.get(r.tail)?.annotator).toBe(r.annotator);
		}
	});

	it('an end that is no span of the task is an error naming the line, the relation and the end', () => {
		const [first] = fixture.split('\n');
		const task = JSON.parse(first);
		task.relations[0].child_span = { start: 6, end: 10, token_start: 1, token_end: 1, label: null };
		const { records, errors } = parse(`${first}\n${JSON.stringify(task)}\n`);
		expect(records).toHaveLength(1);
		expect(errors).toHaveLength(1);
		expect(errors[0].line).toBe(2);
		expect(errors[0].message).toBe('relations[0].child_span: no span of this task at 6–10 ("said") (a bare token: Spanwise links spans only)');

		const byToken = JSON.parse(first);
		byToken.relations = [{ head: 6, child: 4, label: 'source' }];
		expect(parse(JSON.stringify(byToken)).errors[0].message).toBe('relations[0].child: no span of this task ends at token 4');
		// Spans without token_end: the relation's token index is looked up in the task's tokens.
		const bare = JSON.parse(first);
		bare.spans = bare.spans.map(({ start, end, label }: { start: number; end: number; label: string }) => ({ start, end, label }));
		bare.relations = [{ head: 6, child: 0, label: 'source' }];
		const viaTokens = parse(JSON.stringify(bare));
		expect(viaTokens.errors).toEqual([]);
		expect(described(viaTokens.records[0])).toEqual(['source claim:the US sent 😀 aid → actor:Ryder (news-maria)']);
		bare.relations = [{ head: 5, child: 0, label: 'source' }];
		expect(parse(JSON.stringify(bare)).errors[0].message).toBe('relations[0].head: no span of this task ends at token 5');
		byToken.relations = [{ label: 'source' }];
		expect(parse(JSON.stringify(byToken)).errors[0].message).toBe('relations[0]: has neither head_span nor head (a token index)');
		byToken.relations = [{ head: 6, child: 0 }];
		expect(parse(JSON.stringify(byToken)).errors[0].message).toMatch(/^relations\[0\]\.label: /);
	});
});

describe('Prodigy relations: writing', () => {
	const spans = [span('s-actor', 0, 5, 'actor'), span('s-claim', 11, 29, 'claim'), span('s-us', 11, 17, 'actor')];

	it('writes head / child as the token index of each span\'s last token, with head_span / child_span in code points', () => {
		const [task] = write({ article: ARTICLE, spans, relations: [relation('r-1', 'source', 's-claim', 's-actor')] });
		expect(task.relations).toEqual([
			{
				head: 6,
				child: 0,
				head_span: { start: 11, end: 28, label: 'claim', token_start: 2, token_end: 6 },
				child_span: { start: 0, end: 5, label: 'actor', token_start: 0, token_end: 0 },
				label: 'source'
			}
		]);
		expect(task.tokens[task.relations[0].head].end).toBe(task.relations[0].head_span.end);
		expect(task.tokens[task.relations[0].child].end).toBe(task.relations[0].child_span.end);
	});

	it('uses the cut tokens when a span edge falls inside a word', () => {
		// "Ryd" ends inside "Ryder": the token is cut, and the relation points at the cut token.
		const [task] = write({ article: ARTICLE, spans: [span('s-ryd', 0, 3, 'actor'), span('s-claim', 11, 29, 'claim')], relations: [relation('r-1', 'source', 's-claim', 's-ryd')] });
		expect(task.tokens.slice(0, 2).map((t: { text: string }) => t.text)).toEqual(['Ryd', 'er']);
		expect(task.relations[0].child).toBe(0);
		expect(task.relations[0].head).toBe(7);
		expect(task.tokens[7].end).toBe(28);
	});

	it('writes no relations key for an article without relations (output as before)', () => {
		const [task] = write({ article: ARTICLE, spans });
		expect('relations' in task).toBe(false);
		const [withEmpty] = write({ article: ARTICLE, spans, relations: [] });
		expect(withEmpty).toEqual(task);
	});

	it('reports notes, symmetric types, cross-annotator and dangling relations instead of dropping them silently', () => {
		const report = emptySerializeReport();
		const record: ArticleRecord = {
			article: ARTICLE,
			spans: [...spans, span('s-jon', 26, 29, 'figure', 'jon')],
			relations: [
				relation('r-1', 'source', 's-claim', 's-actor', { note: 'quoted' }),
				relation('r-2', 'same', 's-actor', 's-us'),
				relation('r-3', 'about', 's-claim', 's-jon'),
				relation('r-4', 'source', 's-claim', 's-gone')
			]
		};
		const tasks = write(record, { report, relationTypes: [{ name: 'same', directed: false, headLabels: [], tailLabels: [] }] });
		const maria = tasks.find((t) => t._annotator_id === 'maria');
		expect(maria.relations.map((r: { label: string }) => r.label)).toEqual(['source', 'same']);
		expect(tasks.find((t) => t._annotator_id === 'jon').relations).toEqual([]);
		expect(report.lost).toEqual({ 'relation-dangling': 1, 'relation-note': 1, 'relation-direction': 1, 'relation-cross-layer': 1 });
		expect(describeSerializeReport(report)).toBe(
			'1 relation note was left out (the format has no place for it); ' +
				'1 symmetric relation was written as directed, head → tail (the format has no symmetric links); ' +
				'1 relation was left out because one of its ends is not among the spans written; ' +
				'1 relation was left out because its two ends belong to different annotators'
		);
	});

	it('round-trips relations with their ends, types and annotators', () => {
		const record: ArticleRecord = { article: ARTICLE, spans, relations: [relation('r-1', 'source', 's-claim', 's-actor'), relation('r-2', 'source', 's-claim', 's-us')] };
		const data = [...prodigyCodec.serialize([record])].map((c) => c.data).join('');
		const { records, errors } = parse(data);
		expect(errors).toEqual([]);
		expect(described(records[0])).toEqual(described(record));
	});
});
