/**
 * Claims: reported speech. Three shapes, each giving the reported clause and, when found, its speaker:
 * - a quotation, attached to a speech verb before or after it (`“…,” Ryder said`, `he said: “…”`,
 *   `“…,” said Helena Marsh`), or long enough to stand alone; the claim is its text without the marks;
 * - a speech verb's clause: after "that" (`X said on Friday that Y`), right after the verb for verbs
 *   that take one (`X said Y`), or before it (`Y, X said`);
 * - "according to X": `According to X, Y` and `Y, according to X`.
 * A clause ends at the sentence end or where another clause starts (", while", ", adding", "and
 * claimed that"). Claims inside another claim (a quoted phrase, a nested "said") are dropped.
 */
import { phraseAt, sentenceOf, type Analysis, type TokenRange } from './analysis';
import type { ActorIndex } from './actors';
import {
	BARE_CLAUSE_VERBS, CLAUSE_BREAKS, CONTINUING_GERUNDS, LEADING_CONJUNCTIONS, REPORTING_ADJUNCTS, REPORTING_ADVERBS, SPEECH_VERBS, SPOKES_PREPOSITIONS, phraseTokens
} from './lexicon';
import { findQuotations, insideQuotation, type Quotation } from './quotes';
import { speakerEndingAt, speakerStartingAt, type Speaker, type SpeakerContext } from './speakers';
import { cleanEdges, isQuoteMark, stripQuotes, trimLeading } from './trim';

/** How a claim was found, given as the suggestion's `why`. */
export type ClaimKind = 'quote' | 'speech-verb' | 'according-to';

/** A claim on tokens, with its speaker when one was found. */
export interface Claim extends TokenRange {
	readonly why: ClaimKind;
	/** The speaker, when it is an actor (a pronoun or a document gives none). */
	readonly speaker?: TokenRange;
}

/** A quotation standing alone (no speech verb next to it) is a claim from this many words on. */
const STANDALONE_QUOTE_WORDS = 5;
/** How far after a speech verb "that" is looked for ("told reporters outside the court that"). */
const THAT_WINDOW = 12;
const SENTENCE_END = new Set(['.', '!', '?']);
const OPENING = new Set(['“', '"', '«', '„']);
const ADJUNCT_PHRASES = REPORTING_ADJUNCTS.map(phraseTokens).sort((a, b) => b.length - a.length);
const ADJUNCT_PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'via', 'through', 'outside', 'from', 'with', 'after', 'before']);
const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'its', 'their']);

interface State {
	readonly context: SpeakerContext;
	readonly quotations: readonly Quotation[];
	readonly inside: Int32Array;
	/** Token of an opening / closing mark → its quotation's index. */
	readonly opening: ReadonlyMap<number, number>;
	readonly closing: ReadonlyMap<number, number>;
	/** Tokens where a wink-nlp entity starts. */
	readonly entityStarts: ReadonlySet<number>;
	/** Quotation index → its speaker (null: attached to a verb, speaker unknown). */
	readonly quoteSpeakers: Map<number, Speaker | null>;
	/** Sentence index → the last speaker found in it, for "… but insisted that". */
	readonly lastSpeaker: Map<number, Speaker | null>;
	readonly claims: Claim[];
}

function isSpeechVerb(analysis: Analysis, k: number): boolean {
	return analysis.pos[k] === 'VERB' && SPEECH_VERBS.has(analysis.lemma[k]);
}

function isWord(analysis: Analysis, k: number): boolean {
	return /[\p{L}\p{N}]/u.test(analysis.word[k]);
}

/** The first token after a date, a reporting adjunct ("in a statement") or a reporting adverb, from `k`. */
function skipAdjuncts(state: State, k: number, limit: number): number {
	const { analysis, dates } = state.context;
	for (;;) {
		if (k >= limit) return k;
		if (dates[k] || (ADJUNCT_PREPOSITIONS.has(analysis.lower[k]) && dates[k + 1])) {
			k++;
			while (k < limit && dates[k]) k++;
			continue;
		}
		if (REPORTING_ADVERBS.has(analysis.lower[k])) {
			k++;
			continue;
		}
		if (ADJUNCT_PREPOSITIONS.has(analysis.lower[k])) {
			const det = DETERMINERS.has(analysis.lower[k + 1]) ? 1 : 0;
			const adjunct = phraseAt(analysis, k + 1 + det, ADJUNCT_PHRASES);
			if (adjunct > 0) {
				k += 1 + det + adjunct;
				continue;
			}
		}
		return k;
	}
}

