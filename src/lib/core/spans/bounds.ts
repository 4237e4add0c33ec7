/**
 * Whether a span's offsets are acceptable for a text, with messages a user can act on. Shared by the
 * editor (programmatic spans) and the codecs (imported spans), which prefix the field's path.
 */
import { graphemeCeil, graphemeFloor, isGraphemeBoundary } from '../text/graphemes';
import { splitsSurrogatePair } from '../text/offsets';

/** What is wrong with a span's offsets: which field, and a message that starts with its value. */
export interface SpanBoundsProblem {
	readonly field: 'start' | 'end';
	/** E.g. `40 is beyond the text (length 35)`. */
	readonly detail: string;
}

/**
 * Checks offsets against a text length in any unit (UTF-16 or code points): whole numbers, not
 * negative, within the text, start before end. Null if fine.
 */
export function offsetRangeProblem(start: number, end: number, length: number): SpanBoundsProblem | null {
	if (!Number.isInteger(start)) return { field: 'start', detail: `${start} is not a whole number` };
	if (!Number.isInteger(end)) return { field: 'end', detail: `${end} is not a whole number` };
	if (start < 0) return { field: 'start', detail: `${start} is negative` };
	if (start > length) return { field: 'start', detail: `${start} is beyond the text (length ${length})` };
	if (end > length) return { field: 'end', detail: `${end} is beyond the text (length ${length})` };
	if (start >= end) return { field: 'end', detail: `${end} is not after start ${start}` };
	return null;
}

/** The cluster in quotes, shortened if it is a pile of combining marks. */
function quoted(cluster: string): string {
	const codePoints = Array.from(cluster);
	return JSON.stringify(codePoints.length > 16 ? `${codePoints.slice(0, 16).join('')}…` : cluster);
}

/**
 * Checks that UTF-16 offsets (already in range) split no surrogate pair and no grapheme cluster.
 * `shown` are the values to print, when the user gave the offsets in another unit. Null if fine.
 */
export function boundarySplitProblem(
	text: string,
	start: number,
	end: number,
	shown: { readonly start: number; readonly end: number } = { start, end }
): SpanBoundsProblem | null {
	for (const field of ['start', 'end'] as const) {
		const index = field === 'start' ? start : end;
		if (splitsSurrogatePair(text, index)) {
			return {
				field,
				detail: `${shown[field]} splits the surrogate pair of ${quoted(text.slice(index - 1, index + 1))}`
			};
		}
		if (!isGraphemeBoundary(text, index)) {
			const cluster = text.slice(graphemeFloor(text, index), graphemeCeil(text, index));
			return { field, detail: `${shown[field]} splits the grapheme cluster ${quoted(cluster)}` };
		}
	}
	return null;
}

/**
 * Null when `[start, end)` (UTF-16) is a valid span of `text`, else a message such as
 * `end 40 is beyond the text (length 35)` or `start 5 splits the grapheme cluster "👨‍👩‍👧"`.
 */
export function checkSpanBounds(text: string, start: number, end: number): string | null {
	const problem = offsetRangeProblem(start, end, text.length) ?? boundarySplitProblem(text, start, end);
	return problem && `${problem.field} ${problem.detail}`;
}
