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
 * valid `meta.status`. `relations` become relations: `from_id` is the head, `to_id` the tail (ids of
 * the record's `entities`), `type` the relation type; a relation naming an entity id the record does
 * not have is an error naming the line, the relation and the id. doccano has no annotator per span:
 * spans and relations get the record's `annotator` or `user` key, else the import's annotator.
 *
 * Written, the simple form that doccano imports:
 * ```json
 * {"id": "a-…", "text": "…", "label": [[0, 5, "PER"]], "title": "…", "annotator": "maria",
 *  "meta": {"source": "file.txt", "status": "done", …}}
 * ```
 * `annotator` only when all the article's spans have one annotator; spans of several annotators with
 * the same offsets and label are written once. An article with relations is written in the form of
 * doccano's relation projects instead (sequence labelling with "Use relation labeling"):
 * ```json
 * {"id": "a-…", "text": "…", "entities": [{"id": 1, "label": "claim", "start_offset": 0, "end_offset": 40},
 *  {"id": 2, "label": "actor", "start_offset": 0, "end_offset": 5}],
 *  "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "source"}], "title": "…", "meta": {…}}
 * ```
 * Entity and relation ids count from 1 in each record. doccano has no notes or symmetric links, and
 * no annotator per relation: what it cannot hold is counted in `opts.report` (relation notes,
 * symmetric types, equal relations written once, relations whose ends are not among the spans).
 *
 * A round trip loses: span and relation ids, notes and timestamps; article timestamps; annotators
 * unless an article's spans all share one; duplicate spans (and relations) of different annotators;
 * own meta keys named source or status; whether a relation type is symmetric.
 */
import * as v from 'valibot';
import type { Article, ArticleRecord, Relation, Span } from '../types';
import { newId } from '../ids';
import { offsetRangeProblem } from '../spans/bounds';
import { compareSpans } from '../spans/span-set';
import { OffsetConverter } from '../text/offsets';
import { TextIndex } from './anchor';
import type { Codec, CodecError, CodecSerializeOptions, OffsetUnit } from './codec';
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
import { addRelationOnce, linkedRelations, readRelation, reportDirectedOnly, withRelations } from './relations';
import { reportLoss } from './serialize-report';

const DoccanoLabelSchema = v.tuple(
	[v.number(expected('a number')), v.number(expected('a number')), NonEmptyString],
	expected('an array [start, end, "LABEL"]')
);

const EntityId = v.union([v.number(), v.string()], expected('a number or a string'));

const DoccanoEntitySchema = v.object({
	id: v.nullish(EntityId),
	label: NonEmptyString,
	start_offset: v.number(expected('a number')),
	end_offset: v.number(expected('a number'))
});

const DoccanoRelationSchema = v.object({
	from_id: EntityId,
	to_id: EntityId,
	type: NonEmptyString
});

const Name = v.nullish(v.union([v.string(), v.number()], expected('a string or a number')));

const DoccanoRecordSchema = v.object({
	text: ArticleText,
	label: v.nullish(v.array(DoccanoLabelSchema, expected('an array'))),
	labels: v.nullish(v.array(DoccanoLabelSchema, expected('an array'))),
	entities: v.nullish(v.array(DoccanoEntitySchema, expected('an array'))),
	relations: v.nullish(v.array(DoccanoRelationSchema, expected('an array'))),
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
	/** The entity id (`entities[i].id`), which relations name. */
	readonly entity?: string;
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
	const meta = { ...Object.fromEntries(extra), ...Object.fromEntries(rest) };

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
			names: { start: 'start_offset', end: 'end_offset' },
			...(entity.id == null ? {} : { entity: String(entity.id) })
		}))
	];

	const article = foreignArticle({ id, title, text, source, meta, status }, opts);
	const articleId = article.id;
	const index = new TextIndex(text);
	const spans: Span[] = [];
	const seen = new Map<string, string>();
	/** Span id of each entity id. */
	const spanOf = new Map<string, string>();
	for (const span of givenSpans) {
		const anchored = anchorForeignSpan(index, unit, span.start, span.end, null, span.where, span.names);
		if (anchored.error !== undefined) return anchored.error;
		const { start, end } = anchored.ok;
		const key = JSON.stringify([start, end, span.label]);
		let id = seen.get(key);
		if (id === undefined) {
			id = newId('s');
			seen.set(key, id);
			spans.push({ id, articleId, start, end, label: span.label, annotator, createdAt: opts.now, updatedAt: opts.now });
		}
		if (span.entity !== undefined) {
			if (spanOf.has(span.entity)) return `${span.where}.id: ${JSON.stringify(span.entity)} is also the id of another entity of this record`;
			spanOf.set(span.entity, id);
		}
	}
	const relations: Relation[] = [];
	const keys = new Set<string>();
	for (const [i, given] of (record.relations ?? []).entries()) {
		const head = spanOf.get(String(given.from_id));
		if (head === undefined) return `relations[${i}].from_id: ${JSON.stringify(given.from_id)} is not the id of an entity of this record`;
		const tail = spanOf.get(String(given.to_id));
		if (tail === undefined) return `relations[${i}].to_id: ${JSON.stringify(given.to_id)} is not the id of an entity of this record`;
		addRelationOnce(relations, keys, readRelation({ articleId, label: given.type, head, tail, annotator, createdAt: opts.now }));
	}
	return withRelations({ article, spans: spans.sort(compareSpans) }, relations);
}

