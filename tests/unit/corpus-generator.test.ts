import { describe, expect, it } from 'vitest';
import { generateCorpusLines, prng } from '../support/corpus-generator';

describe('corpus generator', () => {
	it('is deterministic: the same seed gives the same corpus, another seed another one', () => {
		expect(generateCorpusLines(7, 20)).toEqual(generateCorpusLines(7, 20));
		expect(generateCorpusLines(8, 20)).not.toEqual(generateCorpusLines(7, 20));
		const a = prng(1);
		const b = prng(1);
		expect([a(), a(), a()]).toEqual([b(), b(), b()]);
	});

	it('writes spans whose code point offsets slice to their text, nested claims included', () => {
		for (const line of generateCorpusLines(3, 50)) {
			const record = JSON.parse(line);
			const cps = Array.from(record.text as string);
			expect(record.spans.length).toBeGreaterThan(0);
			for (const s of record.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
		}
	});
});

describe('big article generator', () => {
	it('makes the asked number of words and spans, deterministically, with nested and crossing spans', async () => {
		const { generateBigArticle } = await import('../support/corpus-generator');
		const a = generateBigArticle(5, 5_000, 500);
		expect(generateBigArticle(5, 5_000, 500)).toEqual(a);
		expect(a.text.split(/\s+/).filter((w) => /\w/.test(w))).toHaveLength(5_000);
		expect(a.spans).toHaveLength(500);
		const cps = Array.from(a.text);
		for (const s of a.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
		const contains = (o: (typeof a.spans)[0], i: (typeof a.spans)[0]) => o !== i && o.start <= i.start && i.end <= o.end;
		const crosses = (x: (typeof a.spans)[0], y: (typeof a.spans)[0]) => x.start < y.start && y.start < x.end && x.end < y.end;
		expect(a.spans.filter((i) => a.spans.some((o) => contains(o, i))).length).toBeGreaterThanOrEqual(40);
		expect(a.spans.some((x) => a.spans.some((y) => crosses(x, y)))).toBe(true);
	});
});
