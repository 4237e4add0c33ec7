/**
 * Quote anchors: a span described by its text and a little of the text around it, so that it can be
 * found again in another copy of the article (see reanchor.ts).
 */
import { offsetRangeProblem } from '../spans/bounds';
import { graphemeCeil, graphemeFloor } from '../text/graphemes';

/**
 * A span as a quote: `exact` is `source.slice(start, end)`, `prefix` and `suffix` the text just before
 * and after it (shorter near the ends of the text). `start`/`end` are UTF-16 offsets in the SOURCE
 * text, the position the quote is first looked for.
 */
export interface QuoteAnchor {
	readonly exact: string;
	readonly prefix: string;
	readonly suffix: string;
	readonly start: number;
	readonly end: number;
}

/** How much context `quoteAnchor` keeps on each side by default, in UTF-16 code units. */
export const DEFAULT_QUOTE_CONTEXT = 32;

/**
 * The quote anchor of `[start, end)` in `text`, with up to `context` UTF-16 units of prefix and suffix.
 * The context is cut on grapheme boundaries, so it never holds half of an emoji, flag or accented
 * letter (it may then be a little shorter than `context`). Throws RangeError when the offsets are not
 * whole numbers with `0 <= start < end <= text.length`, or `context` is negative.
 */
export function quoteAnchor(text: string, start: number, end: number, context = DEFAULT_QUOTE_CONTEXT): QuoteAnchor {
	const problem = offsetRangeProblem(start, end, text.length);
	if (problem) throw new RangeError(`quoteAnchor: ${problem.field} ${problem.detail}`);
	if (!Number.isInteger(context) || context < 0) throw new RangeError(`quoteAnchor: context ${context} is not a whole number >= 0`);
	const prefixStart = Math.min(start, graphemeCeil(text, Math.max(0, start - context)));
	const suffixEnd = Math.max(end, graphemeFloor(text, Math.min(text.length, end + context)));
	return {
		exact: text.slice(start, end),
		prefix: text.slice(prefixStart, start),
		suffix: text.slice(end, suffixEnd),
		start,
		end
	};
}
