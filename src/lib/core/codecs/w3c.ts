/**
 * W3C Web Annotation (JSON-LD): an `AnnotationCollection` whose first (embedded) page holds one
 * `Annotation` per span and one linking `Annotation` per relation, plus the articles themselves under
 * `spanwise:articles`, since annotations only point at their source. Positions are Unicode code
 * points, as the Web Annotation model says.
 *
 * ```json
 * {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
 *  "spanwise:articles": [{"id": "a-1", "title": "…", "text": "…", "source": "…", "status": "done",
 *                         "meta": {}, "created": "…", "modified": "…"}],
 *  "id": "urn:spanwise:export:3f9a…", "label": "Spanwise export", "total": 3,
 *  "first": {"id": "urn:spanwise:export:3f9a…:page-1", "type": "AnnotationPage",
 *            "partOf": "urn:spanwise:export:3f9a…", "startIndex": 0, "items": [
 *    {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:spanwise:s-1", "type": "Annotation",
 *     "creator": {"type": "Person", "name": "maria"}, "created": "…", "modified": "…",
 *     "body": {"type": "TextualBody", "purpose": "tagging", "value": "actor"},
 *     "target": {"source": "urn:spanwise:a-1", "selector": [
 *       {"type": "TextQuoteSelector", "exact": "the US", "prefix": "…", "suffix": "…"},
 *       {"type": "TextPositionSelector", "start": 0, "end": 6}]}},
 *    …,
 *    {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:spanwise:r-1", "type": "Annotation",
 *     "motivation": "linking", "creator": {…}, "created": "…", "modified": "…",
 *     "body": {"type": "TextualBody", "purpose": "tagging", "value": "source"},
 *     "target": ["urn:spanwise:s-claim", "urn:spanwise:s-1"],
 *     "spanwise:head": "urn:spanwise:s-claim", "spanwise:tail": "urn:spanwise:s-1"}]},
 *  "last": "urn:spanwise:export:3f9a…:page-1"}
 * ```
 *
 * What the data model requires is there: every annotation has `@context`, an IRI `id`, `type` and a
 * `target`; the collection has `@context`, an IRI `id` (a URN derived from the ids of everything
 * exported, so the same export gets the same id), its `type`, `total` and, embedded, its `first`
 * page, which has an `id`, its `type`, `items` (and `partOf`, `startIndex`, `last` as recommended).
 * A relation is a linking annotation whose two targets are its span annotations, head first; since
 * a JSON-LD list of targets has no order, `spanwise:head` / `spanwise:tail` say which is which, and
 * `"spanwise:directed": false` marks a symmetric type (`opts.relationTypes`). Its note is a
 * commenting body, as for spans.
 *
 * A note is a second body with purpose `commenting`. Prefix and suffix are up to 32 code points, cut
 * on grapheme boundaries. Import also reads a plain array of annotations, an AnnotationPage or one
 * annotation, when another file of the same import holds the collection with their articles; an
 * annotation whose source is not among the articles is an error. A span is placed by its
 * TextPositionSelector, checked against the quote; when that fails but the quote (with prefix and
 * suffix) occurs exactly once, the quote places it. An annotation with motivation `linking` (or whose
 * targets are two bare IRIs) is a relation between the annotations it targets (strings or objects
 * with an `id`), head and tail as `spanwise:head` / `spanwise:tail` say, else in target order; a
 * target that is no span annotation of the import, or ends in two articles, is an error naming the
 * annotation and the target.
 *
 * A round trip loses nothing: ids, offsets, labels, annotators, notes, timestamps, relations and
 * every article field come back.
 */
import * as v from 'valibot';
import { ARTICLE_STATUSES, type Article, type ArticleRecord, type Result, type Span } from '../types';
import { titleFromText } from '../articles/title';
import { newId } from '../ids';
import { compareSpans } from '../spans/span-set';
import { graphemeCeil, graphemeFloor } from '../text/graphemes';
import { TextIndex, anchorSpan, quoteForMessage, resolveOffsets } from './anchor';
import type { Codec, CodecError, CodecParseOptions, OffsetUnit, RelationTypeHint } from './codec';
import { fnv1a32 } from './prodigy';
import { isSymmetric, linkedRelations, mergeTypeHints } from './relations';
import { expected, isObject } from './json';
import { isLinking, linkOf, readLink } from './w3c-links';
import {
	ANNO_CONTEXT,
	JsonObject,
	NonEmptyString,
	SPANWISE_URN,
	Timestamp,
	AnnotationSchema,
	bodiesOf,
	creatorOf,
	hasType,
	issueAt,
	iso,
	type Entry,
	type SpanTargets
} from './w3c-shared';

