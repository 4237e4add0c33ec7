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
 * number of tokens cut is added to `opts.report.splitTokens`. The hashes are 32-bit FNV-1a (signed, over UTF-8): `_input_hash` of the text,
 * `_task_hash` of the input hash, a newline and the JSON of the spans' `[start, end, label]` lists:
 * stable, but not the values Prodigy itself would compute.
 *
 * Reading: `meta.id` (a string) / `title` / `status` / `source` restore those fields; the other meta
 * keys and unknown top-level keys become article meta; an `answer` other than "accept" is kept as
 * `meta.answer` (the task is still imported). Without `meta.status` an answered task is "done". The
 * annotator is `_annotator_id`, else `_session_id`, else the import's. Lines with the same text and
 * `meta.id` (Prodigy's `_input_hash` stands for the text) merge into one article with every line's
 * spans. Character offsets are the truth: `token_start` / `token_end` and `tokens` are ignored; a
 * span's optional `text` is checked against the article. `_timestamp` (seconds) dates the spans.
 *
 * A round trip loses: span ids, notes and timestamps; article timestamps; own meta keys named id,
 * title, status or source. (Articles merge only when text and id are both the same.)
 */
import * as v from 'valibot';
import type { Article, ArticleRecord, Span } from '../types';
import { newId } from '../ids';
import { offsetRangeProblem } from '../spans/bounds';
import { compareSpans } from '../spans/span-set';
import { OffsetConverter } from '../text/offsets';
import { TextIndex } from './anchor';
import type { Codec, CodecError, OffsetUnit, SerializeReport } from './codec';
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
import { cutAtSpanEdges, spanTokenRange, tokensFromOffsets, withWhiteSpaceTokens, type Token } from './tokens';
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
const DROPPED_KEYS = new Set(['text', 'spans', 'tokens', 'meta', 'answer', '_input_hash', '_task_hash', '_annotator_id', '_session_id', '_timestamp', '_view_id']);

/** The meta keys that carry article fields. */
const ARTICLE_META_KEYS = new Set(['id', 'title', 'status', 'source']);

const ProdigySpanSchema = v.object({
	start: v.number(expected('a number')),
	end: v.number(expected('a number')),
	label: NonEmptyString,
	text: v.nullish(v.string(expected('a string')))
});

const ProdigyTaskSchema = v.object({
	text: ArticleText,
	spans: v.nullish(v.array(ProdigySpanSchema, expected('an array'))),
	meta: v.nullish(JsonObject),
	answer: v.nullish(v.string(expected('a string'))),
	_annotator_id: v.nullish(v.string(expected('a string'))),
	_session_id: v.nullish(v.string(expected('a string'))),
	_timestamp: v.nullish(v.number(expected('a number (seconds since 1970)')))
});

/** The Prodigy task lines (no newline) of one article: one per annotator, or one without spans. */
export function prodigyTaskLines(article: Article, spans: readonly Span[], unit: OffsetUnit = 'codepoint', report?: SerializeReport): string[] {
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
	return groups.map(([annotator, group]) => {
		const cut = cutAtSpanEdges(text, offsets, group);
		if (report) report.splitTokens += cut.split;
		// Lines whose spans all sit on token edges share the text's own tokens.
		const tokens = cut.offsets === offsets ? (uncut ??= tokensFromOffsets(text, offsets, unit)) : tokensFromOffsets(text, cut.offsets, unit);
		const written = group.map((span) => {
			const start = converter ? converter.toCodePoint(span.start) : span.start;
			const end = converter ? converter.toCodePoint(span.end) : span.end;
			return { start, end, label: span.label, ...spanTokenRange(tokens, start, end) };
		});
		const taskHash = fnv1a32(`${inputHash}\n${JSON.stringify(written.map((s) => [s.start, s.end, s.label]))}`);
		const task = {
			text,
			spans: written,
			tokens,
			meta,
			_input_hash: inputHash,
			_task_hash: taskHash,
			answer: givenAnswer ?? 'accept',
			...(annotator === null ? {} : { _annotator_id: annotator, _session_id: annotator })
		};
		return escapeLineSeparators(JSON.stringify(task));
	});
}

/** One parsed task before merging: the article (keyed by id and text) and its spans. */
interface ParsedTask {
	readonly key: string;
	readonly article: Article;
	readonly spans: Span[];
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
	return { key: JSON.stringify([id ?? null, text]), article, spans };
}

export const prodigyCodec: Codec = {
	name: 'prodigy',
	title: 'Prodigy JSONL',
	extension: 'jsonl',
	multiFile: false,
	perRecord: true,
	defaultOffsets: 'codepoint',
	loses:
		'span ids, notes and timestamps; article timestamps; meta keys named id, title, status or source',
	sniff(file) {
		const first = firstJsonlObject(file.content);
		return first !== null && typeof first.text === 'string' && ('tokens' in first || '_input_hash' in first || '_task_hash' in first);
	},
	parse(files, opts) {
		const unit = opts.offsets ?? 'codepoint';
		const merged = new Map<string, { article: Article; spans: Span[]; seen: Set<string> }>();
		const errors: CodecError[] = [];
		for (const file of files) {
			const source = opts.source || file.name;
			const fileErrors = readJsonlObjects(file, (raw) => {
				const task = parseTask(raw, unit, { ...opts, source });
				if (typeof task === 'string') return task;
				let entry = merged.get(task.key);
				if (entry === undefined) {
					entry = { article: task.article, spans: [], seen: new Set() };
					merged.set(task.key, entry);
				} else {
					// Earlier lines win; later lines add the meta keys they alone have.
					entry.article = { ...entry.article, meta: { ...task.article.meta, ...entry.article.meta } };
				}
				for (const span of task.spans) {
					const key = JSON.stringify([span.start, span.end, span.label, span.annotator]);
					if (entry.seen.has(key)) continue;
					entry.seen.add(key);
					entry.spans.push({ ...span, articleId: entry.article.id });
				}
				return undefined;
			});
			errors.push(...fileErrors);
		}
		const records: ArticleRecord[] = [...merged.values()].map(({ article, spans }) => ({ article, spans: spans.sort(compareSpans) }));
		return { records, errors };
	},
	*serialize(records, opts = {}) {
		const file = `${opts.baseName ?? 'export'}.jsonl`;
		const unit = opts.offsets ?? 'codepoint';
		for (const { article, spans } of records) {
			yield { file, data: prodigyTaskLines(article, spans, unit, opts.report).map((line) => line + '\n').join('') };
		}
	}
};
