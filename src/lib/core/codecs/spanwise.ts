/**
 * Spanwise's canonical JSONL: one article per line with its spans and the relations between them,
 * offsets in Unicode code points so that Python's `text[start:end] == span["text"]`. Serializing then
 * parsing gives back the same articles, spans and relations (ids, offsets, labels, annotators, notes,
 * status, title, meta, source and timestamps, which travel as ISO 8601 `created_at` / `updated_at`).
 * `relations` is written only when there are some (absent = none); each relation's `head` and `tail`
 * are span ids of the same record.
 *
 * ```json
 * {"id": "a-…", "title": "…", "text": "…", "meta": {"source": "file.txt"},
 *  "spans": [{"id": "s-…", "start": 0, "end": 12, "label": "actor", "text": "…", "annotator": "maria",
 *             "created_at": "…", "updated_at": "…"}],
 *  "relations": [{"id": "r-…", "label": "source", "head": "s-…", "tail": "s-…", "annotator": "maria",
 *                 "created_at": "…", "updated_at": "…"}],
 *  "status": "done", "created_at": "…", "updated_at": "…", "offset_unit": "codepoint", "format": "spanwise/1"}
 * ```
 */
import * as v from 'valibot';
import type { Article, ArticleRecord, ArticleStatus, RecordError, Relation, Result, Span } from '../types';
import { titleFromText } from '../articles/title';
import { newId } from '../ids';
import { offsetRangeProblem } from '../spans/bounds';
import { compareSpans } from '../spans/span-set';
import { OffsetConverter } from '../text/offsets';
import { TextIndex, anchorSpan } from './anchor';
import type { Codec, CodecError, OffsetUnit } from './codec';
import { SPANWISE_RECORD_KEYS, SpanwiseRecordSchema, describeIssue } from './spanwise-schema';
import { escapeLineSeparators, isObject } from './json';

/** The format tag written in every record. */
export const SPANWISE_FORMAT = 'spanwise/1';

/** Values for what a record leaves out. */
export interface ParseOptions {
	/** Timestamp (ms) for records and spans without `created_at` / `updated_at`. */
	readonly now: number;
	/** Annotator of spans without one. */
	readonly annotator: string;
	/** `Article.source` when `meta.source` is absent (usually the file name). */
	readonly source: string;
}


function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** The order relations are written and read in: by id (ids are unique in a record). */
export function compareRelations(a: Relation, b: Relation): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One JSONL line (no newline) for an article, its spans (in SpanSet order, offsets in code points)
 * and its relations (by id; the field is left out when there are none). Spans must be valid UTF-16
 * ranges of the text, and relations must link spans of `spans`; otherwise RangeError (a bug, not
 * user data).
 */
export function serializeArticle(article: Article, spans: readonly Span[], relations: readonly Relation[] = []): string {
	const { text } = article;
	const converter = new OffsetConverter(text);
	const serializedSpans = [...spans].sort(compareSpans).map((span) => {
		const problem = offsetRangeProblem(span.start, span.end, text.length);
		if (problem) {
			throw new RangeError(`span "${span.id}" of article "${article.id}": ${problem.field} ${problem.detail}`);
		}
		return {
			id: span.id,
			start: converter.toCodePoint(span.start),
			end: converter.toCodePoint(span.end),
			label: span.label,
			text: text.slice(span.start, span.end),
			annotator: span.annotator,
			...(span.note === undefined ? {} : { note: span.note }),
			...(span.flag === undefined ? {} : { flag: span.flag }),
			created_at: iso(span.createdAt),
			updated_at: iso(span.updatedAt)
		};
	});
	let serializedRelations: object[] | undefined;
	if (relations.length > 0) {
		const ids = new Set(spans.map((s) => s.id));
		serializedRelations = [...relations].sort(compareRelations).map((relation) => {
			for (const end of [relation.head, relation.tail]) {
				if (!ids.has(end)) throw new RangeError(`relation "${relation.id}" of article "${article.id}" links span "${end}", which is not written with it`);
			}
			return {
				id: relation.id,
				label: relation.label,
				head: relation.head,
				tail: relation.tail,
				annotator: relation.annotator,
				...(relation.note === undefined ? {} : { note: relation.note }),
				created_at: iso(relation.createdAt),
				updated_at: iso(relation.updatedAt)
			};
		});
	}
	const { source: _ignored, ...meta } = article.meta as Record<string, unknown>;
	const record = {
		id: article.id,
		title: article.title,
		text,
		meta: { source: article.source, ...meta },
		spans: serializedSpans,
		...(serializedRelations ? { relations: serializedRelations } : {}),
		status: article.status,
		created_at: iso(article.createdAt),
		updated_at: iso(article.updatedAt),
		offset_unit: 'codepoint',
		format: SPANWISE_FORMAT
	};
	return escapeLineSeparators(JSON.stringify(record));
}

