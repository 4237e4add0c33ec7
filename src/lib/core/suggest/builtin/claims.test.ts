import { describe, expect, it } from 'vitest';
import { builtinSuggestions } from './index';

interface ReadClaim {
	readonly text: string;
	readonly speaker?: string;
	readonly why?: string;
}

/** The claims suggested for `text`, with their speakers' texts. */
function claims(text: string): ReadClaim[] {
	return builtinSuggestions(text, { labels: ['claim'] }).map((s) => {
		const claim: ReadClaim = { text: text.slice(s.start, s.end), why: s.why };
		return s.speaker ? { ...claim, speaker: text.slice(s.speaker.start, s.speaker.end) } : claim;
	});
}

describe('speech verbs', () => {
	it('X said that Y → Y, spoken by X', () => {
		expect(claims('Pentagon Press Secretary Major General Pat Ryder told reporters on Tuesday that the US would send $2.5 billion.')).toEqual([
			{ text: 'the US would send $2.5 billion', speaker: 'Pentagon Press Secretary Major General Pat Ryder', why: 'speech-verb' }
		]);
	});

	it('X said Y → Y, without "that"', () => {
		expect(claims('NATO spokesperson Ingrid Halvorsen said allies were discussing new stocks.')).toEqual([
			{ text: 'allies were discussing new stocks', speaker: 'NATO spokesperson Ingrid Halvorsen', why: 'speech-verb' }
		]);
	});

	it('Y, X said → Y', () => {
		expect(claims('European gas prices rose 12 % on Monday, traders said.')).toEqual([{ text: 'European gas prices rose 12 % on Monday', speaker: 'traders', why: 'speech-verb' }]);
	});

	it('Y, descriptor X said → Y, spoken by the name', () => {
		expect(claims('Power was restored to 200,000 homes, the state grid operator Ukrenergo said.')).toEqual([
			{ text: 'Power was restored to 200,000 homes', speaker: 'Ukrenergo', why: 'speech-verb' }
		]);
	});

	it('skips reporting adjuncts before "that"', () => {
		expect(claims('Nordhavn Bank said in a statement that it had tightened its controls.')).toEqual([
			{ text: 'it had tightened its controls', speaker: 'Nordhavn Bank', why: 'speech-verb' }
		]);
	});

	it('ends the clause at ", while" and reads the next one', () => {
		expect(claims('Republican lawmakers have insisted that money must be tied to the border, while the White House warned that funds would run out.')).toEqual([
			{ text: 'money must be tied to the border', speaker: 'Republican lawmakers', why: 'speech-verb' },
			{ text: 'funds would run out', speaker: 'the White House', why: 'speech-verb' }
		]);
	});

	it('splits "said X and claimed that Y" and keeps the speaker for both', () => {
		expect(claims('National Renewal leader Damir Kovač said his party would not join and claimed that there had been irregularities.')).toEqual([
			{ text: 'his party would not join', speaker: 'National Renewal leader Damir Kovač', why: 'speech-verb' },
			{ text: 'there had been irregularities', speaker: 'National Renewal leader Damir Kovač', why: 'speech-verb' }
		]);
	});

	it('gives the sentence subject to "… but said that"', () => {
		expect(claims('Ryder declined to give details but said that the Pentagon would announce it soon.')).toEqual([
			{ text: 'the Pentagon would announce it soon', speaker: 'Ryder', why: 'speech-verb' }
		]);
	});

	it('reads the speaker before an appositive', () => {
		expect(claims('The International Monetary Fund, which is lending Ukraine $15.6 billion, said that the budget was sound.')).toEqual([
			{ text: 'the budget was sound', speaker: 'The International Monetary Fund', why: 'speech-verb' }
		]);
	});

	it('gives no speaker for a pronoun, and reads "adding that"', () => {
		expect(claims('"Our units are holding their positions," he said, adding that losses were as high as 60 vehicles.')).toEqual([
			{ text: 'Our units are holding their positions', why: 'quote' },
			{ text: 'losses were as high as 60 vehicles', why: 'speech-verb' }
		]);
	});

	it('drops a leading "But"', () => {
		expect(claims('But the Civic Alliance is likely to fall short of a majority, analysts said.')).toEqual([
			{ text: 'the Civic Alliance is likely to fall short of a majority', speaker: 'analysts', why: 'speech-verb' }
		]);
	});

	it('reads a clause that starts with a gerund after "that"', () => {
		expect(claims('Analysts warned that cutting rates too early risked a rebound.')).toEqual([
			{ text: 'cutting rates too early risked a rebound', speaker: 'Analysts', why: 'speech-verb' }
		]);
	});

	it('gives no speaker to "Others" and the like', () => {
		expect(claims('Others warned that prices would rebound.')).toEqual([{ text: 'prices would rebound', why: 'speech-verb' }]);
	});

	it('makes no claim of a noun phrase object', () => {
		expect(claims('Eriksen denied the charges. The company announced a buyback.')).toEqual([]);
	});
});

describe('according to', () => {
	it('According to X, Y → Y', () => {
		expect(claims('According to the Kiel Institute for the World Economy, European governments have pledged more aid.')).toEqual([
			{ text: 'European governments have pledged more aid', speaker: 'the Kiel Institute for the World Economy', why: 'according-to' }
		]);
	});

	it('Y, according to X → Y', () => {
		expect(claims('Defence spending will account for 26.3% of GDP, according to the ministry.')).toEqual([
			{ text: 'Defence spending will account for 26.3% of GDP', speaker: 'the ministry', why: 'according-to' }
		]);
	});

	it('gives no speaker when the source is a document', () => {
		expect(claims('According to the indictment, the payments were routed through Cyprus.')).toEqual([{ text: 'the payments were routed through Cyprus', why: 'according-to' }]);
	});
});

describe('quotations', () => {
	it('takes curly quotes out with the comma inside them', () => {
		expect(claims('“We are going to keep supporting Ukraine,” Ryder said.')).toEqual([{ text: 'We are going to keep supporting Ukraine', speaker: 'Ryder', why: 'quote' }]);
	});

	it('reads straight quotes and an inverted "said X"', () => {
		expect(claims('"Storage is falling fast," said Helena Marsh, head of research at Aurora Partners.')).toEqual([
			{ text: 'Storage is falling fast', speaker: 'Helena Marsh', why: 'quote' }
		]);
	});

	it('reads an inverted speaker followed by their organisation', () => {
		expect(claims('“The last mile is always the hardest,” said Katarzyna Nowak of the National Institute of Economic and Social Research.')).toEqual([
			{ text: 'The last mile is always the hardest', speaker: 'Katarzyna Nowak', why: 'quote' }
		]);
	});

	it('reads a quotation after "said:" and leaves the period inside it out', () => {
		expect(claims('Asked about it, he said: “I would not be standing here otherwise.”')).toEqual([{ text: 'I would not be standing here otherwise', why: 'quote' }]);
	});

	it('keeps a quotation of several sentences whole', () => {
		expect(claims('“The numbers are sobering. We are not producing enough,” she told a press conference in Brussels.')).toEqual([
			{ text: 'The numbers are sobering. We are not producing enough', why: 'quote' }
		]);
	});

	it('keeps a short quoted phrase inside the reported clause', () => {
		expect(claims('Umerov said the new equipment would "make a real difference" on the front line.')).toEqual([
			{ text: 'the new equipment would "make a real difference" on the front line', speaker: 'Umerov', why: 'speech-verb' }
		]);
	});

	it('makes no claim of a short quotation without a speech verb', () => {
		expect(claims('The so-called "new realities" were discussed.')).toEqual([]);
	});
});
