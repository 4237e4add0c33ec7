/**
 * Grapheme cluster boundaries (what users see as one character: 👨‍👩‍👧, 🇺🇦, e + combining accent).
 * No span edge may fall inside one. Texts can be 600 KB, so each question segments only a small
 * window around the index, starting and ending at positions that are boundaries whatever the context.
 */
import { splitsSurrogatePair } from './offsets';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How far a window reaches either side of the index before falling back to an approximate edge. */
const WINDOW = 1000;

const CR = 0x0d;
const LF = 0x0a;

/**
 * ASCII and common CJK ideographs have Grapheme_Cluster_Break "Other" or "Control" and never extend or
 * prefix a neighbour, so the position between two of them is always a boundary (CR LF aside).
 */
function isSimple(code: number): boolean {
	return code < 0x80 || (code >= 0x4e00 && code <= 0x9fff);
}

/** True when `index` is a boundary by local rules alone (UAX #29 GB3–GB5 and the simple-pair rule). */
function isCertainBoundary(text: string, index: number): boolean {
	if (index <= 0 || index >= text.length) return true;
	const before = text.charCodeAt(index - 1);
	const after = text.charCodeAt(index);
	if (before === CR) return after !== LF;
	if (before === LF || after === LF || after === CR) return true;
	return isSimple(before) && isSimple(after);
}

/** True when the two code units before `index` are a regional indicator (half a flag). */
function regionalIndicatorBefore(text: string, index: number): boolean {
	if (index < 2 || text.charCodeAt(index - 2) !== 0xd83c) return false;
	const low = text.charCodeAt(index - 1);
	return low >= 0xdde6 && low <= 0xddff;
}

/** A position at or before `index` to start segmenting from: a certain boundary when one is near. */
function windowStart(text: string, index: number): number {
	const limit = Math.max(0, index - WINDOW);
	for (let p = index; p >= limit; p--) if (isCertainBoundary(text, p)) return p;
	// No certain boundary nearby (a long run of emoji or marks): start far enough back that the
	// segmenter has resynchronised by `index`, but never inside a surrogate pair or a flag run,
	// because flags pair up from the start of their run.
	let p = limit;
	if (splitsSurrogatePair(text, p)) p--;
	while (regionalIndicatorBefore(text, p)) p -= 2;
	return p;
}

/** A position at or after `index` to stop segmenting at. */
function windowEnd(text: string, index: number): number {
	const limit = Math.min(text.length, index + WINDOW);
	for (let p = index; p <= limit; p++) if (isCertainBoundary(text, p)) return p;
	return splitsSurrogatePair(text, limit) ? limit + 1 : limit;
}

/** `[start, end)` of the grapheme cluster that holds the code unit at `index` (< text.length). */
function clusterAt(text: string, index: number): [number, number] {
	const start = windowStart(text, index);
	const end = windowEnd(text, index + 1);
	const segment = segmenter.segment(text.slice(start, end)).containing(index - start);
	// `containing` cannot miss: index - start lies inside the sliced window.
	const from = start + segment!.index;
	return [from, from + segment!.segment.length];
}

function checkIndex(text: string, index: number): void {
	if (!Number.isInteger(index) || index < 0 || index > text.length) {
		throw new RangeError(`index ${index} is outside the text (length ${text.length})`);
	}
}

/** True when a span edge may go at `index` (0 and text.length always can); RangeError outside the text. */
export function isGraphemeBoundary(text: string, index: number): boolean {
	checkIndex(text, index);
	return isCertainBoundary(text, index) || clusterAt(text, index)[0] === index;
}

/** The largest grapheme boundary <= `index`: where a span start moves to so it includes the whole cluster. */
export function graphemeFloor(text: string, index: number): number {
	checkIndex(text, index);
	return isCertainBoundary(text, index) ? index : clusterAt(text, index)[0];
}

/** The smallest grapheme boundary >= `index`: where a span end moves to so it includes the whole cluster. */
export function graphemeCeil(text: string, index: number): number {
	checkIndex(text, index);
	if (isCertainBoundary(text, index)) return index;
	const [start, end] = clusterAt(text, index);
	return start === index ? index : end;
}