const UNIT_HINTS: Record<OffsetUnit, string> = {
	codepoint: 'offsets look like UTF-16 code units, not code points; set offset_unit to utf16',
	utf16: 'offsets look like code points, not UTF-16 code units; set offset_unit to codepoint'
};

function describeJsonValue(value: unknown): string {
	return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}

/**
 * Parses one line of a spanwise/1 file into an article with its spans (UTF-16 offsets, SpanSet order).
 * Missing values come from `opts` (timestamps: `opts.now`; span annotator; source) or are derived
 * (ids: new; title: first non-empty line). Every span is checked against the text; exact duplicates
 * (same offsets, label and annotator) are dropped, repeated span ids are an error. Relations must
 * link span ids of the record in their own layer (a relation without an annotator takes its head's);
 * exact duplicates (same type, ends and annotator) are dropped, repeated relation ids are an error.
 * Errors name the line, span or relation and field: `line 3: spans[2].end: 40 is beyond the text
 * (length 35)`, `line 4: relations[0] ("r-1").tail: "s-9" is not the id of a span of this record`.
 * Never throws.
 */
export function parseSpanwiseLine(line: string, lineNo: number, opts: ParseOptions): Result<ArticleRecord> {
	const fail = (message: string): Result<ArticleRecord> => ({ error: `line ${lineNo}: ${message}` });
	let raw: unknown;
	try {
		raw = JSON.parse(line);
	} catch (error) {
		return fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
	}
	if (!isObject(raw)) {
		return fail(
			`expected a JSON object, got ${describeJsonValue(raw)}${Array.isArray(raw) ? ' (JSONL has one object per line)' : ''}`
		);
	}
	const parsed = v.safeParse(SpanwiseRecordSchema, raw);
	if (!parsed.success) return fail(describeIssue(parsed.issues[0]));
	const record = parsed.output;
	const { text } = record;

	const { source, ...givenMeta } = record.meta ?? {};
	if (source !== undefined && typeof source !== 'string') {
		return fail(`meta.source: expected a string, got ${describeJsonValue(source)}`);
	}
	// Keys this format does not know are kept, in meta, rather than lost; meta's own keys win.
	const extra = Object.entries(raw).filter(([key]) => !SPANWISE_RECORD_KEYS.has(key));
	const meta: Record<string, unknown> = { ...Object.fromEntries(extra), ...givenMeta };

	const articleId = record.id ?? newId('a');
	const unit: OffsetUnit = record.offset_unit ?? 'codepoint';
	const index = new TextIndex(text);
	const spans: Span[] = [];
	const indexOfId = new Map<string, number>();
	const seen = new Map<string, string>();
	// The id of a dropped duplicate span → the id of the span it duplicates (relations may name either).
	const alias = new Map<string, string>();

	for (const [i, given] of (record.spans ?? []).entries()) {
		const anchored = anchorSpan(index, unit, given.start, given.end, given.text, `spans[${i}]`, UNIT_HINTS);
		if (anchored.error !== undefined) return fail(anchored.error);
		const resolved = anchored.ok;
		const annotator = given.annotator != null && given.annotator.trim() !== '' ? given.annotator : opts.annotator;
		const key = JSON.stringify([resolved.start, resolved.end, given.label, annotator]);
		const kept = seen.get(key);
		if (kept) {
			if (given.id != null && given.id !== kept && !indexOfId.has(given.id)) alias.set(given.id, kept);
			continue;
		}
		if (given.id != null) {
			const earlier = indexOfId.get(given.id);
			if (earlier !== undefined) return fail(`spans[${i}].id: "${given.id}" is also the id of spans[${earlier}]`);
			indexOfId.set(given.id, i);
		}
		const createdAt = given.created_at ?? opts.now;
		const id = given.id ?? newId('s');
		seen.set(key, id);
		spans.push({
			id,
			articleId,
			start: resolved.start,
			end: resolved.end,
			label: given.label,
			annotator,
			...(given.note == null ? {} : { note: given.note }),
			...(given.flag == null ? {} : { flag: given.flag }),
			createdAt,
			updatedAt: given.updated_at ?? createdAt
		});
	}

	const relations: Relation[] = [];
	if (record.relations && record.relations.length > 0) {
		const byId = new Map(spans.map((s) => [s.id, s]));
		const relationIndex = new Map<string, number>();
		const relationSeen = new Set<string>();
		for (const [i, given] of record.relations.entries()) {
			const name = given.id == null ? `relations[${i}]` : `relations[${i}] (${JSON.stringify(given.id)})`;
			const ends: Span[] = [];
			for (const field of ['head', 'tail'] as const) {
				const span = byId.get(alias.get(given[field]) ?? given[field]);
				if (!span) return fail(`${name}.${field}: "${given[field]}" is not the id of a span of this record`);
				ends.push(span);
			}
			const [head, tail] = ends;
			const annotator = given.annotator != null && given.annotator.trim() !== '' ? given.annotator : head.annotator;
			for (const [field, span] of [['head', head], ['tail', tail]] as const) {
				if (span.annotator !== annotator) {
					return fail(`${name}.${field}: span "${span.id}" is ${JSON.stringify(span.annotator)}'s, but the relation is ${JSON.stringify(annotator)}'s (a relation links spans of its own layer)`);
				}
			}
			const key = JSON.stringify([given.label, head.id, tail.id, annotator]);
			if (relationSeen.has(key)) continue;
			relationSeen.add(key);
			if (given.id != null) {
				const earlier = relationIndex.get(given.id);
				if (earlier !== undefined) return fail(`relations[${i}].id: "${given.id}" is also the id of relations[${earlier}]`);
				relationIndex.set(given.id, i);
			}
			const createdAt = given.created_at ?? opts.now;
			relations.push({
				id: given.id ?? newId('r'),
				articleId,
				label: given.label,
				head: head.id,
				tail: tail.id,
				annotator,
				...(given.note == null ? {} : { note: given.note }),
				createdAt,
				updatedAt: given.updated_at ?? createdAt
			});
		}
	}

	const createdAt = record.created_at ?? opts.now;
	const status: ArticleStatus = record.status === 'in progress' ? 'in_progress' : (record.status ?? 'new');
	const article: Article = {
		id: articleId,
		title: record.title ?? titleFromText(text),
		text,
		source: source ?? opts.source,
		meta,
		status,
		createdAt,
		updatedAt: record.updated_at ?? createdAt
	};
	const sorted = spans.sort(compareSpans);
	return { ok: relations.length === 0 ? { article, spans: sorted } : { article, spans: sorted, relations: relations.sort(compareRelations) } };
}

