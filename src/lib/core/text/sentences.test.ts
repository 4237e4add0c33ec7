import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	isSentenceStart,
	nextParagraphStart,
	nextSentenceEnd,
	nextSentenceStart,
	previousParagraphStart,
	previousSentenceStart
} from './sentences';

/** The sentences of a text, as split by the jumps: from each start to the next. */
function sentences(text: string): string[] {
	const out: string[] = [];
	let start = isSentenceStart(text, 0) ? 0 : nextSentenceStart(text, 0);
	while (start < text.length) {
		const end = nextSentenceEnd(text, start);
		out.push(text.slice(start, end));
		start = nextSentenceStart(text, start);
	}
	return out;
}

// [text, its sentences]: each row is one rule of sentences.ts.
const CASES: [string, string[]][] = [
	['One. Two! Three? Four', ['One.', 'Two!', 'Three?', 'Four']],
	// Abbreviations of titles, ranks, months and places do not end a sentence.
	['Maj. Gen. Pat Ryder spoke. Then he left.', ['Maj. Gen. Pat Ryder spoke.', 'Then he left.']],
	['Sen. Mitch McConnell voted on Feb. 12 in Washington. It passed.', ['Sen. Mitch McConnell voted on Feb. 12 in Washington.', 'It passed.']],
	['Dr. Smith and Mr. Jones met. They agreed.', ['Dr. Smith and Mr. Jones met.', 'They agreed.']],
	['Acme Inc. Said so. Fine.', ['Acme Inc. Said so.', 'Fine.']],
	// Dotted initialisms and initials.
	['The U.S. Army said it. Others did not.', ['The U.S. Army said it.', 'Others did not.']],
	['Sanctions by the U.K. Government and the E.U. Council. Next.', ['Sanctions by the U.K. Government and the E.U. Council.', 'Next.']],
	['J. R. R. Tolkien wrote it. Yes.', ['J. R. R. Tolkien wrote it.', 'Yes.']],
	['At 9 a.m. Monday it began. Then rain.', ['At 9 a.m. Monday it began.', 'Then rain.']],
	// Numbers with decimal points and thousands separators.
	['It cost $60.84 billion. That is 1,000.5 units. Done', ['It cost $60.84 billion.', 'That is 1,000.5 units.', 'Done']],
	// Closing quotes and brackets stay with the sentence they close.
	['He said: “We will win.” Then he left.', ['He said: “We will win.”', 'Then he left.']],
	['(This is an aside.) And then "quoted." Next', ['(This is an aside.)', 'And then "quoted."', 'Next']],
	// Opening quotes before an upper-case letter start a sentence.
	['It ended. “Never again,” she said.', ['It ended.', '“Never again,” she said.']],
	// A lower-case word after a stop continues the sentence; ellipses and ?! are one stop.
	['Wait... what happened? Nothing?! Fine… ok', ['Wait... what happened?', 'Nothing?!', 'Fine… ok']],
	// A line break always ends a sentence (headlines have no stop); blank lines are skipped.
	['Headline without stop\n\nFirst line. second part\nnext line', ['Headline without stop', 'First line. second part', 'next line']],
	['CRLF line\r\nNext. Last.', ['CRLF line', 'Next.', 'Last.']],
	['  Leading space. Then.', ['Leading space.', 'Then.']]
];

describe('sentence boundaries', () => {
	for (const [text, expected] of CASES) {
		it(JSON.stringify(text), () => expect(sentences(text)).toEqual(expected));
	}

	it('jumps back to this sentence’s start, then the previous one', () => {
		const text = 'Gen. Ryder spoke. The U.S. agreed. Done.';
		const second = text.indexOf('The');
		const third = text.indexOf('Done');
		expect(previousSentenceStart(text, third + 2)).toBe(third);
		expect(previousSentenceStart(text, third)).toBe(second);
		expect(previousSentenceStart(text, second)).toBe(0);
		expect(previousSentenceStart(text, 0)).toBe(0);
		expect(nextSentenceStart(text, 0)).toBe(second);
		expect(nextSentenceStart(text, third)).toBe(text.length);
	});

	it('extends to the end of this sentence, then the next', () => {
		const text = 'One two. Three four.';
		expect(nextSentenceEnd(text, 0)).toBe(8);
		expect(nextSentenceEnd(text, 8)).toBe(text.length);
		expect(nextSentenceEnd(text, text.length)).toBe(text.length);
	});

	it('moves forward and backward monotonically in any text', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('a', 'B', '.', ' ', '\n', '?', '”', 'U', 'S', '\r') , maxLength: 60 }), fc.nat(60), (text, n) => {
				const offset = Math.min(n, text.length);
				const next = nextSentenceStart(text, offset);
				expect(next).toBeGreaterThan(Math.min(offset, text.length - 1));
				expect(next).toBeLessThanOrEqual(text.length);
				const previous = previousSentenceStart(text, offset);
				expect(previous).toBeLessThanOrEqual(Math.max(0, offset - 1) || 0);
				expect(previous === 0 || isSentenceStart(text, previous)).toBe(true);
				expect(nextSentenceEnd(text, offset)).toBeGreaterThanOrEqual(offset);
			})
		);
	});
});

describe('paragraph boundaries', () => {
	const text = 'Title\n\nFirst paragraph here.\r\n   Indented second.\n\n\nLast';
	const first = text.indexOf('First');
	const second = text.indexOf('Indented');
	const last = text.indexOf('Last');

	it('goes to the next non-blank line', () => {
		expect(nextParagraphStart(text, 0)).toBe(first);
		expect(nextParagraphStart(text, first + 3)).toBe(second);
		expect(nextParagraphStart(text, second)).toBe(last);
		expect(nextParagraphStart(text, last)).toBe(text.length);
	});

	it('goes to this line’s start, then the previous non-blank line', () => {
		expect(previousParagraphStart(text, second + 4)).toBe(second);
		expect(previousParagraphStart(text, second)).toBe(first);
		expect(previousParagraphStart(text, first)).toBe(0);
		expect(previousParagraphStart(text, last)).toBe(second);
		expect(previousParagraphStart(text, 0)).toBe(0);
	});
});
