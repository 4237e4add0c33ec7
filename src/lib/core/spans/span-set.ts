/**
 * The spans of one article as an immutable sorted set: what the editor paints and the codecs write.
 * Sorted by (start asc, end desc, label, id), so an outer span comes before the spans nested in it and
 * exports are deterministic. Built for 10,000 spans: add and remove are a binary search plus one array
 * copy, and the id index is handed from a set to the set derived from it instead of being copied.
 */
import type { Span } from '../types';

function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of a SpanSet (start asc, end desc, label, id), by UTF-16 code units; also the export order. */
export function compareSpans(a: Span, b: Span): number {
	return a.start - b.start || b.end - a.end || compareStrings(a.label, b.label) || compareStrings(a.id, b.id);
}

/** Field-by-field equality, so replacing a span by an equal copy is recognised as no change. */
function sameSpan(a: Span, b: Span): boolean {
	return (
		a.id === b.id &&
		a.articleId === b.articleId &&
		a.start === b.start &&
		a.end === b.end &&
		a.label === b.label &&
		a.annotator === b.annotator &&
		a.note === b.note &&
		a.flag === b.flag &&
		a.createdAt === b.createdAt &&
		a.updatedAt === b.updatedAt
	);
}

function checkSpan(span: Span): void {
	if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.start >= span.end) {
		throw new RangeError(`span "${span.id}" has invalid offsets ${span.start}–${span.end}`);
	}
}

