/**
 * Whitespace-insensitive views and comparisons for re-anchoring. Two copies of an article often
 * differ only in spacing: CRLF against LF, a lone CR, doubled spaces, a tab or a no-break space where
 * the other has a space. Here every run of White_Space characters (line breaks included) counts as one
 * space, and the normalised view keeps a map back to offsets of the original text.
 */

/**
 * True for the code units of Unicode White_Space characters (what `\p{White_Space}` matches; all of
 * them are in the BMP, so one code unit decides). U+FEFF is not White_Space, unlike JavaScript's `\s`.
 */
export function isSpaceUnit(code: number): boolean {
	if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
	if (code < 0x85) return false;
	return (
		code === 0x85 ||
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000
	);
}

/**
 * A text with every run of white space collapsed to one U+0020, and where each of its code units came
 * from: normalised unit `i` stands for `original.slice(starts[i], ends[i])` (one code unit, or a whole
 * run of white space). `starts[text.length]` and `ends[text.length]` are the original length, so a
 * normalised range `[i, j)` maps back to `[starts[i], ends[j - 1])` (or `[starts[i], starts[i])` if empty).
 */
export interface NormalisedText {
	readonly text: string;
	readonly starts: Uint32Array;
	readonly ends: Uint32Array;
}

/** Collapses white space runs of `original` to single spaces, keeping the map back (one pass, O(n)). */
export function normaliseWhitespace(original: string): NormalisedText {
	const starts = new Uint32Array(original.length + 1);
	const ends = new Uint32Array(original.length + 1);
	const parts: string[] = [];
	let length = 0;
	let copied = 0; // original offset up to which `parts` holds the text
	let i = 0;
	while (i < original.length) {
		if (!isSpaceUnit(original.charCodeAt(i))) {
			starts[length] = i;
			ends[length] = i + 1;
			length++;
			i++;
			continue;
		}
		const runStart = i;
		while (i < original.length && isSpaceUnit(original.charCodeAt(i))) i++;
		if (runStart > copied) parts.push(original.slice(copied, runStart));
		parts.push(' ');
		copied = i;
		starts[length] = runStart;
		ends[length] = i;
		length++;
	}
	if (copied < original.length) parts.push(original.slice(copied));
	starts[length] = original.length;
	ends[length] = original.length;
	return { text: parts.join(''), starts: starts.subarray(0, length + 1), ends: ends.subarray(0, length + 1) };
}

/** `text` with every run of white space collapsed to one space (the `text` of `normaliseWhitespace`). */
export function collapseWhitespace(text: string): string {
	return text.replace(/\p{White_Space}+/gu, ' ');
}

/** Length of `text` once white space runs are collapsed, without building the string. */
export function normalisedLength(text: string): number {
	let length = 0;
	let inRun = false;
	for (let i = 0; i < text.length; i++) {
		const space = isSpaceUnit(text.charCodeAt(i));
		if (!space || !inRun) length++;
		inRun = space;
	}
	return length;
}

/**
 * The normalised index whose original unit holds `offset` (the last `i` with `starts[i] <= offset`),
 * by binary search; `text.length` for the end of the original.
 */
export function normalisedIndexOf(view: NormalisedText, offset: number): number {
	let low = 0;
	let high = view.starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (view.starts[mid] <= offset) low = mid;
		else high = mid - 1;
	}
	return low;
}

/**
 * True when the white space run `a.slice(aStart, aEnd)` is the run `b.slice(bStart, bEnd)`; a run cut
 * at its start (`openStart`) or end (`openEnd`) need only be a tail or head of the other.
 */
function sameRun(
	a: string,
	aStart: number,
	aEnd: number,
	b: string,
	bStart: number,
	bEnd: number,
	openStart: boolean,
	openEnd: boolean
): boolean {
	const runA = a.slice(aStart, aEnd);
	const runB = b.slice(bStart, bEnd);
	if (openStart) return runB.endsWith(runA);
	if (openEnd) return runB.startsWith(runA);
	return runA === runB;
}

/**
 * How many normalised characters at the end of `context` agree with the text of `target` that ends at
 * `targetEnd`, reading backwards, with white space runs on either side counting as one space. Stops at
 * the first difference, so it costs about the length of `context`. With `strict`, white space runs
 * must also be the same characters (the count is still in normalised characters, so the two counts
 * compare: a strict count below the loose one means the spacing differs).
 */
export function agreeingBefore(context: string, target: string, targetEnd: number, strict = false): number {
	let i = context.length;
	let j = targetEnd;
	let count = 0;
	while (i > 0 && j > 0) {
		const a = context.charCodeAt(i - 1);
		const b = target.charCodeAt(j - 1);
		const spaceA = isSpaceUnit(a);
		const spaceB = isSpaceUnit(b);
		if (spaceA && spaceB) {
			const runEndA = i;
			const runEndB = j;
			while (i > 0 && isSpaceUnit(context.charCodeAt(i - 1))) i--;
			while (j > 0 && isSpaceUnit(target.charCodeAt(j - 1))) j--;
			// A run cut by the start of the context only has to end like the target's run.
			if (strict && !sameRun(context, i, runEndA, target, j, runEndB, i === 0, false)) break;
		} else if (spaceA || spaceB || a !== b) {
			break;
		} else {
			i--;
			j--;
		}
		count++;
	}
	return count;
}

/**
 * How many normalised characters at the start of `context` agree with the text of `target` from
 * `targetStart` on, reading forwards; the mirror of `agreeingBefore`.
 */
export function agreeingAfter(context: string, target: string, targetStart: number, strict = false): number {
	let i = 0;
	let j = targetStart;
	let count = 0;
	while (i < context.length && j < target.length) {
		const a = context.charCodeAt(i);
		const b = target.charCodeAt(j);
		const spaceA = isSpaceUnit(a);
		const spaceB = isSpaceUnit(b);
		if (spaceA && spaceB) {
			const runStartA = i;
			const runStartB = j;
			while (i < context.length && isSpaceUnit(context.charCodeAt(i))) i++;
			while (j < target.length && isSpaceUnit(target.charCodeAt(j))) j++;
			// A run cut by the end of the context only has to start like the target's run.
			if (strict && !sameRun(context, runStartA, i, target, runStartB, j, false, i === context.length)) break;
		} else if (spaceA || spaceB || a !== b) {
			break;
		} else {
			i++;
			j++;
		}
		count++;
	}
	return count;
}
