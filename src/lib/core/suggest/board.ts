/**
 * The suggestions a labeller is offered in one article: every source's suggestions merged (one per
 * range and label, whichever source made it), less those decided and those switched off, each with
 * its standing against the labeller's own spans. Pure: the state layer keeps it and asks again for
 * the few that an edit touches.
 */
import type { Suggestion } from './types';
import { packSuggestions, unpackOne, type PackedSuggestions } from './packed';

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
 * Collects the offers of an article a slice at a time (`step`), so that 20,000 suggestions never hold
 * the main thread for long: `rows` are each source's suggestions (packed), `decided(source, key)` says
 * whether the labeller decided that one already (a decision on any source that made an offer settles
 * the offer), `on(source, label)` whether they want it, `standing(offer)` how it stands against their
 * spans. The offers come out in text order (start, then the longer first).
 */
export class OfferCollector {
	readonly #rows: readonly PackedSuggestions[];
	readonly #decided: (source: string, key: string) => boolean;
	readonly #on: (source: string, label: string) => boolean;
	readonly #standingOf: (offer: OfferedSuggestion) => OfferStanding;
	readonly #byKey = new Map<string, { row: number; item: number; sources: string[]; settled: boolean }>();
	#row = 0;
	#item = 0;
	#entries: IterableIterator<[string, { row: number; item: number; sources: string[]; settled: boolean }]> | null = null;
	readonly #out: OfferedSuggestion[] = [];
	readonly #standing = new Map<string, OfferStanding>();
	#done = false;

	constructor(
		rows: readonly PackedSuggestions[],
		decided: (source: string, key: string) => boolean,
		on: (source: string, label: string) => boolean,
		standing: (offer: OfferedSuggestion) => OfferStanding = () => 'suggestion'
	) {
		this.#rows = rows;
		this.#decided = decided;
		this.#on = on;
		this.#standingOf = standing;
	}

	/** Does up to `budget` more items of work; true once every offer is collected. */
	step(budget: number): boolean {
		let left = budget;
		while (!this.#done && left > 0) {
			if (this.#row < this.#rows.length) {
				const row = this.#rows[this.#row];
				const n = row.start.length;
				for (; this.#item < n && left > 0; this.#item++, left--) this.#take(row, this.#row, this.#item);
				if (this.#item >= n) {
					this.#row++;
					this.#item = 0;
				}
				continue;
			}
			this.#entries ??= this.#byKey.entries();
			for (; left > 0; left--) {
				const next = this.#entries.next();
				if (next.done) {
					this.#finish();
					break;
				}
				this.#offer(next.value[0], next.value[1]);
			}
		}
		return this.#done;
	}

	/** Runs to the end at once (tests, small articles). */
	all(): OfferedSuggestion[] {
		while (!this.step(Number.MAX_SAFE_INTEGER));
		return this.#out;
	}

	/** The offers, in text order (complete once `step` said so). */
	get offers(): OfferedSuggestion[] {
		return this.#out;
	}

	/** Each offer's standing, by key. */
	get standing(): Map<string, OfferStanding> {
		return this.#standing;
	}

	#take(row: PackedSuggestions, r: number, i: number): void {
		const key = `${row.start[i]}:${row.end[i]}:${row.names[row.label[i]]}`;
		const entry = this.#byKey.get(key);
		if (!entry) this.#byKey.set(key, { row: r, item: i, sources: [row.source], settled: this.#decided(row.source, key) });
		else {
			if (!entry.sources.includes(row.source)) entry.sources.push(row.source);
			if (!entry.settled && this.#decided(row.source, key)) entry.settled = true;
		}
	}

	#offer(key: string, entry: { row: number; item: number; sources: string[]; settled: boolean }): void {
		if (entry.settled) return;
		const row = this.#rows[entry.row];
		const label = row.names[row.label[entry.item]];
		const sources = entry.sources.length === 1 ? (this.#on(entry.sources[0], label) ? entry.sources : []) : entry.sources.filter((source) => this.#on(source, label));
		if (sources.length === 0) return;
		const f = unpackOne(row, entry.item);
		const offer: OfferedSuggestion = { ...f, source: sources[0], key, sources };
		this.#out.push(offer);
		this.#standing.set(key, this.#standingOf(offer));
	}

	#finish(): void {
		this.#done = true;
		// Usually in order already (one source, made in text order): check before sorting.
		let sorted = true;
		for (let i = 1; i < this.#out.length && sorted; i++) sorted = byTextOrder(this.#out[i - 1], this.#out[i]) <= 0;
		if (!sorted) this.#out.sort(byTextOrder);
	}
}

/** The offers of `rows` (see OfferCollector), all at once. */
export function collectOffers(
	rows: readonly { readonly source: string; readonly items: readonly Suggestion[] }[],
	decided: (source: string, key: string) => boolean,
	on: (source: string, label: string) => boolean
): OfferedSuggestion[] {
	const packed = rows.flatMap((row) => {
		const bySource = new Map<string, Suggestion[]>();
		for (const item of row.items) {
			const source = item.source || row.source;
			bySource.set(source, [...(bySource.get(source) ?? []), item]);
		}
		return [...bySource].map(([source, items]) => packSuggestions(source, items));
	});
	return new OfferCollector(packed, decided, on).all();
}

/** Text order of offers: start, then the longer first, then by label. */
function byTextOrder(a: OfferedSuggestion, b: OfferedSuggestion): number {
	return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
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
