/**
 * Re-anchoring: finding a teammate's spans in our copy of an article when the two copies differ a
 * little (CRLF against LF, runs of white space, a few edits). A span travels as a `QuoteAnchor` (its
 * text, up to 32 units of context each side, its old offsets); `reanchor` says where that quote is in
 * the target text and how sure it is. Nothing is ever moved silently: anything short of a clear
 * answer comes back `low`, with a reason a reviewer can read.
 *
 * Algorithm, for one anchor against a target text:
 *
 * 1. Exact: the quote is still at its old offsets, with the same prefix and suffix around it
 *    (compared raw) → `exact`, "unchanged".
 * 2. Candidates, in stages; a later stage runs only when the earlier ones found no candidate whose
 *    context agrees (see 4); if no stage has an agreeing candidate the first non-empty one is used:
 *    a. raw: every occurrence of the quote in the target (overlapping ones too);
 *    b. normalised: every occurrence of the quote in a white-space-normalised view of the target
 *       (each run of White_Space, CRLF and lone CR included, collapsed to one space; an index map
 *       leads back to target offsets), so a quote that spans a changed line ending or a doubled space
 *       is found, and covers the whole run in the target;
 *    c. fuzzy: Sellers' approximate search (fuzzy.ts) of the normalised quote in the normalised view,
 *       within `fuzzyRadius` units of the expected position, allowing `fuzzyMaxEditRatio` × quote
 *       length edits. Cost O(m × (2·radius + 3m)) for a quote of m units, and only for quotes of
 *       `fuzzyMinQuoteLength` to `fuzzyMaxQuoteLength` units (shorter ones are too easy to find by
 *       chance; longer ones too slow). A change of more than the radius before the quote hides it
 *       from this stage; `reanchorSpans` narrows that gap by expecting each span where its
 *       confidently placed neighbours moved.
 *    Candidates whose edges would split a grapheme cluster of the target are dropped (raw and
 *    normalised) or widened to whole clusters (fuzzy).
 * 3. Scoring: how many characters of prefix agree with the text before the candidate (read backwards)
 *    and of suffix with the text after it, white space runs counting as one space; `context` is the
 *    agreeing fraction of both sides together. The expected position is the old start, scaled by
 *    `target.length / sourceLength` when the source length is known (or `expectedStart`).
 * 4. Confidence policy (thresholds in `ANCHOR_POLICY`):
 *    - a side of context agrees when at least `contextAgreement` of its characters match; a candidate
 *      agrees when one side does, or when the anchor has no context at all (the quote was the whole
 *      text);
 *    - candidates within `ambiguityMargin` of the best context score are tied;
 *    - `high`: raw or normalised stage, one candidate (or one clear winner: no other tied with it),
 *      and it agrees;
 *    - `low`: anything fuzzy; several tied candidates (the best context wins, then the one nearest the
 *      expected position, and the reason says how many there were); a lone candidate whose context
 *      does not agree; a result widened to whole grapheme clusters;
 *    - `null`: no candidate at all.
 * Returned offsets always lie on grapheme boundaries of the target, with `start < end`.
 *
 * Cost: the exact check is O(quote + context). Occurrences are found with `indexOf`, or, once a target
 * has been searched a few times (`reanchorSpans`), with a 4-gram index of it (grams.ts), and are
 * cached per quote; the normalised view and the line starts are built once per target, on first need.
 * Scoring stops at the first disagreeing context character. 2,000 spans on a 100 KB text take about
 * 50–150 ms in Node (see the test).
 */
import { graphemeCeil, graphemeFloor, isGraphemeBoundary } from '../text/graphemes';
import { fuzzyFind } from './fuzzy';
import { GRAM_LENGTH, GramIndex } from './grams';
import { quoteAnchor, DEFAULT_QUOTE_CONTEXT, type QuoteAnchor } from './quote';
import {
	agreeingAfter,
	agreeingBefore,
	collapseWhitespace,
	normalisedIndexOf,
	normalisedLength,
	normaliseWhitespace,
	type NormalisedText
} from './whitespace';

/** How sure a re-anchoring is: `exact` (untouched), `high` (safe to accept), `low` (a person should look). */
export type AnchorConfidence = 'exact' | 'high' | 'low';

/** Where a quote is in the target text, how sure that is, and why, in a short sentence. */
export interface ReanchorResult {
	readonly start: number;
	readonly end: number;
	readonly confidence: AnchorConfidence;
	readonly reason: string;
}

