/**
 * Relations across formats: random records with spans and relations survive serialize → parse
 * through every foreign format, and through any two in a row (a → b → the model), up to each
 * format's documented losses: annotators in doccano and brat (equal spans and relations of different
 * annotators then coincide, and the one written keeps one of their notes), relation notes in Prodigy,
 * doccano and Label Studio. (The canonical
 * JSONL's relations are the rel-data work; this test stops at the model, `ArticleRecord`.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Codec, FormatName } from './codec';
import { codecNamed } from './formats';
import { emptySerializeReport } from './serialize-report';
import type { ArticleRecord, Relation, Span } from '../types';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

/** What each foreign format keeps of relations and their spans. */
const KEEPS: Record<FormatName, { annotators: boolean; relationNotes: boolean }> = {
	spanwise: { annotators: true, relationNotes: true },
	prodigy: { annotators: true, relationNotes: false },
	doccano: { annotators: false, relationNotes: false },
	labelstudio: { annotators: true, relationNotes: false },
	brat: { annotators: false, relationNotes: true },
	w3c: { annotators: true, relationNotes: true }
};
const FORMATS = Object.keys(KEEPS) as (keyof typeof KEEPS)[];
const OPTS = { now: 0, annotator: 'importer', source: 'test' };

/** A random article with grapheme-aligned spans of two annotators and relations between each one's spans. */
const recordArb: fc.Arbitrary<ArticleRecord> = unicodeText(20)
	.filter((text) => text.trim().length > 0)
	.chain((text) => {
		const boundaries = allGraphemeBoundaries(text);
		const spanArb = fc
			.tuple(fc.nat(boundaries.length - 1), fc.nat(boundaries.length - 1), fc.constantFrom('actor', 'claim', 'Figure'), fc.constantFrom('maria', 'jon'))
			.filter(([a, b]) => a !== b)
			.map(([a, b, label, annotator]) => ({ start: boundaries[Math.min(a, b)], end: boundaries[Math.max(a, b)], label, annotator }));
		return fc.record({
			spans: fc.uniqueArray(spanArb, { minLength: 1, maxLength: 6, selector: (s) => `${s.start} ${s.end} ${s.label} ${s.annotator}` }),
			links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('source', 'about'), fc.option(fc.constantFrom('a note', 'reported'), { nil: undefined })), { maxLength: 6 })
		}).map(({ spans: given, links }) => {
			const spans: Span[] = given.map((s, i) => ({ ...s, id: `s-${i}`, articleId: 'a-r', createdAt: 0, updatedAt: 0 }));
			const relations: Relation[] = [];
			const seen = new Set<string>();
			for (const [h, t, label, note] of links) {
				const head = spans[h % spans.length];
				const mine = spans.filter((s) => s.annotator === head.annotator && s !== head);
				if (mine.length === 0) continue;
				const tail = mine[t % mine.length];
				const key = `${label} ${head.id} ${tail.id}`;
				if (seen.has(key)) continue;
				seen.add(key);
				relations.push({ id: `r-${relations.length}`, articleId: 'a-r', label, head: head.id, tail: tail.id, annotator: head.annotator, ...(note ? { note } : {}), createdAt: 0, updatedAt: 0 });
			}
			return { article: { id: 'a-r', title: 't', text, source: 'x', meta: {}, status: 'new' as const, createdAt: 0, updatedAt: 0 }, spans, relations };
		});
	});

/**
 * Spans and relations as comparable strings, without what a chain of formats loses; sets, so
 * coinciding ones count once. Without annotators, equal relations of two annotators coincide and the
 * one written keeps one of their notes: notes are then compared by `notesFit` instead.
 */
