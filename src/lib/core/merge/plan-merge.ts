/**
 * Planning an import: which imported records become new articles, which merge their spans into an
 * article already stored, and under which ids their spans are stored. Pure: it reads the stored
 * state it is given and returns the rows to write, so a Dexie writer (the browser) or a server can
 * carry the plan out, and relations can follow the span id map.
 */
import type { Article, ArticleRecord, Relation, Span } from '../types';
import { textHash } from '../text/hash';
import { newId } from '../ids';
import { reanchorRecordSpans } from '../anchoring/records';
import { spanContentKey } from '../spans/identity';
import { emptyReport, RENEWED_LISTED, type DuplicatePolicy, type ImportReport } from './report';

/** A stored article as the planner needs it: everything but the text, plus the derived fields. */
export interface StoredArticle extends Omit<Article, 'text'> {
	readonly textHash: string;
	readonly textLength: number;
	readonly counts: Readonly<Record<string, number>>;
	readonly spanTotal: number;
	readonly revision: number;
}

/**
 * The part of the stored state an import can touch: the stored articles with a record's id or a
 * record's text hash, the texts of those that may hold a record's text, and the spans of those.
 */
export interface MergeStore {
	readonly articles: readonly StoredArticle[];
	/** Text by article id; an article missing here is never merged into. */
	readonly texts: ReadonlyMap<string, string>;
	/** Spans by article id, for every article of `texts`. */
	readonly spans: ReadonlyMap<string, readonly Span[]>;
	/** Relations by article id, for every article of `texts` (absent: none stored). */
	readonly relations?: ReadonlyMap<string, readonly Relation[]>;
}

export interface MergeOptions {
	/** The time of the write: `updatedAt` of articles that gain spans. */
	readonly now: number;
	/** What to do with a record whose text is stored; default 'merge'. */
	readonly duplicates?: DuplicatePolicy;
	/** `textHash` of each record's text, when the caller has them already (else computed). */
	readonly textHashes?: readonly string[];
	/** Makes fresh ids (tests inject a counter); default `newId`. */
	readonly newId?: (prefix: 'a' | 's' | 'r') => string;
}

/** A span that came in under a fresh id because its own was taken by a span of other content. */
export interface RenewedSpanId {
	readonly articleId: string;
	/** The title of the article it went to (for the summary). */
	readonly title: string;
	readonly from: string;
	readonly to: string;
}

/** What to write, and what the import will have done once it is written. */
export interface MergePlan {
	/** Texts of new articles. */
	readonly texts: readonly { readonly id: string; readonly text: string }[];
	/** Article rows to put: new ones, and stored ones that gain spans (counts, revision, updatedAt moved). */
	readonly articles: readonly StoredArticle[];
	/** Spans to add, with their final ids and article ids. */
	readonly spans: readonly Span[];
	/** Relations to add, with their final ids, article ids and ends (the final ids of their spans). */
	readonly relations: readonly Relation[];
	/** Labels used by the spans to add. */
	readonly labels: readonly string[];
	readonly report: ImportReport;
	/**
	 * For each record (by index): each of its span ids → the id that span has once written (the same,
	 * a fresh one, or the stored span it duplicates). Empty for a record left out.
	 */
	readonly spanIds: readonly ReadonlyMap<string, string>[];
	/** For each record (by index): each of its relation ids → the id that relation has once written (the same, a fresh one, or the stored relation it duplicates). */
	readonly relationIds: readonly ReadonlyMap<string, string>[];
	/** For each record (by index): the id of the article it went to, or undefined if left out. */
	readonly articleIds: readonly (string | undefined)[];
	/** Every span id this plan renewed. */
	readonly renewed: readonly RenewedSpanId[];
}

/** The spans an article holds (stored, and planned so far): content key → id, and the ids taken. */
interface Held {
	readonly byContent: Map<string, string>;
	readonly ids: Set<string>;
}