/** The thresholds of the re-anchoring policy (the module doc says how they are used). */
export interface AnchorPolicy {
	/** Fraction of one side's context characters that must agree for the candidate to agree. */
	readonly contextAgreement: number;
	/** Candidates whose context score (0–1) is within this of the best one's are tied. */
	readonly ambiguityMargin: number;
	/** Edits allowed by the fuzzy stage, as a fraction of the (normalised) quote length, rounded down. */
	readonly fuzzyMaxEditRatio: number;
	/** Shortest quote (normalised UTF-16 units) the fuzzy stage looks for. */
	readonly fuzzyMinQuoteLength: number;
	/** Longest quote (normalised UTF-16 units) the fuzzy stage looks for: its cost grows with length². */
	readonly fuzzyMaxQuoteLength: number;
	/** How far (normalised units) from the expected position a fuzzy match may start. */
	readonly fuzzyRadius: number;
	/** At most this many non-overlapping fuzzy matches are scored. */
	readonly fuzzyMaxCandidates: number;
}

/** The default policy. */
export const ANCHOR_POLICY: AnchorPolicy = Object.freeze({
	contextAgreement: 0.5,
	ambiguityMargin: 0.25,
	fuzzyMaxEditRatio: 0.2,
	fuzzyMinQuoteLength: 5,
	fuzzyMaxQuoteLength: 2000,
	fuzzyRadius: 2000,
	fuzzyMaxCandidates: 8
});

/** Optional knowledge that sharpens a re-anchoring. */
export interface ReanchorOptions {
	/** Length of the source text: the expected position becomes `start × target.length / sourceLength`. */
	readonly sourceLength?: number;
	/** Where in the target the quote is expected to start; overrides the scaling by `sourceLength`. */
	readonly expectedStart?: number;
	/** 0-based line of `anchor.start` in the source, so the reason can say how many lines the quote moved. */
	readonly sourceLine?: number;
	/** Thresholds to use instead of some of `ANCHOR_POLICY`'s. */
	readonly policy?: Partial<AnchorPolicy>;
}

type Stage = 'raw' | 'normalised' | 'fuzzy';

/** A place the quote may now be, with its score. */
interface Candidate {
	readonly start: number;
	readonly end: number;
	/** Edits from the quote (fuzzy stage), else 0. */
	readonly distance: number;
	/** Agreeing context characters before and after (normalised). */
	readonly before: number;
	readonly after: number;
	/** Agreeing fraction of all context characters, 0–1. */
	readonly context: number;
	readonly agrees: boolean;
	/** Distance from the expected position, in target units. */
	readonly gap: number;
}

/**
 * A target text with what searching it needs, built when first asked for: the white-space-normalised
 * view, line starts, and the occurrences of quotes already looked up. `reanchorSpans` shares one for
 * all spans.
 */
/** Whole-text scans a `TargetIndex` makes before it builds a gram index (which costs about as much as a few scans). */
const SCANS_BEFORE_GRAM_INDEX = 4;

class TargetIndex {
	#normalised: NormalisedText | undefined;
	#lineStarts: number[] | undefined;
	#grams: GramIndex | undefined;
	#scans = 0;
	readonly #raw = new Map<string, number[]>();
	readonly #collapsed = new Map<string, number[]>();

	constructor(readonly text: string) {}

	get normalised(): NormalisedText {
		return (this.#normalised ??= normaliseWhitespace(this.text));
	}

	/**
	 * Start of every occurrence of `quote` in the text, overlapping ones included, ascending. After a
	 * few look-ups a gram index of the text is built, so that many quotes cost less than a scan each.
	 */
	occurrences(quote: string): number[] {
		let found = this.#raw.get(quote);
		if (!found) {
			if (quote.length >= GRAM_LENGTH && ++this.#scans > SCANS_BEFORE_GRAM_INDEX) {
				this.#grams ??= new GramIndex(this.text);
				found = this.#grams.occurrences(quote);
			} else {
				found = allIndexesOf(this.text, quote);
			}
			this.#raw.set(quote, found);
		}
		return found;
	}

	/** Start of every occurrence of the normalised `quote` in the normalised view (normalised indices). */
	normalisedOccurrences(collapsed: string): number[] {
		let found = this.#collapsed.get(collapsed);
		if (!found) {
			found = allIndexesOf(this.normalised.text, collapsed);
			this.#collapsed.set(collapsed, found);
		}
		return found;
	}

	/** 0-based line of `offset` (lines split at CRLF, LF and lone CR). */
	lineOf(offset: number): number {
		this.#lineStarts ??= lineStarts(this.text);
		return lastAtOrBefore(this.#lineStarts, offset);
	}
}

function allIndexesOf(text: string, quote: string): number[] {
	const found: number[] = [];
	for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
	return found;
}

/** Where each line starts (after CRLF, LF or a lone CR, as `splitLines` splits them). */
function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
	}
	return starts;
}