function essentials(record: ArticleRecord, keep: { annotators: boolean; relationNotes: boolean }) {
	const spanKey = (s: Span) => [s.start, s.end, s.label, keep.annotators ? s.annotator : '-'].join('|');
	const byId = new Map(record.spans.map((s) => [s.id, s]));
	const withNotes = keep.relationNotes && keep.annotators;
	return {
		text: record.article.text,
		spans: [...new Set(record.spans.map(spanKey))].sort(),
		relations: [
			...new Set(
				(record.relations ?? []).map((r) =>
					[r.label, spanKey(byId.get(r.head) as Span), spanKey(byId.get(r.tail) as Span), keep.annotators ? r.annotator : '-', withNotes ? (r.note ?? '') : '-'].join(' ⟶ ')
				)
			)
		].sort()
	};
}

/** Where notes are kept but annotators are not: each relation's note is the note of one of the relations it stands for. */
function notesFit(back: ArticleRecord, original: ArticleRecord): void {
	const key = (record: ArticleRecord, r: Relation) => {
		const byId = new Map(record.spans.map((s) => [s.id, s]));
		const end = (id: string) => {
			const s = byId.get(id) as Span;
			return `${s.start}|${s.end}|${s.label}`;
		};
		return `${r.label} ${end(r.head)} ${end(r.tail)}`;
	};
	const notes = new Map<string, Set<string>>();
	for (const r of original.relations ?? []) {
		const k = key(original, r);
		(notes.get(k) ?? notes.set(k, new Set()).get(k)!).add(r.note ?? '');
	}
	for (const r of back.relations ?? []) expect(notes.get(key(back, r))?.has(r.note ?? '')).toBe(true);
}

/** Serializes `records` with `codec` and parses the result back, failing on any error or loss report. */
function through(codec: Codec, records: ArticleRecord[]): ArticleRecord[] {
	const report = emptySerializeReport();
	const files = new Map<string, string>();
	for (const chunk of codec.serialize(records, { report })) files.set(chunk.file, (files.get(chunk.file) ?? '') + chunk.data);
	expect(report.lost?.['relation-dangling'] ?? 0).toBe(0);
	expect(report.lost?.['relation-cross-layer'] ?? 0).toBe(0);
	const { records: back, errors } = codec.parse([...files].map(([name, content]) => ({ name, content })), OPTS);
	expect(errors).toEqual([]);
	return back;
}

describe('relations through every format', () => {
	for (const name of FORMATS) {
		it(`${name}: spans and relations come back, up to what ${name} does not keep`, () => {
			const codec = codecNamed(name) as Codec;
			fc.assert(
				fc.property(recordArb, (record) => {
					const [back] = through(codec, [record]);
					expect(essentials(back, KEEPS[name])).toEqual(essentials(record, KEEPS[name]));
					if (KEEPS[name].relationNotes && !KEEPS[name].annotators) notesFit(back, record);
					// Every relation's ends are spans of its record.
					const ids = new Set(back.spans.map((s) => s.id));
					for (const r of back.relations ?? []) expect(ids.has(r.head) && ids.has(r.tail) && r.articleId === back.article.id).toBe(true);
				}),
				{ numRuns: 60 }
			);
		});
	}
});

describe('relations across two formats (a → b → the model)', () => {
	it('keeps spans and relations through any two formats in a row, up to what either loses', () => {
		const pairs = FORMATS.flatMap((a) => FORMATS.filter((b) => b !== a).map((b) => [a, b] as const));
		fc.assert(
			fc.property(recordArb, fc.constantFrom(...pairs), (record, [a, b]) => {
				const keep = {
					annotators: KEEPS[a].annotators && KEEPS[b].annotators,
					relationNotes: KEEPS[a].relationNotes && KEEPS[b].relationNotes
				};
				const [back] = through(codecNamed(b) as Codec, through(codecNamed(a) as Codec, [record]));
				expect(essentials(back, keep)).toEqual(essentials(record, keep));
				if (keep.relationNotes && !keep.annotators) notesFit(back, record);
			}),
			{ numRuns: 200 }
		);
	});
});
