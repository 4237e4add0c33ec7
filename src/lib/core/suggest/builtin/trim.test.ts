import { describe, expect, it } from 'vitest';
import { analyze, rangeText, type Analysis, type TokenRange } from './analysis';
import { cleanEdges, dropPossessive, snapToTokens, stripQuotes, trimLeading, trimPunctuation, withArticle } from './trim';

/** The token range of the first occurrence of `needle` in the analysed text. */
function find(analysis: Analysis, needle: string, from = 0): TokenRange {
	const start = analysis.text.indexOf(needle, from);
	if (start < 0) throw new Error(`"${needle}" is not in the text`);
	return snapToTokens(analysis, start, start + needle.length);
}

describe('trimPunctuation', () => {
	it('drops a trailing comma and period', () => {
		const a = analyze('NATO, and the rest.');
		expect(rangeText(a, trimPunctuation(a, find(a, 'NATO,')))).toBe('NATO');
		expect(rangeText(a, trimPunctuation(a, find(a, 'the rest.')))).toBe('the rest');
	});

	it('drops quote marks that are not balanced inside the range', () => {
		const a = analyze('“We will stay,” he said.');
		expect(rangeText(a, trimPunctuation(a, find(a, 'We will stay,”')))).toBe('We will stay');
	});

	it('keeps a closing quote whose opening quote is inside', () => {
		const a = analyze('He said the plan was "unacceptable".');
		expect(rangeText(a, trimPunctuation(a, find(a, 'the plan was "unacceptable".')))).toBe('the plan was "unacceptable"');
	});

	it('keeps a closing bracket whose opening bracket is inside', () => {
		const a = analyze('It would cost 19 billion reais ($3.7 billion).');
		expect(rangeText(a, trimPunctuation(a, find(a, '19 billion reais ($3.7 billion).')))).toBe('19 billion reais ($3.7 billion)');
		expect(rangeText(a, trimPunctuation(a, find(a, '$3.7 billion).')))).toBe('$3.7 billion');
	});

	it('keeps the percent sign', () => {
		const a = analyze('Prices rose 12 %.');
		expect(rangeText(a, trimPunctuation(a, find(a, '12 %.')))).toBe('12 %');
	});

	it('returns the range itself when nothing changes', () => {
		const a = analyze('NATO said.');
		const range = find(a, 'NATO');
		expect(trimPunctuation(a, range)).toBe(range);
	});
});

describe('dropPossessive', () => {
	it('drops a curly and a straight possessive clitic', () => {
		const a = analyze("Ukraine’s budget and Russia's army");
		expect(rangeText(a, dropPossessive(a, find(a, 'Ukraine’s')))).toBe('Ukraine');
		expect(rangeText(a, dropPossessive(a, find(a, "Russia's")))).toBe('Russia');
	});

	it('leaves a possessive inside the range', () => {
		const a = analyze('Russia’s defence ministry said so.');
		const range = find(a, 'Russia’s defence ministry');
		expect(dropPossessive(a, range)).toBe(range);
	});
});

describe('trimLeading', () => {
	it('drops the preposition before a date', () => {
		const a = analyze('It happened on Tuesday.');
		expect(rangeText(a, trimLeading(a, find(a, 'on Tuesday'), new Set(['on'])))).toBe('Tuesday');
	});

	it('matches case-insensitively', () => {
		const a = analyze('But the party is likely to lose.');
		expect(rangeText(a, trimLeading(a, find(a, 'But the party'), new Set(['but'])))).toBe('the party');
	});
});

describe('stripQuotes', () => {
	it('removes the marks of one quotation and the comma inside them', () => {
		const a = analyze('“We are going to stay,” Ryder said.');
		expect(rangeText(a, stripQuotes(a, find(a, '“We are going to stay,”')))).toBe('We are going to stay');
	});

	it('removes straight marks and the period inside them', () => {
		const a = analyze('He said: "It is over."');
		expect(rangeText(a, stripQuotes(a, find(a, '"It is over."')))).toBe('It is over');
	});

	it('leaves two quotations side by side alone', () => {
		const a = analyze('“Yes” and “no” were said.');
		const range = find(a, '“Yes” and “no”');
		expect(stripQuotes(a, range)).toBe(range);
	});
});

describe('withArticle', () => {
	it('takes in "the" before a name that heads its noun phrase', () => {
		const a = analyze('He said the Pentagon would pay.');
		expect(rangeText(a, withArticle(a, find(a, 'Pentagon')))).toBe('the Pentagon');
	});

	it('leaves "the" out when the name modifies a noun after it', () => {
		const a = analyze('They stayed at the US embassy.');
		const range = find(a, 'US');
		expect(withArticle(a, range)).toBe(range);
	});

	it('takes in "the" before a possessive', () => {
		const a = analyze('It hurt the Kremlin’s plans.');
		expect(rangeText(a, withArticle(a, find(a, 'Kremlin')))).toBe('the Kremlin');
	});
});

describe('snapToTokens', () => {
	it('grows offsets inside a token to the whole token', () => {
		const a = analyze('Pentagon Press Secretary');
		expect(rangeText(a, snapToTokens(a, 2, 11))).toBe('Pentagon Press');
	});

	it('drops white space at the edges', () => {
		const a = analyze('the  US  said');
		expect(rangeText(a, snapToTokens(a, 3, 7))).toBe('US');
	});

	it('stops before a possessive clitic it does not reach', () => {
		const a = analyze('Ukraine’s army');
		expect(rangeText(a, snapToTokens(a, 0, 7))).toBe('Ukraine');
	});

	it('throws a RangeError for offsets outside the text', () => {
		const a = analyze('short');
		expect(() => snapToTokens(a, 2, 99)).toThrow(RangeError);
	});
});

describe('cleanEdges', () => {
	it('applies punctuation and possessive rules until nothing changes', () => {
		const a = analyze('(Ukraine’s) army');
		expect(rangeText(a, cleanEdges(a, find(a, '(Ukraine’s)')))).toBe('Ukraine');
	});

	it('gives an empty range when only punctuation is left', () => {
		const a = analyze('Wait , then.');
		const range = cleanEdges(a, find(a, ','));
		expect(range.to - range.from).toBe(0);
	});
});
