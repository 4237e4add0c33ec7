import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textHash } from './hash';
import { unicodeText } from '../testing/unicode';

describe('textHash', () => {
	it('gives the published cyrb53 test vectors', () => {
		const hex = (value: number) => value.toString(16).padStart(14, '0');
		expect(textHash('a')).toBe(hex(7929297801672961));
		expect(textHash('b')).toBe(hex(8684336938537663));
		expect(textHash('revenge')).toBe(hex(4051478007546757));
		expect(textHash('revenue')).toBe(hex(8309097637345594));
	});

	it('is 14 hex digits and deterministic', () => {
		fc.assert(
			fc.property(unicodeText(), (text) => {
				expect(textHash(text)).toMatch(/^[0-9a-f]{14}$/);
				expect(textHash(text)).toBe(textHash(text.slice()));
			}),
			{ numRuns: 200 }
		);
	});

	it('tells apart texts that differ by one character, line ending or combining mark', () => {
		const texts = ['', ' ', 'a', 'b', 'ab', 'ba', 'a\n', 'a\r\n', 'e\u0301', '\u00e9', '😀', '🇺🇦'];
		expect(new Set(texts.map(textHash)).size).toBe(texts.length);
	});

	it('has no collisions among 20,000 similar texts', () => {
		const hashes = new Set<string>();
		for (let i = 0; i < 20_000; i++) hashes.add(textHash(`article ${i} text`));
		expect(hashes.size).toBe(20_000);
	});
});