/**
 * Plans the import of `records` (already checked with `checkRecord`) over `store`.
 *
 * A record merges into the stored article with its id if that one holds the same text, else into one
 * with the same text; with `duplicates` 'skip' such a record is left out instead, and with 'separate'
 * only the article with its id is one it merges into. A record with the id
 * of an article whose text differs has its spans re-anchored onto that text by quote and merges there
 * when that works; otherwise it becomes a new article (under a fresh id if its id is taken).
 *
 * Merging adds the spans the article lacks and never changes its stored spans, title, status or
 * meta. A span the article already holds with the same content (start, end, label, annotator) is
 * "already there" (`spansSkipped`), whatever its id. A span whose id is taken, in the article or by
 * a span this plan gives to another article, by a span of other content comes in under a fresh id
 * (`spanIdsRenewed`, listed in `renewed`): an id alone never makes a span a duplicate. Spans whose
 * ids clash with stored spans of articles outside `store` are the writer's to renew.
 *
 * A record's relations come along with its spans: their ends are mapped through the span id map, a
 * relation the article holds already (same type, mapped ends and annotator) is skipped
 * (`relationsSkipped`), one whose id is taken by a relation of other content gets a fresh id
 * (`relationIdsRenewed`), and one whose end was not imported (re-anchoring could not place it) is
 * left out and reported (`relationsDropped`). Relation ids taken outside `store` are the writer's too.
 */
