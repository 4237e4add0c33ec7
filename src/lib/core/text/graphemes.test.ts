import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { graphemeCeil, graphemeFloor, isGraphemeBoundary } from './graphemes';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

/** Checks the windowed answers against whole-text segmentation at the given indices. */
function expectAgreesWithWholeSegmentation(text: string, step = 1): void {
	const boundaries = allGraphemeBoundaries(text);
	const isBoundary = new Set(boundaries);
	const expected: string[] = [];
	const actual: string[] = [];
	let next = 0;
	for (let i = 0; i <= text.length; i++) {
		while (boundaries[next] < i) next++;
		if (i % step !== 0 && i !== text.length) continue;
		const floor = isBoundary.has(i) ? i : boundaries[next - 1];
		expected.push(`${i}: ${isBoundary.has(i)} ${floor} ${boundaries[next]}`);
		actual.push(
			`${i}: ${isGraphemeBoundary(text, i)} ${graphemeFloor(text, i)} ${graphemeCeil(text, i)}`
		);
	}
	expect(actual).toEqual(expected);
}

describe('grapheme boundaries', () => {
	it('treats 0 and the text length as boundaries', () => {
		expect(isGraphemeBoundary('', 0)).toBe(true);
		expect(isGraphemeBoundary('ab', 0)).toBe(true);
		expect(isGraphemeBoundary('ab', 2)).toBe(true);
	});

	it('keeps clusters whole', () => {
		const family = 'x👨‍👩‍👧y'; // x0, family 1..9, y9
		expect(isGraphemeBoundary(family, 3)).toBe(false);
		expect(graphemeFloor(family, 3)).toBe(1);
		expect(graphemeCeil(family, 3)).toBe(9);
		expect(isGraphemeBoundary('e\u0301', 1)).toBe(false);
		expect(graphemeCeil('e\u0301!', 1)).toBe(2);
		expect(isGraphemeBoundary('a\r\nb', 2)).toBe(false);
		expect(graphemeFloor('a\r\nb', 2)).toBe(1);
		expect(isGraphemeBoundary('a\r\rb', 2)).toBe(true);
		// A prepended mark (Arabic number sign) joins the ASCII digit after it.
		expect(isGraphemeBoundary('\u06001', 1)).toBe(false);
	});

	it('pairs flags from the start of their run', () => {
		const flags = '🇺🇸🇺🇦🇩'; // RI at 0,2,4,6,8: pairs [0,4) [4,8), then a lone RI
		expect(isGraphemeBoundary(flags, 4)).toBe(true);
		expect(isGraphemeBoundary(flags, 6)).toBe(false);
		expect(graphemeFloor(flags, 6)).toBe(4);
		expect(isGraphemeBoundary(flags, 8)).toBe(true);
	});

	it('throws RangeError outside the text', () => {
		expect(() => isGraphemeBoundary('abc', 4)).toThrow(/index 4 is outside the text \(length 3\)/);
		expect(() => graphemeFloor('abc', -1)).toThrow(RangeError);
		expect(() => graphemeCeil('abc', 1.5)).toThrow(RangeError);
	});

	it('agrees with whole-text segmentation on random Unicode', () => {
		fc.assert(
			fc.property(unicodeText(40), (text) => expectAgreesWithWholeSegmentation(text)),
			{ numRuns: 200 }
		);
	});

	it('agrees with whole-text segmentation where no safe window edge is near', () => {
		const emoji = '😀'.repeat(600) + 'e\u0301'.repeat(300) + '👨‍👩‍👧'.repeat(60);
		expectAgreesWithWholeSegmentation(emoji, 7);
		// A flag run longer than the window, with an odd number of regional indicators before it.
		const flags = '🇩' + '🇺🇦'.repeat(300) + ' and ' + '🇺🇸'.repeat(10);
		expectAgreesWithWholeSegmentation(flags, 7);
	});

	// How fast is npm run bench's business; this checks the answers far into a long text.
	it('answers exactly on a 600 KB text', () => {
		const unit = 'Kyiv 🇺🇦 said e\u0301 👨‍👩‍👧 中文.\r\n';
		const text = unit.repeat(20_000);
		// Within one repetition, the boundaries of whole-text segmentation of that repetition.
		const expected = new Set([...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(unit)].map((s) => s.index));
		let boundaries = 0;
		for (let i = 0; i < 20_000; i++) {
			const at = Math.floor((i / 20_000) * text.length);
			const boundary = isGraphemeBoundary(text, at);
			expect(boundary, `offset ${at}`).toBe(expected.has(at % unit.length));
			if (boundary) boundaries++;
		}
		expect(boundaries).toBeGreaterThan(0);
	});
});