export { ANNO_CONTEXT, SPANWISE_URN } from './w3c-shared';

const ARTICLES_KEY = 'spanwise:articles';
/** Prefix of the collection's id; the rest is a hash of what was exported. */
export const EXPORT_URN = 'urn:spanwise:export:';
/** Longest prefix and suffix of a quote, in code points. */
const CONTEXT_LENGTH = 32;

const ArticleEntrySchema = v.object(
	{
		id: NonEmptyString,
		title: v.nullish(v.string(expected('a string'))),
		text: v.pipe(v.string(expected('a string')), v.check((text) => text !== '', 'is empty (an article needs text)')),
		source: v.nullish(v.string(expected('a string'))),
		status: v.nullish(v.picklist(ARTICLE_STATUSES, expected(`one of ${ARTICLE_STATUSES.map((s) => `"${s}"`).join(', ')}`))),
		meta: v.nullish(JsonObject),
		created: v.nullish(Timestamp),
		modified: v.nullish(Timestamp)
	},
	expected('an object')
);

const TargetSchema = v.object({ source: NonEmptyString, selector: v.optional(v.unknown()) });
const PositionSchema = v.object({ start: v.number(expected('a number')), end: v.number(expected('a number')) });
const QuoteSchema = v.object({
	exact: v.pipe(v.string(expected('a string')), v.minLength(1, 'is empty')),
	prefix: v.nullish(v.string(expected('a string'))),
	suffix: v.nullish(v.string(expected('a string')))
});

/** The annotations of a parsed file (a collection's embedded pages, a page, an array or one annotation). */
function annotationsOf(doc: unknown): unknown[] | { error: string } {
	if (Array.isArray(doc)) return doc;
	if (!isObject(doc)) return { error: `expected an AnnotationCollection, an array of annotations or an annotation` };
	if (hasType(doc.type, 'Annotation')) return [doc];
	if (hasType(doc.type, 'AnnotationPage')) return Array.isArray(doc.items) ? doc.items : { error: 'items: expected an array' };
	if (!hasType(doc.type, 'AnnotationCollection') && !(ARTICLES_KEY in doc)) {
		return { error: `expected an AnnotationCollection, an array of annotations or an annotation, got type ${JSON.stringify(doc.type) ?? 'none'}` };
	}
	const items: unknown[] = Array.isArray(doc.items) ? [...doc.items] : [];
	if (typeof doc.first === 'string') return { error: `first: ${quoteForMessage(doc.first)} is a link; only embedded pages are read` };
	const pages = new Set<unknown>();
	for (let page = doc.first; isObject(page) && !pages.has(page); page = page.next) {
		pages.add(page);
		if (page.items !== undefined && !Array.isArray(page.items)) return { error: 'first.items: expected an array' };
		items.push(...((page.items as unknown[] | undefined) ?? []));
	}
	return items;
}

/** Where the one occurrence of prefix + exact + suffix places `exact` (UTF-16), or why it cannot. */
function placeByQuote(index: TextIndex, quote: v.InferOutput<typeof QuoteSchema>): Result<{ start: number; end: number }> {
	const prefix = quote.prefix ?? '';
	const needle = prefix + quote.exact + (quote.suffix ?? '');
	const what = `the quote ${quoteForMessage(quote.exact)}${needle === quote.exact ? '' : ' with its prefix and suffix'}`;
	const first = index.text.indexOf(needle);
	if (first === -1) return { error: `${what} is not in the text` };
	if (index.text.indexOf(needle, first + 1) !== -1) return { error: `${what} occurs more than once in the text` };
	const start = first + prefix.length;
	const placed = resolveOffsets(index, 'utf16', start, start + quote.exact.length);
	return 'field' in placed ? { error: `${what} cuts a character in two at ${placed.field}` } : { ok: placed };
}

