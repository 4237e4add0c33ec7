/**
 * Actors: the names of names.ts that act or speak — people (with their attached title unless
 * `personTitle` is off), organisations and countries (with "the" when the name heads its noun phrase:
 * "the Pentagon"), cities and regions only when a verb follows them ("Beijing has threatened") — and
 * groups named by a capitalised adjective and a group noun ("Russian forces", "Western officials").
 * Speakers found by claims.ts join them at the end (`mergeActors`): an actor never contains another,
 * and a speaker wins over the names inside it ("Russia’s defence ministry", not "Russia").
 */
import { keepDisjoint, sentenceOf, type Analysis, type TokenRange } from './analysis';
import { hasTag } from './gazetteer';
import { GROUP_NOUNS } from './lexicon';
import type { Name } from './names';
import { cleanEdges, withArticle } from './trim';

/** What kind of actor, given as the suggestion's `why`. */
export type ActorKind = 'person' | 'organization' | 'country' | 'place' | 'group' | 'speaker';

/** An actor on tokens. */
export interface Actor extends TokenRange {
	readonly why: ActorKind;
}

/** How actors are cut. */
export interface ActorOptions {
	/** A person's attached title is part of the actor ("Defence Minister Rustem Umerov", not "Rustem Umerov"). */
	readonly personTitle: boolean;
}

/** Actors by where they end and start, for claims.ts to find speakers next to speech verbs. */
export class ActorIndex {
	readonly #ends = new Map<number, Actor>();
	readonly #starts = new Map<number, Actor>();

	constructor(actors: readonly Actor[]) {
		for (const actor of actors) {
			this.#ends.set(actor.to - 1, actor);
			this.#starts.set(actor.from, actor);
		}
	}

	/** The actor whose last token is `k`. */
	endingAt(k: number): Actor | undefined {
		return this.#ends.get(k);
	}

	/** The actor whose first token is `k`. */
	startingAt(k: number): Actor | undefined {
		return this.#starts.get(k);
	}
}

const FINITE_POS = new Set(['VERB', 'AUX']);

/** Where a clause starts: a place there, before a verb, is its subject. */
const CLAUSE_OPENERS = new Set(['CCONJ', 'SCONJ', 'PUNCT']);

/**
 * A place acts when it opens a clause and a verb follows ("and Beijing has threatened"), not after a
 * preposition or an adjective ("in Kyiv", "northern Europe drained").
 */
function placeActs(analysis: Analysis, name: Name): boolean {
	if (name.to >= analysis.size || !FINITE_POS.has(analysis.pos[name.to])) return false;
	return sentenceOf(analysis, name.from).from === name.from || CLAUSE_OPENERS.has(analysis.pos[name.from - 1]);
}

/** Actors from names: persons, organisations, countries, and places that act. */
export function namedActors(analysis: Analysis, names: readonly Name[], options: ActorOptions): Actor[] {
	const actors: Actor[] = [];
	for (const name of names) {
		let range: TokenRange;
		switch (name.kind) {
			case 'person':
				range = { from: options.personTitle ? name.titleFrom : name.from, to: name.to };
				break;
			case 'organization':
			case 'country':
				range = withArticle(analysis, name);
				break;
			case 'place':
				if (!placeActs(analysis, name)) continue;
				range = name;
				break;
			default:
				continue;
		}
		const clean = cleanEdges(analysis, range);
		if (clean.to > clean.from) actors.push({ from: clean.from, to: clean.to, why: name.kind });
	}
	return actors;
}

/** Groups: a capitalised adjective or nationality, then a group noun ("Russian forces", "Republican lawmakers"). */
export function groupActors(analysis: Analysis): Actor[] {
	const groups: Actor[] = [];
	for (let k = 1; k < analysis.size; k++) {
		// "American military aid": the group noun modifies a noun after it.
		if (!GROUP_NOUNS.has(analysis.lower[k]) || (k + 1 < analysis.size && analysis.pos[k + 1] === 'NOUN')) continue;
		const before = k - 1;
		const pos = analysis.pos[before];
		if (!/^\p{Lu}/u.test(analysis.word[before])) continue;
		if (hasTag(analysis.lower[before], ['Demonym']) || pos === 'ADJ' || pos === 'PROPN') groups.push({ from: before, to: k + 1, why: 'group' });
	}
	return groups;
}

/**
 * The actors to suggest: speakers first (a claim's speaker must be one of them), then the others
 * longest first; an actor overlapping one already kept is dropped. In text order.
 */
export function mergeActors(speakers: readonly Actor[], others: readonly Actor[]): Actor[] {
	return keepDisjoint([...[...speakers].sort(bySize), ...[...others].sort(bySize)]);
}

function bySize(a: TokenRange, b: TokenRange): number {
	return b.to - b.from - (a.to - a.from) || a.from - b.from;
}