/** Skips any noun phrases and prepositional phrases up to punctuation ("reporters at the scene", "a press conference in Brussels"). */
function skipPhrases(analysis: Analysis, k: number, limit: number): number {
	while (k < limit && isWord(analysis, k) && analysis.pos[k] !== 'VERB' && analysis.pos[k] !== 'AUX' && analysis.lower[k] !== 'that') k++;
	return k;
}

function endsClause(analysis: Analysis, k: number, limit: number): boolean {
	if (k >= limit || SENTENCE_END.has(analysis.word[k])) return true;
	return analysis.word[k] === ',' && k + 1 < limit && (CLAUSE_BREAKS.has(analysis.lower[k + 1]) || CONTINUING_GERUNDS.has(analysis.lower[k + 1]));
}

/** True when a speech verb follows `k` within a few words of a noun phrase (", he said" in mid-sentence). */
function attributionAt(analysis: Analysis, k: number, limit: number): boolean {
	for (let t = k; t < Math.min(limit, k + 6); t++) {
		if (isSpeechVerb(analysis, t)) return t > k || analysis.word[t - 1] === ',';
		if (!isWord(analysis, t) || analysis.pos[t] === 'VERB' || analysis.pos[t] === 'AUX') return false;
	}
	return false;
}

/** Where a reported clause starting at `from` ends (exclusive), inside sentence `[.., limit)`. */
function clauseEnd(state: State, from: number, limit: number): number {
	const { analysis } = state.context;
	for (let t = from; t < limit; t++) {
		if (state.inside[t] >= 0 && state.inside[t] === state.inside[from]) continue;
		const word = analysis.word[t];
		if (word === ';') return t;
		if (word === ',' && t + 1 < limit && (CLAUSE_BREAKS.has(analysis.lower[t + 1]) || attributionAt(analysis, t + 1, limit))) return t;
		if ((analysis.lower[t] === 'and' || analysis.lower[t] === 'but') && t > from) {
			let next = t + 1;
			while (next < limit && (analysis.pos[next] === 'ADV' || analysis.pos[next] === 'AUX')) next++;
			if (next < limit && isSpeechVerb(analysis, next)) return t;
		}
	}
	return limit;
}

function hasVerb(analysis: Analysis, from: number, to: number): boolean {
	for (let t = from; t < to; t++) if (analysis.pos[t] === 'AUX' || (analysis.pos[t] === 'VERB' && !/ing$/.test(analysis.lower[t]))) return true;
	return false;
}

const CLAUSE_START_POS = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM', 'ADJ', 'ADV', 'SYM']);

/** True when a reported clause can start at token `k`: a noun phrase, or a figure ("about 30% of …"). */
function canStartClause(state: State, k: number): boolean {
	return CLAUSE_START_POS.has(state.context.analysis.pos[k]) || state.entityStarts.has(k);
}

function quotationClosingAt(state: State, k: number): number {
	return state.closing.get(k) ?? -1;
}

function quotationOpeningAt(state: State, k: number): number {
	return state.opening.get(k) ?? -1;
}

function addClaim(state: State, range: TokenRange, why: ClaimKind, speaker: Speaker | null): void {
	const { analysis } = state.context;
	const clean = cleanEdges(analysis, trimLeading(analysis, cleanEdges(analysis, range), LEADING_CONJUNCTIONS));
	if (clean.to - clean.from < 2) return;
	state.claims.push(speaker?.actor ? { ...clean, why, speaker: speaker.range } : { ...clean, why });
}

/** A claim before its attribution (`Y, X said`): the sentence up to the comma at `comma`, or the quotation closing there. */
function claimBefore(state: State, sentence: TokenRange, comma: number, speaker: Speaker | null, why: ClaimKind): void {
	const { analysis } = state.context;
	const close = isQuoteMark(analysis.word[comma]) ? comma : analysis.word[comma] === ',' && comma > 0 && isQuoteMark(analysis.word[comma - 1]) ? comma - 1 : -1;
	const quotation = close >= 0 ? quotationClosingAt(state, close) : -1;
	if (quotation >= 0) {
		state.quoteSpeakers.set(quotation, speaker);
		return;
	}
	if (analysis.word[comma] !== ',') return;
	addClaim(state, { from: sentence.from, to: comma }, why, speaker);
}

