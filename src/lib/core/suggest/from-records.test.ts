import { describe, expect, it } from 'vitest';
import { splitSuggestions } from './from-records';
import type { ArticleRecord, Span } from '../types';

const text = 'NATO said the cost was $5 billion.';
const span = (id: string, start: number, end: number, label: string, annotator: string): Span => ({ id, articleId: 'a', start, end, label, annotator, createdAt: 1, updatedAt: 1 });
const record: ArticleRecord = {
	article: { id: 'a', title: 't', text, source: 'f', meta: {}, status: 'new', createdAt: 1, updatedAt: 1 },
	spans: [span('s1', 0, 4, 'actor', 'maria'), span('p1', 0, 4, 'actor', 'prediction:ner'), span('p2', 10, 33, 'claim', 'prediction:ner'), span('p3', 23, 33, 'figure', 'prediction:ner')],
	relations: [{ id: 'r1', articleId: 'a', label: 'source', head: 'p2', tail: 'p1', annotator: 'prediction:ner', createdAt: 1, updatedAt: 1 }]
};

describe('splitSuggestions', () => {
	it('moves the spans of suggestion layers out, keeping people’s spans', () => {
		const { record: rest, suggestions } = splitSuggestions(record);
		expect(rest.spans.map((s) => s.id)).toEqual(['s1']);
		expect(rest.relations).toEqual([]);
		expect(suggestions.map((s) => `${s.source}/${s.label}/${text.slice(s.start, s.end)}`)).toEqual(['prediction:ner/actor/NATO', 'prediction:ner/claim/the cost was $5 billion', 'prediction:ner/figure/$5 billion']);
	});

	it('turns a source link between suggestions into the claim’s speaker', () => {
		const claim = splitSuggestions(record).suggestions.find((s) => s.label === 'claim');
		expect(claim?.speaker).toEqual({ start: 0, end: 4 });
	});

	it('takes every span as a suggestion of the source given', () => {
		const { record: rest, suggestions } = splitSuggestions(record, 'prediction:run-7');
		expect(rest.spans).toEqual([]);
		expect(new Set(suggestions.map((s) => s.source))).toEqual(new Set(['prediction:run-7']));
		expect(suggestions).toHaveLength(4);
	});

	it('gives back the very record when nothing is a suggestion', () => {
		const plain = { ...record, spans: [record.spans[0]], relations: [] };
		expect(splitSuggestions(plain).record).toBe(plain);
	});
});

import { suggestionsAsRecord } from './to-records';

describe('suggestionsAsRecord', () => {
	it('writes suggestions as spans of their source that read back as the same suggestions', () => {
		const { suggestions } = splitSuggestions(record);
		const written = suggestionsAsRecord(record.article, suggestions);
		expect(written.spans.map((s) => s.annotator)).toEqual(['prediction:ner', 'prediction:ner', 'prediction:ner']);
		expect(written.relations).toHaveLength(1);
		const back = splitSuggestions(written).suggestions;
		expect(back.map((s) => [s.start, s.end, s.label, s.source, s.speaker ?? null])).toEqual(suggestions.map((s) => [s.start, s.end, s.label, s.source, s.speaker ?? null]));
	});
});