/**
 * Parses a whole spanwise/1 file: UTF-8 BOM dropped, LF or CRLF lines, blank lines skipped. Good
 * records and per-line errors are both returned, so one bad line does not lose the rest; a file with
 * no records gives the single error "the file is empty" (line 1).
 */
export function parseSpanwiseJsonl(content: string, opts: ParseOptions): { records: ArticleRecord[]; errors: RecordError[] } {
	const body = content.startsWith('\ufeff') ? content.slice(1) : content;
	const records: ArticleRecord[] = [];
	const errors: RecordError[] = [];
	if (!/\S/.test(body)) return { records, errors: [{ line: 1, message: 'the file is empty' }] };
	const lines = body.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
		if (!/\S/.test(line)) continue;
		const result = parseSpanwiseLine(line, i + 1, opts);
		if (result.ok) records.push(result.ok);
		else errors.push({ line: i + 1, message: result.error });
	}
	return { records, errors };
}

/**
 * The canonical format as a `Codec`. Always writes code points (`offset_unit: "codepoint"`); reads
 * each record's own `offset_unit`, so `opts.offsets` is ignored.
 */
export const spanwiseCodec: Codec = {
	name: 'spanwise',
	title: 'Spanwise JSONL',
	extension: 'jsonl',
	multiFile: false,
	perRecord: true,
	defaultOffsets: 'codepoint',
	loses: 'nothing: every article field, span field, relation and timestamp comes back',
	sniff: (file) => /"format"\s*:\s*"spanwise\//.test(file.content.slice(0, 65536)) || /\.jsonl$/i.test(file.name),
	parse(files, opts) {
		const records: ArticleRecord[] = [];
		const errors: CodecError[] = [];
		for (const file of files) {
			const result = parseSpanwiseJsonl(file.content, { ...opts, source: opts.source || file.name });
			records.push(...result.records);
			for (const error of result.errors) errors.push({ ...error, file: file.name });
		}
		return { records, errors };
	},
	*serialize(records, opts = {}) {
		const file = `${opts.baseName ?? 'export'}.jsonl`;
		for (const { article, spans, relations } of records) yield { file, data: serializeArticle(article, spans, relations) + '\n' };
	}
};