/** Adds the span of annotation number `n` to its article, or returns what is wrong with it. */
function readAnnotation(raw: unknown, n: number, articles: Map<string, Entry>, unit: OffsetUnit, opts: CodecParseOptions, targets: SpanTargets): string | undefined {
	const fail = (message: string) => `annotation ${n}: ${message}`;
	const parsed = v.safeParse(AnnotationSchema, raw);
	if (!parsed.success) return fail(issueAt('', parsed.issues[0]));
	const annotation = parsed.output;
	let where = 'target';
	let target: unknown = annotation.target;
	if (Array.isArray(target)) {
		if (target.length !== 1) return fail(`target: has ${target.length} targets; one is needed`);
		[target, where] = [target[0], 'target[0]'];
	}
	if (typeof target === 'string') return fail(`${where}: ${quoteForMessage(target)} has no selector (a TextPositionSelector or TextQuoteSelector is needed)`);
	const checkedTarget = v.safeParse(TargetSchema, target);
	if (!checkedTarget.success) return fail(issueAt(where, checkedTarget.issues[0]));
	const { source, selector } = checkedTarget.output;
	const entry = articles.get(source);
	if (!entry) return fail(`${where}.source: ${quoteForMessage(source)} is not among the articles of the import (their texts are in "${ARTICLES_KEY}")`);
	const { label, note } = bodiesOf(annotation.body, annotation.bodyValue);
	if (label === undefined) return fail('body: has no tag (a TextualBody with purpose "tagging")');

	const selectors = Array.isArray(selector) ? selector : [selector];
	const at = (i: number) => (Array.isArray(selector) ? `${where}.selector[${i}]` : `${where}.selector`);
	const positionAt = selectors.findIndex((s) => isObject(s) && s.type === 'TextPositionSelector');
	const quoteAt = selectors.findIndex((s) => isObject(s) && s.type === 'TextQuoteSelector');
	let quote: v.InferOutput<typeof QuoteSchema> | undefined;
	if (quoteAt !== -1) {
		const checked = v.safeParse(QuoteSchema, selectors[quoteAt]);
		if (!checked.success) return fail(issueAt(at(quoteAt), checked.issues[0]));
		quote = checked.output;
	}
	let range: { start: number; end: number };
	if (positionAt !== -1) {
		const checked = v.safeParse(PositionSchema, selectors[positionAt]);
		if (!checked.success) return fail(issueAt(at(positionAt), checked.issues[0]));
		const { start, end } = checked.output;
		const anchored = anchorSpan(entry.index, unit, start, end, quote?.exact, at(positionAt));
		if (anchored.ok) range = anchored.ok;
		else {
			const byQuote = quote && placeByQuote(entry.index, quote);
			if (!byQuote?.ok) {
				const message = anchored.error.replace(`${at(positionAt)}.text:`, `${at(quoteAt)}.exact:`);
				return fail(byQuote ? `${message}; ${byQuote.error}` : message);
			}
			range = byQuote.ok;
		}
	} else if (quote) {
		const byQuote = placeByQuote(entry.index, quote);
		if (byQuote.error !== undefined) return fail(`${at(quoteAt)}: ${byQuote.error}`);
		range = byQuote.ok;
	} else {
		return fail(`${where}.selector: has no TextPositionSelector or TextQuoteSelector`);
	}

	const annotator = creatorOf(annotation.creator, opts.annotator);
	const key = JSON.stringify([range.start, range.end, label, annotator]);
	const known = entry.keys.get(key);
	if (known !== undefined) {
		if (annotation.id != null && !targets.has(annotation.id)) targets.set(annotation.id, { entry, span: known, annotator });
		return undefined;
	}
	const given = annotation.id?.startsWith(SPANWISE_URN) ? annotation.id.slice(SPANWISE_URN.length) : annotation.id;
	const id = given != null && given.trim() !== '' && !entry.ids.has(given) ? given : newId('s');
	entry.keys.set(key, id);
	entry.ids.add(id);
	if (annotation.id != null && !targets.has(annotation.id)) targets.set(annotation.id, { entry, span: id, annotator });
	const createdAt = annotation.created ?? opts.now;
	entry.spans.push({
		id,
		articleId: entry.article.id,
		...range,
		label,
		annotator,
		...(note === undefined ? {} : { note }),
		createdAt,
		updatedAt: annotation.modified ?? createdAt
	});
	return undefined;
}

