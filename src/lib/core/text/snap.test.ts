import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextWordEdge, previousWordEdge, snapSelection } from './snap';
import { tokenOffsets } from './tokenizer';
import { allGraphemeBoundaries, unicodeText } from '../testing/unicode';

const WORDS = { words: true };
const NO_WORDS = { words: false };

/** Tokens of the whole text: the reference the windowed code is checked against. */
function wordSegments(text: string): Array<{ start: number; end: number }> {
	const offsets = tokenOffsets(text);
	const out: Array<{ start: number; end: number }> = [];
	for (let k = 0; k < offsets.length; k += 2) out.push({ start: offsets[k], end: offsets[k + 1] });
	return out;
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

	it('never adds a clitic the user did not select, and takes it whole when part of it is selected', () => {
		const text = 'Zelenskyy’s proposed talks; Biden\'s aides don’t agree on Ukraine’s, “Kyiv-based” plans.';
		expect(snapped(text, 'Zelenskyy')).toBe('Zelenskyy');
		expect(snapped(text, 'elensk')).toBe('Zelenskyy');
		expect(snapped(text, 'Zelenskyy’')).toBe('Zelenskyy’s');
		expect(snapped(text, 'y’s propo')).toBe('Zelenskyy’s proposed');
		expect(snapped(text, 'Biden')).toBe('Biden');
		expect(snapped(text, 'iden\'')).toBe("Biden's");
		expect(snapped(text, 'do')).toBe('do');
		expect(snapped(text, 'on’')).toBe('don’t');
		expect(snapped(text, 'Ukrain')).toBe('Ukraine');
		expect(snapped(text, 'Ukraine’s')).toBe('Ukraine’s');
		expect(snapped(text, 'Kyiv')).toBe('Kyiv');
		expect(snapped(text, 'Kyiv-bas')).toBe('Kyiv-based');
		expect(snapped(text, 'yiv-based”')).toBe('Kyiv-based”');
	});

	it('keeps URLs and e-mail addresses whole, and snaps CJK text to characters', () => {
		const text = 'See https://nato.int/news?id=5 or write to press@nato.int; 中文新闻.';
		expect(snapped(text, 'nato.int/ne')).toBe('https://nato.int/news?id=5');
		expect(snapped(text, 'press@')).toBe('press@nato.int');
		expect(snapped(text, '文新')).toBe('文新');
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

	it('keeps astral words and emoji whole', () => {
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

	it('step over tokens: words, clitics and punctuation', () => {
		const text = 'The US’s "said" 60.84.';
		const forward = [0];
		while (forward.at(-1)! < text.length) forward.push(nextWordEdge(text, forward.at(-1)!));
		expect(forward).toEqual([0, 3, 4, 6, 8, 9, 10, 14, 15, 16, 21, 22]);
		const backward = [text.length];
		while (backward.at(-1)! > 0) backward.push(previousWordEdge(text, backward.at(-1)!));
		expect(backward).toEqual([...forward].reverse());
	});

	it('go to the text ends when there are no more tokens', () => {
		expect(nextWordEdge('ab ...', 2)).toBe(3);
		expect(nextWordEdge('ab  \n ', 2)).toBe(6);
		expect(previousWordEdge('... ab', 4)).toBe(3);
		expect(previousWordEdge(' \n ab', 3)).toBe(0);
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

	it('cross long stretches of white space', () => {
		const text = 'start ' + ' \n'.repeat(3000) + '\t'.repeat(1500) + ' end';
		expect(nextWordEdge(text, 5)).toBe(text.length - 3);
		expect(previousWordEdge(text, text.length - 3)).toBe(5);
	});

	it('throw RangeError outside the text', () => {
		expect(() => nextWordEdge('abc', 4)).toThrow(/index 4/);
		expect(() => previousWordEdge('abc', -1)).toThrow(RangeError);
	});
});
