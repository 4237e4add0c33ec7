import { describe, expect, it } from 'vitest';
import { tokenOffsets } from '../../text/tokenizer';
import { analyze, rangeText, tagTokens } from './analysis';

function words(text: string, tokens: Int32Array): string[] {
	const out: string[] = [];
	for (let k = 0; k < tokens.length; k += 2) out.push(text.slice(tokens[k], tokens[k + 1]));
	return out;
}

describe('tagTokens', () => {
	it('gives each token its POS tag and lemma', () => {
		const text = 'Ryder told reporters that the US would send aid.';
		const tokens = tokenOffsets(text);
		const { pos, lemma } = tagTokens(text, tokens);
		expect(pos).toHaveLength(tokens.length / 2);
		const at = (word: string) => words(text, tokens).indexOf(word);
		expect([pos[at('told')], lemma[at('told')]]).toEqual(['VERB', 'tell']);
		expect([pos[at('reporters')], lemma[at('reporters')]]).toEqual(['NOUN', 'reporter']);
		expect(pos[at('Ryder')]).toBe('PROPN');
		expect(pos[at('.')]).toBe('PUNCT');
	});

	it('splits a possessive clitic as the project tokenizer does', () => {
		const text = 'Ukraine’s budget';
		const { pos } = tagTokens(text, tokenOffsets(text));
		expect(pos).toEqual(['PROPN', 'PART', 'NOUN']);
	});

	it('gives every part of a wider wink token that token’s tag, and its own text as lemma', () => {
		// wink-nlp keeps "2008-2011" whole; the project tokenizer cuts it in three.
		const text = 'The 2008-2011 crisis';
		const tokens = tokenOffsets(text);
		expect(words(text, tokens)).toEqual(['The', '2008', '-', '2011', 'crisis']);
		const { pos, lemma } = tagTokens(text, tokens);
		expect(pos.slice(1, 4)).toEqual(['NUM', 'NUM', 'NUM']);
		expect(lemma.slice(1, 4)).toEqual(['2008', '-', '2011']);
	});

	it('aligns by offsets after astral characters', () => {
		const text = 'Fans 😀😀 cheered Olaf Scholz.';
		const tokens = tokenOffsets(text);
		const { pos, lemma } = tagTokens(text, tokens);
		const at = words(text, tokens).indexOf('cheered');
		expect(lemma[at]).toBe('cheer');
		expect(pos[words(text, tokens).indexOf('Scholz')]).toBe('PROPN');
	});

	it('tags a text longer than one wink-nlp chunk to its end', () => {
		const paragraph = 'The ministry said prices rose 12 % on Monday.\n';
		const text = paragraph.repeat(1000);
		const tokens = tokenOffsets(text);
		const { pos, lemma } = tagTokens(text, tokens);
		expect(pos.at(-3)).toBe('ADP');
		expect(lemma.at(-8)).toBe('say');
		expect(pos.filter((tag) => tag === 'X')).toEqual([]);
	});

	it('throws a RangeError for an odd number of offsets', () => {
		expect(() => tagTokens('a b', Int32Array.from([0, 1, 2]))).toThrow(RangeError);
	});
});

describe('analyze', () => {
	it('maps wink-nlp entities onto the project tokens', () => {
		const a = analyze('The US will send $60.84 billion on Tuesday.');
		expect(a.entities.map((entity) => [rangeText(a, entity), entity.type])).toEqual([
			['$60.84 billion', 'MONEY'],
			['Tuesday', 'DATE']
		]);
	});

	it('starts a sentence at every line break', () => {
		const a = analyze('Headline without a period\nThe body starts here.');
		expect(Array.from(a.sentenceStarts)).toEqual([0, 4, a.size]);
	});

	it('keeps entity offsets right far into a long text', () => {
		const text = 'Filler words go here.\n'.repeat(2000) + 'It cost €3,400 in 2013.';
		const a = analyze(text);
		const last = a.entities.at(-1);
		expect(last && [rangeText(a, last), last.type]).toEqual(['2013', 'DATE']);
	});
});
