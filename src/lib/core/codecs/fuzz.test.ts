/**
 * Every parser, fed anything: it returns records or errors and never throws, and every span it
 * returns lies inside its article's text, on grapheme boundaries, with start < end.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODECS } from './formats';
import { isGraphemeBoundary } from '../text/graphemes';
import { unicodeText } from '../testing/unicode';

/** Inputs that look like each format, with random values where the structure has them. */
const spanLike = fc.record({
	start: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.double(), fc.constant(Number.NaN), fc.string()),
	end: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.double(), fc.string()),
	label: fc.oneof(fc.constantFrom('actor', 'Claim', 'figure'), fc.string()),
	text: fc.option(unicodeText(4))
});
const recordLike = fc.record({ text: fc.oneof(unicodeText(12), fc.string()), spans: fc.array(spanLike, { maxLength: 4 }) });

/** Relation-like items in each format's shape, naming ends that may or may not exist. */
const endLike = fc.oneof(fc.integer({ min: -1, max: 5 }), fc.string({ maxLength: 3 }), fc.constant(null));
const relationLike = fc.record({ head: endLike, child: endLike, from_id: endLike, to_id: endLike, type: fc.string(), label: fc.string(), direction: fc.constantFrom('right', 'left', 'bi', 'up') });
const withRelations = fc.record({ text: fc.oneof(unicodeText(12), fc.string()), spans: fc.array(spanLike, { maxLength: 4 }), relations: fc.array(relationLike, { maxLength: 3 }) });

const inputs = fc.oneof(
	fc.array(withRelations, { maxLength: 2 }).map((rs) => rs.map((r) => JSON.stringify({ text: r.text, spans: r.spans, tokens: [], relations: r.relations })).join('\n')),
	fc.array(withRelations, { maxLength: 2 }).map((rs) =>
		rs.map((r) => JSON.stringify({ text: r.text, entities: r.spans.map((s, i) => ({ id: i, label: s.label, start_offset: s.start, end_offset: s.end })), relations: r.relations })).join('\n')
	),
	fc.array(withRelations, { maxLength: 2 }).map((rs) =>
		JSON.stringify(rs.map((r) => ({ data: { text: r.text }, annotations: [{ result: [...r.spans.map((s, i) => ({ id: String(i), type: 'labels', value: { ...s, labels: [s.label] } })), ...r.relations.map((x) => ({ ...x, type: 'relation', labels: [x.label] }))] }] })))
	),
	fc.array(fc.tuple(fc.constantFrom('R', 'T', '#'), fc.nat(4), fc.nat(4), fc.nat(30)), { maxLength: 8 }).map((lines) =>
		lines.map(([kind, a, b, n], i) => (kind === 'R' ? `R${i}\tsource Arg1:T${a} Arg2:T${b}` : kind === 'T' ? `T${a}\tactor ${n} ${n + b}` : `#${i}\tAnnotatorNotes R${a}\tnote`)).join('\n')
	),
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.jsonValue().map((v) => JSON.stringify(v)),
	fc.array(recordLike, { maxLength: 3 }).map((rs) => rs.map((r) => JSON.stringify({ ...r, format: 'spanwise/1' })).join('\n')),
	fc.array(recordLike, { maxLength: 3 }).map((rs) => rs.map((r) => JSON.stringify({ text: r.text, label: r.spans.map((s) => [s.start, s.end, s.label]) })).join('\n')),
	fc.array(recordLike, { maxLength: 3 }).map((rs) => rs.map((r) => JSON.stringify({ text: r.text, spans: r.spans, tokens: [] })).join('\n')),
	fc.array(recordLike, { maxLength: 3 }).map((rs) =>
		JSON.stringify(rs.map((r) => ({ data: { text: r.text }, annotations: [{ result: r.spans.map((s) => ({ type: 'labels', value: { ...s, labels: [s.label] } })) }] })))
	)
);

describe('every parser on any input', () => {
	for (const codec of CODECS) {
		it(`${codec.name}: never throws, and every span it returns fits its text, every relation links two of its spans`, () => {
			fc.assert(
				fc.property(inputs, (content) => {
					const files = codec.multiFile
						? [
								{ name: 'a.txt', content: 'Ana met Ben 😀 here.' },
								{ name: 'a.ann', content }
							]
						: [{ name: `input.${codec.extension}`, content }];
					const result = codec.parse(files, { now: 0, annotator: 'fuzz', source: 'fuzz' });
					for (const { article, spans, relations } of result.records) {
						const ids = new Set(spans.map((span) => span.id));
						for (const r of relations ?? []) expect(ids.has(r.head) && ids.has(r.tail) && r.articleId === article.id).toBe(true);
						for (const s of spans) {
							expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
							expect(0 <= s.start && s.start < s.end && s.end <= article.text.length).toBe(true);
							expect(isGraphemeBoundary(article.text, s.start) && isGraphemeBoundary(article.text, s.end)).toBe(true);
						}
					}
					for (const e of result.errors) expect(typeof e.message).toBe('string');
				}),
				{ numRuns: 150 }
			);
		});
	}
});
