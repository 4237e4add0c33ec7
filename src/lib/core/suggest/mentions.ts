/**
 * "Tag all mentions": every other place in a text where the same words stand as whole tokens, as
 * suggestions of the source `mentions`. Token edges are the project's one tokenizer's, so "Ukraine"
 * matches the "Ukraine" of "Ukraine’s" but not the start of "Ukrainian".
 */
import { tokenOffsets } from '../text/tokenizer';
import { MENTIONS_LAYER } from '../layers';
import type { Suggestion } from './types';

/** The source name of mentions. */
export const MENTIONS_SOURCE = MENTIONS_LAYER;

/** Token starts and ends of `text` as two sets (for "is this offset a token edge?"). */
export function tokenEdges(text: string, tokens: Int32Array = tokenOffsets(text)): { starts: Set<number>; ends: Set<number> } {
	const starts = new Set<number>();
	const ends = new Set<number>();
	for (let i = 0; i < tokens.length; i += 2) {
		starts.add(tokens[i]);
		ends.add(tokens[i + 1]);
	}
	return { starts, ends };
}

/**
 * The other mentions of `phrase` in `text` with `label`: each occurrence that starts and ends on token
 * edges (`edges`), matched exactly or ignoring case, except the one at `except` (the span just
 * tagged). An empty or white-space phrase has none.
 */
export function findMentions(
	text: string,
	phrase: string,
	label: string,
	options: { caseMode?: 'exact' | 'ignore'; except?: number; edges?: { starts: Set<number>; ends: Set<number> } } = {}
): Suggestion[] {
	if (phrase.trim() === '') return [];
	const edges = options.edges ?? tokenEdges(text);
	const ignore = options.caseMode === 'ignore';
	// toLowerCase can change a string's length (İ): search the lowered text only when it does not.
	const haystack = ignore ? text.toLowerCase() : text;
	const needle = ignore ? phrase.toLowerCase() : phrase;
	const sameLength = haystack.length === text.length && needle.length === phrase.length;
	const hay = sameLength ? haystack : text;
	const find = sameLength ? needle : phrase;
	const out: Suggestion[] = [];
	for (let at = hay.indexOf(find); at >= 0; at = hay.indexOf(find, at + 1)) {
		const end = at + find.length;
		if (at === options.except || !edges.starts.has(at) || !edges.ends.has(end)) continue;
		out.push({ start: at, end, label, source: MENTIONS_SOURCE, why: `mention of “${phrase.length > 40 ? `${phrase.slice(0, 40)}…` : phrase}”` });
	}
	return out;
}
