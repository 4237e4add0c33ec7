/**
 * Imported spans that are suggestions rather than anyone's work: those of a suggestion layer (a Label
 * Studio prediction arrives as `prediction:<model>`), or every span of a file taken "as suggestions"
 * (a model's output in any format). They are split off a record before it is merged, so they never
 * become spans.
 */
import { layerKind } from '../layers';
import type { ArticleRecord } from '../types';
import { SPEAKER_RELATION, type Suggestion } from './types';

/**
 * `record` without its suggestion spans (and the relations between them), and those spans as
 * suggestions. With `asSource`, every span is a suggestion of that source; else the spans of
 * suggestion layers are, each of the source its layer names. A `source` link between two suggestions
 * becomes the claim's `speaker`. A span's `score` (a number in [0, 1] in its meta, when the codec
 * kept one) is carried over.
 */
export function splitSuggestions(record: ArticleRecord, asSource?: string): { record: ArticleRecord; suggestions: Suggestion[] } {
	const isSuggestion = (annotator: string) => asSource !== undefined || layerKind(annotator) === 'suggestion';
	if (!record.spans.some((s) => isSuggestion(s.annotator))) return { record, suggestions: [] };
	const moved = record.spans.filter((s) => isSuggestion(s.annotator));
	const movedIds = new Set(moved.map((s) => s.id));
	const byId = new Map(moved.map((s) => [s.id, s]));
	const speakers = new Map<string, { start: number; end: number }>();
	for (const r of record.relations ?? []) {
		const tail = byId.get(r.tail);
		if (r.label === SPEAKER_RELATION && byId.has(r.head) && tail && !speakers.has(r.head)) speakers.set(r.head, { start: tail.start, end: tail.end });
	}
	const suggestions = moved.map((s): Suggestion => {
		const speaker = speakers.get(s.id);
		return { start: s.start, end: s.end, label: s.label, source: asSource ?? s.annotator, ...(speaker ? { speaker } : {}) };
	});
	const relations = (record.relations ?? []).filter((r) => !movedIds.has(r.head) && !movedIds.has(r.tail));
	const rest: ArticleRecord = { article: record.article, spans: record.spans.filter((s) => !movedIds.has(s.id)), ...(record.relations ? { relations } : {}) };
	return { record: rest, suggestions };
}
