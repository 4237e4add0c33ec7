import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OffsetConverter, codePointLength, splitsSurrogatePair } from './offsets';
import { unicodeTextWithLoneSurrogates } from '../testing/unicode';

describe('codePointLength', () => {
	it('counts code points, like Python len()', () => {
		expect(codePointLength('')).toBe(0);
		expect(codePointLength('abc')).toBe(3);
		expect(codePointLength('😀')).toBe(1);
		expect(codePointLength('🇺🇦')).toBe(2);
		expect(codePointLength('👨‍👩‍👧')).toBe(5);
		expect(codePointLength('e\u0301')).toBe(2);
		expect(codePointLength('\ud800x')).toBe(2);
	});

	it('agrees with Array.from for any text', () => {
		fc.assert(
			fc.property(unicodeTextWithLoneSurrogates(), (text) => {
				expect(codePointLength(text)).toBe(Array.from(text).length);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('splitsSurrogatePair', () => {
	it('is true only between the halves of a pair', () => {
		const text = 'a😀b';
		expect([0, 1, 2, 3, 4].map((i) => splitsSurrogatePair(text, i))).toEqual([false, false, true, false, false]);
		expect(splitsSurrogatePair('\ud800\ud800', 1)).toBe(false);
		expect(splitsSurrogatePair('😀', -1)).toBe(false);
	});
});

describe('OffsetConverter', () => {
	it('is the identity without astral characters', () => {
		const converter = new OffsetConverter('héllo 中文');
		expect(converter.hasAstral).toBe(false);
		expect(converter.toCodePoint(7)).toBe(7);
		expect(converter.toUtf16(8)).toBe(8);
	});

	it('converts around emoji and flags', () => {
		const text = 'a😀b🇺🇦c';
		const converter = new OffsetConverter(text);
		expect(converter.hasAstral).toBe(true);
		// utf16: a0 😀1-2 b3 🇺4-5 🇦6-7 c8 end9; code points: a0 😀1 b2 🇺3 🇦4 c5 end6
		expect([0, 1, 3, 4, 6, 8, 9].map((i) => converter.toCodePoint(i))).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect([0, 1, 2, 3, 4, 5, 6].map((i) => converter.toUtf16(i))).toEqual([0, 1, 3, 4, 6, 8, 9]);
	});

	it('throws RangeError with the value for bad offsets', () => {
		const converter = new OffsetConverter('a😀');
		expect(() => converter.toCodePoint(2)).toThrow(/2 splits a surrogate pair/);
		expect(() => converter.toCodePoint(4)).toThrow(RangeError);
		expect(() => converter.toCodePoint(-1)).toThrow(/-1 is outside the text \(length 3\)/);
		expect(() => converter.toCodePoint(0.5)).toThrow(RangeError);
		expect(() => converter.toUtf16(3)).toThrow(/3 is outside the text \(length 2\)/);
		expect(() => new OffsetConverter('abc').toUtf16(4)).toThrow(RangeError);
	});

	it('matches Array.from for every offset of random texts', () => {
		fc.assert(
			fc.property(unicodeTextWithLoneSurrogates(), (text) => {
				const converter = new OffsetConverter(text);
				const codePoints = Array.from(text);
				// Expected UTF-16 offset of each code point offset, from Array.from.
				const utf16Of = [0];
				for (const char of codePoints) utf16Of.push(utf16Of.at(-1)! + char.length);
				expect(utf16Of.map((_, cp) => converter.toUtf16(cp))).toEqual(utf16Of);
				expect(utf16Of.map((utf16) => converter.toCodePoint(utf16))).toEqual(utf16Of.map((_, cp) => cp));
				const splitting = Array.from({ length: text.length }, (_, i) => i).filter((i) => !utf16Of.includes(i));
				expect(splitting.every((i) => splitsSurrogatePair(text, i))).toBe(true);
				for (const i of splitting) expect(() => converter.toCodePoint(i)).toThrow(RangeError);
			}),
			{ numRuns: 200 }
		);
	});

	// How fast is npm run bench's business (opening and exporting long articles); this checks the answers at that size.
	it('converts exactly on a 600 KB text, 20,000 conversions each way', () => {
		const paragraph = 'The US said 😀 it would send 🇺🇦 aid worth $60.84 billion. 中文 e\u0301\n';
		const text = paragraph.repeat(Math.ceil(600_000 / paragraph.length));
		const converter = new OffsetConverter(text);
		const length = codePointLength(text);
		let checksum = 0;
		for (let i = 0; i < 20_000; i++) {
			const cp = Math.floor((i / 20_000) * length);
			const utf16 = converter.toUtf16(cp);
			checksum += converter.toCodePoint(utf16) - cp;
		}
		expect(checksum).toBe(0);
		// Spot checks against counting from the start: one per repetition of the paragraph, and the end.
		const perParagraph = codePointLength(paragraph);
		for (const n of [0, 1, 2, 500, 4000, Math.floor(text.length / paragraph.length) - 1]) {
			expect(converter.toUtf16(n * perParagraph)).toBe(n * paragraph.length);
			expect(converter.toCodePoint(n * paragraph.length)).toBe(n * perParagraph);
		}
		expect(converter.toUtf16(length)).toBe(text.length);
	});
});
