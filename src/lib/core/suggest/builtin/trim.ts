/**
 * Edge rules every built-in suggestion goes through: what the libraries (and the recognizers' own
 * rules) leave at a span's edges that the annotation guideline keeps out — trailing punctuation, a
 * possessive clitic, "on" before "Tuesday", quote marks around a quotation — and the one thing it
 * keeps in: "the" before an organisation that heads its noun phrase ("the Pentagon", not "the" in "the
 * US embassy"). Ranges are token ranges of the project tokenizer, so an edge is never inside a token.
 * Each rule returns the range itself when it changes nothing, and an empty range (from = to) when
 * nothing is left.
 */
import { tokenAtOrAfter, type Analysis, type TokenRange } from './analysis';

/** Punctuation a span never starts or ends with (quote marks are handled by `trimPunctuation` apart). */
const EDGE_PUNCTUATION = new Set([',', '.', ';', ':', '!', '?', '…', '—', '–', '-', '(', ')', '[', ']', '/', '*']);
/** Opening and closing quote marks; a straight quote is both. */
const OPENING_QUOTES = new Set(['“', '"', '‘', '«', '„']);
const CLOSING_QUOTES = new Set(['”', '"', '’', '»', '“']);
/** Possessive clitics as the tokenizer splits them ("Ukraine" + "’s", "allies" + "’"). */
const POSSESSIVES = new Set(["'s", '’s', "'", '’', "'S", '’S']);

/** True for a quote mark token. */
export function isQuoteMark(word: string): boolean {
	return OPENING_QUOTES.has(word) || CLOSING_QUOTES.has(word);
}

/** True for a possessive clitic token. */
export function isPossessive(word: string): boolean {
	return POSSESSIVES.has(word);
}

function unchanged(range: TokenRange, from: number, to: number): TokenRange {
	return from === range.from && to === range.to ? range : { from, to: Math.max(from, to) };
}

/** True when a "(" in `[from, to)` is still open at its end: the ")" after it stays. */
function bracketOpen(analysis: Analysis, from: number, to: number): boolean {
	let open = 0;
	for (let k = from; k < to; k++) {
		if (analysis.word[k] === '(') open++;
		else if (analysis.word[k] === ')' && open > 0) open--;
	}
	return open > 0;
}

/** Counts quote marks in a range: an opening one inside keeps the closing one at its end. */
function opensInside(analysis: Analysis, from: number, to: number): boolean {
	let open = 0;
	for (let k = from; k < to; k++) {
		const word = analysis.word[k];
		if (word === '"') open = open > 0 ? open - 1 : open + 1;
		else if (OPENING_QUOTES.has(word)) open++;
		else if (CLOSING_QUOTES.has(word) && open > 0) open--;
	}
	return open > 0;
}

/**
 * Strips punctuation off both edges: commas, periods, colons, dashes, brackets, and quote marks that
 * are not balanced inside the range (`the plan was "unacceptable"` keeps its closing quote; `gains,"`
 * loses both; a ")" stays after its "("). "%" and currency signs are not punctuation here.
 */
export function trimPunctuation(analysis: Analysis, range: TokenRange): TokenRange {
	let { from, to } = range;
	for (;;) {
		const before = [from, to];
		while (from < to && EDGE_PUNCTUATION.has(analysis.word[from])) from++;
		while (to > from && EDGE_PUNCTUATION.has(analysis.word[to - 1]) && !(analysis.word[to - 1] === ')' && bracketOpen(analysis, from, to - 1))) to--;
		if (to > from && isQuoteMark(analysis.word[to - 1]) && !opensInside(analysis, from, to - 1)) to--;
		if (to > from && isQuoteMark(analysis.word[from]) && !opensInside(analysis, from, to)) from++;
		if (before[0] === from && before[1] === to) break;
	}
	return unchanged(range, from, to);
}

/** Drops a possessive clitic at the end: "Ukraine’s" → "Ukraine", "allies’" → "allies". */
export function dropPossessive(analysis: Analysis, range: TokenRange): TokenRange {
	let to = range.to;
	while (to > range.from && isPossessive(analysis.word[to - 1]) && to - 1 > range.from) to--;
	return unchanged(range, range.from, to);
}

/** Drops leading tokens whose lower-case text is in `words`: "on Tuesday" → "Tuesday", "But the party …" → "the party …". */
export function trimLeading(analysis: Analysis, range: TokenRange, words: ReadonlySet<string>): TokenRange {
	let from = range.from;
	while (from < range.to && words.has(analysis.lower[from])) from++;
	return unchanged(range, from, range.to);
}

/**
 * Removes the quote marks around a range that is one quotation (`“We will stay,”` → `We will stay`),
 * with the comma or period inside the closing mark. A range that only starts or ends with a quote
 * mark is left alone.
 */
export function stripQuotes(analysis: Analysis, range: TokenRange): TokenRange {
	const { from, to } = range;
	if (to - from < 3 || !OPENING_QUOTES.has(analysis.word[from]) || !CLOSING_QUOTES.has(analysis.word[to - 1])) return range;
	// The opening mark must be closed by the last token, not earlier ("“A” and “B”").
	if (opensInside(analysis, from + 1, to - 1)) return range;
	for (let k = from + 1; k < to - 1; k++) if (analysis.word[k] === '”' || (analysis.word[from] === '"' && analysis.word[k] === '"')) return range;
	return trimPunctuation(analysis, { from: from + 1, to: to - 1 });
}

/** Parts of speech after a name that make it a modifier ("the US embassy"): then "the" belongs to the head. */
const HEAD_POS = new Set(['NOUN', 'PROPN', 'NUM', 'ADJ']);

/**
 * Takes in a "the" right before an organisation or country when the name heads its noun phrase ("the
 * Pentagon said", "The European Commission"), not when it modifies a noun after it ("the US embassy"
 * → "US").
 */
export function withArticle(analysis: Analysis, range: TokenRange): TokenRange {
	if (range.from === 0 || analysis.lower[range.from - 1] !== 'the') return range;
	if (range.to < analysis.size && HEAD_POS.has(analysis.pos[range.to]) && !isPossessive(analysis.word[range.to]) && /^\p{L}/u.test(analysis.word[range.to])) return range;
	return { from: range.from - 1, to: range.to };
}

/**
 * The token range covering UTF-16 offsets `[start, end)`, grown to whole tokens (an offset inside a
 * token takes the whole token; white space at the edges is dropped). Empty when no token is inside.
 */
export function snapToTokens(analysis: Analysis, start: number, end: number): TokenRange {
	if (start < 0 || end > analysis.text.length || start > end) throw new RangeError(`offsets [${start}, ${end}) are outside the text (length ${analysis.text.length})`);
	const from = tokenAtOrAfter(analysis.tokens, start);
	let to = from;
	while (to < analysis.size && analysis.tokens[2 * to] < end) to++;
	return { from, to };
}

/** The guideline's edges for any suggestion: no edge punctuation, no possessive clitic at the end. */
export function cleanEdges(analysis: Analysis, range: TokenRange): TokenRange {
	const trimmed = dropPossessive(analysis, trimPunctuation(analysis, range));
	return trimmed === range ? range : cleanEdges(analysis, trimmed);
}
