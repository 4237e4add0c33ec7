import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ArticleRecord } from '../types';
import { CODECS } from './formats';

/** Small articles with a few spans on word boundaries (emoji included, for the offset units). */
const record = (i: number) =>
	fc.tuple(fc.array(fc.constantFrom('Ana', 'met', 'Ben', '😀', 'in', 'Oslo', 'on', '2 May'), { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('actor', 'claim', 'figure')), { maxLength: 4 })).map(([words, picks]): ArticleRecord => {
		const text = words.join(' ');
		const starts = words.map((_, w) => words.slice(0, w).join(' ').length + (w > 0 ? 1 : 0));
		const seen = new Set<string>();
		const spans = picks.flatMap(([a, b, label], k) => {
			const first = a % words.length;
			const last = first + (b % (words.length - first));
			const start = starts[first];
			const end = starts[last] + words[last].length;
			const key = `${start}:${end}:${label}`;
			if (seen.has(key)) return [];
			seen.add(key);
			return [{ id: `s${i}-${k}`, articleId: `a${i}`, start, end, label, annotator: 'ana', createdAt: 1, updatedAt: 2 }];
		});
		return { article: { id: `a${i}`, title: `T${i}`, text, source: 'x.jsonl', meta: {}, status: 'new', createdAt: 1, updatedAt: 2 }, spans };
	});
const corpus = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(i))));

describe('codecs that serialize per record', () => {
	const perRecord = CODECS.filter((codec) => codec.perRecord);

	it('are the line formats', () => {
		expect(perRecord.map((c) => c.name).sort()).toEqual(['doccano', 'prodigy', 'spanwise']);
		for (const codec of perRecord) expect(codec.multiFile).toBe(false);
	});

	it('give the same file whether a corpus is serialized at once or one record at a time', () => {
		const join = (chunks: Iterable<{ data: string }>) => Array.from(chunks, (c) => c.data).join('');
		fc.assert(
			fc.property(corpus, (records) => {
				for (const codec of perRecord) {
					for (const offsets of [undefined, 'utf16', 'codepoint'] as const) {
						const opts = { baseName: 'x', offsets };
						expect(records.map((r) => join(codec.serialize([r], opts))).join('')).toBe(join(codec.serialize(records, opts)));
					}
				}
			}),
			{ numRuns: 100 }
		);
	});
});