/** Index of the first element of `spans` for which `before` is false (`before` must be monotone). */
function firstNotBefore(spans: readonly Span[], before: (span: Span) => boolean): number {
	let low = 0;
	let high = spans.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (before(spans[mid])) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** An immutable, sorted set of one article's spans, indexed by id. */
export class SpanSet {
	/** The set with no spans. */
	static readonly empty: SpanSet = new SpanSet([], new Map(), 0);

	readonly #spans: readonly Span[];
	/**
	 * Id index; null until needed, or after a derived set took it over. Only this cache ever changes,
	 * never what the set answers.
	 */
	#byId: Map<string, Span> | null;
	/** An upper bound on `end - start`, so position queries only look at spans that can reach. */
	readonly #maxLength: number;
	#counts: Record<string, number> | null = null;

	private constructor(spans: readonly Span[], byId: Map<string, Span> | null, maxLength: number) {
		this.#spans = spans;
		this.#byId = byId;
		this.#maxLength = maxLength;
	}

	/** A set of `spans` in any order; RangeError on a repeated id or invalid offsets. */
	static from(spans: Iterable<Span>): SpanSet {
		const sorted = [...spans];
		const byId = new Map<string, Span>();
		let maxLength = 0;
		for (const span of sorted) {
			checkSpan(span);
			if (byId.has(span.id)) throw new RangeError(`span id "${span.id}" appears twice`);
			byId.set(span.id, span);
			maxLength = Math.max(maxLength, span.end - span.start);
		}
		if (sorted.length === 0) return SpanSet.empty;
		sorted.sort(compareSpans);
		return new SpanSet(sorted, byId, maxLength);
	}

	/** Number of spans. */
	get size(): number {
		return this.#spans.length;
	}

	#index(): Map<string, Span> {
		if (!this.#byId) this.#byId = new Map(this.#spans.map((span) => [span.id, span]));
		return this.#byId;
	}

	/** Hands the id index to a derived set (which changes it), leaving this set to rebuild its own if asked. */
	#takeIndex(): Map<string, Span> {
		const index = this.#index();
		this.#byId = null;
		return index;
	}

	/** The span with this id. */
	get(id: string): Span | undefined {
		return this.#index().get(id);
	}

	/** Whether a span with this id is in the set. */
	has(id: string): boolean {
		return this.#index().has(id);
	}

	/** All spans in set order. The array is the set's own (not a copy), so callers must not mutate it. */
	all(): readonly Span[] {
		return this.#spans;
	}

	/** A set with `span` added; RangeError if its id is already in the set or its offsets are invalid. */
	add(span: Span): SpanSet {
		checkSpan(span);
		if (this.has(span.id)) throw new RangeError(`span id "${span.id}" is already in the set`);
		const at = firstNotBefore(this.#spans, (other) => compareSpans(other, span) < 0);
		const spans = this.#spans.slice();
		spans.splice(at, 0, span);
		const byId = this.#takeIndex();
		byId.set(span.id, span);
		return new SpanSet(spans, byId, Math.max(this.#maxLength, span.end - span.start)).#withCounts(this.#shiftedCounts(span.label, 1));
	}

	/** A set without the span of this id; this set itself if there is none. */
	remove(id: string): SpanSet {
		const span = this.get(id);
		if (!span) return this;
		const at = firstNotBefore(this.#spans, (other) => compareSpans(other, span) < 0);
		const spans = this.#spans.slice();
		spans.splice(at, 1);
		const byId = this.#takeIndex();
		byId.delete(id);
		// The bound may now be loose; that only costs a little scanning.
		return new SpanSet(spans, byId, this.#maxLength).#withCounts(this.#shiftedCounts(span.label, -1));
	}

	/**
	 * A set where the span with `span.id` is replaced by `span` (relabelled, moved, annotated); this set
	 * itself if nothing differs. RangeError if no span has that id.
	 */
	replace(span: Span): SpanSet {
		const old = this.get(span.id);
		if (!old) throw new RangeError(`span id "${span.id}" is not in the set`);
		if (sameSpan(old, span)) return this;
		checkSpan(span);
		const spans = this.#spans.slice();
		spans.splice(
			firstNotBefore(spans, (other) => compareSpans(other, old) < 0),
			1
		);
		spans.splice(
			firstNotBefore(spans, (other) => compareSpans(other, span) < 0),
			0,
			span
		);
		const byId = this.#takeIndex();
		byId.set(span.id, span);
		const counts = old.label === span.label ? this.#counts : this.#shiftedCounts(old.label, -1, this.#shiftedCounts(span.label, 1));
		return new SpanSet(spans, byId, Math.max(this.#maxLength, span.end - span.start)).#withCounts(counts);
	}

	/**
	 * The label counts after one more (delta 1) or one fewer (-1) span of `label`, from this set's
	 * counts (or `from`) when they are known: an edit then costs no pass over every span. Null when unknown.
	 */
	#shiftedCounts(label: string, delta: 1 | -1, from: Record<string, number> | null = this.#counts): Record<string, number> | null {
		if (!from) return null;
		const counts: Record<string, number> = Object.assign(Object.create(null), from);
		const n = (counts[label] ?? 0) + delta;
		if (n > 0) counts[label] = n;
		else delete counts[label];
		return counts;
	}

	#withCounts(counts: Record<string, number> | null): SpanSet {
		this.#counts = counts;
		return this;
	}

	/** The first span with exactly these offsets and label, so the editor does not add it twice. */
	findDuplicate(start: number, end: number, label: string): Span | undefined {
		const at = firstNotBefore(
			this.#spans,
			(span) => span.start < start || (span.start === start && (span.end > end || (span.end === end && span.label < label)))
		);
		const span = this.#spans[at];
		return span && span.start === start && span.end === end && span.label === label ? span : undefined;
	}

	/** Spans containing the character at `pos` (start <= pos < end), innermost (shortest) first. */
	at(pos: number): Span[] {
		const from = firstNotBefore(this.#spans, (span) => span.start < pos - this.#maxLength);
		const result: Span[] = [];
		for (let i = from; i < this.#spans.length && this.#spans[i].start <= pos; i++) {
			if (this.#spans[i].end > pos) result.push(this.#spans[i]);
		}
		// Stable sort: equal lengths keep set order.
		return result.sort((a, b) => a.end - a.start - (b.end - b.start));
	}

	/**
	 * Spans intersecting `[from, to)` (start < to and end > from), in set order. For an empty range
	 * that means the spans strictly around `from`. RangeError if from > to.
	 */
	overlapping(from: number, to: number): Span[] {
		if (from > to) throw new RangeError(`range ${from}–${to} ends before it starts`);
		const first = firstNotBefore(this.#spans, (span) => span.start <= from - this.#maxLength);
		const result: Span[] = [];
		for (let i = first; i < this.#spans.length && this.#spans[i].start < to; i++) {
			if (this.#spans[i].end > from) result.push(this.#spans[i]);
		}
		return result;
	}

	/** The first span in set order that starts after `pos`: "jump to next span". */
	next(pos: number): Span | undefined {
		return this.#spans[firstNotBefore(this.#spans, (span) => span.start <= pos)];
	}

	/** The last span in set order that starts before `pos`: "jump to previous span". */
	previous(pos: number): Span | undefined {
		const at = firstNotBefore(this.#spans, (span) => span.start < pos);
		return at > 0 ? this.#spans[at - 1] : undefined;
	}

	/** How many spans each label has (labels without spans are absent). */
	countsByLabel(): Record<string, number> {
		if (!this.#counts) {
			const counts: Record<string, number> = Object.create(null);
			for (const span of this.#spans) counts[span.label] = (counts[span.label] ?? 0) + 1;
			this.#counts = counts;
		}
		return { ...this.#counts };
	}
}
