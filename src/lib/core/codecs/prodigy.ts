/**
 * Prodigy's JSONL (what `prodigy db-out` writes and `ner.manual` / `spans.manual` read): one task per
 * line, offsets in Unicode code points (Python) unless `offsets: 'utf16'` is asked for.
 *
 * ```json
 * {"text": "…", "spans": [{"start": 4, "end": 9, "label": "PERSON", "token_start": 1, "token_end": 1}],
 *  "tokens": [{"text": "…", "start": 0, "end": 3, "id": 0, "ws": true}, …],
 *  "meta": {"id": "a-…", "title": "…", "status": "done", "source": "file.txt", …},
 *  "_input_hash": -1234, "_task_hash": 5678, "answer": "accept", "_annotator_id": "maria", "_session_id": "maria"}
 * ```
 *
 * Writing: Prodigy has one annotator per task, so an article gives one line per annotator of its
 * spans (annotators in code unit order); an article without spans gives one line without
 * `_annotator_id` / `_session_id`. `meta` carries the article's id, title, status and source, then its
 * own meta keys (except those four names); `answer` is the article's `meta.answer` when that is
 * "reject" or "ignore" (then not repeated in `meta`), else "accept". Tokens come from the tokenizer
 * (tokens.ts: with spaCy's white-space tokens and `ws`, so spaCy's `Doc(vocab, words, spaces)` gives
 * the text back), in the unit of the offsets, cut at the edges of that line's spans (`cutAtSpanEdges`),
 * so `tokens[token_start].start == start` and `tokens[token_end].end == end` for every span; the
 * number of tokens cut is added to `opts.report.splitTokens`. An article with relations gets
 * `relations` on each line, as Prodigy's `rel.manual` writes them: the relations whose head span is
 * that annotator's, `head` / `child` the index of the LAST token of the head / tail span (its
 * `token_end`), `head_span` / `child_span` the two spans (start, end, token_start, token_end, label),
 * `label` the type. What Prodigy cannot hold is counted in `opts.report`: relation notes, symmetric
 * types (`opts.relationTypes`; written head → child), relations whose ends belong to two annotators
 * (one task per annotator) or are not among the spans. The hashes are 32-bit FNV-1a (signed, over UTF-8): `_input_hash` of the text,
 * `_task_hash` of the input hash, a newline and the JSON of the spans' `[start, end, label]` lists
 * (then, when there are relations, a newline and their `[head, child, label]` lists): stable, but
 * not the values Prodigy itself would compute.
 *
 * Reading: `meta.id` (a string) / `title` / `status` / `source` restore those fields; the other meta
 * keys and unknown top-level keys become article meta; an `answer` other than "accept" is kept as
 * `meta.answer` (the task is still imported). Without `meta.status` an answered task is "done". The
 * annotator is `_annotator_id`, else `_session_id`, else the import's. Lines with the same text and
 * `meta.id` (Prodigy's `_input_hash` stands for the text) merge into one article with every line's
 * spans. Character offsets are the truth: `token_start` / `token_end` and `tokens` are ignored; a
 * span's optional `text` is checked against the article. `_timestamp` (seconds) dates the spans.
 * A relation's ends are found by `head_span` / `child_span` (offsets, and the label when given), else
 * by `head` / `child` as the span whose `token_end` (or, failing that, whose end at `tokens[i].end`)
 * is that token; an end that names no span of the task (Prodigy can link bare tokens) is an error
 * naming the line, the relation and the end.
 *
 * A round trip loses: span and relation ids, notes and timestamps; article timestamps; own meta keys
 * named id, title, status or source; whether a relation type is symmetric. (Articles merge only when
 * text and id are both the same.)
 */
