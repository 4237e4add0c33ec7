/**
 * Proper names and what they name: runs of capitalised tokens (joined by "of", "for", "&" … inside an
 * organisation's name, and by hyphens), each classified as a person, an organisation, a country or a
 * place from compromise's lexicon (first names, countries, cities, organisation words) and the tables
 * in lexicon.ts (titles, organisation words, descriptors). A person keeps the title attached before
 * the name ("Pentagon Press Secretary Major General Pat Ryder": title from "Pentagon", name from "Pat").
 *
 * Unknown names are classified by what stands next to them: a descriptor ("the research firm JATO
 * Dynamics", "Voltaris, the Franco-Italian carmaker,"), two or three unknown proper nouns (a person:
 * "Serhiy Bondar"), and later mentions of a name already classified ("Ryder" after "… Pat Ryder").
 */
import { dateMask, sentenceOf, touchesPrevious, type Analysis, type TokenRange } from './analysis';
import { COMMON_WORD_TAGS, FIRST_NAME_TAGS, hasTag, isOrganisationWord, isPlaceWord } from './gazetteer';
import {
	COUNTRY_ALIASES, CURRENCY_SIGNS, NAME_CONNECTORS, NON_ACTOR_ACRONYMS, NON_ORGANISATION_ENDINGS, ORGANISATION_NOUNS, ORGANISATIONS, TITLE_MODIFIERS, TITLE_WORDS
} from './lexicon';
import { isPossessive, isQuoteMark } from './trim';

/** What a name names. `unknown` names become actors only by their place in a sentence (a speaker). */
export type NameKind = 'person' | 'organization' | 'country' | 'place' | 'unknown';

/** A name: the tokens `[from, to)` of the name proper, and for a person the attached title `[titleFrom, from)`. */
export interface Name extends TokenRange {
	readonly kind: NameKind;
	readonly titleFrom: number;
}

const CAPITAL = /^\p{Lu}/u;
const ACRONYM = /^(?:[A-Z][A-Z0-9&]*[A-Z0-9]|(?:[A-Z]\.){2,})$/;
/** Parts of speech a name's word never has (a capital "I", "The" or "In" is no name). */
const CLOSED_POS = new Set(['PRON', 'DET', 'ADP', 'AUX', 'CCONJ', 'SCONJ', 'PART', 'PUNCT', 'SYM', 'INTJ', 'NUM']);
const NAME_TAGS = [...FIRST_NAME_TAGS, 'LastName', 'Person', 'Country', 'City', 'Region', 'Place', 'Organization', 'Demonym'];
const PLACE_TAGS = ['City', 'Region', 'Place'];

/** True for an acronym that may name an organisation ("NATO", "U.S.", not "GDP"). */
export function isAcronym(word: string): boolean {
	return ACRONYM.test(word) && !NON_ACTOR_ACRONYMS.has(word.replace(/\./g, ''));
}

/** True when token `k` starts a sentence or a quotation (where capitals say nothing). */
export function startsSentence(analysis: Analysis, k: number): boolean {
	return sentenceOf(analysis, k).from === k || (k > 0 && (isQuoteMark(analysis.word[k - 1]) || analysis.word[k - 1] === '('));
}

/** True when token `k` can be a word of a name. */
function isNameToken(analysis: Analysis, k: number, dates: Uint8Array): boolean {
	const word = analysis.word[k];
	if (!CAPITAL.test(word) || dates[k] || CURRENCY_SIGNS.has(word) || CLOSED_POS.has(analysis.pos[k])) return false;
	const lower = analysis.lower[k];
	if (hasTag(lower, ['Month', 'WeekDay'])) return false;
	if (!startsSentence(analysis, k) || isAcronym(word)) return true;
	// A capital at a sentence start: a name only if the word is known as one, or tagged a proper noun and not a common word.
	return hasTag(lower, NAME_TAGS) || COUNTRY_ALIASES.has(word) || (analysis.pos[k] === 'PROPN' && !hasTag(lower, COMMON_WORD_TAGS) && !TITLE_WORDS.has(lower));
}

function isTitleWord(analysis: Analysis, k: number): boolean {
	return TITLE_WORDS.has(analysis.lower[k]);
}

