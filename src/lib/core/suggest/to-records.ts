/**
 * Suggestions written out as a record (*Export suggestions*, `spanwise suggest`): each becomes a span
 * whose annotator is its source (`builtin`, `patterns:<file>`, …), so reading the file back brings them
 * in as suggestions again, never as anyone's work; a claim's speaker becomes a `source` link.
 */
import type { Article, ArticleRecord, Relation, Span } from '../types';
import { offerKey } from './board';
import { SPEAKER_RELATION, type Suggestion } from './types';

/** The record of `article` whose spans are `suggestions` (ids made from their source and offsets). */
export function suggestionsAsRecord(article: Article, suggestions: readonly Suggestion[], now = article.updatedAt): ArticleRecord {
	const spans: Span[] = [];
	const relations: Relation[] = [];
	const ids = new Map<string, string>();
	const spanOf = (source: string, start: number, end: number, label: string, note?: string): string => {
		const key = `${source}|${offerKey({ start, end, label })}`;
		let id = ids.get(key);
		if (!id) {
			id = `sg-${spans.length + 1}`;
			ids.set(key, id);
			spans.push({ id, articleId: article.id, start, end, label, annotator: source, ...(note ? { note } : {}), createdAt: now, updatedAt: now });
		}
		return id;
	};
	for (const s of suggestions) spanOf(s.source, s.start, s.end, s.label, s.why);
	for (const s of suggestions) {
		if (!s.speaker) continue;
		const head = spanOf(s.source, s.start, s.end, s.label, s.why);
		const tail = spanOf(s.source, s.speaker.start, s.speaker.end, 'actor');
		relations.push({ id: `sr-${relations.length + 1}`, articleId: article.id, label: SPEAKER_RELATION, head, tail, annotator: s.source, createdAt: now, updatedAt: now });
	}
	return { article, spans, ...(relations.length > 0 ? { relations } : {}) };
}
