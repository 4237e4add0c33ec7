/**
 * Ids unique across a project. A span's or relation's id is its key wherever it is stored in the
 * browser, but files from other tools number them per article (brat's `T1` in every `.ann`), and
 * exports made from one pre-annotated file share them. A writer that keys ids per article (the team
 * server) renews, before writing, every id already taken elsewhere, so that no browser pulling the
 * project finds two spans under one id.
 */
import type { ArticleRecord } from '../types';
import { newId } from '../ids';

/** The ids taken so far: filled as records are given new ones, so a run over many records renews repeats. */
export interface TakenIds {
	readonly spans: Set<string>;
	readonly relations: Set<string>;
}

export interface UnusedIdsResult {
	readonly record: ArticleRecord;
	readonly spansRenewed: number;
	readonly relationsRenewed: number;
}

/**
 * `record` with each span and relation id found in `taken` replaced by a fresh one (relations'
 * head and tail follow their spans' new ids); every id the record ends with is added to `taken`.
 * A record that needs nothing renewed comes back as it was.
 */
export function withUnusedIds(record: ArticleRecord, taken: TakenIds, makeId: (prefix: 's' | 'r') => string = newId): UnusedIdsResult {
	// Old id → new id, for the relations. An id the record repeats keeps naming its first span, the one that kept it.
	const spanIds = new Map<string, string>();
	const kept = new Set<string>();
	let spansRenewed = 0;
	const spans = record.spans.map((span) => {
		if (!taken.spans.has(span.id)) {
			taken.spans.add(span.id);
			kept.add(span.id);
			return span;
		}
		let id = makeId('s');
		while (taken.spans.has(id)) id = makeId('s');
		taken.spans.add(id);
		if (!kept.has(span.id) && !spanIds.has(span.id)) spanIds.set(span.id, id);
		spansRenewed++;
		return { ...span, id };
	});
	let relationsRenewed = 0;
	const relations = record.relations?.map((relation) => {
		const head = spanIds.get(relation.head) ?? relation.head;
		const tail = spanIds.get(relation.tail) ?? relation.tail;
		let id = relation.id;
		if (taken.relations.has(id)) {
			do id = makeId('r');
			while (taken.relations.has(id));
			relationsRenewed++;
		}
		taken.relations.add(id);
		return id === relation.id && head === relation.head && tail === relation.tail ? relation : { ...relation, id, head, tail };
	});
	if (spansRenewed === 0 && relationsRenewed === 0) return { record, spansRenewed: 0, relationsRenewed: 0 };
	return { record: { ...record, spans, ...(relations ? { relations } : {}) }, spansRenewed, relationsRenewed };
}

/**
 * How an import's summary names the ids it renewed: " Renewed 3 span ids and 1 relation id used by
 * other articles of the project (ids are unique in a project)." (with its leading space), or "" when none.
 */
export function describeIdRenewal(spans: number, relations: number): string {
	const parts = [spans > 0 ? `${spans} span id${spans === 1 ? '' : 's'}` : '', relations > 0 ? `${relations} relation id${relations === 1 ? '' : 's'}` : ''].filter(Boolean);
	return parts.length > 0 ? ` Renewed ${parts.join(' and ')} used by other articles of the project (ids are unique in a project).` : '';
}
