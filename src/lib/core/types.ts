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

/** `{ok: value}` or `{error: message}`: how user data is parsed (STYLE rule 6). */
export type Result<T> = { readonly ok: T; readonly error?: undefined } | { readonly ok?: undefined; readonly error: string };

/** One change to an article's spans. Data, so it can be inverted (undo), persisted and replayed. */
export type SpanEdit =
	| { readonly type: 'add'; readonly span: Span }
	| { readonly type: 'remove'; readonly span: Span }
	| { readonly type: 'update'; readonly before: Span; readonly after: Span };

/** An article with its spans, as imported or exported. */
export interface ArticleRecord {
	readonly article: Article;
	readonly spans: readonly Span[];
}

/** A problem with one record of a file, named by its line (1-based) where the format has lines. */
export interface RecordError {
	readonly line: number;
	readonly message: string;
}