/** The doccano line (no newline) of one article, offsets in `unit`. */
export function doccanoRecordLine(article: Article, spans: readonly Span[], unit: OffsetUnit = 'utf16'): string {
	return doccanoLine({ article, spans }, { offsets: unit });
}

/** The doccano line (no newline) of one record: the relation form when it has relations (see the module comment). */
export function doccanoLine(record: ArticleRecord, opts: CodecSerializeOptions = {}): string {
	const { article, spans } = record;
	const unit = opts.offsets ?? 'utf16';
	const { text } = article;
	const converter = unit === 'codepoint' ? new OffsetConverter(text) : null;
	const labels: [number, number, string][] = [];
	const written = new Map<string, number>();
	/** Entity number (1-based, the index in `labels` + 1) of each span id. */
	const entityOf = new Map<string, number>();
	const annotators = new Set<string>();
	for (const span of [...spans].sort(compareSpans)) {
		const problem = offsetRangeProblem(span.start, span.end, text.length);
		if (problem) throw new RangeError(`span "${span.id}" of article "${article.id}": ${problem.field} ${problem.detail}`);
		annotators.add(span.annotator);
		const start = converter ? converter.toCodePoint(span.start) : span.start;
		const end = converter ? converter.toCodePoint(span.end) : span.end;
		const key = JSON.stringify([start, end, span.label]);
		const known = written.get(key);
		if (known !== undefined) {
			entityOf.set(span.id, known);
			continue;
		}
		labels.push([start, end, span.label]);
		written.set(key, labels.length);
		entityOf.set(span.id, labels.length);
	}
	const hasRelations = (record.relations ?? []).length > 0;
	const relations: { id: number; from_id: number; to_id: number; type: string }[] = [];
	if (hasRelations) {
		const linked = linkedRelations(record, opts.report);
		reportDirectedOnly(linked, opts, 'lost');
		const seen = new Set<string>();
		for (const { relation, head, tail } of linked) {
			const from = entityOf.get(head.id) as number;
			const to = entityOf.get(tail.id) as number;
			const key = JSON.stringify([from, to, relation.label]);
			if (seen.has(key)) {
				reportLoss(opts.report, 'relation-merged');
				continue;
			}
			seen.add(key);
			relations.push({ id: relations.length + 1, from_id: from, to_id: to, type: relation.label });
		}
	}
	const own = Object.entries(article.meta).filter(([key]) => key !== 'source' && key !== 'status');
	const entities = labels.map(([start, end, label], i) => ({ id: i + 1, label, start_offset: start, end_offset: end }));
	const line = {
		id: article.id,
		text,
		...(hasRelations ? { entities, relations } : { label: labels }),
		title: article.title,
		...(annotators.size === 1 ? { annotator: [...annotators][0] } : {}),
		meta: { source: article.source, status: article.status, ...Object.fromEntries(own) }
	};
	return escapeLineSeparators(JSON.stringify(line));
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
		'span and relation ids, notes and timestamps; article timestamps; annotators unless all spans of an article share one; same-offset same-label spans (and equal relations) of different annotators (written once); meta keys named source or status; whether a relation type is symmetric',
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
		for (const record of records) yield { file, data: doccanoLine(record, { ...opts, offsets: unit }) + '\n' };
	}
};
