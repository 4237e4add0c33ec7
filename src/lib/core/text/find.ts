/**
 * Find in the article text. Matching folds case and the typographic variants news text mixes with
 * their plain forms (’ and ', “ and ", non-breaking and plain spaces, dashes), one code unit for one,
 * so a match's offsets in the folded text are its offsets in the text. Matches that would split a
 * grapheme (an "e" before a combining accent) are left out: they could not become spans.
 */
import { isGraphemeBoundary } from './graphemes';

/** A match: `[start, end)` in UTF-16 offsets of the text. */
export interface TextMatch {
	readonly start: number;
	readonly end: number;
}

const FOLD: Record<string, string> = {
	'’': "'",
	'‘': "'",
	'ʼ': "'",
	'′': "'",
	'“': '"',
	'”': '"',
	'„': '"',
	'″': '"',
	'\u00a0': ' ',
	'\u202f': ' ',
	'\u2009': ' ',
	'‐': '-',
	'‑': '-',
	'–': '-',
	'—': '-',
	'−': '-'
};

/** `text` with case and typographic variants folded, one code unit for each code unit. */
export function foldForFind(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		const folded = FOLD[ch];
		if (folded) {
			out += folded;
			continue;
		}
		const lower = ch.toLowerCase();
		out += lower.length === 1 ? lower : ch;
	}
	return out;
}

/** Finds every occurrence of a query in one text; the folded text is computed once, on first use. */
export class TextFinder {
	readonly text: string;
	#folded: string | null = null;

	constructor(text: string) {
		this.text = text;
	}

	/** Every match of `query` in reading order (none for an empty query); at most `limit`. */
	find(query: string, limit = 100_000): TextMatch[] {
		if (query === '') return [];
		this.#folded ??= foldForFind(this.text);
		const needle = foldForFind(query);
		const out: TextMatch[] = [];
		for (let at = this.#folded.indexOf(needle); at >= 0 && out.length < limit; at = this.#folded.indexOf(needle, at + 1)) {
			const end = at + needle.length;
			if (isGraphemeBoundary(this.text, at) && isGraphemeBoundary(this.text, end)) out.push({ start: at, end });
		}
		return out;
	}
}

/**
 * Index of the match to go to from `offset`: forward, the first match starting at or after it;
 * backward, the last one starting before it; wrapping around the text. -1 when there are none.
 */
export function matchFrom(matches: readonly TextMatch[], offset: number, direction: 1 | -1): number {
	if (matches.length === 0) return -1;
	let lo = 0;
	let hi = matches.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (matches[mid].start < offset) lo = mid + 1;
		else hi = mid;
	}
	// lo: the first match starting at or after offset.
	if (direction === 1) return lo < matches.length ? lo : 0;
	return lo > 0 ? lo - 1 : matches.length - 1;
}
