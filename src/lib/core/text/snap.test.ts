import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextWordEdge, previousWordEdge, snapSelection } from './snap';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

const WORDS = { words: true };
const NO_WORDS = { words: false };

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Word-like segments of the whole text: the reference the windowed code is checked against. */
function wordSegments(text: string): Array<{ start: number; end: number }> {
	return [...wordSegmenter.segment(text)]
		.filter((segment) => segment.isWordLike)
		.map((segment) => ({ start: segment.index, end: segment.index + segment.segment.length }));
}

function snapped(text: string, selected: string, policy = WORDS): string | null {
	const start = text.indexOf(selected);
	const result = snapSelection(text, start, start + selected.length, policy);
	return result && text.slice(result.start, result.end);
}

interface Reference {
	readonly words: Array<{ start: number; end: number }>;
	readonly graphemes: number[];
}

function reference(text: string): Reference {
	return { words: wordSegments(text), graphemes: allGraphemeBoundaries(text) };
}

/** The same snapping, written naively over whole-text segmentation. */
function referenceSnap(
	text: string,
	start: number,
	end: number,
	words: boolean,
	{ words: wordList, graphemes }: Reference = reference(text)
): [number, number] | null {
	while (start < end && /\p{White_Space}/u.test(text[start])) start++;
	while (end > start && /\p{White_Space}/u.test(text[end - 1])) end--;
	if (start === end) return null;
	if (words) {
		for (const word of wordList) {
			if (word.start < start && start < word.end) start = word.start;
			if (word.start < end && end < word.end) end = word.end;
		}
	}
	return [graphemes.filter((b) => b <= start).at(-1)!, graphemes.find((b) => b >= end)!];
}

describe('snapSelection', () => {
	const sentence = 'Asked about it, the Pentagon Press Secretary said, "No plans" for $60.84 billion.';

	it('grows partial words to whole words without adding punctuation', () => {
		expect(snapped(sentence, 'ntagon Pre')).toBe('Pentagon Press');
		expect(snapped(sentence, '$60.8')).toBe('$60.84');
		expect(snapped(sentence, '60.8')).toBe('60.84');
		expect(snapped(sentence, 'said,')).toBe('said,');
		expect(snapped(sentence, 'ai')).toBe('said');
		expect(snapped(sentence, 'No plans"')).toBe('No plans"');
		expect(snapped(sentence, ' billion')).toBe('billion');
		expect(snapped(sentence, 'illion.')).toBe('billion.');
	});

	it('only trims and aligns to graphemes when words are off', () => {
		expect(snapped(sentence, ' Pentagon Pre', NO_WORDS)).toBe('Pentagon Pre');
		expect(snapped(sentence, 'ntagon Pre', NO_WORDS)).toBe('ntagon Pre');
		const family = 'hi 👨‍👩‍👧 there';
		expect(snapSelection(family, 4, 6, NO_WORDS)).toEqual({ start: 3, end: 11 });
	});

	it('trims every kind of white space', () => {
		const text = 'a\u00a0\t\r\n word \u3000\u2003\n';
		expect(snapped(text, '\u00a0\t\r\n word \u3000\u2003\n')).toBe('word');
	});

	it('returns null when only white space is selected', () => {
		expect(snapSelection('a \t\r\n b', 1, 6, WORDS)).toBeNull();
		expect(snapSelection('abc', 1, 1, WORDS)).toBeNull();
	});

	it('keeps astral and CJK words whole', () => {
		expect(snapped('see 𝔘𝔫𝔦 go', '𝔫')).toBe('𝔘𝔫𝔦');
		expect(snapped('Kyiv 🇺🇦 today', 'yiv 🇺')).toBe('Kyiv 🇺🇦');
	});

	it('throws RangeError for a range outside the text', () => {
		expect(() => snapSelection('abc', 2, 1, WORDS)).toThrow(/selection 2–1/);
		expect(() => snapSelection('abc', 0, 4, WORDS)).toThrow(RangeError);
	});

	it('matches a whole-text reference on random Unicode', () => {
		fc.assert(
			fc.property(unicodeText(), fc.nat(), fc.nat(), fc.boolean(), (text, a, b, words) => {
				const start = Math.min(a, b) % (text.length + 1);
				const end = Math.max(start, Math.max(a, b) % (text.length + 1));
				const result = snapSelection(text, start, end, { words });
				const expected = referenceSnap(text, start, end, words);
				expect(result && [result.start, result.end]).toEqual(expected);
			}),
			{ numRuns: 200 }
		);
	});

	it('works in long texts without line breaks', () => {
		const text = 'word, 😀 中文 e\u0301te '.repeat(120);
		const expected = reference(text);
		for (let start = 0; start < text.length; start += 37) {
			const end = Math.min(text.length, start + 13);
			const result = snapSelection(text, start, end, WORDS);
			expect(result && [result.start, result.end]).toEqual(referenceSnap(text, start, end, true, expected));
		}
	});
});

describe('word edges', () => {
	function referenceNext(text: string, index: number): number {
		const edges = wordSegments(text).flatMap((word) => [word.start, word.end]);
		return edges.find((edge) => edge > index) ?? text.length;
	}

	function referencePrevious(text: string, index: number): number {
		const edges = wordSegments(text).flatMap((word) => [word.start, word.end]);
		return edges.filter((edge) => edge < index).at(-1) ?? 0;
	}

	it('step over words and punctuation', () => {
		const text = 'The US, "said" 60.84.';
		const forward = [0];
		while (forward.at(-1)! < text.length) forward.push(nextWordEdge(text, forward.at(-1)!));
		expect(forward).toEqual([0, 3, 4, 6, 9, 13, 15, 20, 21]);
		const backward = [text.length];
		while (backward.at(-1)! > 0) backward.push(previousWordEdge(text, backward.at(-1)!));
		expect(backward).toEqual([21, 20, 15, 13, 9, 6, 4, 3, 0]);
	});

	it('go to the text ends when there are no more words', () => {
		expect(nextWordEdge('ab ...', 2)).toBe(6);
		expect(previousWordEdge('... ab', 4)).toBe(0);
		expect(nextWordEdge('', 0)).toBe(0);
		expect(previousWordEdge('', 0)).toBe(0);
	});

	it('match a whole-text reference on random Unicode', () => {
		fc.assert(
			fc.property(unicodeText(), fc.nat(), (text, n) => {
				const index = n % (text.length + 1);
				expect(nextWordEdge(text, index)).toBe(referenceNext(text, index));
				expect(previousWordEdge(text, index)).toBe(referencePrevious(text, index));
			}),
			{ numRuns: 200 }
		);
	});

	it('cross long stretches without words', () => {
		const text = 'start ' + '. '.repeat(3000) + '😀'.repeat(1500) + ' end';
		expect(nextWordEdge(text, 5)).toBe(text.length - 3);
		expect(previousWordEdge(text, text.length - 3)).toBe(5);
	});

	it('throw RangeError outside the text', () => {
		expect(() => nextWordEdge('abc', 4)).toThrow(/index 4/);
		expect(() => previousWordEdge('abc', -1)).toThrow(RangeError);
	});
});