/** "that" as a pronoun ("said that was wrong"): a finite verb right after it; a gerund starts a clause ("that cutting early …"). */
function isPronounThat(analysis: Analysis, t: number): boolean {
	const pos = analysis.pos[t + 1];
	return pos === 'AUX' || (pos === 'VERB' && !/ing$/.test(analysis.lower[t + 1]));
}

/** Descriptors a speaker's name may follow before the comma: "…, the state grid operator Ukrenergo said". */
const DESCRIPTOR_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN']);
const MAX_DESCRIPTOR = 5;

/** The comma at or before `k` with only a short descriptor between it and the speaker (-1 when none). */
function commaBefore(analysis: Analysis, k: number, limit: number): number {
	for (let t = k; t > limit && k - t <= MAX_DESCRIPTOR; t--) {
		if (analysis.word[t] === ',' || isQuoteMark(analysis.word[t])) return t;
		if (!DESCRIPTOR_POS.has(analysis.pos[t])) return -1;
	}
	return -1;
}

/** The speaker before speech verb `v` ("X said", "X, who …, said", "… and said"), or null. */
function speakerBefore(state: State, v: number, sentence: TokenRange): Speaker | null {
	const { analysis, actors } = state.context;
	let j = v - 1;
	while (j >= sentence.from && ['AUX', 'ADV', 'PART'].includes(analysis.pos[j]) && isWord(analysis, j)) j--;
	if (j < sentence.from) return null;
	if (CONTINUING_GERUNDS.has(analysis.lower[v]) && analysis.word[j] === ',') return state.lastSpeaker.get(analysis.sentence[v]) ?? null;
	if (analysis.lower[j] === 'and' || analysis.lower[j] === 'but') {
		const last = state.lastSpeaker.get(analysis.sentence[v]);
		if (last !== undefined) return last;
		// "Ryder declined … but said that": the sentence's subject, a noun phrase right before its verb.
		const subject = speakerStartingAt(state.context, sentence.from, v);
		return subject && ['VERB', 'AUX'].includes(analysis.pos[subject.range.to]) ? subject : null;
	}
	if (analysis.word[j] === ',') {
		// "X, who testified …, told", "His lawyer, Peter Lund, told": the phrase before the first comma, or the name between.
		let comma = j - 1;
		while (comma > sentence.from && analysis.word[comma] !== ',') comma--;
		if (comma <= sentence.from) return null;
		const outer = speakerEndingAt(state.context, comma - 1, sentence.from);
		if (outer && actors.endingAt(comma - 1)) return outer;
		const inner = actors.endingAt(j - 1);
		if (inner && inner.from === comma + 1) return { range: inner, actor: true };
		return outer;
	}
	return speakerEndingAt(state.context, j, sentence.from);
}

/** After an inverted speaker's organisation ("said Katarzyna Nowak of the National Institute …"), or `k` when none follows. */
function afterAffiliation(state: State, k: number, limit: number): number {
	const { analysis, actors } = state.context;
	if (k + 1 >= limit || !SPOKES_PREPOSITIONS.has(analysis.lower[k])) return k;
	return actors.startingAt(k + 1)?.to ?? k;
}

/** Finds the claim and speaker of speech verb `v`. */
function readSpeechVerb(state: State, v: number): void {
	const { analysis } = state.context;
	const sentence = sentenceOf(analysis, v);
	let speaker = speakerBefore(state, v, sentence);
	let inverted = false;
	if (!speaker && v > sentence.from && (analysis.word[v - 1] === ',' || isQuoteMark(analysis.word[v - 1]))) {
		speaker = speakerStartingAt(state.context, v + 1, sentence.to);
		inverted = speaker !== null;
	}
	state.lastSpeaker.set(analysis.sentence[v], speaker);
	// After "that", within a few words with no verb between: "said on Friday that", "told reporters outside the court that".
	for (let t = v + 1; t < Math.min(sentence.to, v + THAT_WINDOW); t++) {
		// "that" the conjunction, not the pronoun of "said that was wrong".
		if (analysis.lower[t] === 'that' && t + 1 < sentence.to && !isPronounThat(analysis, t)) {
			addClaim(state, { from: t + 1, to: clauseEnd(state, t + 1, sentence.to) }, 'speech-verb', speaker);
			return;
		}
		if (!isWord(analysis, t) || analysis.pos[t] === 'VERB' || analysis.pos[t] === 'AUX') break;
	}
	const after = inverted && speaker ? afterAffiliation(state, speaker.range.to, sentence.to) : v + 1;
	let next = skipAdjuncts(state, after, sentence.to);
	if ((analysis.word[next] === ':' || analysis.word[next] === ',') && OPENING.has(analysis.word[next + 1] ?? '')) next++;
	const opening = quotationOpeningAt(state, next);
	if (opening >= 0 && !inverted) {
		state.quoteSpeakers.set(opening, speaker);
		return;
	}
	const phrasesEnd = skipAdjuncts(state, skipPhrases(analysis, next, sentence.to), sentence.to);
	if (endsClause(analysis, next, sentence.to) || (analysis.lemma[v] === 'tell' && endsClause(analysis, phrasesEnd, sentence.to)) || (inverted && analysis.word[next] === ',')) {
		// `Y, X said.` / `“…,” said X, head of …`: the claim comes before.
		const before = inverted ? v - 1 : speaker ? commaBefore(analysis, speaker.range.from - 1, sentence.from) : -1;
		if (before > sentence.from) claimBefore(state, sentence, before, speaker, 'speech-verb');
		return;
	}
	if (!BARE_CLAUSE_VERBS.has(analysis.lemma[v]) || inverted || !canStartClause(state, next)) return;
	const end = clauseEnd(state, next, sentence.to);
	if (hasVerb(analysis, next, end)) addClaim(state, { from: next, to: end }, 'speech-verb', speaker);
}

