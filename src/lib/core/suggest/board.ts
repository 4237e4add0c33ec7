/**
 * The suggestions a labeller is offered in one article: every source's suggestions merged (one per
 * range and label, whichever source made it), less those decided and those switched off, each with
 * its standing against the labeller's own spans. Pure: the state layer keeps it and asks again for
 * the few that an edit touches.
 */
import type { Suggestion } from './types';

/** One suggestion as offered: the first source's, with every source that made the same one. */
export interface OfferedSuggestion extends Suggestion {
	/** `start:end:label`: the same range and label from several sources is one offer. */
	readonly key: string;
	/** Every source that suggested it (decisions are recorded for each). */
	readonly sources: readonly string[];
}

/** How an offer stands against the labeller's spans: shown, shown as a correction, or not shown. */
export type OfferStanding = 'suggestion' | 'correction' | 'hidden';

/** What the board needs of the labeller's spans. */
export interface SpansAround {
	overlapping(from: number, to: number): readonly { readonly start: number; readonly end: number; readonly label: string }[];
}

/** The key of a suggestion's range and label. */
export function offerKey(s: Pick<Suggestion, 'start' | 'end' | 'label'>): string {
	return `${s.start}:${s.end}:${s.label}`;
}

/**
 * The offers of an article, in text order (start, then the longer first): `rows` are each source's
 * suggestions, `decided(source, key)` says whether the labeller decided that one already (a decision
 * on any source that made an offer settles the offer), `on(source, label)` whether they want it.
 */
export function collectOffers(
	rows: readonly { readonly source: string; readonly items: readonly Suggestion[] }[],
	decided: (source: string, key: string) => boolean,
	on: (source: string, label: string) => boolean
): OfferedSuggestion[] {
	const byKey = new Map<string, { first: Suggestion; sources: string[]; settled: boolean }>();
	for (const row of rows) {
		for (const item of row.items) {
			const key = offerKey(item);
			const source = item.source || row.source;
			let entry = byKey.get(key);
			if (!entry) byKey.set(key, (entry = { first: { ...item, source }, sources: [], settled: false }));
			if (!entry.sources.includes(source)) entry.sources.push(source);
			if (decided(source, key)) entry.settled = true;
		}
	}
	const out: OfferedSuggestion[] = [];
	for (const [key, entry] of byKey) {
		if (entry.settled) continue;
		const sources = entry.sources.filter((source) => on(source, entry.first.label));
		if (sources.length === 0) continue;
		out.push({ ...entry.first, source: sources[0], key, sources });
	}
	return out.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * How `offer` stands against `spans`: hidden when a span of the same label overlaps it (the
 * labeller has it, or chose other edges), a correction when only spans of other labels overlap it.
 */
export function standingOf(offer: Pick<Suggestion, 'start' | 'end' | 'label'>, spans: SpansAround): OfferStanding {
	let other = false;
	for (const span of spans.overlapping(offer.start, offer.end)) {
		if (span.label === offer.label) return 'hidden';
		other = true;
	}
	return other ? 'correction' : 'suggestion';
}

/** Index of the first offer (sorted as `collectOffers` sorts) that starts at or after `offset`. */
export function firstOfferFrom(offers: readonly Pick<Suggestion, 'start'>[], offset: number): number {
	let lo = 0;
	let hi = offers.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (offers[mid].start < offset) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
