/**
 * The valibot schema of one record of Spanwise's canonical JSONL (format "spanwise/1"): the shape
 * check of user data at the import boundary. Meaning checks (offsets against the text, duplicate ids)
 * are in spanwise.ts.
 */
import * as v from 'valibot';
import { ARTICLE_STATUSES } from '../types';
import { expected } from './json';

const NonEmptyString = v.pipe(v.string(expected('a string')), v.check((s) => s.trim() !== '', 'must not be empty'));

/** ISO 8601 text or milliseconds since 1970, as milliseconds. */
const Timestamp = v.pipe(
	v.union([v.number(), v.string()], expected('an ISO 8601 date or milliseconds since 1970')),
	v.transform((value) => (typeof value === 'number' ? value : Date.parse(value))),
	v.check((ms) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15, 'is not a valid date')
);

/** Object, not array or null: what `meta` must be. */
const JsonObject = v.custom<Record<string, unknown>>(
	(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
	(issue) => `expected an object, got ${issue.received}`
);

/** Statuses accepted on import; "in progress" is read as "in_progress". */
export const IMPORT_STATUSES = [...ARTICLE_STATUSES, 'in progress'] as const;

/** One span of a record. `start`/`end` are in the record's `offset_unit`; null means absent. */
export const SpanwiseSpanSchema = v.object({
	id: v.nullish(NonEmptyString),
	start: v.number(expected('a number')),
	end: v.number(expected('a number')),
	label: NonEmptyString,
	text: v.nullish(v.string(expected('a string'))),
	annotator: v.nullish(v.string(expected('a string'))),
	note: v.nullish(v.string(expected('a string'))),
	flag: v.nullish(v.string(expected('a string'))),
	created_at: v.nullish(Timestamp),
	updated_at: v.nullish(Timestamp)
});

/** One relation of a record: `head` and `tail` are the ids of spans of the same record. */
export const SpanwiseRelationSchema = v.object({
	id: v.nullish(NonEmptyString),
	label: NonEmptyString,
	head: NonEmptyString,
	tail: NonEmptyString,
	annotator: v.nullish(v.string(expected('a string'))),
	note: v.nullish(v.string(expected('a string'))),
	created_at: v.nullish(Timestamp),
	updated_at: v.nullish(Timestamp)
});

/** One record (one line) of a spanwise/1 JSONL file. Only `text` is required. */
export const SpanwiseRecordSchema = v.object({
	id: v.nullish(NonEmptyString),
	title: v.nullish(v.string(expected('a string'))),
	text: v.pipe(v.string(expected('a string')), v.check((text) => text !== '', 'is empty (an article needs text)')),
	meta: v.nullish(JsonObject),
	spans: v.nullish(v.array(SpanwiseSpanSchema, expected('an array'))),
	relations: v.nullish(v.array(SpanwiseRelationSchema, expected('an array'))),
	status: v.nullish(v.picklist(IMPORT_STATUSES, expected(`one of ${IMPORT_STATUSES.map((s) => `"${s}"`).join(', ')}`))),
	created_at: v.nullish(Timestamp),
	updated_at: v.nullish(Timestamp),
	offset_unit: v.nullish(v.picklist(['codepoint', 'utf16'], expected('"codepoint" or "utf16"'))),
	format: v.nullish(v.literal('spanwise/1', expected('"spanwise/1"')))
});

/** A record as the schema outputs it (unknown keys dropped, timestamps in milliseconds). */
export type SpanwiseRecord = v.InferOutput<typeof SpanwiseRecordSchema>;

/** The keys the schema knows; other top-level keys of a record are carried into `meta`. */
export const SPANWISE_RECORD_KEYS: ReadonlySet<string> = new Set(Object.keys(SpanwiseRecordSchema.entries));

/** `spans[2].end` from a valibot issue path. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
	let path = '';
	for (const item of issue.path ?? []) {
		const key = (item as { key: unknown }).key;
		path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
	}
	return path;
}

/** A user-readable line for the first schema issue, e.g. `spans[2].start: expected a number, got "1"`. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
	const path = issuePath(issue);
	const message = issue.received === 'undefined' ? 'is missing' : issue.message;
	return path === '' ? message : `${path}: ${message}`;
}