export function planMerge(records: readonly ArticleRecord[], store: MergeStore, opts: MergeOptions): MergePlan {
	const duplicates = opts.duplicates ?? 'merge';
	const makeId = opts.newId ?? newId;
	const report = emptyReport();
	const hashes = opts.textHashes ?? records.map((r) => textHash(r.article.text));
	if (hashes.length !== records.length) throw new RangeError(`${hashes.length} text hashes for ${records.length} records`);

	const rows = new Map<string, StoredArticle>();
	const idsByHash = new Map<string, string[]>();
	const remember = (row: StoredArticle) => {
		if (!rows.has(row.id)) idsByHash.set(row.textHash, [...(idsByHash.get(row.textHash) ?? []), row.id]);
		rows.set(row.id, row);
	};
	for (const row of store.articles) remember(row);
	const texts = new Map(store.texts);

	const held = new Map<string, Held>();
	const heldBy = (articleId: string): Held => {
		let h = held.get(articleId);
		if (!h) {
			h = { byContent: new Map(), ids: new Set() };
			for (const span of store.spans.get(articleId) ?? []) {
				h.byContent.set(spanContentKey(span), span.id);
				h.ids.add(span.id);
			}
			held.set(articleId, h);
		}
		return h;
	};
	// Span ids this plan gives out, across articles.
	const given = new Set<string>();
	// The same for relations: content key → id per article, and relation ids given out.
	const heldRelations = new Map<string, Held>();
	const heldRelationsBy = (articleId: string): Held => {
		let h = heldRelations.get(articleId);
		if (!h) {
			h = { byContent: new Map(), ids: new Set() };
			for (const relation of store.relations?.get(articleId) ?? []) {
				h.byContent.set(relationContentKey(relation), relation.id);
				h.ids.add(relation.id);
			}
			heldRelations.set(articleId, h);
		}
		return h;
	};
	const givenRelations = new Set<string>();
	const newRelations: Relation[] = [];
	const relationIds: Map<string, string>[] = [];

	const changed = new Set<string>();
	const newTexts: { id: string; text: string }[] = [];
	const newSpans: Span[] = [];
	const labels = new Set<string>();
	const spanIds: Map<string, string>[] = [];
	const articleIds: (string | undefined)[] = [];
	const renewed: RenewedSpanId[] = [];

	for (let i = 0; i < records.length; i++) {
		const { article } = records[i];
		let { spans } = records[i];
		const ids = new Map<string, string>();
		spanIds.push(ids);
		const relIds = new Map<string, string>();
		relationIds.push(relIds);
		const holds = (id: string) => texts.get(id) === article.text;
		const sameId = rows.get(article.id);
		let target = sameId !== undefined && holds(sameId.id) ? sameId : undefined;
		const sameTextId = duplicates === 'separate' ? undefined : (idsByHash.get(hashes[i]) ?? []).find(holds);
		target ??= sameTextId === undefined ? undefined : rows.get(sameTextId);
		// Same id, other text (line endings, spacing, small edits): re-anchor the spans onto ours.
		const storedText = sameId === undefined ? undefined : texts.get(sameId.id);
		if (target === undefined && sameId !== undefined && storedText !== undefined && spans.length > 0 && duplicates === 'merge') {
			const moved = reanchorRecordSpans(article.text, storedText, spans);
			if (moved) {
				target = sameId;
				spans = moved.spans;
				report.reanchored += 1;
				report.flagged += moved.flagged;
				for (const { span, reason } of moved.unplaced) {
					report.unplaced.push(`${sameId.title}: “${article.text.slice(span.start, span.end)}” (${span.label}, ${span.annotator}): ${reason}`);
				}
			}
		}

		let isNew = false;
		if (target === undefined) {
			const id = sameId === undefined ? article.id : makeId('a');
			const { text, ...rest } = article;
			target = { ...rest, id, textHash: hashes[i], textLength: text.length, counts: {}, spanTotal: 0, revision: 1 };
			remember(target);
			texts.set(id, text);
			newTexts.push({ id, text });
			held.set(id, { byContent: new Map(), ids: new Set() });
			isNew = true;
			report.added += 1;
		} else if (duplicates === 'skip') {
			report.skipped += 1;
			articleIds.push(undefined);
			continue;
		} else {
			report.merged += 1;
			report.mergedTitles.push(target.title);
		}
		articleIds.push(target.id);

		const h = heldBy(target.id);
		const counts: Record<string, number> = { ...target.counts };
		let added = 0;
		for (const span of spans) {
			const key = spanContentKey(span);
			const existing = h.byContent.get(key);
			if (existing !== undefined) {
				ids.set(span.id, existing);
				report.spansSkipped += 1;
				continue;
			}
			let id = span.id;
			if (h.ids.has(id) || given.has(id)) {
				id = makeId('s');
				renewed.push({ articleId: target.id, title: target.title, from: span.id, to: id });
				report.spanIdsRenewed += 1;
				if (report.renewedIds.length < RENEWED_LISTED) report.renewedIds.push(describeRenewed(renewed[renewed.length - 1]));
			}
			given.add(id);
			h.ids.add(id);
			h.byContent.set(key, id);
			ids.set(span.id, id);
			counts[span.label] = (counts[span.label] ?? 0) + 1;
			labels.add(span.label);
			newSpans.push({ ...span, id, articleId: target.id });
			added += 1;
		}
		report.spansAdded += added;

		// Relations follow their spans' ids: to the stored span an end duplicates, or its fresh id.
		const hr = heldRelationsBy(target.id);
		let relationsAdded = 0;
		for (const relation of records[i].relations ?? []) {
			const head = ids.get(relation.head);
			const tail = ids.get(relation.tail);
			if (head === undefined || tail === undefined) {
				const missing = head === undefined ? relation.head : relation.tail;
				report.relationsDropped.push(`${target.title}: relation ${relation.id} (${relation.label}): its span ${missing} was not imported`);
				continue;
			}
			const mapped = { ...relation, articleId: target.id, head, tail };
			const key = relationContentKey(mapped);
			const existing = hr.byContent.get(key);
			if (existing !== undefined) {
				relIds.set(relation.id, existing);
				report.relationsSkipped += 1;
				continue;
			}
			let id = relation.id;
			if (hr.ids.has(id) || givenRelations.has(id)) {
				id = makeId('r');
				report.relationIdsRenewed += 1;
			}
			givenRelations.add(id);
			hr.ids.add(id);
			hr.byContent.set(key, id);
			relIds.set(relation.id, id);
			newRelations.push({ ...mapped, id });
			relationsAdded += 1;
		}
		report.relationsAdded += relationsAdded;
		if (isNew || added > 0 || relationsAdded > 0) {
			const bump = isNew ? {} : { updatedAt: Math.max(opts.now, target.updatedAt), revision: target.revision + 1 };
			rows.set(target.id, { ...target, ...bump, counts, spanTotal: target.spanTotal + added });
			changed.add(target.id);
		}
	}

	return {
		texts: newTexts,
		articles: [...changed].map((id) => rows.get(id) as StoredArticle),
		spans: newSpans,
		relations: newRelations,
		labels: [...labels],
		report,
		spanIds,
		relationIds,
		articleIds,
		renewed
	};
}

/**
 * The content of a relation as import de-duplication compares it: type, ends and annotator. Two
 * relations with one content key are one relation, whatever their ids.
 */
export function relationContentKey(relation: Pick<Relation, 'label' | 'head' | 'tail' | 'annotator'>): string {
	return `${relation.label}\u0000${relation.head}\u0000${relation.tail}\u0000${relation.annotator}`;
}

/** How a renewed id is named to the user: "title: old id → new id". */
export function describeRenewed(r: RenewedSpanId): string {
	return `${r.title}: ${r.from} → ${r.to}`;
}
