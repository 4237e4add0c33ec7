/**
 * Conversions between the app's data model and the stored rows, and the checks every write makes
 * before touching the database. Internal to `src/lib/db/`.
 */
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Span } from '$lib/core/types';
import type { ArticleRow } from './database';

/** The article of `row` with its `text` put back; the derived fields are dropped. */
export function toArticle(row: ArticleRow, text: string): Article {
	const { textHash: _hash, textLength: _length, counts: _counts, spanTotal: _total, revision: _revision, ...rest } = row;
	return { ...rest, text };
}

/** The row of `article` (without its text) holding `spans`, at `revision`. */
export function toRow(article: Article, hash: string, spans: readonly Span[], revision: number): ArticleRow {
	const { text, ...rest } = article;
	return { ...rest, textHash: hash, textLength: text.length, counts: countLabels(spans), spanTotal: spans.length, revision };
}

/** Span count per label of `spans`. */
export function countLabels(spans: Iterable<Span>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const span of spans) counts[span.label] = (counts[span.label] ?? 0) + 1;
	return counts;
}

/** `counts` changed by `delta` for `label`; a key reaching 0 is deleted. Throws if a count would go negative. */
export function addCount(counts: Record<string, number>, label: string, delta: number): void {
	const next = (counts[label] ?? 0) + delta;
	if (next < 0) throw new RangeError(`Label count of "${label}" would become ${next}`);
	if (next === 0) delete counts[label];
	else counts[label] = next;
}

/** Orders library rows as the library lists them: most recently updated first, then by id. */
export function byRecency(a: { readonly id: string; readonly updatedAt: number }, b: { readonly id: string; readonly updatedAt: number }): number {
	return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Orders spans as they appear in the text: by start, then end, then id. */
export function byPosition(a: Span, b: Span): number {
	return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Throws RangeError unless `span` belongs to `articleId` and lies inside a text of `textLength` code units. */
export function checkSpan(span: Span, articleId: string, textLength: number): void {
	if (span.articleId !== articleId) {
		throw new RangeError(`Span ${span.id} belongs to article ${span.articleId}, not ${articleId}`);
	}
	const { start, end } = span;
	if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > textLength) {
		throw new RangeError(`Span ${span.id} has offsets [${start}, ${end}) outside a text of length ${textLength}`);
	}
	if (span.label === '') throw new RangeError(`Span ${span.id} has an empty label`);
}

/**
 * Throws RangeError unless `record` has a known status, only spans of its own that fit its text, and
 * only relations of its own whose head and tail are spans of the record in the relation's layer.
 */
export function checkRecord(record: ArticleRecord): void {
	const { article, spans } = record;
	if (!ARTICLE_STATUSES.includes(article.status)) {
		throw new RangeError(`Article ${article.id} has unknown status ${JSON.stringify(article.status)}`);
	}
	for (const span of spans) checkSpan(span, article.id, article.text.length);
	if (!record.relations || record.relations.length === 0) return;
	const byId = new Map(spans.map((s) => [s.id, s]));
	for (const relation of record.relations) {
		if (relation.articleId !== article.id) throw new RangeError(`Relation ${relation.id} belongs to article ${relation.articleId}, not ${article.id}`);
		if (relation.label === '') throw new RangeError(`Relation ${relation.id} has an empty label`);
		for (const end of [relation.head, relation.tail]) {
			const span = byId.get(end);
			if (span === undefined) throw new RangeError(`Relation ${relation.id} of article ${article.id} links span ${end}, which the article does not have`);
			if (span.annotator !== relation.annotator) throw new RangeError(`Relation ${relation.id} of ${relation.annotator} links span ${end} of ${span.annotator}`);
		}
	}
}
