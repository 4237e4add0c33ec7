/**
 * The words an arc carries: a span's text cut short for an end marker, and the accessible name of a
 * relation ("source: “the package would arrive…” → “Kyiv”") that screen readers announce and
 * end-to-end tests find chips by.
 */
import { graphemeCeil, graphemeFloor } from '../text/graphemes';

/** How many UTF-16 code units of a span's text a name or marker quotes by default. */
export const QUOTE_LENGTH = 32;

/**
 * `text` with runs of white space made one space, cut to at most `max` code units plus "…" when
 * longer. The cut falls on a grapheme boundary (never half an emoji or a letter without its accent)
 * and, when one is near, after a whole word.
 */
export function quoteText(text: string, max = QUOTE_LENGTH): string {
	if (!(max >= 1)) throw new RangeError(`quote length must be >= 1, got ${max}`);
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	let cut = graphemeFloor(flat, max);
	const space = flat.lastIndexOf(' ', cut);
	// Prefer a word end when it keeps at least two thirds of what fits.
	if (space >= (max * 2) / 3) cut = space;
	// One cluster longer than `max` (a long emoji sequence): keep it whole rather than quote nothing.
	if (cut === 0) cut = graphemeCeil(flat, 1);
	return `${flat.slice(0, cut).trimEnd()}…`;
}

/**
 * The accessible name of a relation: its type, then head and tail quoted, joined by an arrow
 * (directed) or a double arrow (symmetric).
 */
export function relationName(type: string, headText: string, tailText: string, directed: boolean, max = QUOTE_LENGTH): string {
	return `${type}: “${quoteText(headText, max)}” ${directed ? '→' : '↔'} “${quoteText(tailText, max)}”`;
}
