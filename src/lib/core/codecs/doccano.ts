/**
 * doccano's JSONL for sequence labelling: one document per line, offsets in UTF-16 code units
 * (doccano is a JavaScript app) unless `offsets: 'codepoint'` is asked for.
 *
 * Read, both export forms of doccano:
 * ```json
 * {"id": 17, "text": "…", "label": [[0, 5, "PER"], [10, 14, "LOC"]], "Comments": []}
 * {"id": 18, "text": "…", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 5}],
 *  "relations": [{"id": 0, "from_id": 1, "to_id": 2, "type": "works_for"}]}
 * ```
 * (`labels` is accepted for `label`.) A string `id`, as Spanwise writes, is the article id; doccano's
 * numeric ids stay in meta as `id`. `title` (a string) is the title; `meta`'s keys and every other
 * top-level key (`Comments`, …) become article meta, except `meta.source` (the article source) and a
 * valid `meta.status`. Non-empty `relations` are kept verbatim in `meta.doccano_relations`, so they
 * are not lost, but Spanwise neither shows nor edits them, and their `from_id` / `to_id` name entity
 * ids that spans do not keep. doccano has no annotator per span: spans get the record's `annotator`
 * or `user` key, else the import's annotator.
 *
 * Written, the simple form that doccano imports:
 * ```json
 * {"id": "a-…", "text": "…", "label": [[0, 5, "PER"]], "title": "…", "annotator": "maria",
 *  "meta": {"source": "file.txt", "status": "done", …}}
 * ```
 * `annotator` only when all the article's spans have one annotator; spans of several annotators with
 * the same offsets and label are written once.
 *
 * A round trip loses: span ids, notes and timestamps; article timestamps; annotators unless an
 * article's spans all share one; duplicate spans of different annotators; own meta keys named source
 * or status; the link of relations to their entities.
 */
import * as v from 'valibot';
import type { Article, ArticleRecord, Span } from '../types';
import { newId } from '../ids';
import { offsetRangeProblem } from '../spans/bounds';
import { compareSpans } from '../spans/span-set';
import { OffsetConverter } from '../text/offsets';
import { TextIndex } from './anchor';
import type { Codec, CodecError, OffsetUnit } from './codec';
import {
	ArticleText,
	JsonObject,
	NonEmptyString,
	anchorForeignSpan,
	firstJsonlObject,
	readJsonlObjects,
	foreignArticle,
	statusOf
} from './foreign';
import { escapeLineSeparators, expected } from './json';
import { describeIssue } from './spanwise-schema';

const DoccanoLabelSchema = v.tuple(
	[v.number(expected('a number')), v.number(expected('a number')), NonEmptyString],
	expected('an array [start, end, "LABEL"]')
);

const DoccanoEntitySchema = v.object({
	label: NonEmptyString,
	start_offset: v.number(expected('a number')),
	end_offset: v.number(expected('a number'))
});

const Name = v.nullish(v.union([v.string(), v.number()], expected('a string or a number')));

const DoccanoRecordSchema = v.object({
	text: ArticleText,
	label: v.nullish(v.array(DoccanoLabelSchema, expected('an array'))),
	labels: v.nullish(v.array(DoccanoLabelSchema, expected('an array'))),
	entities: v.nullish(v.array(DoccanoEntitySchema, expected('an array'))),
	relations: v.nullish(v.array(v.unknown(), expected('an array'))),
	meta: v.nullish(JsonObject),
	annotator: Name,
	user: Name
});

/** Top-level keys that are read into article fields rather than kept in meta. */
const CONSUMED_KEYS = new Set(['text', 'label', 'labels', 'entities', 'relations', 'meta', 'annotator', 'user']);

/** One foreign span before anchoring: offsets as given, where it sits, its field names. */
interface GivenSpan {
	readonly start: number;
	readonly end: number;
	readonly label: string;
	readonly where: string;
	readonly names?: { readonly start: string; readonly end: string };
}

