import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GramIndex } from './grams';
import { unicodeText } from '../testing/unicode';

function scan(text: string, quote: string): number[] {
	const found: number[] = [];
	for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
	return found;
}

describe('GramIndex', () => {
	it('finds every occurrence, overlapping ones included', () => {
		const index = new GramIndex('aaaaaa said the minister, said the other minister');
		expect(index.occurrences('aaaa')).toEqual([0, 1, 2]);
		expect(index.occurrences('said the')).toEqual([7, 26]);
		expect(index.occurrences('minister')).toEqual([16, 41]);
		expect(index.occurrences('absent')).toEqual([]);
		expect(() => index.occurrences('abc')).toThrow(RangeError);
	});

	it('property: agrees with a scan by indexOf', () => {
		fc.assert(
			fc.property(unicodeText(60), fc.nat(), fc.integer({ min: 4, max: 12 }), (text, at, length) => {
				const start = text.length ? at % text.length : 0;
				const quote = text.slice(start, start + length);
				fc.pre(quote.length >= 4);
				expect(new GramIndex(text).occurrences(quote)).toEqual(scan(text, quote));
				expect(new GramIndex(text).occurrences(`${quote}\u0000`)).toEqual(scan(text, `${quote}\u0000`));
			}),
			{ numRuns: 300 }
		);
	});
});
