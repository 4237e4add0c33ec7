/**
 * What compromise knows about words, read from its lexicon: first and last names, countries, cities,
 * organisations, nationalities ("Demonym"), role nouns ("Actor": spokesperson, analysts), and its
 * lists of words that end organisations' and places' names. compromise's tagger is not run: it costs
 * about 250 ms on a 2,000-word article and 13 s on 100,000 words, far over the built-in budget,
 * while its lexicon answers in a map lookup. The lexicon is compromise's own, stored as data
 * (compromise-lexicon.ts, checked against the installed compromise by lexicon-data.test.ts): importing
 * compromise would unpack its whole model first, about 660 ms of the worker's start.
 */
import { ORGANISATION_WORDS } from './lexicon';
import { lexiconFrom, type Lexicon } from './lexicon-data';
import { LEXICON } from './compromise-lexicon';

let lexicon: Lexicon | undefined;

function get(): Lexicon {
	lexicon ??= lexiconFrom(LEXICON, ORGANISATION_WORDS);
	return lexicon;
}

/** Reads the lexicon now, ahead of the first article. */
export function prepareLexicon(): void {
	get();
}

const MARKS = /\p{M}/gu;
const PLAIN = /^[\x00-\x7f]*$/;

/** compromise's entry for a phrase, else for it without diacritics (its lexicon has "sao paulo", not "são paulo"). */
function entry(phrase: string): readonly string[] | undefined {
	const words = get().words;
	const found = words.get(phrase);
	if (found !== undefined || PLAIN.test(phrase)) return found;
	return words.get(phrase.normalize('NFD').replace(MARKS, ''));
}

/** compromise's tags for a lower-case word or phrase ("angela" → FemaleName, "united states" → Country); empty when unknown. */
export function lexiconTags(phrase: string): readonly string[] {
	return entry(phrase) ?? [];
}

/** True when compromise tags `phrase` (lower-case) with one of `tags`. */
export function hasTag(phrase: string, tags: readonly string[]): boolean {
	const found = entry(phrase);
	return found !== undefined && found.some((tag) => tags.includes(tag));
}

/** True for a word that ends or marks an organisation's name ("Commission", "Bank", "Institute", "Party"). */
export function isOrganisationWord(word: string): boolean {
	return get().orgWords.has(word);
}

/** True for a word that marks a place's name ("Sea", "River", "Island"). */
export function isPlaceWord(word: string): boolean {
	return get().placeWords.has(word);
}

/** Tags of first names. */
export const FIRST_NAME_TAGS: readonly string[] = ['FirstName', 'MaleName', 'FemaleName'];
/** Tags of words that are ordinary words, not names, when capitalised only because they start a sentence. */
export const COMMON_WORD_TAGS: readonly string[] = [
	'Singular', 'Plural', 'Noun', 'Adjective', 'Adverb', 'Infinitive', 'PresentTense', 'PastTense', 'Gerund', 'Determiner',
	'Preposition', 'Conjunction', 'Pronoun', 'Uncountable', 'Comparative', 'Superlative', 'Modal', 'Copula', 'QuestionWord'
];
