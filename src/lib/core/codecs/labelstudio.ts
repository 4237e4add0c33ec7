/**
 * Label Studio JSON: the "JSON" export of a Label Studio project, an array of tasks (a single task
 * object and JSONL, one task per line, are read too). Offsets are Unicode code points (what Label
 * Studio stores since 1.4; older exports counted UTF-16 code units, which the error messages detect).
 *
 * ```json
 * [{"id": 1, "data": {"text": "…", "title": "…", "spanwise_id": "a-…", "url": "…"},
 *   "annotations": [{"id": 1, "completed_by": {"email": "maria"}, "created_at": "…", "updated_at": "…",
 *     "result": [{"id": "s-…", "type": "labels", "from_name": "label", "to_name": "text",
 *                 "value": {"start": 0, "end": 6, "text": "the US", "labels": ["actor"]},
 *                 "meta": {"text": ["a note"]}}]}],
 *   "predictions": [{"id": 1, "model_version": "ner-2", "result": […]}],
 *   "created_at": "…", "updated_at": "…"}]
 * ```
 *
 * Import: `data.text` is the article text (other `data` keys go to `meta`; `title`, `spanwise_id`,
 * `spanwise_status` and `spanwise_source` restore what Spanwise wrote). Results of `type: "labels"`
 * become spans, one per label; results of `type: "relation"` become relations between the regions
 * their `from_id` / `to_id` name in the same annotation (a region with several labels: its first
 * label's span), one per label in `labels` (`"related"` when it has none); `direction` "right" links
 * from → to, "left" to → from, "bi" from → to and marks the type symmetric in the result's
 * `relationTypes`. A relation naming a region the annotation does not have is an error naming the
 * task, the result and the id. Other result types (choices, textarea…) and cancelled annotations are
 * skipped silently. The annotator is `completed_by` (its `email` or `username` when an
 * object, `user-<n>` when a number); predictions are annotator `prediction:<model_version>`. A region's
 * `meta.text` is its note. Older exports' `completions` are read like `annotations`.
 *
 * Export: one annotation per annotator, `completed_by: {"email": <annotator name>}` (Label Studio
 * itself writes a user id number there; this object carries the name so that it comes back — drop it
 * before importing into Label Studio, which then credits the importing user). Spans of annotators
 * named `prediction:<model>` are written as predictions. Result ids are the span ids. Relations go
 * with their head span's annotation as `{"type": "relation", "from_id": head, "to_id": tail,
 * "direction": "right", "labels": [type]}` ("bi" for a type `opts.relationTypes` says is symmetric).
 * Label Studio keeps no note on a relation, and a relation cannot join two annotations: both are
 * counted in `opts.report`, as are relations whose ends are not among the spans.
 *
 * A round trip loses each span's and relation's own timestamps (they take their annotation's
 * `created_at` / `updated_at`), relation ids and notes, and `meta` keys named `text`, `title` or
 * `spanwise_*`.
 */
import { PREDICTION_PREFIX } from '../layers';
import * as v from 'valibot';
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Relation, type Result, type Span } from '../types';
import { titleFromText } from '../articles/title';
import { newId } from '../ids';
import { compareSpans } from '../spans/span-set';
import { TextIndex, anchorSpan } from './anchor';
import type { Codec, CodecError, CodecParseOptions, CodecSerializeOptions, OffsetUnit, RelationTypeHint } from './codec';
import { addRelationOnce, isSymmetric, linkedRelations, mergeTypeHints, readRelation, withRelations, type LinkedRelation } from './relations';
import { reportLoss } from './serialize-report';
import { describeIssue, issuePath } from './spanwise-schema';
import { expected, isObject } from './json';

/** The type of a relation result with no labels (Label Studio allows them; Spanwise relations need a type). */
export const UNLABELLED_RELATION = 'related';

/** Annotator names of predictions start with this (a suggestion layer, core/layers.ts); the rest is the model version. */
export { PREDICTION_PREFIX };

/** `data` keys this codec writes itself; meta keys with these names are not exported. */
const RESERVED_DATA_KEYS: ReadonlySet<string> = new Set(['text', 'title', 'spanwise_id', 'spanwise_status', 'spanwise_source']);

