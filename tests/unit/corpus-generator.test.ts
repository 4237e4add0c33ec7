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
