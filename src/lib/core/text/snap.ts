/**
 * Word snapping for selections: what turns a rough mouse selection into the span a labeller meant.
 * Whitespace is trimmed, partial words grow to whole words (never adding punctuation or whitespace
 * the user did not select), and edges land on grapheme boundaries. Like graphemes.ts, it segments only
 * a window around each edge, because texts can be 600 KB.
 */
import { graphemeCeil, graphemeFloor } from './graphemes';
import { splitsSurrogatePair } from './offsets';

/** How a selection is snapped; the editor keeps one and a modifier key can bypass `words`. */
export interface SnapPolicy {
	/** Grow partial words to whole words. */
	readonly words: boolean;
}

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** How far a window reaches either side of an index before falling back to an approximate edge. */
const WINDOW = 1000;

const WHITE_SPACE = /^\p{White_Space}/u;
/** Characters a word boundary rule may attach to the previous character (UAX #29 WB4), or spaces. */
const ATTACHES_OR_SPACE = /^[\p{M}\p{Cf}\p{White_Space}]/u;

function isWhiteSpaceAt(text: string, index: number): boolean {
	// Every White_Space character is in the BMP, so one code unit decides.
	return WHITE_SPACE.test(text.charAt(index));
}

function isLineBreak(code: number): boolean {
	return code === 0x0a || code === 0x0d;
}

/**
 * True when `index` is a word boundary whatever comes before it: next to a line break (UAX #29
 * WB3a/b), or after white space when what follows is neither white space nor a character that
 * would attach backwards. Segmentation that starts here gives the same boundaries as the whole text.
 */
function isSafeWordEdge(text: string, index: number): boolean {
	if (index <= 0 || index >= text.length) return true;
	const before = text.charCodeAt(index - 1);
	const after = text.charCodeAt(index);
	if (before === 0x0d) return after !== 0x0a;
	if (before === 0x0a || isLineBreak(after)) return true;
	return isWhiteSpaceAt(text, index - 1) && !ATTACHES_OR_SPACE.test(text.slice(index, index + 2));
}

/** The nearest safe edge at or before `index`, or an approximate one a window away. */
function safeEdgeBefore(text: string, index: number): number {
	const limit = Math.max(0, index - WINDOW);
	for (let p = index; p >= limit; p--) if (isSafeWordEdge(text, p)) return p;
	return splitsSurrogatePair(text, limit) ? limit - 1 : limit;
}

/** The nearest safe edge at or after `index`, or an approximate one a window away. */
function safeEdgeAfter(text: string, index: number): number {
	const limit = Math.min(text.length, index + WINDOW);
	for (let p = index; p <= limit; p++) if (isSafeWordEdge(text, p)) return p;
	return splitsSurrogatePair(text, limit) ? limit + 1 : limit;
}

interface WordSegment {
	readonly start: number;
	readonly end: number;
	readonly wordLike: boolean;
}

/** The word segment holding the code unit at `index` (< text.length). */
function segmentAt(text: string, index: number): WordSegment {
	const from = safeEdgeBefore(text, index);
	const to = safeEdgeAfter(text, index + 1);
	const segment = wordSegmenter.segment(text.slice(from, to)).containing(index - from)!;
	const start = from + segment.index;
	return { start, end: start + segment.segment.length, wordLike: segment.isWordLike === true };
}

function checkRange(text: string, start: number, end: number): void {
	if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length) {
		throw new RangeError(`selection ${start}–${end} is not a range of the text (length ${text.length})`);
	}
}

function checkIndex(text: string, index: number): void {
	if (!Number.isInteger(index) || index < 0 || index > text.length) {
		throw new RangeError(`index ${index} is outside the text (length ${text.length})`);
	}
}

/**
 * Snaps a selection `[start, end)` to the span the user meant: trims White_Space at both ends; with
 * `policy.words`, an edge strictly inside a word-like segment moves out to that word's edge ("ntagon
 * Pre" → "Pentagon Press", "$60.8" → "$60.84", "said," keeps its selected comma); then edges move out
 * to grapheme boundaries. Returns null when nothing but white space was selected.
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
		const first = segmentAt(text, start);
		if (first.wordLike && first.start < start) start = first.start;
		if (end < text.length) {
			const last = segmentAt(text, end);
			if (last.wordLike && last.start < end) end = last.end;
		}
	}
	return { start: graphemeFloor(text, start), end: graphemeCeil(text, end) };
}

/**
 * The next position after `index` that starts or ends a word-like segment (text.length if none):
 * where the keyboard moves a span edge or the caret by one word.
 */
export function nextWordEdge(text: string, index: number): number {
	checkIndex(text, index);
	// Walk segment by segment with `containing`, in windows between safe edges: iterating a
	// Segments object costs far more per segment in V8 than `containing` does.
	let from = safeEdgeBefore(text, index);
	let position = index;
	while (position < text.length) {
		const to = safeEdgeAfter(text, position + 1);
		const segments = wordSegmenter.segment(text.slice(from, to));
		while (position < to) {
			const segment = segments.containing(position - from)!;
			const start = from + segment.index;
			const end = start + segment.segment.length;
			if (segment.isWordLike) return start > index ? start : end;
			position = end;
		}
		from = to;
	}
	return text.length;
}

/**
 * The last position before `index` that starts or ends a word-like segment (0 if none): the
 * backward counterpart of `nextWordEdge`.
 */
export function previousWordEdge(text: string, index: number): number {
	checkIndex(text, index);
	let to = safeEdgeAfter(text, index);
	let position = index;
	while (position > 0) {
		const from = safeEdgeBefore(text, position - 1);
		const segments = wordSegmenter.segment(text.slice(from, to));
		while (position > from) {
			const segment = segments.containing(position - 1 - from)!;
			const start = from + segment.index;
			const end = start + segment.segment.length;
			if (segment.isWordLike) return end < index ? end : start;
			position = start;
		}
		to = from;
	}
	return 0;
}
