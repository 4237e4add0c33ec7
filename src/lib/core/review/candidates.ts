/**
 * Review: the candidate spans of an article, as several annotators' layers propose them, and where
 * each stands. A candidate is one distinct (start, end, label); its status says how far the
 * annotators agree on it, and whether the reviewer has settled it into the gold layer.
 *
 * - `unanimous`: every annotator of the review has it.
 * - `partial`: some have it (`annotators` says who), and nothing contradicts it.
 * - `conflict`: another candidate contradicts it: the same range with another label, or the same
 *   label over an overlapping but different range. (Different labels over nested or crossing ranges
 *   are not a conflict: a claim contains its actor.)
 *
 * Settled: `accepted` when the gold layer has exactly this span, `rejected` when the reviewer
 * rejected it, else null.
 */
import type { Span } from '../types';

export type CandidateStatus = 'unanimous' | 'partial' | 'conflict';

export interface Candidate {
	/** `start:end:label`: stable across reloads, so decisions can be stored by it. */
	readonly key: string;
	readonly start: number;
	readonly end: number;
	readonly label: string;
	/** Who proposed it, sorted. */
	readonly annotators: readonly string[];
	readonly status: CandidateStatus;
	/** Keys of the candidates that contradict it. */
	readonly conflictsWith: readonly string[];
	readonly settled: 'accepted' | 'rejected' | null;
	/** Why some of its spans need a reviewer's look (`Span.flag`), e.g. re-anchored with low confidence. */
	readonly flags: readonly string[];
}

/** The key of a span or candidate. */
export function candidateKey(span: { readonly start: number; readonly end: number; readonly label: string }): string {
	return `${span.start}:${span.end}:${span.label}`;
}

/**
 * The candidates of `spans` (the layers of `annotators`; spans of anyone else are ignored), in text
 * order (start, then longer first, then label), with their status and whether `gold` / `rejected`
 * settle them.
 */
export function buildCandidates(
	spans: readonly Span[],
	annotators: readonly string[],
	gold: readonly Pick<Span, 'start' | 'end' | 'label'>[],
	rejected: ReadonlySet<string>
): Candidate[] {
	const wanted = new Set(annotators);
	const byKey = new Map<string, { start: number; end: number; label: string; who: Set<string>; flags: Set<string> }>();
	for (const span of spans) {
		if (!wanted.has(span.annotator)) continue;
		const key = candidateKey(span);
		let entry = byKey.get(key);
		if (!entry) byKey.set(key, (entry = { start: span.start, end: span.end, label: span.label, who: new Set(), flags: new Set() }));
		entry.who.add(span.annotator);
		if (span.flag) entry.flags.add(`${span.annotator}: ${span.flag}`);
	}
	const entries = [...byKey].sort(([, a], [, b]) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
	const goldKeys = new Set(gold.map(candidateKey));

	// Sweep in start order: only candidates whose ranges overlap can conflict.
	const conflicts = new Map<string, string[]>();
	const note = (a: string, b: string) => {
		(conflicts.get(a) ?? conflicts.set(a, []).get(a)!).push(b);
	};
	const open: [string, { start: number; end: number; label: string }][] = [];
	for (const [key, c] of entries) {
		for (let i = open.length - 1; i >= 0; i--) if (open[i][1].end <= c.start) open.splice(i, 1);
		for (const [otherKey, o] of open) {
			const sameRange = o.start === c.start && o.end === c.end;
			if ((sameRange && o.label !== c.label) || (!sameRange && o.label === c.label)) {
				note(key, otherKey);
				note(otherKey, key);
			}
		}
		open.push([key, c]);
	}

	return entries.map(([key, c]) => {
		const who = [...c.who].sort();
		const conflictsWith = conflicts.get(key) ?? [];
		const status: CandidateStatus = conflictsWith.length > 0 ? 'conflict' : who.length === wanted.size ? 'unanimous' : 'partial';
		const settled = goldKeys.has(key) ? 'accepted' : rejected.has(key) ? 'rejected' : null;
		return { key, start: c.start, end: c.end, label: c.label, annotators: who, status, conflictsWith, settled, flags: [...c.flags] };
	});
}

/** How far a review has come: candidates and conflicts settled of all. */
export function reviewProgress(candidates: readonly Pick<Candidate, 'settled' | 'status'>[]): { candidates: number; settled: number; conflicts: number; conflictsSettled: number } {
	let settled = 0;
	let conflicts = 0;
	let conflictsSettled = 0;
	for (const c of candidates) {
		if (c.settled) settled++;
		if (c.status === 'conflict') {
			conflicts++;
			if (c.settled) conflictsSettled++;
		}
	}
	return { candidates: candidates.length, settled, conflicts, conflictsSettled };
}
