import type { ArticleRecord, Span } from '../types';

/**
 * A record's relations as sorted strings for tests: "type head-label:text → tail-label:text", with
 * " (annotator)" and " [note]" when asked (the parts the format under test keeps).
 */
export function describeRelations(record: ArticleRecord, keep: { readonly annotator?: boolean; readonly note?: boolean } = {}): string[] {
	const byId = new Map(record.spans.map((s) => [s.id, s]));
	const text = (id: string) => {
		const s = byId.get(id) as Span;
		return `${s.label}:${record.article.text.slice(s.start, s.end)}`;
	};
	return (record.relations ?? [])
		.map((r) => `${r.label} ${text(r.head)} → ${text(r.tail)}${keep.annotator ? ` (${r.annotator})` : ''}${keep.note && r.note ? ` [${r.note}]` : ''}`)
		.sort();
}