/** Reads "according to X" at token `k`. */
function readAccordingTo(state: State, k: number): void {
	const { analysis } = state.context;
	const sentence = sentenceOf(analysis, k);
	let sourceEnd = k + 2;
	while (sourceEnd < sentence.to && analysis.word[sourceEnd] !== ',' && !SENTENCE_END.has(analysis.word[sourceEnd])) sourceEnd++;
	const speaker = speakerStartingAt(state.context, k + 2, sourceEnd);
	const opensSentence = trimLeading(analysis, { from: sentence.from, to: k }, LEADING_CONJUNCTIONS).from === k;
	if (opensSentence && analysis.word[sourceEnd] === ',') {
		addClaim(state, { from: sourceEnd + 1, to: clauseEnd(state, sourceEnd + 1, sentence.to) }, 'according-to', speaker);
	} else if (k - 1 > sentence.from && analysis.word[k - 1] === ',') {
		claimBefore(state, sentence, k - 1, speaker, 'according-to');
	}
}

function wordCount(analysis: Analysis, range: TokenRange): number {
	let count = 0;
	for (let k = range.from; k < range.to; k++) if (isWord(analysis, k)) count++;
	return count;
}

/** Drops claims inside another claim; of two with the same tokens keeps the one with a speaker. */
function outermost(claims: readonly Claim[]): Claim[] {
	const sorted = [...claims].sort((a, b) => a.from - b.from || b.to - a.to || (b.speaker ? 1 : 0) - (a.speaker ? 1 : 0));
	const kept: Claim[] = [];
	for (const claim of sorted) {
		const last = kept[kept.length - 1];
		if (last && claim.from >= last.from && claim.to <= last.to) continue;
		kept.push(claim);
	}
	return kept;
}

/** The claims of the article, in text order, never one inside another. */
export function findClaims(analysis: Analysis, actors: ActorIndex, dates: Uint8Array): Claim[] {
	const quotations = findQuotations(analysis);
	const state: State = {
		context: { analysis, actors, dates },
		quotations,
		inside: insideQuotation(analysis, quotations),
		opening: new Map(quotations.map((quotation, q) => [quotation.open, q])),
		closing: new Map(quotations.map((quotation, q) => [quotation.close, q])),
		entityStarts: new Set(analysis.entities.map((entity) => entity.from)),
		quoteSpeakers: new Map(),
		lastSpeaker: new Map(),
		claims: []
	};
	for (let k = 0; k < analysis.size; k++) {
		if (state.inside[k] >= 0) continue;
		if (analysis.lower[k] === 'according' && analysis.lower[k + 1] === 'to') readAccordingTo(state, k);
		else if (isSpeechVerb(analysis, k)) readSpeechVerb(state, k);
	}
	quotations.forEach((quotation, q) => {
		const range = stripQuotes(analysis, { from: quotation.open, to: quotation.close + 1 });
		const attached = state.quoteSpeakers.has(q);
		if (!attached && wordCount(analysis, range) < STANDALONE_QUOTE_WORDS) return;
		addClaim(state, range, 'quote', state.quoteSpeakers.get(q) ?? null);
	});
	return outermost(state.claims);
}
