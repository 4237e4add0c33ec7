/**
 * Bringing a teammate's spans onto our copy of an article whose text differs (line endings,
 * spacing, small edits): each span is re-anchored by its quote; the low-confidence ones are flagged
 * for the reviewer (`Span.flag`), never silently moved; those that cannot be placed are reported.
 */
import type { Span } from '../types';
import { reanchorSpans } from './reanchor';

/** Share of spans that must be placed for the texts to count as copies of one article. */
export const MIN_PLACED_SHARE = 0.5;

export interface RecordReanchoring {
	/** The spans placed on the target text (offsets moved; low-confidence ones flagged). */
	readonly spans: Span[];
	/** How many were placed with low confidence (and flagged). */
	readonly flagged: number;
	/** The spans that could not be placed, with why. */
	readonly unplaced: { readonly span: Span; readonly reason: string }[];
}

/**
 * Re-anchors `spans` (offsets into `source`) onto `target`. Null when fewer than `MIN_PLACED_SHARE`
 * of them can be placed: then the texts are too different to be the same article.
 */
export function reanchorRecordSpans(source: string, target: string, spans: readonly Span[]): RecordReanchoring | null {
	if (spans.length === 0) return { spans: [], flagged: 0, unplaced: [] };
	const results = reanchorSpans(source, target, spans);
	const placed: Span[] = [];
	const unplaced: { span: Span; reason: string }[] = [];
	let flagged = 0;
	for (const { index, result } of results) {
		const span = spans[index];
		if (!result) {
			unplaced.push({ span, reason: 'its quote was not found in the stored text' });
			continue;
		}
		const low = result.confidence === 'low';
		if (low) flagged++;
		placed.push({
			...span,
			start: result.start,
			end: result.end,
			...(low ? { flag: `Re-anchored with low confidence: ${result.reason}.` } : {})
		});
	}
	if (placed.length < spans.length * MIN_PLACED_SHARE) return null;
	return { spans: placed, flagged, unplaced };
}