/** Index of the last value <= `value` in ascending `values` (0 when none is). */
function lastAtOrBefore(values: readonly number[], value: number): number {
	let low = 0;
	let high = values.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (values[mid] <= value) low = mid;
		else high = mid - 1;
	}
	return low;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** True when the quote is still at its old offsets with the same context, on grapheme boundaries. */
function isUnchanged(anchor: QuoteAnchor, target: string): boolean {
	const start = anchor.start;
	const end = start + anchor.exact.length;
	return (
		Number.isInteger(start) &&
		start - anchor.prefix.length >= 0 &&
		end + anchor.suffix.length <= target.length &&
		target.startsWith(anchor.exact, start) &&
		target.startsWith(anchor.prefix, start - anchor.prefix.length) &&
		target.startsWith(anchor.suffix, end) &&
		isGraphemeBoundary(target, start) &&
		isGraphemeBoundary(target, end)
	);
}

function expectedPosition(anchor: QuoteAnchor, length: number, options: ReanchorOptions): number {
	let expected = anchor.start;
	if (options.expectedStart !== undefined) expected = options.expectedStart;
	else if (options.sourceLength !== undefined && options.sourceLength > 0) {
		expected = (anchor.start * length) / options.sourceLength;
	}
	if (!Number.isFinite(expected)) return 0;
	return Math.min(length, Math.max(0, Math.round(expected)));
}

/** Everything `reanchorIn` works out about one anchor before looking at candidates. */
interface Query {
	readonly anchor: QuoteAnchor;
	readonly index: TargetIndex;
	readonly policy: AnchorPolicy;
	readonly expected: number;
	readonly prefixLength: number;
	readonly suffixLength: number;
	readonly collapsed: string;
}

function score(query: Query, start: number, end: number, distance: number): Candidate {
	const { anchor, index, policy, prefixLength, suffixLength } = query;
	const before = Math.min(prefixLength, agreeingBefore(anchor.prefix, index.text, start));
	const after = Math.min(suffixLength, agreeingAfter(anchor.suffix, index.text, end));
	const total = prefixLength + suffixLength;
	const agrees =
		total === 0 ||
		(prefixLength > 0 && before >= policy.contextAgreement * prefixLength) ||
		(suffixLength > 0 && after >= policy.contextAgreement * suffixLength);
	return {
		start,
		end,
		distance,
		before,
		after,
		context: total === 0 ? 1 : (before + after) / total,
		agrees,
		gap: Math.abs(start - query.expected)
	};
}

function rawCandidates(query: Query): Candidate[] {
	const { anchor, index } = query;
	const length = anchor.exact.length;
	const found: Candidate[] = [];
	for (const start of index.occurrences(anchor.exact)) {
		const end = start + length;
		if (isGraphemeBoundary(index.text, start) && isGraphemeBoundary(index.text, end)) {
			found.push(score(query, start, end, 0));
		}
	}
	return found;
}

function normalisedCandidates(query: Query): Candidate[] {
	const { index } = query;
	const view = index.normalised;
	const length = query.collapsed.length;
	const found: Candidate[] = [];
	for (const at of index.normalisedOccurrences(query.collapsed)) {
		const start = view.starts[at];
		const end = view.ends[at + length - 1];
		if (isGraphemeBoundary(index.text, start) && isGraphemeBoundary(index.text, end)) {
			found.push(score(query, start, end, 0));
		}
	}
	return found;
}

function fuzzyCandidates(query: Query): Candidate[] {
	const { index, policy, collapsed } = query;
	const m = collapsed.length;
	if (m < policy.fuzzyMinQuoteLength || m > policy.fuzzyMaxQuoteLength) return [];
	const maxDistance = Math.floor(m * policy.fuzzyMaxEditRatio);
	if (maxDistance < 1) return [];
	const view = index.normalised;
	const centre = normalisedIndexOf(view, query.expected);
	const matches = fuzzyFind(
		collapsed,
		view.text,
		centre - policy.fuzzyRadius - m,
		centre + policy.fuzzyRadius + 2 * m,
		maxDistance,
		centre,
		policy.fuzzyMaxCandidates
	);
	const found: Candidate[] = [];
	for (const match of matches) {
		const start = graphemeFloor(index.text, view.starts[match.start]);
		const end = graphemeCeil(index.text, view.ends[match.end - 1]);
		if (found.some((other) => other.start === start && other.end === end)) continue;
		found.push(score(query, start, end, match.distance));
	}
	return found;
}