/** Reads one doccano record; an error message (field path first) when it cannot be imported. */
function parseRecord(
	raw: Record<string, unknown>,
	unit: OffsetUnit,
	opts: { now: number; annotator: string; source: string }
): ArticleRecord | string {
	const parsed = v.safeParse(DoccanoRecordSchema, raw);
	if (!parsed.success) return describeIssue(parsed.issues[0]);
	const record = parsed.output;
	const { text } = record;

	const id = typeof raw.id === 'string' && raw.id.trim() !== '' ? raw.id : undefined;
	const title = typeof raw.title === 'string' ? raw.title : undefined;
	const given = record.meta ?? {};
	const source = typeof given.source === 'string' ? given.source : undefined;
	const status = statusOf(given.status);
	const extra = Object.entries(raw).filter(
		([key]) => !CONSUMED_KEYS.has(key) && !(key === 'id' && id !== undefined) && !(key === 'title' && title !== undefined)
	);
	const rest = Object.entries(given).filter(
		([key]) => !(key === 'source' && source !== undefined) && !(key === 'status' && status !== undefined)
	);
	const relations = record.relations && record.relations.length > 0 ? { doccano_relations: record.relations } : {};
	const meta = { ...Object.fromEntries(extra), ...Object.fromEntries(rest), ...relations };

	const annotator =
		[record.annotator, record.user].map((name) => (name == null ? '' : String(name).trim())).find((name) => name !== '') ??
		opts.annotator;
	const givenSpans: GivenSpan[] = [
		...(record.label ?? []).map(([start, end, label], i) => ({ start, end, label, where: `label[${i}]` })),
		...(record.labels ?? []).map(([start, end, label], i) => ({ start, end, label, where: `labels[${i}]` })),
		...(record.entities ?? []).map((entity, i) => ({
			start: entity.start_offset,
			end: entity.end_offset,
			label: entity.label,
			where: `entities[${i}]`,
			names: { start: 'start_offset', end: 'end_offset' }
		}))
	];

	const article = foreignArticle({ id, title, text, source, meta, status }, opts);
	const articleId = article.id;
	const index = new TextIndex(text);
	const spans: Span[] = [];
	const seen = new Set<string>();
	for (const span of givenSpans) {
		const anchored = anchorForeignSpan(index, unit, span.start, span.end, null, span.where, span.names);
		if (anchored.error !== undefined) return anchored.error;
		const { start, end } = anchored.ok;
		const key = JSON.stringify([start, end, span.label]);
		if (seen.has(key)) continue;
		seen.add(key);
		spans.push({ id: newId('s'), articleId, start, end, label: span.label, annotator, createdAt: opts.now, updatedAt: opts.now });
	}
	return { article, spans: spans.sort(compareSpans) };
}

/** The doccano line (no newline) of one article, offsets in `unit`. */
export function doccanoRecordLine(article: Article, spans: readonly Span[], unit: OffsetUnit = 'utf16'): string {
	const { text } = article;
	const converter = unit === 'codepoint' ? new OffsetConverter(text) : null;
	const labels: [number, number, string][] = [];
	const written = new Set<string>();
	const annotators = new Set<string>();
	for (const span of [...spans].sort(compareSpans)) {
		const problem = offsetRangeProblem(span.start, span.end, text.length);
		if (problem) throw new RangeError(`span "${span.id}" of article "${article.id}": ${problem.field} ${problem.detail}`);
		annotators.add(span.annotator);
		const start = converter ? converter.toCodePoint(span.start) : span.start;
		const end = converter ? converter.toCodePoint(span.end) : span.end;
		const key = JSON.stringify([start, end, span.label]);
		if (written.has(key)) continue;
		written.add(key);
		labels.push([start, end, span.label]);
	}
	const own = Object.entries(article.meta).filter(([key]) => key !== 'source' && key !== 'status');
	const record = {
		id: article.id,
		text,
		label: labels,
		title: article.title,
		...(annotators.size === 1 ? { annotator: [...annotators][0] } : {}),
		meta: { source: article.source, status: article.status, ...Object.fromEntries(own) }
	};
	return escapeLineSeparators(JSON.stringify(record));
}

/** Whether a value is an array of arrays (`[[0, 5, "PER"]]`; `[]` too). */
function isArrayOfArrays(value: unknown): boolean {
	return Array.isArray(value) && value.every(Array.isArray);
}

export const doccanoCodec: Codec = {
	name: 'doccano',
	title: 'doccano JSONL',
	extension: 'jsonl',
	multiFile: false,
	perRecord: true,
	defaultOffsets: 'utf16',
	loses:
		'span ids, notes and timestamps; article timestamps; annotators unless all spans of an article share one; same-offset same-label spans of different annotators (written once); meta keys named source or status; relations are kept in meta only',
	sniff(file) {
		const first = firstJsonlObject(file.content);
		return (
			first !== null &&
			typeof first.text === 'string' &&
			!('_input_hash' in first || '_task_hash' in first || 'tokens' in first) &&
			(isArrayOfArrays(first.label) || isArrayOfArrays(first.labels) || Array.isArray(first.entities))
		);
	},
	parse(files, opts) {
		const unit = opts.offsets ?? 'utf16';
		const records: ArticleRecord[] = [];
		const errors: CodecError[] = [];
		for (const file of files) {
			const source = opts.source || file.name;
			const fileErrors = readJsonlObjects(file, (raw) => {
				const record = parseRecord(raw, unit, { ...opts, source });
				if (typeof record === 'string') return record;
				records.push(record);
				return undefined;
			});
			errors.push(...fileErrors);
		}
		return { records, errors };
	},
	*serialize(records, opts = {}) {
		const file = `${opts.baseName ?? 'export'}.jsonl`;
		const unit = opts.offsets ?? 'utf16';
		for (const { article, spans } of records) yield { file, data: doccanoRecordLine(article, spans, unit) + '\n' };
	}
};