/** Maximal runs of name tokens, with hyphen-joined pieces and connectors inside organisations' names. */
function nameRuns(analysis: Analysis): TokenRange[] {
	const dates = dateMask(analysis);
	const runs: TokenRange[] = [];
	let k = 0;
	while (k < analysis.size) {
		if (!isNameToken(analysis, k, dates)) {
			k++;
			continue;
		}
		const from = k;
		const sentenceEnd = sentenceOf(analysis, k).to;
		let orgLike = isOrganisationWord(analysis.lower[k]) || isTitleWord(analysis, k);
		let connected = false;
		k++;
		for (;;) {
			if (k >= sentenceEnd) break;
			if (isNameToken(analysis, k, dates)) {
				orgLike ||= isOrganisationWord(analysis.lower[k]) || isTitleWord(analysis, k);
				k++;
			} else if (analysis.word[k] === '-' && touchesPrevious(analysis, k) && k + 1 < sentenceEnd && touchesPrevious(analysis, k + 1) && /^\p{L}/u.test(analysis.word[k + 1])) {
				k += 2;
			} else if (orgLike && analysis.lower[k] === 'in' && k + 1 < sentenceEnd && isNameToken(analysis, k + 1, dates) && hasTag(analysis.lower[k + 1], ['Place', 'Region', 'Country'])) {
				// "Organization for Security and Co-operation in Europe": a region ends the name.
				k += 2;
				break;
			} else if (orgLike && NAME_CONNECTORS.has(analysis.lower[k])) {
				// "Kiel Institute for the World Economy": connectors, then a name word.
				// "and" only inside a name that has a connector already ("Organization for Security and
				// Co-operation"), so that "the Pentagon and NATO" stay two names.
				let next = k;
				while (next < sentenceEnd && NAME_CONNECTORS.has(analysis.lower[next])) next++;
				const joins = analysis.lower[k] === 'and' ? connected && next - k === 1 : next - k <= 2;
				if (joins && next < sentenceEnd && isNameToken(analysis, next, dates)) {
					connected ||= analysis.lower[k] !== '&';
					k = next;
				} else break;
			} else break;
		}
		runs.push({ from, to: k });
	}
	return runs;
}

function phrase(analysis: Analysis, range: TokenRange): string {
	return analysis.text.slice(analysis.tokens[2 * range.from], analysis.tokens[2 * range.to - 1]);
}

function isCountry(analysis: Analysis, range: TokenRange): boolean {
	const text = phrase(analysis, range);
	return COUNTRY_ALIASES.has(text) || hasTag(text.toLowerCase(), ['Country']);
}

function isOrganisation(analysis: Analysis, range: TokenRange): boolean {
	const lower = phrase(analysis, range).toLowerCase();
	if (ORGANISATIONS.has(lower) || hasTag(lower, ['Organization'])) return true;
	if (range.to - range.from === 1) {
		// A lone organisation word at a sentence start is a common noun ("Government critics …").
		if (isAcronym(analysis.word[range.from])) return true;
		return isOrganisationWord(analysis.lower[range.from]) && !startsSentence(analysis, range.from);
	}
	if (NON_ORGANISATION_ENDINGS.has(analysis.lower[range.to - 1])) return false;
	for (let k = range.from; k < range.to; k++) if (isOrganisationWord(analysis.lower[k])) return true;
	return false;
}

/** Where a person's name proper starts inside a run, after the last title word (-1: no title in it). */
function afterTitle(analysis: Analysis, run: TokenRange): number {
	for (let k = run.to - 2; k >= run.from; k--) if (isTitleWord(analysis, k)) return k + 1;
	return -1;
}

function looksLikePersonName(analysis: Analysis, range: TokenRange): boolean {
	const length = range.to - range.from;
	if (length < 1 || length > 4) return false;
	for (let k = range.from; k < range.to; k++) {
		if (!CAPITAL.test(analysis.word[k]) && analysis.word[k] !== '-' && !touchesPrevious(analysis, k)) return false;
		if (isOrganisationWord(analysis.lower[k]) || isTitleWord(analysis, k)) return false;
	}
	return true;
}

function hasFirstName(analysis: Analysis, range: TokenRange): boolean {
	return range.to - range.from >= 2 && hasTag(analysis.lower[range.from], FIRST_NAME_TAGS);
}

/** True when tokens `[from, to)` hold a title word that is more than a modifier ("Secretary", not only "General"). */
function hasFullTitle(analysis: Analysis, from: number, to: number): boolean {
	for (let k = from; k < to; k++) if (isTitleWord(analysis, k) && !TITLE_MODIFIERS.has(analysis.lower[k])) return true;
	return false;
}

/** Two or three proper nouns none of which compromise knows as anything: a person's name, most often. */
function isUnknownPair(analysis: Analysis, range: TokenRange): boolean {
	const length = range.to - range.from;
	if (length < 2 || length > 3) return false;
	for (let k = range.from; k < range.to; k++) {
		if (analysis.pos[k] !== 'PROPN' || isAcronym(analysis.word[k]) || isPlaceWord(analysis.lower[k])) return false;
		if (hasTag(analysis.lower[k], [...PLACE_TAGS, 'Country', 'Demonym', 'Organization', ...COMMON_WORD_TAGS])) return false;
	}
	return true;
}

