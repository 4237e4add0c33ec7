/**
 * The one module that owns the IndexedDB database: its tables, their row types and every schema version.
 * Nothing outside `src/lib/db/` imports `dexie`; the app talks to the repository functions instead.
 */
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import { layerKind } from '$lib/core/layers';
import { textHash } from '$lib/core/text/hash';
import { splitSuggestions } from '$lib/core/suggest/from-records';
import type { AnnotationEdit, Article, Label, Relation, RelationType, Span } from '$lib/core/types';
import { DEFAULT_RELATION_TYPES } from '$lib/core/relations/defaults';
import type { Suggestion } from '$lib/core/suggest/types';
import { packSuggestions, type PackedSuggestions } from '$lib/core/suggest/packed';
import { isPackedSpans, packSpans, unpackSpans, type PackedSpans } from '$lib/core/spans/packed';

/**
 * An article as the library list needs it: everything but the text (kept in `texts`, so listing
 * 10,000 articles never loads 50 MB), plus derived fields kept exact by every write.
 */
export interface ArticleRow extends Omit<Article, 'text'> {
	/** `textHash(article.text)`: finds an already imported copy of the same text. */
	readonly textHash: string;
	/** `article.text.length` in UTF-16 code units: bounds every span's `end`. */
	readonly textLength: number;
	/** Span count per label name; labels with no spans have no key. */
	readonly counts: Readonly<Record<string, number>>;
	/** Number of spans of the article (the sum of `counts`). */
	readonly spanTotal: number;
	/** Incremented by every write to the article or its spans; starts at 1. */
	readonly revision: number;
}

/** The text of an article, apart from its row. */
export interface TextRow {
	readonly id: string;
	readonly text: string;
}

/** A label with its place in the label list. */
export interface LabelRow extends Label {
	/** Position in the list (0-based); rows are read sorted by it. */
	readonly order: number;
}

/** A relation type with its place in the list of types. */
export interface RelationTypeRow extends RelationType {
	/** Position in the list (0-based); rows are read sorted by it. */
	readonly order: number;
}

/** The default relation types as rows: what a new database, and one upgraded to version 5, starts with. */
export function defaultRelationTypeRows(): RelationTypeRow[] {
	return DEFAULT_RELATION_TYPES.map((type, order) => ({ ...type, headLabels: [...type.headLabels], tailLabels: [...type.tailLabels], order }));
}

/** A reviewer's rejection of a candidate span (acceptances are the gold layer's spans themselves). */
export interface DecisionRow {
	/** `${articleId}|${candidate key}`. */
	readonly id: string;
	readonly articleId: string;
	/** The candidate's key, `start:end:label` (UTF-16 offsets). */
	readonly key: string;
	readonly decision: 'rejected';
	readonly decidedAt: number;
}

/** The schema version `SpanwiseDB` declares (the last `version()` of its constructor). */
export const SCHEMA_VERSION = 7;

/** Articles with at least this many spans get a snapshot; reading fewer rows is quick anyway. */
export const SNAPSHOT_MIN_SPANS = 500;

/**
 * Every span of a long article in one row, as it was at `revision`: opening the article reads this one
 * row instead of thousands (a tenth of the time). Derived data, used only while `revision` equals the
 * article row's (every write to an article or its spans moves its revision; deleting an article deletes
 * its snapshot), and never exported or backed up.
 */
export interface SnapshotRow {
	readonly articleId: string;
	readonly revision: number;
	/** In text order, in columns (read back in a fraction of the time of span objects)... */
	readonly packed?: PackedSpans;
	/** ...or as objects: spans the columns cannot hold without loss, and snapshots made before columns. */
	readonly spans?: readonly Span[];
	// Relations are not in the snapshot: they are read beside it with one indexed range query
	// (`[articleId+annotator]`), which stays quick for thousands and is never stale.
}

/** The snapshot row of article `articleId` at `revision` holding `spans` (in text order): in columns when they fit. */
export function snapshotRow(articleId: string, revision: number, spans: readonly Span[]): SnapshotRow {
	const packed = packSpans(articleId, spans);
	return packed ? { articleId, revision, packed } : { articleId, revision, spans };
}

/** The spans a snapshot row holds, in text order; undefined when it holds them in no form this version reads (the rows are read instead). */
export function snapshotSpans(row: SnapshotRow): Span[] | undefined {
	if (row.packed !== undefined) return isPackedSpans(row.packed) ? unpackSpans(row.packed) : undefined;
	return Array.isArray(row.spans) ? [...row.spans] : undefined;
}

