/**
 * How review decisions settle candidates: a conflict is settled as a whole when one of its sides is
 * accepted, the cursor works through a conflict before moving on, and the gold layer is checked for
 * spans of one label that overlap (which only an explicit choice of the reviewer may leave there).
 */
import type { Span } from '../types';
import type { Candidate } from './candidates';

/**
 * The candidates of the conflict `key` belongs to, in text order: it and every candidate reachable
 * from it through `conflictsWith` (A contradicts B, B contradicts C: one conflict). Just the
 * candidate itself when it contradicts nothing; [] for an unknown key.
 */
export function conflictOf(candidates: readonly Candidate[], key: string): Candidate[] {
	const byKey = new Map(candidates.map((c) => [c.key, c]));
	if (!byKey.has(key)) return [];
	const found = new Set([key]);
	const queue = [key];
	while (queue.length > 0) {
		const c = byKey.get(queue.pop() as string) as Candidate;
		for (const other of c.conflictsWith) {
			if (!found.has(other) && byKey.has(other)) {
				found.add(other);
				queue.push(other);
			}
		}
	}
	return candidates.filter((c) => found.has(c.key));
}

/** What accepting a candidate settles besides itself. */
export interface AcceptEffect {
	/** The candidates it contradicts: each must be rejected (those already rejected stay so). */
	readonly others: readonly Candidate[];
	/** Of those, the ones gold holds now: they leave gold. */
	readonly leaveGold: readonly Candidate[];
}

/**
 * Accepting `key` settles its conflict: every candidate that contradicts it (same range with another
 * label, or same label over an overlapping range) is rejected, and leaves gold if it was accepted.
 * Candidates that contradict only those others are not touched: they may well agree with `key`.
 */
export function acceptEffect(candidates: readonly Candidate[], key: string): AcceptEffect {
	const c = candidates.find((x) => x.key === key);
	if (!c) return { others: [], leaveGold: [] };
	const contradicts = new Set(c.conflictsWith);
	const others = candidates.filter((x) => contradicts.has(x.key));
	return { others, leaveGold: others.filter((x) => x.settled === 'accepted') };
}

/**
 * Where the cursor goes after a decision on `key`: the next unsettled candidate of the same conflict
 * (in text order after `key`, then from the conflict's start), else the next unsettled candidate in
 * text order after `key`, wrapping around; null when every candidate is settled.
 */
export function nextAfterDecision(candidates: readonly Candidate[], key: string): Candidate | null {
	const from = candidates.findIndex((c) => c.key === key);
	const open = (c: Candidate) => c.settled === null && c.key !== key;
	const rotated = from < 0 ? [...candidates] : [...candidates.slice(from + 1), ...candidates.slice(0, from + 1)];
	const group = new Set(conflictOf(candidates, key).map((c) => c.key));
	return rotated.find((c) => open(c) && group.has(c.key)) ?? rotated.find(open) ?? null;
}

/** Two gold spans of one label over overlapping, different ranges. */
export interface GoldOverlap {
	readonly label: string;
	readonly first: Span;
	readonly second: Span;
}

/**
 * The pairs of `gold` spans with the same label whose ranges overlap (without being equal), in text
 * order of the first, then the second. Nested spans of one label count: gold should say which one is
 * meant. One sweep over the spans sorted by start.
 */
export function goldOverlaps(gold: readonly Span[]): GoldOverlap[] {
	const sorted = [...gold].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const out: GoldOverlap[] = [];
	const open = new Map<string, Span[]>();
	for (const span of sorted) {
		const same = (open.get(span.label) ?? []).filter((o) => o.end > span.start);
		for (const o of same) if (o.start !== span.start || o.end !== span.end) out.push({ label: span.label, first: o, second: span });
		same.push(span);
		open.set(span.label, same);
	}
	return out;
}

/** Whether `range` overlaps a span of `label` in `gold` over a different range. */
export function overlapsGold(gold: readonly Span[], range: { readonly start: number; readonly end: number; readonly label: string }): boolean {
	return gold.some((s) => s.label === range.label && s.start < range.end && range.start < s.end && (s.start !== range.start || s.end !== range.end));
}