/** Adds a file's `spanwise:articles` to `articles` (by id and by URN). */
function readArticles(doc: unknown, file: string, articles: Map<string, Entry>, opts: CodecParseOptions, errors: CodecError[]): void {
	if (!isObject(doc) || doc[ARTICLES_KEY] === undefined) return;
	const list = doc[ARTICLES_KEY];
	if (!Array.isArray(list)) {
		errors.push({ file, line: 1, message: `${ARTICLES_KEY}: expected an array` });
		return;
	}
	for (const [i, raw] of list.entries()) {
		const where = `${ARTICLES_KEY}[${i}]`;
		const parsed = v.safeParse(ArticleEntrySchema, raw);
		if (!parsed.success) {
			errors.push({ file, line: i + 1, message: issueAt(where, parsed.issues[0]) });
			continue;
		}
		const a = parsed.output;
		const known = articles.get(a.id);
		if (known) {
			if (known.article.text !== a.text) errors.push({ file, line: i + 1, message: `${where}.id: "${a.id}" is also the id of another article` });
			continue;
		}
		const createdAt = a.created ?? opts.now;
		const article: Article = {
			id: a.id,
			title: a.title ?? titleFromText(a.text),
			text: a.text,
			source: a.source ?? (opts.source || file),
			meta: a.meta ?? {},
			status: a.status ?? 'new',
			createdAt,
			updatedAt: a.modified ?? createdAt
		};
		const entry: Entry = { article, index: new TextIndex(a.text), spans: [], ids: new Set(), keys: new Map(), relations: [], relationKeys: new Set(), relationIds: new Set() };
		articles.set(a.id, entry);
		articles.set(`${SPANWISE_URN}${a.id}`, entry);
	}
}

/** The selectors, body and envelope of one span's annotation. */
function annotationOf(article: Article, index: TextIndex, span: Span, unit: OffsetUnit): unknown {
	const { text } = article;
	const { converter } = index;
	const startCp = converter.toCodePoint(span.start);
	const endCp = converter.toCodePoint(span.end);
	const before = graphemeCeil(text, converter.toUtf16(Math.max(0, startCp - CONTEXT_LENGTH)));
	const after = graphemeFloor(text, converter.toUtf16(Math.min(index.codePointLength, endCp + CONTEXT_LENGTH)));
	const tag = { type: 'TextualBody', purpose: 'tagging', value: span.label };
	return {
		'@context': ANNO_CONTEXT,
		id: `${SPANWISE_URN}${span.id}`,
		type: 'Annotation',
		creator: { type: 'Person', name: span.annotator },
		created: iso(span.createdAt),
		modified: iso(span.updatedAt),
		body: span.note === undefined ? tag : [tag, { type: 'TextualBody', purpose: 'commenting', value: span.note }],
		target: {
			source: `${SPANWISE_URN}${article.id}`,
			selector: [
				{ type: 'TextQuoteSelector', exact: text.slice(span.start, span.end), prefix: text.slice(before, span.start), suffix: text.slice(span.end, after) },
				{ type: 'TextPositionSelector', start: index.fromUtf16(span.start, unit), end: index.fromUtf16(span.end, unit) }
			]
		}
	};
}

