/**
 * Sentence and paragraph boundaries for caret jumps in news text. A sentence ends at `.`, `!`, `?`
 * or `…` (closing quotes and brackets after it belong to it) followed by white space, unless the
 * word before the stop is an abbreviation (ABBREVIATIONS, or a dotted initialism like "U.S.") or the
 * next word starts in lower case. A line break always ends a sentence: paragraphs are the text's
 * lines (blank lines are skipped by paragraph jumps). Everything is computed locally around the
 * offset asked about, so a jump in a 600 KB text reads only the text it passes.
 */

/**
 * Words that end in a full stop without ending a sentence: titles and ranks, months, company
 * forms and Latin abbreviations common in news. Compared without the stop, case-sensitively.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
	// Titles and ranks.
	'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'Sen', 'Rep', 'Gov', 'Lt', 'Col', 'Gen', 'Maj', 'Capt', 'Cmdr', 'Adm',
	'Sgt', 'Cpl', 'Pvt', 'Brig', 'Rev', 'Fr', 'Hon', 'Pres', 'Amb', 'Supt', 'Insp', 'Det', 'Jr', 'Sr', 'St', 'Mt',
	// Months (May, June and July are not abbreviated).
	'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
	// Organisations, places, references.
	'Inc', 'Corp', 'Co', 'Ltd', 'Bros', 'Dept', 'Univ', 'Assn', 'Ave', 'Blvd', 'Rd', 'Ft', 'No', 'Nos', 'Vol', 'vs', 'v',
	'approx', 'est', 'al', 'cf', 'ca', 'Ph'
]);

/** Characters that end a sentence. */
const STOPS = new Set(['.', '!', '?', '…', '‽']);
/** Characters that may follow a stop and still belong to the sentence it ends. */
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '}', '›']);
/** Characters that may open a sentence before its first letter. */
const OPENERS = new Set(['"', "'", '“', '‘', '«', '(', '[', '‹', '—', '–', '-']);

function isLineBreak(ch: string): boolean {
	return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
}

function isSpace(ch: string): boolean {
	return ch !== '' && /\s/.test(ch);
}

function isLower(ch: string): boolean {
	return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** The word (letters, digits and inner dots) that ends just before `end`. */
function wordBefore(text: string, end: number): string {
	let i = end;
	while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1])) i--;
	return text.slice(i, end);
}

/** True when the full stop at `stop` ends an abbreviation or an initialism rather than a sentence. */
function isAbbreviationStop(text: string, stop: number): boolean {
	const word = wordBefore(text, stop);
	if (word === '') return false;
	if (ABBREVIATIONS.has(word)) return true;
	// Dotted initialisms and initials: "U.S", "e.g", "a.m", "J" (as in "J. Smith").
	if (/^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word)) return true;
	return false;
}

/**
 * True when a sentence starts at `index`: the text there is not white space, and it is the text's
 * start, a line's first text, or the first text after a sentence's end.
 */
export function isSentenceStart(text: string, index: number): boolean {
	if (index < 0 || index >= text.length) return false;
	const ch = text[index];
	if (isSpace(ch)) return false;
	if (index === 0) return true;
	let i = index;
	while (i > 0 && isSpace(text[i - 1])) {
		if (isLineBreak(text[i - 1])) return true;
		i--;
	}
	if (i === 0) return true; // only white space before it
	if (i === index) return false; // inside a word
	// Skip closers back to the stop.
	let j = i;
	while (j > 0 && CLOSERS.has(text[j - 1])) j--;
	if (j === 0 || !STOPS.has(text[j - 1])) return false;
	// "?!" and "..." end one sentence; look at the first stop of the run for the abbreviation test.
	let first = j - 1;
	while (first > 0 && STOPS.has(text[first - 1])) first--;
	if (text[first] === '.' && first === j - 1 && isAbbreviationStop(text, first)) return false;
	// The next sentence starts with its first letter in upper case (or a digit, quote or bracket).
	let k = index;
	while (k < text.length && OPENERS.has(text[k])) k++;
	if (k < text.length && isLower(text[k])) return false;
	return true;
}

/** Start of the first sentence that starts after `offset`; `text.length` when none does. */
export function nextSentenceStart(text: string, offset: number): number {
	for (let i = offset + 1; i < text.length; i++) if (isSentenceStart(text, i)) return i;
	return text.length;
}

/** Start of the last sentence that starts before `offset`; 0 when none does. */
export function previousSentenceStart(text: string, offset: number): number {
	for (let i = Math.min(offset, text.length) - 1; i > 0; i--) if (isSentenceStart(text, i)) return i;
	return 0;
}

/**
 * End of the sentence that holds `offset`, or of the next one when `offset` is at or past its end:
 * after its stop and closers, before the white space that follows. `text.length` at the end.
 */
export function nextSentenceEnd(text: string, offset: number): number {
	let from = offset;
	while (from < text.length) {
		const next = nextSentenceStart(text, from);
		let end = next;
		while (end > from && isSpace(text[end - 1])) end--;
		if (end > offset) return end;
		if (next >= text.length) return text.length;
		from = next;
	}
	return text.length;
}

/** Start of the first non-blank line after the line holding `offset`; `text.length` when none. */
export function nextParagraphStart(text: string, offset: number): number {
	let i = offset;
	while (i < text.length && !isLineBreak(text[i])) i++;
	while (i < text.length && isSpace(text[i])) i++;
	return i;
}

/**
 * Start of the first text of the line holding `offset` when `offset` is past it; otherwise that of
 * the nearest non-blank line before (0 at the top).
 */
export function previousParagraphStart(text: string, offset: number): number {
	let at = Math.min(offset, text.length);
	for (;;) {
		let start = at;
		while (start > 0 && !isLineBreak(text[start - 1])) start--;
		let first = start;
		while (first < text.length && !isLineBreak(text[first]) && isSpace(text[first])) first++;
		const blank = first >= text.length || isLineBreak(text[first]);
		if (!blank && first < offset) return first;
		if (start === 0) return 0;
		// Onto the line break that ends the line before (a CRLF is one break).
		at = start - 1;
		if (text[at] === '\n' && at > 0 && text[at - 1] === '\r') at--;
	}
}