/** A persisted preference or flag. */
export interface SettingRow {
	readonly key: string;
	readonly value: unknown;
}

/**
 * An edit batch waiting to be pushed to the team server (only when the workspace is bound to one):
 * written in the same transaction as the edit itself, removed once the server has it.
 */
export interface OutboxRow {
	/** Order of writing (auto-incremented). */
	readonly seq?: number;
	/** The batch's own id: the server applies a batch pushed twice once. */
	readonly clientId: string;
	readonly articleId: string;
	readonly layer: string;
	readonly edits: readonly AnnotationEdit[];
	readonly createdAt: number;
}

/** The team server's revision of one layer of one article, as this browser last saw it. */
export interface SyncLayerRow {
	readonly articleId: string;
	readonly layer: string;
	readonly revision: number;
}

/**
 * The suggestions of one source for one article (a suggestion layer: core/layers.ts), as that
 * source last made them. One row per article and source: opening an article reads a few rows.
 */
export interface SuggestionRow {
	readonly articleId: string;
	/** `builtin`, `patterns:<file name>`, `mentions`, `prediction:<model>`. */
	readonly source: string;
	/** The hash of the text they were made on: rows of another text under the same id are ignored. */
	readonly textHash: string;
	/** What made them (the recognizers' version, a pattern file's hash): rows of an older maker are made again. */
	readonly maker: string;
	/** In columns (see core/suggest/packed.ts): cheap to store and to read. */
	readonly packed: PackedSuggestions;
	readonly madeAt: number;
}

/**
 * A person's decision on a suggestion: accepted into their layer, or rejected. A decided suggestion
 * is not offered to them again for that article and source.
 */
export interface SuggestionDecisionRow {
	/** `${articleId}|${annotator}|${source}|${key}`. */
	readonly id: string;
	readonly articleId: string;
	readonly annotator: string;
	readonly source: string;
	/** `start:end:label` (UTF-16 offsets). */
	readonly key: string;
	readonly decision: 'accepted' | 'rejected';
	readonly decidedAt: number;
}

/** The version 7 upgrade: spans of suggestion layers become suggestion rows (see the constructor). */
async function moveSuggestionSpans(tx: Transaction): Promise<void> {
	const moved = (await tx
		.table('spans')
		.filter((s: Span) => layerKind(s.annotator) === 'suggestion')
		.toArray()) as Span[];
	if (moved.length === 0) return;
	const byArticle = new Map<string, Span[]>();
	for (const span of moved) (byArticle.get(span.articleId) ?? byArticle.set(span.articleId, []).get(span.articleId)!).push(span);
	const now = Date.now();
	for (const [articleId, list] of byArticle) {
		const text = (await tx.table('texts').get(articleId)) as TextRow | undefined;
		const row = (await tx.table('articles').get(articleId)) as ArticleRow | undefined;
		if (!text || !row) continue;
		const ids = new Set(list.map((s) => s.id));
		const links = (await tx.table('relations').where('[articleId+annotator]').between([articleId, Dexie.minKey], [articleId, Dexie.maxKey], true, true).toArray()) as Relation[];
		// As an import does (core/suggest/from-records.ts): a source link between two of them is the claim's speaker.
		const { suggestions } = splitSuggestions({ article: { id: articleId, title: '', text: text.text, source: '', meta: {}, status: 'new', createdAt: 0, updatedAt: 0 }, spans: list, relations: links.filter((r) => ids.has(r.head) && ids.has(r.tail)) });
		const bySource = new Map<string, Suggestion[]>();
		for (const s of suggestions) (bySource.get(s.source) ?? bySource.set(s.source, []).get(s.source)!).push(s);
		for (const [source, items] of bySource) await tx.table('suggestions').put({ articleId, source, textHash: textHash(text.text), maker: 'import', packed: packSuggestions(source, items), madeAt: now } satisfies SuggestionRow);
		await tx.table('relations').bulkDelete(links.filter((r) => ids.has(r.head) || ids.has(r.tail)).map((r) => r.id));
		await tx.table('spans').bulkDelete([...ids]);
		const counts: Record<string, number> = { ...row.counts };
		for (const s of list) {
			counts[s.label] = (counts[s.label] ?? 0) - 1;
			if (counts[s.label] <= 0) delete counts[s.label];
		}
		await tx.table('articles').put({ ...row, counts, spanTotal: Math.max(0, row.spanTotal - list.length), revision: row.revision + 1 });
		await tx.table('snapshots').delete(articleId);
	}
}

