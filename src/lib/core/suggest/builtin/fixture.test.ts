/**
 * The hand-annotated news fixtures (tests/fixtures/suggest/*.jsonl, built from their .marked.txt
 * sources) are well-formed gold: every span's text is its slice in code points, spans sit on token
 * edges, relations link a claim to an actor of the same record, and the project's own parser reads
 * them without error. Their quality figures belong to the bench, not here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpanwiseJsonl } from '../../codecs/spanwise';
import { tokenOffsets } from '../../text/tokenizer';

interface GoldSpan {
	readonly id: string;
	readonly start: number;
	readonly end: number;
	readonly label: string;
	readonly text: string;
	readonly annotator: string;
}

interface GoldRecord {
	readonly id: string;
	readonly text: string;
	readonly spans: readonly GoldSpan[];
	readonly relations: readonly { readonly id: string; readonly label: string; readonly head: string; readonly tail: string }[];
	readonly offset_unit: string;
	readonly format: string;
}

const FIXTURES = ['tests/fixtures/suggest/news-eval.jsonl', 'tests/fixtures/suggest/news-heldout.jsonl'];

describe.each(FIXTURES)('%s', (path) => {
	const content = readFileSync(path, 'utf8');
	const records = content
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as GoldRecord);

	it('parses with the Spanwise codec, without errors', () => {
		const { records: parsed, errors } = parseSpanwiseJsonl(content, { now: 0, annotator: 'gold', source: path });
		expect(errors).toEqual([]);
		expect(parsed).toHaveLength(records.length);
	});

	it.each(records.map((record) => [record.id, record] as const))('%s: every span’s text is its code point slice, on token edges', (_id, record) => {
		expect(record.format).toBe('spanwise/1');
		expect(record.offset_unit).toBe('codepoint');
		const points = Array.from(record.text);
		const tokens = tokenOffsets(record.text);
		const starts = new Set<number>();
		const ends = new Set<number>();
		for (let k = 0; k < tokens.length; k += 2) {
			starts.add(tokens[k]);
			ends.add(tokens[k + 1]);
		}
		for (const span of record.spans) {
			expect(points.slice(span.start, span.end).join(''), span.id).toBe(span.text);
			expect(['actor', 'claim', 'figure']).toContain(span.label);
			expect(span.annotator).toBe('gold');
			// The texts keep to the BMP, so code points are UTF-16 units and the tokenizer's offsets apply.
			expect(starts.has(span.start) && ends.has(span.end), `${span.id} "${span.text}"`).toBe(true);
		}
		expect(new Set(record.spans.map((span) => span.id)).size).toBe(record.spans.length);
	});

	it.each(records.map((record) => [record.id, record] as const))('%s: relations link a claim to an actor of the record', (_id, record) => {
		const byId = new Map(record.spans.map((span) => [span.id, span]));
		for (const relation of record.relations) {
			expect(relation.label).toBe('source');
			expect(byId.get(relation.head)?.label, relation.id).toBe('claim');
			expect(byId.get(relation.tail)?.label, relation.id).toBe('actor');
		}
		expect(new Set(record.relations.map((relation) => relation.head)).size).toBe(record.relations.length);
	});

	it('keeps to the Basic Multilingual Plane and holds curly quotes', () => {
		for (const record of records) expect(Array.from(record.text).length).toBe(record.text.length);
		expect(records.some((record) => record.text.includes('“'))).toBe(true);
	});
});