const NonEmptyString = v.pipe(v.string(expected('a string')), v.check((s) => s.trim() !== '', 'must not be empty'));
const ResultList = v.nullish(v.array(v.unknown(), expected('an array')));

/** An annotation (or an old export's completion): who made it, when, and its results. */
const AnnotationSchema = v.object(
	{ completed_by: v.optional(v.unknown()), was_cancelled: v.optional(v.unknown()), result: ResultList, created_at: v.optional(v.unknown()), updated_at: v.optional(v.unknown()) },
	expected('an object')
);

const PredictionSchema = v.object(
	{ model_version: v.optional(v.unknown()), result: ResultList, created_at: v.optional(v.unknown()), updated_at: v.optional(v.unknown()) },
	expected('an object')
);

const TaskSchema = v.object(
	{
		data: v.object(
			{
				text: v.pipe(v.string(expected('a string')), v.check((text) => text !== '', 'is empty (a task needs text)')),
				title: v.nullish(v.string(expected('a string'))),
				spanwise_id: v.nullish(NonEmptyString),
				spanwise_status: v.nullish(v.picklist(ARTICLE_STATUSES, expected(`one of ${ARTICLE_STATUSES.map((s) => `"${s}"`).join(', ')}`))),
				spanwise_source: v.nullish(v.string(expected('a string')))
			},
			expected('an object')
		),
		annotations: v.nullish(v.array(AnnotationSchema, expected('an array'))),
		completions: v.nullish(v.array(AnnotationSchema, expected('an array'))),
		predictions: v.nullish(v.array(PredictionSchema, expected('an array'))),
		created_at: v.optional(v.unknown()),
		updated_at: v.optional(v.unknown())
	},
	expected('an object')
);

/** Any result: only its type is looked at before deciding whether to read it. */
const AnyResultSchema = v.object({ type: v.optional(v.unknown()) }, expected('an object'));

/** A `labels` result, the one kind that becomes spans. */
const LabelsResultSchema = v.object({
	id: v.nullish(v.union([v.string(), v.number()], expected('a string or a number'))),
	value: v.object(
		{
			start: v.number(expected('a number')),
			end: v.number(expected('a number')),
			text: v.nullish(v.string(expected('a string'))),
			labels: v.pipe(v.array(NonEmptyString, expected('an array')), v.minLength(1, 'is empty (a result needs a label)'))
		},
		expected('an object')
	),
	meta: v.optional(v.unknown())
});

/** A `relation` result: a link between two regions of the same annotation. */
const RelationResultSchema = v.object({
	from_id: v.union([v.string(), v.number()], expected('a region id')),
	to_id: v.union([v.string(), v.number()], expected('a region id')),
	direction: v.nullish(v.picklist(['right', 'left', 'bi'], expected('"right", "left" or "bi"'))),
	labels: v.nullish(v.array(NonEmptyString, expected('an array')))
});

function describeJsonValue(value: unknown): string {
	return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}

/** `where.path: message` for a schema issue found inside `where`. */
function issueAt(where: string, issue: v.BaseIssue<unknown>): string {
	const path = issuePath(issue);
	const message = issue.received === 'undefined' ? 'is missing' : issue.message;
	return `${where}${path === '' ? '' : `.${path}`}: ${message}`;
}

