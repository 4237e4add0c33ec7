/**
 * Who speaks: the noun phrase next to a speech verb. A known actor there is the speaker (with its
 * title or "the"); otherwise the noun phrase itself is ("traders", "the institute", "Russia’s
 * defence ministry"). A speaker noun joined to an organisation is one speaker ("analysts at
 * Commerzbank", "a spokesperson for the European Commission"), while a person "of" an organisation is
 * the person ("Yulia Savchenko of the Kyiv School of Economics"). Pronouns speak but are no actors,
 * and neither are documents ("according to the indictment").
 */
import type { Analysis, TokenRange } from './analysis';
import type { ActorIndex } from './actors';
import { hasTag } from './gazetteer';
import { NON_ACTOR_SOURCES, PRONOUN_LIKE, SPOKES_NOUNS, SPOKES_PREPOSITIONS } from './lexicon';
import { isPossessive } from './trim';

/** A speaker: its tokens, and whether it is an actor (false for "he", "it", "the indictment"). */
export interface Speaker {
	readonly range: TokenRange;
	readonly actor: boolean;
}

/** What speaker finding reads: the article, its known actors, and which tokens are in dates. */
export interface SpeakerContext {
	readonly analysis: Analysis;
	readonly actors: ActorIndex;
	readonly dates: Uint8Array;
}

const NOUN_POS = new Set(['NOUN', 'PROPN']);
const MODIFIER_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
/** The longest unnamed speaker phrase read. */
const MAX_PHRASE = 8;

function isSpokesNoun(analysis: Analysis, k: number): boolean {
	return SPOKES_NOUNS.has(analysis.lower[k]) || hasTag(analysis.lower[k], ['Actor']);
}

function isModifier(analysis: Analysis, k: number): boolean {
	return MODIFIER_POS.has(analysis.pos[k]) || (analysis.pos[k] === 'VERB' && /ing$/.test(analysis.lower[k]));
}

/** The noun phrase whose head is token `j`, read leftwards no further than `limit`; null when `j` is no noun. */
function nounPhraseEndingAt(context: SpeakerContext, j: number, limit: number): TokenRange | null {
	const { analysis, actors, dates } = context;
	if (j < limit || !NOUN_POS.has(analysis.pos[j]) || dates[j]) return null;
	let k = j;
	while (k - 1 >= limit && j - k < MAX_PHRASE) {
		const t = k - 1;
		const named = actors.endingAt(t);
		if (dates[t]) break;
		if (named && named.from >= limit) k = named.from;
		else if (isPossessive(analysis.word[t]) && t - 1 >= limit) {
			const owner = actors.endingAt(t - 1);
			if (owner && owner.from >= limit) k = owner.from;
			else if (NOUN_POS.has(analysis.pos[t - 1])) k = t - 1;
			else break;
		} else if (isModifier(analysis, t)) k = t;
		else if (analysis.pos[t] === 'DET' || POSSESSIVE_PRONOUNS.has(analysis.lower[t])) {
			k = t;
			break;
		} else break;
	}
	return { from: k, to: j + 1 };
}

/** The noun phrase starting at token `k`, read rightwards before `limit`; null when it has no noun. */
function nounPhraseStartingAt(context: SpeakerContext, k: number, limit: number): TokenRange | null {
	const { analysis, actors } = context;
	let t = k;
	if (t < limit && (analysis.pos[t] === 'DET' || POSSESSIVE_PRONOUNS.has(analysis.lower[t]))) t++;
	let end = -1;
	while (t < limit && t - k < MAX_PHRASE) {
		const named = actors.startingAt(t);
		if (named && named.to <= limit) {
			t = named.to;
			end = t;
		} else if (isModifier(analysis, t) || isPossessive(analysis.word[t])) {
			if (NOUN_POS.has(analysis.pos[t])) end = t + 1;
			t++;
		} else break;
	}
	return end > k ? { from: k, to: end } : null;
}

function isSource(analysis: Analysis, range: TokenRange): boolean {
	const head = range.to - 1;
	return !NON_ACTOR_SOURCES.has(analysis.lemma[head]) && !NON_ACTOR_SOURCES.has(analysis.lower[head]);
}

/** The speaker whose last token is `j` (the word before "said"), read no further left than `limit`. */
export function speakerEndingAt(context: SpeakerContext, j: number, limit: number): Speaker | null {
	const { analysis, actors } = context;
	if (j < limit) return null;
	if (analysis.pos[j] === 'PRON' || PRONOUN_LIKE.has(analysis.lower[j])) return { range: { from: j, to: j + 1 }, actor: false };
	const named = actors.endingAt(j);
	let range: TokenRange | null = named && named.from >= limit ? named : nounPhraseEndingAt(context, j, limit);
	if (!range) return null;
	const preposition = range.from - 1;
	if (preposition - 1 >= limit && SPOKES_PREPOSITIONS.has(analysis.lower[preposition])) {
		const person = actors.endingAt(preposition - 1);
		if (person && person.why === 'person' && person.from >= limit) return { range: person, actor: true };
		const left = nounPhraseEndingAt(context, preposition - 1, limit);
		if (left && isSpokesNoun(analysis, preposition - 1)) range = { from: left.from, to: range.to };
	}
	return { range, actor: isSource(analysis, range) };
}

/** The speaker whose first token is `k` ("said Helena Marsh", "according to the ministry"), ending before `limit`. */
export function speakerStartingAt(context: SpeakerContext, k: number, limit: number): Speaker | null {
	const { analysis, actors } = context;
	if (k >= limit) return null;
	if (analysis.pos[k] === 'PRON' || PRONOUN_LIKE.has(analysis.lower[k])) return { range: { from: k, to: k + 1 }, actor: false };
	const named = actors.startingAt(k);
	let range: TokenRange | null = named && named.to <= limit ? named : nounPhraseStartingAt(context, k, limit);
	if (!range) return null;
	if (range.to + 1 < limit && SPOKES_PREPOSITIONS.has(analysis.lower[range.to]) && isSpokesNoun(analysis, range.to - 1)) {
		const organisation = actors.startingAt(range.to + 1) ?? nounPhraseStartingAt(context, range.to + 1, limit);
		if (organisation && organisation.to <= limit) range = { from: range.from, to: organisation.to };
	}
	return { range, actor: isSource(analysis, range) };
}