/** The Spanwise database. Every schema version lives in this constructor. */
export class SpanwiseDB extends Dexie {
	declare articles: Table<ArticleRow, string>;
	declare texts: Table<TextRow, string>;
	declare spans: Table<Span, string>;
	declare labels: Table<LabelRow, string>;
	declare settings: Table<SettingRow, string>;
	declare decisions: Table<DecisionRow, string>;
	declare snapshots: Table<SnapshotRow, string>;
	declare relations: Table<Relation, string>;
	declare relationTypes: Table<RelationTypeRow, string>;
	declare outbox: Table<OutboxRow, number>;
	declare syncLayers: Table<SyncLayerRow, [string, string]>;
	declare suggestions: Table<SuggestionRow, [string, string]>;
	declare suggestionDecisions: Table<SuggestionDecisionRow, string>;

	constructor(name: string, options?: DexieOptions) {
		super(name, options);
		this.version(1).stores({
			articles: 'id, updatedAt, status, textHash, title',
			texts: 'id',
			spans: 'id, articleId, [articleId+annotator], label',
			labels: 'name',
			settings: 'key'
		});
		// 2: spans lose their own articleId index. The compound [articleId+annotator] answers the same
		// queries (Dexie uses a compound index's first part as a virtual index), and one index less
		// makes bulk imports of hundreds of thousands of spans markedly faster. No data changes.
		this.version(2).stores({
			spans: 'id, [articleId+annotator], label'
		});
		// 3: review decisions (rejected candidates), per article.
		this.version(3).stores({
			decisions: 'id, articleId'
		});
		// 4: span snapshots of long articles (derived; see SnapshotRow).
		this.version(4).stores({
			snapshots: 'articleId'
		});
		// 5: relations between spans, and their types. An article's relations of one layer are one
		// range of [articleId+annotator] (its first part serves "all of an article's", like spans');
		// head and tail find the relations at spans being deleted. Unlike labels, an empty
		// relationTypes table means "no types": the defaults are stored when the database is made
		// (populate) or upgraded, so a user who deletes them all is not given them back.
		this.version(5)
			.stores({
				relations: 'id, [articleId+annotator], head, tail',
				relationTypes: 'name'
			})
			.upgrade((tx) => tx.table('relationTypes').bulkPut(defaultRelationTypeRows()));
		// 6: the team server's outbox (edit batches not pushed yet) and the layer revisions last seen there.
		this.version(6).stores({
			outbox: '++seq, clientId',
			syncLayers: '[articleId+layer]'
		});
		// 7: suggestion layers (kept apart from spans, so they never count as anyone's work) and
		// each person's decisions on them.
		// Spans an older version stored under a suggestion layer's name (Label Studio predictions came in
		// as annotator "prediction:<model>") move to the suggestions table: they were never anyone's work.
		this.version(7)
			.stores({
				suggestions: '[articleId+source]',
				suggestionDecisions: 'id, [articleId+annotator]'
			})
			.upgrade((tx) => moveSuggestionSpans(tx));
		this.on('populate', (tx) => tx.table('relationTypes').bulkAdd(defaultRelationTypeRows()));
	}
}

/**
 * Returns a handle on the database `name` (opened lazily by the first query). `options` lets tests pass
 * an isolated IndexedDB, e.g. `{ indexedDB: new IDBFactory(), IDBKeyRange }` from fake-indexeddb.
 */
export function openDatabase(name = 'spanwise', options?: DexieOptions): SpanwiseDB {
	return new SpanwiseDB(name, options);
}

/**
 * Null when the opened database has every table and index this version declares, with the same
 * primary keys; else what differs. Dexie opens a database left by another version as it is, so a
 * mismatch would otherwise only show later, as failing queries.
 */
export function schemaProblem(db: SpanwiseDB): string | null {
	const backend = db.backendDB();
	for (const table of db.tables) {
		if (!backend.objectStoreNames.contains(table.name)) return `the table "${table.name}" is missing`;
		const store = backend.transaction(table.name, 'readonly').objectStore(table.name);
		const wantedKey = table.schema.primKey.keyPath ?? null;
		if (JSON.stringify(store.keyPath) !== JSON.stringify(wantedKey)) {
			return `the table "${table.name}" is keyed by ${JSON.stringify(store.keyPath)}, not ${JSON.stringify(wantedKey)}`;
		}
		for (const index of table.schema.indexes) {
			if (!store.indexNames.contains(index.name)) return `the table "${table.name}" has no index "${index.name}"`;
		}
	}
	return null;
}