/**
 * Grows a person's title to the left over title words, capitalised words and the nouns before a
 * title word ("Ukrainian army spokesman", "Construction company founder"), never over "the", a
 * possessive, punctuation or a verb.
 */
function titleStart(analysis: Analysis, from: number, sentenceFrom: number, dates: Uint8Array): number {
	let start = from;
	let k = from - 1;
	let pendingNouns = 0;
	while (k >= sentenceFrom) {
		const word = analysis.word[k];
		if (isPossessive(word) || analysis.pos[k] === 'DET' || analysis.pos[k] === 'PUNCT') break;
		if (isTitleWord(analysis, k)) {
			start = k;
			pendingNouns = 0;
		} else if (isNameToken(analysis, k, dates) && start < from) {
			start = k;
		} else if ((analysis.pos[k] === 'NOUN' || analysis.pos[k] === 'ADJ') && start < from && pendingNouns < 2) {
			// A noun counts only if it reaches a title word or a capitalised word further left.
			pendingNouns++;
			start = k;
		} else break;
		k--;
	}
	// Nouns taken in on the left edge without a title word or name before them stay out ("the state grid").
	while (start < from && !isTitleWord(analysis, start) && !CAPITAL.test(analysis.word[start])) start++;
	return start;
}

/** The organisation descriptors next to an unknown name: "the research firm X", "X, the energy regulator,". */
function hasDescriptor(analysis: Analysis, run: TokenRange): boolean {
	if (run.from > 0 && ORGANISATION_NOUNS.has(analysis.lower[run.from - 1])) return true;
	// "a rival service, Sonora,": the descriptor and a comma before the name.
	if (run.from > 1 && analysis.word[run.from - 1] === ',' && ORGANISATION_NOUNS.has(analysis.lower[run.from - 2]) && analysis.word[run.to] === ',') return true;
	if (run.to + 2 < analysis.size && analysis.word[run.to] === ',' && ['the', 'a', 'an'].includes(analysis.lower[run.to + 1])) {
		for (let k = run.to + 2; k < Math.min(analysis.size, run.to + 9); k++) {
			if (ORGANISATION_NOUNS.has(analysis.lower[k])) return true;
			if (analysis.word[k] === ',' || analysis.pos[k] === 'VERB' || analysis.pos[k] === 'AUX') return false;
		}
	}
	return false;
}

/**
 * The names of the article, in text order, not overlapping. Titles are attached to persons; a run that
 * became part of a title ("NATO" in "NATO spokesperson Ingrid Halvorsen") is not a name of its own.
 */
export function findNames(analysis: Analysis): Name[] {
	const dates = dateMask(analysis);
	const runs = nameRuns(analysis);
	const names: Name[] = [];
	const known = new Map<string, NameKind>();
	const surnames = new Set<string>();
	for (const run of runs) {
		const sentenceFrom = sentenceOf(analysis, run.from).from;
		let kind: NameKind = 'unknown';
		let from = run.from;
		const nameFrom = afterTitle(analysis, run);
		const titled = nameFrom > 0 ? { from: nameFrom, to: run.to } : undefined;
		if (isCountry(analysis, run)) kind = 'country';
		else if (titled && looksLikePersonName(analysis, titled) && (hasFirstName(analysis, titled) || hasFullTitle(analysis, run.from, nameFrom))) {
			kind = 'person';
			from = nameFrom;
		} else if (isOrganisation(analysis, run)) kind = 'organization';
		else if (hasFirstName(analysis, run) && looksLikePersonName(analysis, run)) kind = 'person';
		else if (hasTag(phrase(analysis, run).toLowerCase(), PLACE_TAGS) || (run.to - run.from > 1 && isPlaceWord(analysis.lower[run.to - 1]))) kind = 'place';
		else if (isUnknownPair(analysis, run)) kind = 'person';
		else if (hasDescriptor(analysis, run)) kind = 'organization';
		let titleFrom = from;
		if (kind === 'person') {
			titleFrom = titleStart(analysis, run.from, sentenceFrom, dates);
			surnames.add(analysis.word[run.to - 1]);
		}
		// A title that reaches back over earlier runs takes them in.
		while (kind === 'person' && names.length > 0 && names[names.length - 1].from >= titleFrom) names.pop();
		names.push({ from, to: run.to, kind, titleFrom });
		if (kind !== 'unknown') known.set(phrase(analysis, { from, to: run.to }), kind);
	}
	// Later (and earlier) mentions of a classified name, or a person's surname alone.
	return names.map((name) => {
		if (name.kind !== 'unknown') return name;
		const text = phrase(analysis, name);
		const kind = known.get(text) ?? (name.to - name.from === 1 && surnames.has(text) ? 'person' : undefined);
		return kind ? { ...name, kind } : name;
	});
}
