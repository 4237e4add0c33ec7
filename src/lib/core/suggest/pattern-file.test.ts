import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Span } from '../types';
import { patternsFromRecords } from './pattern-file';
import { compilePatterns, matchPatterns, parsePatternFile } from './patterns';

/** An article with spans given as [start, end, label, annotator]. */
function record(id: string, text: string, spans: readonly (readonly [number, number, string, string])[]): ArticleRecord {
	const article = { id, title: id, text, source: 'test', meta: {}, status: 'new' as const, createdAt: 0, updatedAt: 0 };
	return {
		article,
		spans: spans.map(([start, end, label, annotator], k): Span => ({ id: `${id}-${k}`, articleId: id, start, end, label, annotator, createdAt: 0, updatedAt: 0 }))
	};
}

const records = [
	record('a', 'Pentagon Press Secretary John Kirby said Kyiv got $5 billion.', [
		[0, 24, 'actor', 'ann'],
		[25, 35, 'actor', 'ann'],
		[41, 45, 'actor', 'bob'],
		[51, 60, 'figure', 'ann']
	]),
	record('b', 'Kyiv and the Pentagon\u2028 and John Kirby', [
		[0, 4, 'actor', 'ann'],
		[13, 22, 'actor', 'ann'],
		[27, 37, 'actor', 'ann'],
		[27, 37, 'role', 'ann'],
		[4, 5, 'actor', 'ann'],
		[8, 8, 'actor', 'ann']
	])
];

describe('patternsFromRecords', () => {
	it('writes one phrase pattern per label and text of the layer, sorted and deduplicated', () => {
		expect(patternsFromRecords(records, 'ann')).toBe(
			[
				'{"label":"actor","pattern":"John Kirby"}',
				'{"label":"actor","pattern":"Kyiv"}',
				'{"label":"actor","pattern":"Pentagon Press Secretary"}',
				'{"label":"actor","pattern":"Pentagon\\u2028"}',
				'{"label":"figure","pattern":"5 billion"}',
				'{"label":"role","pattern":"John Kirby"}',
				''
			].join('\n')
		);
	});

	it('takes only the layer asked for, and gives "" when it has no spans', () => {
		expect(patternsFromRecords(records, 'bob')).toBe('{"label":"actor","pattern":"Kyiv"}\n');
		expect(patternsFromRecords(records, 'nobody')).toBe('');
		expect(patternsFromRecords([], 'ann')).toBe('');
	});

	it('writes a file the pattern matcher reads back, finding the spans again', () => {
		const { patterns, errors } = parsePatternFile(patternsFromRecords(records, 'ann'), 'mine.jsonl');
		expect(errors).toEqual([]);
		const text = records[0].article.text;
		const found = matchPatterns(text, compilePatterns(patterns)).map((s) => [text.slice(s.start, s.end), s.label]);
		expect(found).toEqual([
			['Pentagon Press Secretary', 'actor'],
			['John Kirby', 'actor'],
			['Kyiv', 'actor'],
			['5 billion', 'figure']
		]);
	});
});
