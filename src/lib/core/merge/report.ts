/** What an import did, counted as it goes: the summary the user sees is worded from it. */

/** What an import did. `merged === mergedTitles.length`. */
export interface ImportReport {
	/** Records stored as new articles. */
	added: number;
	/** Records whose text was already stored; their spans went to that article. */
	merged: number;
	/** Spans stored. */
	spansAdded: number;
	/** Spans not stored because their article already had them (same start, end, label and annotator). */
	spansSkipped: number;
	/**
	 * Spans stored under a fresh id because their id was taken by a stored span of other content
	 * (another annotator, label or boundaries, or another article): teammates who started from one
	 * pre-annotated file share span ids.
	 */
	spanIdsRenewed: number;
	/** The first `RENEWED_LISTED` of them: "title: old id → new id". */
	renewedIds: string[];
	/** For each merged record, the title of the stored article it merged into (that title is kept). */
	mergedTitles: string[];
	/** Records left out because their text was already stored (duplicates policy 'skip'). */
	skipped: number;
	/** Records merged into the article with their id although its text differs (spans re-anchored by quote). */
	reanchored: number;
	/** Spans placed with low confidence by re-anchoring: flagged for the reviewer. */
	flagged: number;
	/** Spans that re-anchoring could not place, not imported: "title: “quote” (label): reason". */
	unplaced: string[];
	/** Relations stored. */
	relationsAdded: number;
	/** Relations not stored because their article already had them (same type, ends and annotator, after mapping the ends). */
	relationsSkipped: number;
	/** Relations stored under a fresh id because their id was taken by a relation of other content. */
	relationIdsRenewed: number;
	/** Relations not imported because an end was not imported (re-anchoring could not place it): "title: relation id (type): reason". */
	relationsDropped: string[];
	/** Suggestions stored (spans of suggestion layers, or of a file taken as suggestions): never counted as spans. */
	suggestionsAdded: number;
}

/** How many renewed span ids a report lists by name (the count is always exact). */
export const RENEWED_LISTED = 200;

/**
 * What to do with a record whose text is already stored: add its missing spans, or leave it out; or
 * `separate`: a text alone never makes two articles one (a team server's articles are known by their
 * ids, and two may hold the same text), so only a record with a stored article's id merges into it.
 */
export type DuplicatePolicy = 'merge' | 'skip' | 'separate';

/** A report of an import that did nothing yet. */
export function emptyReport(): ImportReport {
	return { added: 0, merged: 0, spansAdded: 0, spansSkipped: 0, spanIdsRenewed: 0, renewedIds: [], mergedTitles: [], skipped: 0, reanchored: 0, flagged: 0, unplaced: [], relationsAdded: 0, relationsSkipped: 0, relationIdsRenewed: 0, relationsDropped: [], suggestionsAdded: 0 };
}

/** Adds the counts and lists of `part` to `into` (an import made of several chunks). */
export function addReport(into: ImportReport, part: ImportReport): void {
	into.added += part.added;
	into.merged += part.merged;
	into.spansAdded += part.spansAdded;
	into.spansSkipped += part.spansSkipped;
	into.spanIdsRenewed += part.spanIdsRenewed;
	into.renewedIds.push(...part.renewedIds.slice(0, Math.max(0, RENEWED_LISTED - into.renewedIds.length)));
	into.mergedTitles.push(...part.mergedTitles);
	into.skipped += part.skipped;
	into.reanchored += part.reanchored;
	into.flagged += part.flagged;
	into.unplaced.push(...part.unplaced);
	into.relationsAdded += part.relationsAdded;
	into.relationsSkipped += part.relationsSkipped;
	into.relationIdsRenewed += part.relationIdsRenewed;
	into.relationsDropped.push(...part.relationsDropped);
	into.suggestionsAdded += part.suggestionsAdded;
}

/**
 * The part of an import summary about relations, or null when the import had none: "5 relations
 * added, 2 already there, 1 id renewed, 1 dropped (an end was not imported)". `relationsDropped`
 * names the dropped ones.
 */
export function relationSummary(report: Pick<ImportReport, 'relationsAdded' | 'relationsSkipped' | 'relationIdsRenewed' | 'relationsDropped'>): string | null {
	const parts: string[] = [];
	const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
	if (report.relationsAdded > 0) parts.push(`${n(report.relationsAdded, 'relation', 'relations')} added`);
	if (report.relationsSkipped > 0) parts.push(`${n(report.relationsSkipped, 'relation was', 'relations were')} already there`);
	if (report.relationIdsRenewed > 0) parts.push(`${n(report.relationIdsRenewed, 'relation id', 'relation ids')} renewed (taken by other relations)`);
	if (report.relationsDropped.length > 0) parts.push(`${n(report.relationsDropped.length, 'relation', 'relations')} not imported (an end was not imported)`);
	return parts.length === 0 ? null : parts.join(', ');
}

/**
 * The part of an import summary about span ids it had to renew, or null when it renewed none:
 * "renewed 3 span ids already used by stored spans of other content (teammates' spans sharing
 * ids are kept apart)". `renewedDetails` names them.
 */
export function renewedSummary(report: Pick<ImportReport, 'spanIdsRenewed'>): string | null {
	const n = report.spanIdsRenewed;
	if (n === 0) return null;
	return `renewed ${n} span id${n === 1 ? '' : 's'} already used by stored spans of other content (all of those spans were kept)`;
}

/** One line per renewed span id (the first `max`), as an import summary's details list them. */
export function renewedDetails(report: Pick<ImportReport, 'spanIdsRenewed' | 'renewedIds'>, max = RENEWED_LISTED): string[] {
	const lines = report.renewedIds.slice(0, max).map((line) => `Renewed span id — ${line}`);
	const more = report.spanIdsRenewed - lines.length;
	return more > 0 ? [...lines, `…and ${more} more renewed span ids`] : lines;
}