export const w3cCodec: Codec = {
	name: 'w3c',
	title: 'W3C Web Annotation (JSON-LD)',
	extension: 'jsonld',
	multiFile: false,
	defaultOffsets: 'codepoint',
	loses: 'nothing for files it wrote; annotations from other tools keep only position, tag, note, creator and dates',
	sniff: (file) => /anno\.jsonld|"TextQuoteSelector"|"TextPositionSelector"/.test(file.content.slice(0, 65536)),
	parse(files, opts) {
		const unit: OffsetUnit = opts.offsets ?? 'codepoint';
		const errors: CodecError[] = [];
		const articles = new Map<string, Entry>();
		const docs: Array<{ file: string; doc: unknown }> = [];
		for (const file of files) {
			const body = file.content.startsWith('\ufeff') ? file.content.slice(1) : file.content;
			if (!/\S/.test(body)) {
				errors.push({ file: file.name, line: 1, message: 'the file is empty' });
				continue;
			}
			try {
				docs.push({ file: file.name, doc: JSON.parse(body) });
			} catch (error) {
				errors.push({ file: file.name, line: 1, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
			}
		}
		for (const { file, doc } of docs) readArticles(doc, file, articles, opts, errors);
		const targets: SpanTargets = new Map();
		const links: { file: string; n: number; item: unknown }[] = [];
		for (const { file, doc } of docs) {
			const items = annotationsOf(doc);
			if (!Array.isArray(items)) {
				errors.push({ file, line: 1, message: items.error });
				continue;
			}
			for (const [i, item] of items.entries()) {
				// Links wait until every span annotation of the import is known: they may come first.
				if (isLinking(item)) {
					links.push({ file, n: i + 1, item });
					continue;
				}
				const error = readAnnotation(item, i + 1, articles, unit, opts, targets);
				if (error !== undefined) errors.push({ file, line: i + 1, message: error });
			}
		}
		const hints: RelationTypeHint[] = [];
		for (const { file, n, item } of links) {
			const error = readLink(item, n, targets, opts, hints);
			if (error !== undefined) errors.push({ file, line: n, message: error });
		}
		const records = [...new Set(articles.values())].map(({ article, spans, relations }): ArticleRecord =>
			relations.length === 0 ? { article, spans: spans.sort(compareSpans) } : { article, spans: spans.sort(compareSpans), relations }
		);
		return hints.length === 0 ? { records, errors } : { records, errors, relationTypes: mergeTypeHints(hints) };
	},
	*serialize(records, opts = {}) {
		const file = `${opts.baseName ?? 'export'}.jsonld`;
		const unit: OffsetUnit = opts.offsets ?? 'codepoint';
		yield { file, data: `{\n"@context": "${ANNO_CONTEXT}",\n"type": "AnnotationCollection",\n"${ARTICLES_KEY}": [\n` };
		// Annotations follow all articles, so they wait here, one string per article.
		const pages: string[] = [];
		let total = 0;
		// Two 32-bit FNV-1a hashes over every id exported: the collection's id.
		let hash = [0, 1];
		const mix = (id: string) => (hash = hash.map((h) => fnv1a32(`${h}\n${id}`)));
		for (const record of records) {
			const { article, spans } = record;
			const separator = pages.length === 0 ? '' : ',\n';
			const { id, title, text, source, status, meta, createdAt, updatedAt } = article;
			const entry = { id, title, text, source, status, meta, created: iso(createdAt), modified: iso(updatedAt) };
			yield { file, data: `${separator}${JSON.stringify(entry)}` };
			mix(id);
			const index = new TextIndex(text);
			const items = [...spans].sort(compareSpans).map((span) => {
				mix(span.id);
				return JSON.stringify(annotationOf(article, index, span, unit));
			});
			for (const link of linkedRelations(record, opts.report)) {
				mix(link.relation.id);
				items.push(JSON.stringify(linkOf(link.relation, isSymmetric(opts, link.relation.label))));
			}
			pages.push(items.join(',\n'));
			total += items.length;
		}
		const collection = `${EXPORT_URN}${hash.map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('')}`;
		const page = `${collection}:page-1`;
		const head = { id: collection, label: 'Spanwise export', total };
		const pageHead = { id: page, type: 'AnnotationPage', partOf: collection, startIndex: 0 };
		yield { file, data: `\n],\n${JSON.stringify(head).slice(1, -1)},\n"last": ${JSON.stringify(page)},\n"first": {${JSON.stringify(pageHead).slice(1, -1)}, "items": [\n` };
		let first = true;
		for (const page of pages) {
			if (page === '') continue;
			yield { file, data: `${first ? '' : ',\n'}${page}` };
			first = false;
		}
		yield { file, data: '\n]}\n}\n' };
	}
};