import * as v from 'valibot';
import type { Article, ArticleRecord, Relation, Span } from '../types';
import { newId } from '../ids';
import { offsetRangeProblem } from '../spans/bounds';
import { compareSpans } from '../spans/span-set';
import { OffsetConverter } from '../text/offsets';
import { TextIndex, quoteForMessage, resolveOffsets } from './anchor';
import type { Codec, CodecError, CodecSerializeOptions, OffsetUnit, SerializeReport } from './codec';
import {
	ArticleText,
	JsonObject,
	NonEmptyString,
	anchorForeignSpan,
	firstJsonlObject,
	foreignArticle,
	readJsonlObjects,
	statusOf
} from './foreign';
import { escapeLineSeparators, expected } from './json';
import { describeIssue } from './spanwise-schema';
import { cutAtSpanEdges, spanTokenRange, tokensFromOffsets, withWhiteSpaceTokens, type Token, type TokenRange } from './tokens';
import { addRelationOnce, linkedRelations, readRelation, reportDirectedOnly, withRelations, type LinkedRelation } from './relations';
import { reportLoss } from './serialize-report';
import { tokenOffsets } from '../text/tokenizer';

// ——— Prodigy ———

/** 32-bit FNV-1a of the UTF-8 bytes of `text` (lone surrogates as U+FFFD), as a signed integer. */
export function fnv1a32(text: string): number {
	let hash = 0x811c9dc5;
	const mix = (byte: number) => {
		hash = Math.imul(hash ^ byte, 0x01000193);
	};
	for (const char of text) {
		let cp = char.codePointAt(0) ?? 0;
		if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
		if (cp < 0x80) mix(cp);
		else if (cp < 0x800) {
			mix(0xc0 | (cp >> 6));
			mix(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			mix(0xe0 | (cp >> 12));
			mix(0x80 | ((cp >> 6) & 0x3f));
			mix(0x80 | (cp & 0x3f));
		} else {
			mix(0xf0 | (cp >> 18));
			mix(0x80 | ((cp >> 12) & 0x3f));
			mix(0x80 | ((cp >> 6) & 0x3f));
			mix(0x80 | (cp & 0x3f));
		}
	}
	return hash | 0;
}

const ANSWERS = ['accept', 'reject', 'ignore'] as const;

/** Prodigy-internal keys that are not kept in article meta. */
const DROPPED_KEYS = new Set(['text', 'spans', 'tokens', 'relations', 'meta', 'answer', '_input_hash', '_task_hash', '_annotator_id', '_session_id', '_timestamp', '_view_id']);

/** The meta keys that carry article fields. */
const ARTICLE_META_KEYS = new Set(['id', 'title', 'status', 'source']);

const ProdigySpanSchema = v.object({
	start: v.number(expected('a number')),
	end: v.number(expected('a number')),
	label: NonEmptyString,
	text: v.nullish(v.string(expected('a string'))),
	token_end: v.nullish(v.number(expected('a number')))
});

/** One end of a relation as `rel.manual` writes it; the label is null when the end is a bare token. */
const ProdigyRelationEndSchema = v.object({
	start: v.number(expected('a number')),
	end: v.number(expected('a number')),
	label: v.nullish(v.string(expected('a string')))
});

const ProdigyRelationSchema = v.object({
	head: v.nullish(v.number(expected('a token index'))),
	child: v.nullish(v.number(expected('a token index'))),
	head_span: v.nullish(ProdigyRelationEndSchema),
	child_span: v.nullish(ProdigyRelationEndSchema),
	label: NonEmptyString
});

const ProdigyTaskSchema = v.object({
	text: ArticleText,
	spans: v.nullish(v.array(ProdigySpanSchema, expected('an array'))),
	relations: v.nullish(v.array(ProdigyRelationSchema, expected('an array'))),
	meta: v.nullish(JsonObject),
	answer: v.nullish(v.string(expected('a string'))),
	_annotator_id: v.nullish(v.string(expected('a string'))),
	_session_id: v.nullish(v.string(expected('a string'))),
	_timestamp: v.nullish(v.number(expected('a number (seconds since 1970)')))
});

/** The Prodigy task lines (no newline) of one article: one per annotator, or one without spans. */
export function prodigyTaskLines(article: Article, spans: readonly Span[], unit: OffsetUnit = 'codepoint', report?: SerializeReport): string[] {
	return prodigyRecordLines({ article, spans }, { offsets: unit, report });
}

/** The Prodigy task lines (no newline) of one record, with its relations (see the module comment). */
export function prodigyRecordLines(record: ArticleRecord, opts: CodecSerializeOptions = {}): string[] {
	const { article, spans } = record;
	const unit = opts.offsets ?? 'codepoint';
	const { report } = opts;
	const { text } = article;
	const converter = unit === 'codepoint' ? new OffsetConverter(text) : null;
	const offsets = withWhiteSpaceTokens(text, tokenOffsets(text));
	let uncut: Token[] | undefined;
	const inputHash = fnv1a32(text);
	const byAnnotator = new Map<string, Span[]>();
	for (const span of [...spans].sort(compareSpans)) {
		const problem = offsetRangeProblem(span.start, span.end, text.length);
		if (problem) throw new RangeError(`span "${span.id}" of article "${article.id}": ${problem.field} ${problem.detail}`);
		const group = byAnnotator.get(span.annotator);
		if (group) group.push(span);
		else byAnnotator.set(span.annotator, [span]);
	}
	const givenAnswer = ANSWERS.find((answer) => answer !== 'accept' && answer === article.meta.answer);
	const own = Object.entries(article.meta).filter(([key]) => !ARTICLE_META_KEYS.has(key) && !(key === 'answer' && givenAnswer));
	const meta = { id: article.id, title: article.title, status: article.status, source: article.source, ...Object.fromEntries(own) };
	const groups: [string | null, Span[]][] = byAnnotator.size === 0 ? [[null, []]] : [...byAnnotator].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const hasRelations = (record.relations ?? []).length > 0;
	const linked = linkedRelations(record, report);
	reportDirectedOnly(linked, opts, 'lost');
	const relationsOf = new Map<string, LinkedRelation[]>();
	for (const link of linked) {
		if (link.head.annotator !== link.tail.annotator) {
			reportLoss(report, 'relation-cross-layer');
			continue;
		}
		const list = relationsOf.get(link.head.annotator);
		if (list) list.push(link);
		else relationsOf.set(link.head.annotator, [link]);
	}
	return groups.map(([annotator, group]) => {
		const cut = cutAtSpanEdges(text, offsets, group);
		if (report) report.splitTokens += cut.split;
		// Lines whose spans all sit on token edges share the text's own tokens.
		const tokens = cut.offsets === offsets ? (uncut ??= tokensFromOffsets(text, offsets, unit)) : tokensFromOffsets(text, cut.offsets, unit);
		const writtenOf = new Map<string, { start: number; end: number; label: string } & Partial<TokenRange>>();
		const written = group.map((span) => {
			const start = converter ? converter.toCodePoint(span.start) : span.start;
			const end = converter ? converter.toCodePoint(span.end) : span.end;
			const out = { start, end, label: span.label, ...spanTokenRange(tokens, start, end) };
			writtenOf.set(span.id, out);
			return out;
		});
		const relations: unknown[] = [];
		for (const { relation, head, tail } of annotator === null ? [] : (relationsOf.get(annotator) ?? [])) {
			const headSpan = writtenOf.get(head.id);
			const childSpan = writtenOf.get(tail.id);
			if (headSpan?.token_end === undefined || childSpan?.token_end === undefined) {
				reportLoss(report, 'relation-dangling');
				continue;
			}
			relations.push({ head: headSpan.token_end, child: childSpan.token_end, head_span: headSpan, child_span: childSpan, label: relation.label });
		}
		const relationHash = hasRelations
			? `\n${JSON.stringify(relations.map((r) => { const x = r as { head: number; child: number; label: string }; return [x.head, x.child, x.label]; }))}`
			: '';
		const taskHash = fnv1a32(`${inputHash}\n${JSON.stringify(written.map((s) => [s.start, s.end, s.label]))}${relationHash}`);
		const task = {
			text,
			spans: written,
			tokens,
			...(hasRelations ? { relations } : {}),
			meta,
			_input_hash: inputHash,
			_task_hash: taskHash,
			answer: givenAnswer ?? 'accept',
			...(annotator === null ? {} : { _annotator_id: annotator, _session_id: annotator })
		};
		return escapeLineSeparators(JSON.stringify(task));
	});
}

/** One parsed task before merging: the article (keyed by id and text), its spans and relations. */
interface ParsedTask {
	readonly key: string;
	readonly article: Article;
	readonly spans: Span[];
	readonly relations: Relation[];
}

/** The raw `tokens` of a task, loosely: each token's end where it is a number (used to find relation ends). */
function tokenEnds(raw: unknown): (number | undefined)[] {
	if (!Array.isArray(raw)) return [];
	return raw.map((token) => (typeof token === 'object' && token !== null && typeof (token as { end?: unknown }).end === 'number' ? (token as { end: number }).end : undefined));
}

/**
 * The index in `spans` of the relation end `side` ("head" or "child") of relation `r`: by its span
 * (offsets in the file's unit, label when given), else by its token index. An error names the end.
 */
function relationEnd(
	r: v.InferOutput<typeof ProdigyRelationSchema>,
	side: 'head' | 'child',
	where: string,
	ctx: { index: TextIndex; unit: OffsetUnit; spans: readonly Span[]; given: readonly { token_end?: number | null }[]; tokenEnds: readonly (number | undefined)[] }
): number | string {
	const end = side === 'head' ? r.head_span : r.child_span;
	const token = side === 'head' ? r.head : r.child;
	if (end) {
		const at = `${where}.${side}_span`;
		const resolved = resolveOffsets(ctx.index, ctx.unit, end.start, end.end);
		if ('field' in resolved) return `${at}.${resolved.field}: ${resolved.detail}`;
		const label = end.label ?? undefined;
		const found = ctx.spans.flatMap((s, i) => (s.start === resolved.start && s.end === resolved.end && (label === undefined || s.label === label) ? [i] : []));
		const quoted = quoteForMessage(ctx.index.text.slice(resolved.start, resolved.end));
		if (found.length === 0) {
			return `${at}: no span of this task at ${end.start}–${end.end} (${quoted})${label === undefined ? ' (a bare token: Spanwise links spans only)' : ` labelled "${label}"`}`;
		}
		if (found.length > 1) return `${at}: several spans of this task at ${end.start}–${end.end} (${quoted}); give its label`;
		return found[0];
	}
	if (token == null) return `${where}: has neither ${side}_span nor ${side} (a token index)`;
	let found = ctx.given.flatMap((s, i) => (s.token_end === token ? [i] : []));
	if (found.length === 0 && ctx.tokenEnds[token] !== undefined) {
		const tokenEnd = ctx.tokenEnds[token] as number;
		found = ctx.spans.flatMap((s, i) => (ctx.index.fromUtf16(s.end, ctx.unit) === tokenEnd ? [i] : []));
	}
	if (found.length === 0) return `${where}.${side}: no span of this task ends at token ${token}`;
	if (found.length > 1) return `${where}.${side}: several spans of this task end at token ${token}; ${side}_span says which`;
	return found[0];
}

/** Reads one task object; an error message (field path first) when it cannot be imported. */
function parseTask(raw: Record<string, unknown>, unit: OffsetUnit, opts: { now: number; annotator: string; source: string }): ParsedTask | string {
	const parsed = v.safeParse(ProdigyTaskSchema, raw);
	if (!parsed.success) return describeIssue(parsed.issues[0]);
	const task = parsed.output;
	const { text } = task;
	const given = task.meta ?? {};
	const id = typeof given.id === 'string' && given.id.trim() !== '' ? given.id : undefined;
	const title = typeof given.title === 'string' ? given.title : undefined;
	const status = statusOf(given.status);
	const source = typeof given.source === 'string' ? given.source : undefined;
	const used = new Set<string>();
	for (const [key, value] of [['id', id], ['title', title], ['status', status], ['source', source]] as const) {
		if (value !== undefined) used.add(key);
	}
	const rest = Object.entries(given).filter(([key]) => !used.has(key));
	const extra = Object.entries(raw).filter(([key]) => !DROPPED_KEYS.has(key));
	const answer = task.answer != null && task.answer !== 'accept' ? { answer: task.answer } : {};
	const meta = { ...Object.fromEntries(extra), ...Object.fromEntries(rest), ...answer };

	const stamp = task._timestamp;
	const at = stamp != null && Number.isFinite(stamp) && Math.abs(stamp * 1000) <= 8.64e15 ? Math.round(stamp * 1000) : opts.now;
	const annotator = [task._annotator_id, task._session_id].find((name) => name != null && name.trim() !== '') ?? opts.annotator;
	const article = foreignArticle({ id, title, text, source, meta, status: status ?? (task.answer != null ? 'done' : 'new') }, opts);
	const articleId = article.id;
	const index = new TextIndex(text);
	const spans: Span[] = [];
	for (const [i, span] of (task.spans ?? []).entries()) {
		const anchored = anchorForeignSpan(index, unit, span.start, span.end, span.text, `spans[${i}]`);
		if (anchored.error !== undefined) return anchored.error;
		const { start, end } = anchored.ok;
		spans.push({ id: newId('s'), articleId, start, end, label: span.label, annotator, createdAt: at, updatedAt: at });
	}
	const relations: Relation[] = [];
	const keys = new Set<string>();
	const ctx = { index, unit, spans, given: task.spans ?? [], tokenEnds: tokenEnds(raw.tokens) };
	for (const [i, r] of (task.relations ?? []).entries()) {
		const head = relationEnd(r, 'head', `relations[${i}]`, ctx);
		if (typeof head === 'string') return head;
		const tail = relationEnd(r, 'child', `relations[${i}]`, ctx);
		if (typeof tail === 'string') return tail;
		addRelationOnce(relations, keys, readRelation({ articleId, label: r.label, head: spans[head].id, tail: spans[tail].id, annotator, createdAt: at }));
	}
	return { key: JSON.stringify([id ?? null, text]), article, spans, relations };
}

export const prodigyCodec: Codec = {
	name: 'prodigy',
	title: 'Prodigy JSONL',
	extension: 'jsonl',
	multiFile: false,
	perRecord: true,
	defaultOffsets: 'codepoint',
	loses:
		'span and relation ids, notes and timestamps; article timestamps; meta keys named id, title, status or source; ' +
		'whether a relation type is symmetric; relations between spans of two annotators',
	sniff(file) {
		const first = firstJsonlObject(file.content);
		return first !== null && typeof first.text === 'string' && ('tokens' in first || '_input_hash' in first || '_task_hash' in first);
	},
	parse(files, opts) {
		const unit = opts.offsets ?? 'codepoint';
		const merged = new Map<string, { article: Article; spans: Span[]; seen: Map<string, string>; relations: Relation[]; relationKeys: Set<string> }>();
		const errors: CodecError[] = [];
		for (const file of files) {
			const source = opts.source || file.name;
			const fileErrors = readJsonlObjects(file, (raw) => {
				const task = parseTask(raw, unit, { ...opts, source });
				if (typeof task === 'string') return task;
				let entry = merged.get(task.key);
				if (entry === undefined) {
					entry = { article: task.article, spans: [], seen: new Map(), relations: [], relationKeys: new Set() };
					merged.set(task.key, entry);
				} else {
					// Earlier lines win; later lines add the meta keys they alone have.
					entry.article = { ...entry.article, meta: { ...task.article.meta, ...entry.article.meta } };
				}
				// The span a task's span became in the article (an earlier line may have it already).
				const idOf = new Map<string, string>();
				for (const span of task.spans) {
					const key = JSON.stringify([span.start, span.end, span.label, span.annotator]);
					const known = entry.seen.get(key);
					idOf.set(span.id, known ?? span.id);
					if (known !== undefined) continue;
					entry.seen.set(key, span.id);
					entry.spans.push({ ...span, articleId: entry.article.id });
				}
				for (const relation of task.relations) {
					const moved = { ...relation, articleId: entry.article.id, head: idOf.get(relation.head) as string, tail: idOf.get(relation.tail) as string };
					addRelationOnce(entry.relations, entry.relationKeys, moved);
				}
				return undefined;
			});
			errors.push(...fileErrors);
		}
		const records: ArticleRecord[] = [...merged.values()].map(({ article, spans, relations }) => withRelations({ article, spans: spans.sort(compareSpans) }, relations));
		return { records, errors };
	},
	*serialize(records, opts = {}) {
		const file = `${opts.baseName ?? 'export'}.jsonl`;
		const unit = opts.offsets ?? 'codepoint';
		for (const record of records) {
			yield { file, data: prodigyRecordLines(record, { ...opts, offsets: unit }).map((line) => line + '\n').join('') };
		}
	}
};