/** How many lines the quote moved, and "found 2 lines further down", "found 12 characters earlier"… */
function describeMove(query: Query, start: number, sourceLine: number | undefined): { lines: number; text: string } {
	const { anchor, index } = query;
	const from = Math.min(anchor.start, index.text.length);
	const lines = index.lineOf(start) - (sourceLine ?? index.lineOf(from));
	let text: string;
	if (lines > 0) text = `found ${plural(lines, 'line')} further down`;
	else if (lines < 0) text = `found ${plural(-lines, 'line')} further up`;
	else if (start === anchor.start) text = 'found in place';
	else if (sourceLine !== undefined) text = 'found on the same line';
	else {
		const shift = start - anchor.start;
		text = `found ${plural(Math.abs(shift), 'character')} ${shift > 0 ? 'later' : 'earlier'}`;
	}
	return { lines, text };
}

/** True when the anchor's text and the target around the candidate disagree on carriage returns. */
function lineEndingsDiffer(query: Query, candidate: Candidate): boolean {
	const { anchor, index } = query;
	const sourceHasCr = (anchor.prefix + anchor.exact + anchor.suffix).includes('\r');
	const around = index.text.slice(
		Math.max(0, candidate.start - anchor.prefix.length),
		candidate.end + anchor.suffix.length
	);
	return sourceHasCr !== around.includes('\r');
}

/** True when the candidate agrees only once white space is normalised. */
function spacingDiffers(query: Query, candidate: Candidate): boolean {
	const { anchor, index } = query;
	return (
		index.text.slice(candidate.start, candidate.end) !== anchor.exact ||
		agreeingBefore(anchor.prefix, index.text, candidate.start, true) < candidate.before ||
		agreeingAfter(anchor.suffix, index.text, candidate.end, true) < candidate.after
	);
}

/** Best first: most agreeing context, then (fuzzy) fewest edits, then nearest the expected position. */
function compareCandidates(quoteLength: number) {
	return (a: Candidate, b: Candidate) =>
		b.context - b.distance / quoteLength - (a.context - a.distance / quoteLength) || a.gap - b.gap || a.start - b.start;
}

function decide(query: Query, stage: Stage, candidates: Candidate[], options: ReanchorOptions): ReanchorResult {
	const { policy } = query;
	const compare = compareCandidates(Math.max(1, query.collapsed.length));
	let best = candidates[0];
	for (const candidate of candidates) if (compare(candidate, best) < 0) best = candidate;
	const tied = candidates.filter((c) => c.context >= best.context - policy.ambiguityMargin);
	const parts: string[] = [];
	let confidence: AnchorConfidence = stage === 'fuzzy' ? 'low' : 'high';

	if (stage === 'fuzzy') parts.push(`the quote was edited (${plural(best.distance, 'change')})`);
	if (tied.length > 1) {
		confidence = 'low';
		const nearest = tied.reduce((gap, c) => Math.min(gap, c.gap), Infinity);
		const what = stage === 'fuzzy' ? `${tied.length} similar passages match` : `the quote occurs ${candidates.length} times`;
		parts.push(`${what}; took the ${best.gap === nearest ? 'nearest' : 'best-matching one'}`);
	} else {
		const move = describeMove(query, best.start, options.sourceLine);
		if (lineEndingsDiffer(query, best)) {
			// Offsets shift with every CR, so only a known line move is worth saying.
			if (options.sourceLine !== undefined && move.lines !== 0) parts.push(move.text);
			parts.push('line endings differ');
		} else {
			parts.push(move.text);
			if (stage !== 'fuzzy' && spacingDiffers(query, best)) parts.push('spacing differs');
		}
		if (!best.agrees) {
			confidence = 'low';
			parts.push('the text around it changed');
		}
	}
	let { start, end } = best;
	// Candidates are on boundaries already; this only guards the promise of the API.
	const floor = graphemeFloor(query.index.text, start);
	const ceil = graphemeCeil(query.index.text, end);
	if (floor !== start || ceil !== end) {
		[start, end] = [floor, ceil];
		confidence = 'low';
		parts.push('widened to whole characters');
	}
	return { start, end, confidence, reason: parts.join('; ') };
}

