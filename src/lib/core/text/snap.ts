/**
 * Word snapping for selections: what turns a rough mouse selection into the span a labeller meant.
 * Whitespace is trimmed, an edge inside a token grows to that token's edge, and edges land on
 * grapheme boundaries. Tokens are those of the tokenizer (tokenizer.ts), the same as Prodigy's
 * `tokens` and token-level agreement, so a clitic or punctuation mark is a token of its own:
 * selecting "Zelenskyy" in "Zelenskyy’s" keeps "Zelenskyy", and snapping never adds a clitic or a
 * punctuation mark the user did not select. Only a window around each edge is tokenized.
 */
import { graphemeCeil, graphemeFloor } from './graphemes';
import { nextTokenEdge, previousTokenEdge, tokenAt } from './tokenizer';

/** How a selection is snapped; the editor keeps one and a modifier key can bypass `words`. */
export interface SnapPolicy {
	/** Grow an edge inside a token (a word, number, clitic, …) to the token's edge. */
	readonly words: boolean;
}

const WHITE_SPACE = /^\p{White_Space}/u;

function isWhiteSpaceAt(text: string, index: number): boolean {
	// Every White_Space character is in the BMP, so one code unit decides.
	return WHITE_SPACE.test(text.charAt(index));
}

function checkRange(text: string, start: number, end: number): void {
	if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length) {
		throw new RangeError(`selection ${start}–${end} is not a range of the text (length ${text.length})`);
	}
}

/**
 * Snaps a selection `[start, end)` to the span the user meant: trims White_Space at both ends; with
 * `policy.words`, an edge strictly inside a token moves out to that token's edge ("ntagon Pre" →
 * "Pentagon Press", "$60.8" → "$60.84", "Zelensk" in "Zelenskyy’s" → "Zelenskyy", "said," keeps its
 * selected comma); then edges move out to grapheme boundaries. Returns null when nothing but white
 * space was selected.
 */
export function snapSelection(
	text: string,
	start: number,
	end: number,
	policy: SnapPolicy
): { start: number; end: number } | null {
	checkRange(text, start, end);
	while (start < end && isWhiteSpaceAt(text, start)) start++;
	while (end > start && isWhiteSpaceAt(text, end - 1)) end--;
	if (start === end) return null;
	if (policy.words) {
		const first = tokenAt(text, start);
		if (first && first.start < start) start = first.start;
		const last = tokenAt(text, end);
		if (last && last.start < end) end = last.end;
	}
	return { start: graphemeFloor(text, start), end: graphemeCeil(text, end) };
}

/**
 * The next token edge after `index` (text.length if none): where the keyboard moves a span edge,
 * the caret or a selection's head by one word. "Ukraine’s" has an edge between "Ukraine" and "’s".
 */
export function nextWordEdge(text: string, index: number): number {
	return nextTokenEdge(text, index);
}

/** The last token edge before `index` (0 if none): the backward counterpart of `nextWordEdge`. */
export function previousWordEdge(text: string, index: number): number {
	return previousTokenEdge(text, index);
}