/** Milliseconds from an ISO date or a number (seconds in old exports, else milliseconds); undefined if neither. */
function toMs(value: unknown): number | undefined {
	const ms = typeof value === 'number' ? (Math.abs(value) < 1e11 ? value * 1000 : value) : typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

function nonBlank(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/** The annotator an annotation's `completed_by` names, or `fallback`. */
function annotatorOf(completedBy: unknown, fallback: string): string {
	if (isObject(completedBy)) {
		if (nonBlank(completedBy.email)) return completedBy.email;
		if (nonBlank(completedBy.username)) return completedBy.username;
		if (typeof completedBy.id === 'number') return `user-${completedBy.id}`;
		return fallback;
	}
	if (typeof completedBy === 'number' && Number.isFinite(completedBy)) return `user-${completedBy}`;
	return nonBlank(completedBy) ? completedBy : fallback;
}

/** A region's note: Label Studio keeps it in the result's `meta.text` (a list of strings). */
function noteOf(meta: unknown): string | undefined {
	if (!isObject(meta)) return undefined;
	const { text } = meta;
	if (typeof text === 'string') return text;
	if (Array.isArray(text) && text.length > 0 && text.every((t) => typeof t === 'string')) return text.join('\n');
	return undefined;
}

interface Group {
	readonly where: string;
	readonly annotator: string;
	readonly result: readonly unknown[];
	readonly createdAt: number;
	readonly updatedAt: number;
}

/** One task (number `n`) as an article with its spans and relations; type hints go to `hints`. Never throws. */
function parseTask(raw: unknown, n: number, opts: CodecParseOptions, hints: RelationTypeHint[] = []): Result<ArticleRecord> {
	const fail = (message: string): Result<ArticleRecord> => ({ error: `task ${n}: ${message}` });
	if (!isObject(raw)) return fail(`expected a JSON object, got ${describeJsonValue(raw)}`);
	const parsed = v.safeParse(TaskSchema, raw);
	if (!parsed.success) return fail(describeIssue(parsed.issues[0]));
	const task = parsed.output;
	const { data } = task;
	const meta = Object.fromEntries(Object.entries(raw.data as Record<string, unknown>).filter(([key]) => !RESERVED_DATA_KEYS.has(key)));
	const articleId = data.spanwise_id ?? newId('a');

	const groups: Group[] = [];
	const stamps = (item: { created_at?: unknown; updated_at?: unknown }) => {
		const createdAt = toMs(item.created_at) ?? opts.now;
		return { createdAt, updatedAt: toMs(item.updated_at) ?? createdAt };
	};
	const [humanKey, human] = task.annotations != null ? ['annotations', task.annotations] : ['completions', task.completions ?? []];
	for (const [i, annotation] of human.entries()) {
		if (annotation.was_cancelled === true) continue;
		const annotator = annotatorOf(annotation.completed_by, opts.annotator);
		groups.push({ where: `${humanKey}[${i}]`, annotator, result: annotation.result ?? [], ...stamps(annotation) });
	}
	for (const [i, prediction] of (task.predictions ?? []).entries()) {
		const version = prediction.model_version;
		const model = nonBlank(version) ? version : typeof version === 'number' ? String(version) : 'model';
		groups.push({ where: `predictions[${i}]`, annotator: `${PREDICTION_PREFIX}${model}`, result: prediction.result ?? [], ...stamps(prediction) });
	}

	const index = new TextIndex(data.text);
	const unit: OffsetUnit = opts.offsets ?? 'codepoint';
	const spans: Span[] = [];
	const relations: Relation[] = [];
	const relationKeys = new Set<string>();
	const ids = new Set<string>();
	const seen = new Map<string, string>();
	for (const group of groups) {
		/** Span id of each region id of this annotation (its first label's span). */
		const regions = new Map<string, string>();
		const links: { where: string; result: unknown }[] = [];
		for (const [j, given] of group.result.entries()) {
			const where = `${group.where}.result[${j}]`;
			const shape = v.safeParse(AnyResultSchema, given);
			if (!shape.success) return fail(issueAt(where, shape.issues[0]));
			if (shape.output.type === 'relation') links.push({ where, result: given });
			if (shape.output.type !== 'labels') continue;
			const checked = v.safeParse(LabelsResultSchema, given);
			if (!checked.success) return fail(issueAt(where, checked.issues[0]));
			const { id, value, meta: regionMeta } = checked.output;
			const anchored = anchorSpan(index, unit, value.start, value.end, value.text, `${where}.value`);
			if (anchored.error !== undefined) return fail(anchored.error);
			const note = noteOf(regionMeta);
			const region = id == null ? '' : String(id);
			for (const label of value.labels) {
				const key = JSON.stringify([anchored.ok.start, anchored.ok.end, label, group.annotator]);
				const known = seen.get(key);
				if (known !== undefined) {
					if (region !== '' && !regions.has(region)) regions.set(region, known);
					continue;
				}
				const spanId = region.trim() !== '' && !ids.has(region) ? region : newId('s');
				seen.set(key, spanId);
				if (region !== '' && !regions.has(region)) regions.set(region, spanId);
				ids.add(spanId);
				spans.push({
					id: spanId,
					articleId,
					start: anchored.ok.start,
					end: anchored.ok.end,
					label,
					annotator: group.annotator,
					...(note === undefined ? {} : { note }),
					createdAt: group.createdAt,
					updatedAt: group.updatedAt
				});
			}
		}
		for (const { where, result } of links) {
			const checked = v.safeParse(RelationResultSchema, result);
			if (!checked.success) return fail(issueAt(where, checked.issues[0]));
			const { from_id, to_id, direction, labels } = checked.output;
			const from = regions.get(String(from_id));
			if (from === undefined) return fail(`${where}.from_id: ${JSON.stringify(from_id)} is not the id of a region of this annotation`);
			const to = regions.get(String(to_id));
			if (to === undefined) return fail(`${where}.to_id: ${JSON.stringify(to_id)} is not the id of a region of this annotation`);
			const [head, tail] = direction === 'left' ? [to, from] : [from, to];
			for (const label of labels && labels.length > 0 ? labels : [UNLABELLED_RELATION]) {
				const relation = readRelation({ articleId, label, head, tail, annotator: group.annotator, createdAt: group.createdAt, updatedAt: group.updatedAt });
				addRelationOnce(relations, relationKeys, relation);
				hints.push({ name: label, directed: direction !== 'bi', headLabels: [], tailLabels: [] });
			}
		}
	}

	const { createdAt, updatedAt } = stamps(task);
	const article: Article = {
		id: articleId,
		title: data.title ?? titleFromText(data.text),
		text: data.text,
		source: data.spanwise_source ?? opts.source,
		meta,
		status: data.spanwise_status ?? 'new',
		createdAt,
		updatedAt
	};
	return { ok: withRelations({ article, spans: spans.sort(compareSpans) }, relations) };
}

type TaskEntry = { readonly n: number; readonly raw: unknown; readonly error?: undefined } | { readonly n: number; readonly error: string };

function jsonError(error: unknown): string {
	return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
}

/** The tasks of a file (a JSON array, one task object, or JSONL), or the reason there are none. */
function tasksOf(content: string): TaskEntry[] | { fileError: string } {
	const body = content.startsWith('\ufeff') ? content.slice(1) : content;
	if (!/\S/.test(body)) return { fileError: 'the file is empty' };
	try {
		const raw: unknown = JSON.parse(body);
		if (Array.isArray(raw)) return raw.map((task, i) => ({ n: i + 1, raw: task }));
		if (isObject(raw)) return [{ n: 1, raw }];
		return { fileError: `expected a JSON array of tasks, got ${describeJsonValue(raw)}` };
	} catch (error) {
		// JSONL: several lines, the first of them a whole task object. Tasks are numbered by line.
		const lines = body.split('\n');
		const first = lines.findIndex((line) => /\S/.test(line));
		try {
			if (!isObject(JSON.parse(lines[first]))) throw new SyntaxError('not an object');
		} catch {
			return { fileError: jsonError(error) };
		}
		const tasks: TaskEntry[] = [];
		for (const [i, line] of lines.entries()) {
			if (!/\S/.test(line)) continue;
			try {
				tasks.push({ n: i + 1, raw: JSON.parse(line) });
			} catch (lineError) {
				tasks.push({ n: i + 1, error: `task ${i + 1}: ${jsonError(lineError)}` });
			}
		}
		return tasks;
	}
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** A task for one article; `counters` numbers annotations and predictions across the export. */
function taskOf(record: ArticleRecord, n: number, opts: CodecSerializeOptions, counters: { annotation: number; prediction: number }): unknown {
	const { article, spans } = record;
	const unit = opts.offsets ?? 'codepoint';
	const relationsOf = new Map<string, LinkedRelation[]>();
	for (const link of linkedRelations(record, opts.report)) {
		if (link.head.annotator !== link.tail.annotator) {
			reportLoss(opts.report, 'relation-cross-layer');
			continue;
		}
		if (link.relation.note !== undefined) reportLoss(opts.report, 'relation-note');
		const list = relationsOf.get(link.head.annotator);
		if (list) list.push(link);
		else relationsOf.set(link.head.annotator, [link]);
	}
	const index = new TextIndex(article.text);
	const byAnnotator = new Map<string, Span[]>();
	for (const span of [...spans].sort(compareSpans)) {
		const group = byAnnotator.get(span.annotator);
		if (group) group.push(span);
		else byAnnotator.set(span.annotator, [span]);
	}
	const annotations: unknown[] = [];
	const predictions: unknown[] = [];
	for (const name of [...byAnnotator.keys()].sort()) {
		const group = byAnnotator.get(name) as Span[];
		const result: unknown[] = group.map((span) => ({
			id: span.id,
			type: 'labels',
			from_name: 'label',
			to_name: 'text',
			value: {
				start: index.fromUtf16(span.start, unit),
				end: index.fromUtf16(span.end, unit),
				text: article.text.slice(span.start, span.end),
				labels: [span.label]
			},
			...(span.note === undefined ? {} : { meta: { text: [span.note] } })
		}));
		for (const { relation, head, tail } of relationsOf.get(name) ?? []) {
			result.push({ type: 'relation', from_id: head.id, to_id: tail.id, direction: isSymmetric(opts, relation.label) ? 'bi' : 'right', labels: [relation.label] });
		}
		const created_at = iso(group.reduce((min, span) => Math.min(min, span.createdAt), Infinity));
		const updated_at = iso(group.reduce((max, span) => Math.max(max, span.updatedAt), -Infinity));
		if (name.startsWith(PREDICTION_PREFIX) && name.length > PREDICTION_PREFIX.length) {
			predictions.push({ id: ++counters.prediction, model_version: name.slice(PREDICTION_PREFIX.length), created_at, updated_at, result });
		} else {
			annotations.push({ id: ++counters.annotation, completed_by: { email: name }, was_cancelled: false, created_at, updated_at, result });
		}
	}
	const meta = Object.entries(article.meta).filter(([key]) => !RESERVED_DATA_KEYS.has(key));
	return {
		id: n,
		data: {
			text: article.text,
			title: article.title,
			spanwise_id: article.id,
			spanwise_status: article.status,
			spanwise_source: article.source,
			...Object.fromEntries(meta)
		},
		annotations,
		predictions,
		created_at: iso(article.createdAt),
		updated_at: iso(article.updatedAt)
	};
}

export const labelstudioCodec: Codec = {
	name: 'labelstudio',
	title: 'Label Studio JSON',
	extension: 'json',
	multiFile: false,
	defaultOffsets: 'codepoint',
	loses:
		"each span's and relation's own timestamps (they take their annotation's created_at / updated_at), relation ids and notes, relations between two annotators' spans, and meta keys named text, title or spanwise_*",
	sniff(file) {
		const head = file.content.slice(0, 4096).replace(/^\ufeff/, '');
		return /^\s*[[{]/.test(head) && /"(annotations|predictions|completions|data)"\s*:/.test(head);
	},
	parse(files, opts) {
		const records: ArticleRecord[] = [];
		const errors: CodecError[] = [];
		const hints: RelationTypeHint[] = [];
		for (const file of files) {
			const tasks = tasksOf(file.content);
			if ('fileError' in tasks) {
				errors.push({ file: file.name, line: 1, message: tasks.fileError });
				continue;
			}
			const fileOpts = { ...opts, source: opts.source || file.name };
			for (const entry of tasks) {
				const result = entry.error === undefined ? parseTask(entry.raw, entry.n, fileOpts, hints) : { error: entry.error };
				if (result.ok) records.push(result.ok);
				else errors.push({ file: file.name, line: entry.n, message: result.error });
			}
		}
		return hints.length === 0 ? { records, errors } : { records, errors, relationTypes: mergeTypeHints(hints) };
	},
	*serialize(records, opts = {}) {
		const file = `${opts.baseName ?? 'export'}.json`;
		const unit = opts.offsets ?? 'codepoint';
		const counters = { annotation: 0, prediction: 0 };
		yield { file, data: '[\n' };
		let n = 0;
		for (const record of records) {
			n++;
			yield { file, data: `${n === 1 ? '' : ',\n'}${JSON.stringify(taskOf(record, n, { ...opts, offsets: unit }, counters))}` };
		}
		yield { file, data: '\n]\n' };
	}
};