function reanchorIn(anchor: QuoteAnchor, index: TargetIndex, options: ReanchorOptions): ReanchorResult | null {
	if (anchor.exact.length === 0) return null;
	const target = index.text;
	if (isUnchanged(anchor, target)) {
		return { start: anchor.start, end: anchor.start + anchor.exact.length, confidence: 'exact', reason: 'unchanged' };
	}
	const query: Query = {
		anchor,
		index,
		policy: options.policy ? { ...ANCHOR_POLICY, ...options.policy } : ANCHOR_POLICY,
		expected: expectedPosition(anchor, target.length, options),
		prefixLength: normalisedLength(anchor.prefix),
		suffixLength: normalisedLength(anchor.suffix),
		collapsed: collapseWhitespace(anchor.exact)
	};
	const stages: [Stage, (query: Query) => Candidate[]][] = [
		['raw', rawCandidates],
		['normalised', normalisedCandidates],
		['fuzzy', fuzzyCandidates]
	];
	let fallback: [Stage, Candidate[]] | undefined;
	for (const [stage, find] of stages) {
		const candidates = find(query);
		if (candidates.length === 0) continue;
		if (candidates.some((c) => c.agrees)) return decide(query, stage, candidates, options);
		fallback ??= [stage, candidates];
	}
	return fallback ? decide(query, fallback[0], fallback[1], options) : null;
}

/**
 * Where `anchor`'s quote is in `target` now, how sure that is and why (see the module doc for the
 * algorithm and the confidence policy), or null when nothing plausible is found. The offsets lie on
 * grapheme boundaries of `target`, `start < end`. Pass the source text's length as `sourceLength` so
 * the expected position scales with the text.
 */
export function reanchor(anchor: QuoteAnchor, target: string, options: ReanchorOptions = {}): ReanchorResult | null {
	return reanchorIn(anchor, new TargetIndex(target), options);
}

/** One span of `reanchorSpans`: its index in the input, and where it went (null: not found). */
export interface SpanReanchoring {
	readonly index: number;
	readonly result: ReanchorResult | null;
}

/**
 * Re-anchors every span `[start, end)` of `source` onto `target`, one result per span in input order.
 * Builds each span's anchor (`context` units each side) and shares the target's search structures
 * between spans. Spans that come back low or null are tried again expecting them where the nearest
 * confidently placed span (by source position) moved, and take that answer when it finds one, which
 * recovers spans after a long insertion that the scaled position misses. Throws RangeError for a span
 * that is not within `source` (validate imported spans first).
 */
export function reanchorSpans(
	source: string,
	target: string,
	spans: readonly { readonly start: number; readonly end: number }[],
	options: { readonly context?: number; readonly policy?: Partial<AnchorPolicy> } = {}
): SpanReanchoring[] {
	const index = new TargetIndex(target);
	const sourceLines = lineStarts(source);
	const anchors = spans.map((span) => quoteAnchor(source, span.start, span.end, options.context ?? DEFAULT_QUOTE_CONTEXT));
	const base = (i: number): ReanchorOptions => ({
		sourceLength: source.length,
		sourceLine: lastAtOrBefore(sourceLines, anchors[i].start),
		policy: options.policy
	});
	const results = anchors.map((anchor, i) => reanchorIn(anchor, index, base(i)));

	// Second pass: expect doubtful spans where their confidently placed neighbours went.
	const confident = results
		.map((result, i) => ({ i, result }))
		.filter(({ result }) => result !== null && result.confidence !== 'low')
		.sort((a, b) => anchors[a.i].start - anchors[b.i].start);
	if (confident.length > 0) {
		const starts = confident.map(({ i }) => anchors[i].start);
		results.forEach((result, i) => {
			if (result !== null && result.confidence !== 'low') return;
			// The last confident span at or before this one, else the first after it.
			const neighbour = confident[lastAtOrBefore(starts, anchors[i].start)];
			const shift = neighbour.result!.start - anchors[neighbour.i].start;
			const expectedStart = anchors[i].start + shift;
			const again = reanchorIn(anchors[i], index, { ...base(i), expectedStart });
			if (again !== null) results[i] = again;
		});
	}
	return results.map((result, index) => ({ index, result }));
}
