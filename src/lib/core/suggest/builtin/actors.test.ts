import { describe, expect, it } from 'vitest';
import { builtinSuggestions, type BuiltinOptions } from './index';

/** The actors suggested for `text`, as their texts. */
function actors(text: string, options: BuiltinOptions = {}): string[] {
	return builtinSuggestions(text, { ...options, labels: ['actor'] }).map((s) => text.slice(s.start, s.end));
}

/** The actors suggested for `text`, as [text, why] pairs. */
function actorsWhy(text: string): [string, string | undefined][] {
	return builtinSuggestions(text, { labels: ['actor'] }).map((s) => [text.slice(s.start, s.end), s.why]);
}

describe('people', () => {
	const ryder = 'Pentagon Press Secretary Major General Pat Ryder told reporters on Tuesday that aid would come.';

	it('includes the attached title by default', () => {
		expect(actorsWhy(ryder)).toEqual([['Pentagon Press Secretary Major General Pat Ryder', 'person']]);
	});

	it('gives the name alone when personTitle is off', () => {
		expect(actors(ryder, { personTitle: false })).toEqual(['Pat Ryder']);
	});

	it('attaches a lower-case title and the organisation before it', () => {
		expect(actors('NATO spokesperson Ingrid Halvorsen said allies were talking.')).toEqual(['NATO spokesperson Ingrid Halvorsen']);
		expect(actors('It was led by former judge Ivana Perić.')).toEqual(['former judge Ivana Perić']);
	});

	it('does not attach a title after a comma', () => {
		expect(actors('“It is over,” said Helena Marsh, head of gas research.')).toEqual(['Helena Marsh']);
	});

	it('reads two unknown proper nouns after a title as a person', () => {
		expect(actors('Ukrainian army spokesman Serhiy Bondar denied that the village had fallen.')).toEqual(['Ukrainian army spokesman Serhiy Bondar']);
	});

	it('finds later surname mentions', () => {
		expect(actors('Defence Minister Rustem Umerov spoke. Later Umerov left.')).toEqual(['Defence Minister Rustem Umerov', 'Umerov']);
	});
});

describe('organisations and countries', () => {
	it('takes in "the" when the name heads the noun phrase', () => {
		expect(actors('He said the Pentagon would pay, and the European Commission agreed.')).toEqual(['the Pentagon', 'the European Commission']);
	});

	it('leaves "the" out before a noun the name modifies', () => {
		expect(actors('Advisers stayed at the US embassy in Kyiv.')).toEqual(['US']);
	});

	it('reads acronyms', () => {
		expect(actorsWhy('NATO and OPEC met.')).toEqual([
			['NATO', 'organization'],
			['OPEC', 'organization']
		]);
	});

	it('leaves the possessive clitic out', () => {
		expect(actorsWhy('Ukraine’s budget grew.')).toEqual([['Ukraine', 'country']]);
	});

	it('reads an organisation from a descriptor before or after it', () => {
		expect(actors('Prices rose, the research firm JATO Dynamics estimated.')).toContain('JATO Dynamics');
		expect(actors('Voltaris, the Franco-Italian carmaker, cut its forecast. Voltaris shares fell.')).toEqual(['Voltaris', 'Voltaris']);
	});

	it('reads a descriptor and a comma before a name', () => {
		expect(actors('It followed a complaint by a rival platform, Tunely, in 2019.')).toEqual(['Tunely']);
	});

	it('does not read a law or a rate as an organisation', () => {
		expect(actors('The Digital Markets Act and the Bank Rate came up.')).toEqual([]);
	});

	it('reads a place name with diacritics from the lexicon', () => {
		expect(actors('Prices in São Paulo have risen.')).toEqual([]);
	});

	it('reads a connector inside an organisation name', () => {
		expect(actors('According to the Kiel Institute for the World Economy, aid fell.')).toEqual(['the Kiel Institute for the World Economy']);
		expect(actors('Observers from the Organization for Security and Co-operation in Europe were there.')).toEqual(['the Organization for Security and Co-operation in Europe']);
	});

	it('keeps two names joined by "and" apart', () => {
		expect(actors('He said the Pentagon and NATO agreed.')).toEqual(['the Pentagon', 'NATO']);
	});
});

describe('places and groups', () => {
	it('counts a city as an actor only when it acts', () => {
		expect(actors('Tariffs rose, and Beijing has threatened to retaliate.')).toEqual(['Beijing']);
		expect(actors('Advisers will stay in Kyiv for now.')).toEqual([]);
	});

	it('reads a nationality and a group noun as a group', () => {
		expect(actorsWhy('Russian forces launched 47 drones.')).toEqual([['Russian forces', 'group']]);
	});

	it('leaves a group noun that modifies another noun out', () => {
		expect(actors('Total American military aid grew.')).toEqual([]);
	});
});

describe('speakers', () => {
	it('takes the unnamed noun phrase before a speech verb', () => {
		expect(actorsWhy('Prices rose 12 %, traders said.')).toEqual([['traders', 'speaker']]);
	});

	it('keeps a possessive inside a speaker and drops the name nested in it', () => {
		expect(actors('Russia’s defence ministry said its troops had advanced.')).toEqual(['Russia’s defence ministry']);
	});

	it('joins a speaker noun to its organisation', () => {
		expect(actors('Analysts at Commerzbank warned that prices could climb.')).toEqual(['Analysts at Commerzbank']);
		expect(actors('In Brussels, a spokesperson for the European Commission said the bloc agreed.')).toEqual(['a spokesperson for the European Commission']);
	});

	it('keeps a person apart from the organisation after "of"', () => {
		expect(actors('Economist Yulia Savchenko of the Kyiv School of Economics said growth would slow.')).toEqual(['Economist Yulia Savchenko', 'the Kyiv School of Economics']);
	});

	it('never makes an actor of a pronoun', () => {
		expect(actors('“We will stay,” he said.')).toEqual([]);
	});
});
