/**
 * The data model of DESIGN.md, as plain immutable data. Offsets inside the app are UTF-16 code unit
 * indices into `Article.text` (what JavaScript strings use); codecs convert to code points at the edge.
 */

/** Where an article stands in the labelling workflow. */
export type ArticleStatus = 'new' | 'in_progress' | 'done' | 'reviewed';

export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['new', 'in_progress', 'done', 'reviewed'];

/** A document to annotate. `text` never changes after import. */
export interface Article {
	readonly id: string;
	readonly title: string;
	readonly text: string;
	/** File name or origin the article came from. */
	readonly source: string;
	/** Free JSON carried over from the import (minus `source`, which has its own field). */
	readonly meta: Readonly<Record<string, unknown>>;
	readonly status: ArticleStatus;
	readonly createdAt: number;
	readonly updatedAt: number;
}

/** A standoff annotation: `[start, end)` in UTF-16 code units of the article text, plus a label. */
export interface Span {
	readonly id: string;
	readonly articleId: string;
	readonly start: number;
	readonly end: number;
	readonly label: string;
	readonly annotator: string;
	readonly note?: string;
	/**
	 * Set when the span needs a reviewer's look, saying why: e.g. it was re-anchored onto a text that
	 * differs from the one it was made on, with low confidence.
	 */
	readonly flag?: string;
	readonly createdAt: number;
	readonly updatedAt: number;
}

/** A tag users put on spans. `name` is what spans store and what exports carry. */
export interface Label {
	readonly name: string;
	/** CSS colour, `#rrggbb`. */
	readonly color: string;
	/** A single key, as `KeyboardEvent.key` reports it ("1", "a"). */
	readonly hotkey: string;
	/** The one-line guideline shown to labellers. */
	readonly description: string;
}

/**
 * A typed link between two spans of one article and one layer. It points at span ids, not offsets:
 * moving a span's edges keeps its relations; deleting a span deletes its relations with it.
 * `head` is the span the link starts from (for `source`: the claim); `tail` the other end (the actor).
 */
export interface Relation {
	readonly id: string;
	readonly articleId: string;
	/** The relation type's name. */
	readonly label: string;
	readonly head: string;
	readonly tail: string;
	readonly annotator: string;
	readonly note?: string;
	readonly createdAt: number;
	readonly updatedAt: number;
}

/** A kind of relation users make, configured like a label. `name` is what relations store and exports carry. */
export interface RelationType {
	readonly name: string;
	/** CSS colour, `#rrggbb`. */
	readonly color: string;
	/** A single key, as `KeyboardEvent.key` reports it, that picks or retypes to this type. */
	readonly hotkey: string;
	/** The one-line guideline shown to labellers. */
	readonly description: string;
	/** Labels the head span may carry; empty = any label. */
	readonly headLabels: readonly string[];
	/** Labels the tail span may carry; empty = any label. */
	readonly tailLabels: readonly string[];
	/** Directed (head → tail) or symmetric (the two ends are interchangeable). */
	readonly directed: boolean;
	/** At most one relation of this type per head span (e.g. a claim has one source). */
	readonly onePerHead: boolean;
}

/** `{ok: value}` or `{error: message}`: how user data is parsed (STYLE rule 6). */
export type Result<T> = { readonly ok: T; readonly error?: undefined } | { readonly ok?: undefined; readonly error: string };

/** One change to an article's spans. Data, so it can be inverted (undo), persisted and replayed. */
export type SpanEdit =
	| { readonly type: 'add'; readonly span: Span }
	| { readonly type: 'remove'; readonly span: Span }
	| { readonly type: 'update'; readonly before: Span; readonly after: Span };

/** One change to an article's relations, shaped like a `SpanEdit`. */
export type RelationEdit =
	| { readonly type: 'add-relation'; readonly relation: Relation }
	| { readonly type: 'remove-relation'; readonly relation: Relation }
	| { readonly type: 'update-relation'; readonly before: Relation; readonly after: Relation };

/** Any change to an article's annotations: what one undo history, the journal and backups carry. */
export type AnnotationEdit = SpanEdit | RelationEdit;

/** An article with its spans (and relations between them), as imported or exported. */
export interface ArticleRecord {
	readonly article: Article;
	readonly spans: readonly Span[];
	/** Relations between `spans` (absent = none). */
	readonly relations?: readonly Relation[];
}

/** A problem with one record of a file, named by its line (1-based) where the format has lines. */
export interface RecordError {
	readonly line: number;
	readonly message: string;
}
