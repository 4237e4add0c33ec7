/**
 * The built-in suggestions: actors, claims and figures found in an article's text without any file
 * or model from the user. One pass reads the text (analysis.ts: the project's tokens, wink-nlp's tags
 * and entities), then names, figures, claims with their speakers, and actors are found on those
 * tokens, so every suggestion starts and ends on a token edge of the project tokenizer. Pure and
 * synchronous: it runs in Node, in a Web Worker and in the CLI alike.
 */
import { BUILTIN_SOURCE } from '../sources';
import type { Suggestion } from '../types';
import { analyze, dateMask, rangeOffsets, type Analysis, type TokenRange } from './analysis';
import { ActorIndex, groupActors, mergeActors, namedActors, type Actor } from './actors';
import { findClaims } from './claims';
import { findFigures } from './figures';
import { findNames } from './names';

/** The labels the built-in recognizers produce. */
export const BUILTIN_LABELS = ['actor', 'claim', 'figure'] as const;

/** What the built-in pass suggests, and how it cuts spans. */
export interface BuiltinOptions {
	/** Which of actor / claim / figure to produce (default: all three). Other names are ignored. */
	readonly labels?: readonly string[];
	/**
	 * A person's title before the name is part of the actor: "Pentagon Press Secretary Major General
	 * Pat Ryder" rather than "Pat Ryder" (default true).
	 */
	readonly personTitle?: boolean;
	/** Counts take the counted noun: "dozens of military advisers" rather than "dozens" (default false). */
	readonly countNoun?: boolean;
}

/** The `source` of every built-in suggestion. */
export { BUILTIN_SOURCE };

function suggestion(analysis: Analysis, range: TokenRange, label: string, why: string, speaker?: TokenRange): Suggestion {
	const { start, end } = rangeOffsets(analysis, range);
	const base = { start, end, label, source: BUILTIN_SOURCE, why };
	return speaker ? { ...base, speaker: rangeOffsets(analysis, speaker) } : base;
}

/** For each token, the kept actor covering it: a speaker dropped for overlapping another speaker takes that one. */
function actorByToken(size: number, actors: readonly Actor[]): (Actor | undefined)[] {
	const byToken = new Array<Actor | undefined>(size);
	for (const actor of actors) for (let k = actor.from; k < actor.to; k++) byToken[k] = actor;
	return byToken;
}

function keptSpeaker(byToken: readonly (Actor | undefined)[], speaker: TokenRange): Actor | undefined {
	for (let k = speaker.from; k < speaker.to; k++) if (byToken[k]) return byToken[k];
	return undefined;
}

/**
 * Suggestions for `text`: figures (money, percentages, counts, measures, durations, dates), actors
 * (people, organisations, countries, groups, speakers) and claims (quotations and reported clauses,
 * each with its speaker when one is found). Offsets are UTF-16 code units of `text`, on token edges;
 * `why` names the recognizer. Sorted by start, then longest first. A claim's `speaker` is the offsets
 * of an actor suggestion of the same result (when actors are asked for; otherwise where it would be).
 */
export function builtinSuggestions(text: string, options: BuiltinOptions = {}): Suggestion[] {
	const labels = new Set(options.labels ?? BUILTIN_LABELS);
	const wantActors = labels.has('actor');
	const wantClaims = labels.has('claim');
	const wantFigures = labels.has('figure');
	if ((!wantActors && !wantClaims && !wantFigures) || text.trim() === '') return [];
	const analysis = analyze(text);
	const out: Suggestion[] = [];
	if (wantFigures) {
		for (const figure of findFigures(analysis, { countNoun: options.countNoun ?? false })) out.push(suggestion(analysis, figure, 'figure', figure.why));
	}
	if (wantActors || wantClaims) {
		const names = findNames(analysis);
		const candidates = [...namedActors(analysis, names, { personTitle: options.personTitle ?? true }), ...groupActors(analysis)];
		// Claims are read for actors too: their speakers are actors ("traders", "the institute").
		const claims = findClaims(analysis, new ActorIndex(mergeActors([], candidates)), dateMask(analysis));
		const byRange = new Map(candidates.map((actor) => [`${actor.from}:${actor.to}`, actor]));
		const speakers: Actor[] = [];
		for (const claim of claims) {
			if (claim.speaker) speakers.push(byRange.get(`${claim.speaker.from}:${claim.speaker.to}`) ?? { ...claim.speaker, why: 'speaker' });
		}
		const actors = mergeActors(speakers, candidates);
		if (wantActors) for (const actor of actors) out.push(suggestion(analysis, actor, 'actor', actor.why));
		if (wantClaims) {
			const byToken = actorByToken(analysis.size, actors);
			for (const claim of claims) {
				const speaker = claim.speaker ? keptSpeaker(byToken, claim.speaker) : undefined;
				out.push(suggestion(analysis, claim, 'claim', claim.why, speaker));
			}
		}
	}
	return out.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
