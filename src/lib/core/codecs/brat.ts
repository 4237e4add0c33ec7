/**
 * brat standoff: per article a `NAME.txt` holding the text exactly (CRLF is two characters) and a
 * `NAME.ann` with one text-bound annotation per line, offsets in Unicode code points:
 *
 * ```
 * T1	actor 0 6	the US
 * T2	claim 0 45	the US sent $60.84 billion
 * T3	figure 31 45	$60.84 billion
 * R1	source Arg1:T2 Arg2:T1
 * #1	AnnotatorNotes T3	USD
 * #2	AnnotatorNotes R1	a note on the link
 * ```
 *
 * Import pairs files by path (`dir/x.txt` + `dir/x.ann`); the article id is the name without folder
 * and extension (`x`), its title the first line of the text, its source the .txt file. The covered text after the second tab is checked against the offsets, white space
 * aside (an .ann line cannot hold a line break). `R` lines become relations, the first argument
 * (`Arg1`) the head and the second the tail; an argument that names no text-bound annotation of the
 * file is an error naming the line and the id. `AnnotatorNotes` become span and relation notes;
 * events, attributes, normalisations and equivalences are skipped; discontinuous spans
 * (`T3	Label 0 5;10 15`) are reported, not merged. Every span and relation gets the importing
 * annotator. An `annotation.conf` among the files is read for what it says of relation types
 * (`<REL-TYPE>:symmetric`, argument types), returned as the result's `relationTypes`.
 *
 * Export writes `<id>.txt` and `<id>.ann` (the id made a safe, unique file name), T lines in span
 * order, then R lines in relation order, line breaks in covered text and notes as spaces, white space
 * in labels and types as `_`; and one `annotation.conf` that declares the labels as `[entities]`,
 * each relation type with the labels its ends may have (`opts.relationTypes`, else those seen; any
 * label is `<ENTITY>`; `<REL-TYPE>:symmetric` for symmetric types) and `<OVERLAP>` of any kind, since
 * Spanwise spans nest and cross. Equal relations written once and relations whose ends are not among
 * the spans are counted in `opts.report`.
 *
 * A round trip loses annotators, span and relation ids, timestamps, article title, status, source and
 * meta (the article id comes back when it is a safe file name); spans (and relations) that differ
 * only by annotator become one.
 */
import type { Article, ArticleRecord, Relation, Span } from '../types';
import { titleFromText } from '../articles/title';
import { newId } from '../ids';
import { compareSpans } from '../spans/span-set';
import { TextIndex, anchorSpan, quoteForMessage } from './anchor';
import type { Codec, CodecError, CodecParseOptions, CodecSerializeOptions, OffsetUnit, RelationTypeHint, SourceFile } from './codec';
import { safeFileName } from './filename';
import { addRelationOnce, linkedRelations, mergeTypeHints, readRelation } from './relations';
import { reportLoss } from './serialize-report';
import { annotationConf, parseAnnotationConf, type ConfRelation } from './brat-conf';

/** Annotation kinds brat has besides text-bound ones (T), relations (R) and notes (#): skipped on import. */
const SKIPPED_KINDS = /^[AEMN*]/;

/** The configuration file an export writes beside the .txt / .ann pairs. */
export const CONF_FILE = 'annotation.conf';

/** brat configuration files that may come along with a collection. */
const CONFIG_FILE = /(^|[/\\])(annotation|visual|tools|kb_shortcuts)\.conf$/i;

/** Text equality with every run of white space (line breaks included) as one space, ends trimmed. */
function sameAsideWhitespace(a: string, b: string): boolean {
	const squeeze = (s: string) => s.replace(/\s+/gu, ' ').trim();
	return squeeze(a) === squeeze(b);
}

/** The spans and relations of `ann` for `text`; problems go to `errors` as `x.ann:LINE: …`, other lines still count. */
function parseAnn(
	ann: SourceFile,
	text: string,
	articleId: string,
	unit: OffsetUnit,
	opts: CodecParseOptions,
	errors: CodecError[]
): { spans: Span[]; relations: Relation[] } {
	const index = new TextIndex(text);
	const lines = (ann.content.startsWith('\ufeff') ? ann.content.slice(1) : ann.content).split('\n');
	const report = (i: number, message: string) => errors.push({ file: ann.name, line: i + 1, message: `${ann.name}:${i + 1}: ${message}` });
	const spans: Span[] = [];
	const byBratId = new Map<string, Span>();
	const bratIds = new Set<string>();
	const byKey = new Map<string, Span>();
	const notes: Array<[string, string]> = [];
	const links: Array<{ line: number; bratId: string; label: string; head: string; tail: string }> = [];

	for (const [i, raw] of lines.entries()) {
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (line.trim() === '') continue;
		const fields = line.split('\t');
		const bratId = fields[0];
		if (bratId.startsWith('#')) {
			const target = /^AnnotatorNotes (\S+)$/.exec(fields[1] ?? '');
			if (target) notes.push([target[1], fields.slice(2).join('\t')]);
			continue;
		}
		if (SKIPPED_KINDS.test(bratId)) continue;
		if (/^R/.test(bratId)) {
			const parts = /^(\S+) \S+?:(\S+) \S+?:(\S+)$/.exec(fields[1] ?? '');
			if (!parts) report(i, `${bratId}: expected a relation "Type Arg1:T1 Arg2:T2", got ${quoteForMessage(fields[1] ?? '')}`);
			else links.push({ line: i, bratId, label: parts[1], head: parts[2], tail: parts[3] });
			continue;
		}
		if (!/^T\S*$/.test(bratId) || fields.length < 2) {
			report(i, `expected a text-bound annotation "T1<TAB>Label START END<TAB>text", got ${quoteForMessage(line)}`);
			continue;
		}
		const parts = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(fields[1]);
		if (!parts) {
			report(i, `${bratId}: expected "Label START END", got ${quoteForMessage(fields[1])}`);
			continue;
		}
		const [, label, ranges] = parts;
		if (ranges.includes(';')) {
			report(i, `discontinuous span ${bratId} (${ranges}) is not supported`);
			continue;
		}
		if (bratIds.has(bratId)) {
			report(i, `${bratId} is defined twice`);
			continue;
		}
		bratIds.add(bratId);
		const [start, end] = ranges.split(' ').map(Number);
		const covered = fields.length > 2 ? fields.slice(2).join('\t') : undefined;
		const anchored = anchorSpan(index, unit, start, end, undefined, bratId);
		if (anchored.error !== undefined || (covered !== undefined && !sameAsideWhitespace(text.slice(anchored.ok.start, anchored.ok.end), covered))) {
			// Asked again with the covered text: names a mismatch, and says when the other offset unit fits.
			report(i, anchorSpan(index, unit, start, end, covered, bratId).error ?? anchored.error ?? `${bratId}: does not fit the text`);
			continue;
		}
		const key = JSON.stringify([anchored.ok.start, anchored.ok.end, label]);
		const same = byKey.get(key);
		if (same) {
			byBratId.set(bratId, same);
			continue;
		}
		const span: Span = {
			id: newId('s'),
			articleId,
			start: anchored.ok.start,
			end: anchored.ok.end,
			label,
			annotator: opts.annotator,
			createdAt: opts.now,
			updatedAt: opts.now
		};
		byKey.set(key, span);
		byBratId.set(bratId, span);
		spans.push(span);
	}

	const relations: Relation[] = [];
	const keys = new Set<string>();
	const byRelationId = new Map<string, Relation>();
	for (const link of links) {
		const head = byBratId.get(link.head);
		const tail = byBratId.get(link.tail);
		const missing = head ? (tail ? undefined : ['Arg2', link.tail]) : ['Arg1', link.head];
		if (missing) {
			report(link.line, `${link.bratId}: ${missing[0]} names ${missing[1]}, which is not a text-bound annotation of this file`);
			continue;
		}
		const relation = readRelation({ articleId, label: link.label, head: (head as Span).id, tail: (tail as Span).id, annotator: opts.annotator, createdAt: opts.now });
		if (addRelationOnce(relations, keys, relation)) byRelationId.set(link.bratId, relation);
		else byRelationId.set(link.bratId, relations.find((r) => r.label === relation.label && r.head === relation.head && r.tail === relation.tail) as Relation);
	}

	const noteOf = new Map<Span | Relation, string>();
	for (const [bratId, note] of notes) {
		const target = byBratId.get(bratId) ?? byRelationId.get(bratId);
		if (target) noteOf.set(target, noteOf.has(target) ? `${noteOf.get(target)}\n${note}` : note);
	}
	const noted = <T extends Span | Relation>(x: T): T => (noteOf.has(x) ? { ...x, note: noteOf.get(x) } : x);
	return { spans: spans.map(noted).sort(compareSpans), relations: relations.map(noted) };
}

/** A label or type as brat writes it: white space as `_`. */
export function bratName(name: string): string {
	return name.replace(/\s+/gu, '_');
}

/**
 * One line per span and note, in span order, then one per relation and its note; spans (and
 * relations) equal but for annotator written once. What the .ann uses goes into `conf`.
 */
function annOf(record: ArticleRecord, unit: OffsetUnit, conf: ConfUse, report: CodecSerializeReport): string {
	const { article, spans } = record;
	const index = new TextIndex(article.text);
	const seen = new Map<string, number>();
	const tOf = new Map<string, number>();
	const oneLine = (note: string) => note.replace(/\r\n|[\r\n]/g, ' ');
	let out = '';
	let t = 0;
	let notes = 0;
	for (const span of [...spans].sort(compareSpans)) {
		const label = bratName(span.label);
		conf.labels.add(label);
		const key = JSON.stringify([span.start, span.end, label]);
		const known = seen.get(key);
		if (known !== undefined) {
			tOf.set(span.id, known);
			continue;
		}
		t++;
		seen.set(key, t);
		tOf.set(span.id, t);
		const covered = article.text.slice(span.start, span.end).replace(/[\r\n]/g, ' ');
		out += `T${t}\t${label} ${index.fromUtf16(span.start, unit)} ${index.fromUtf16(span.end, unit)}\t${covered}\n`;
		if (span.note !== undefined) out += `#${++notes}\tAnnotatorNotes T${t}\t${oneLine(span.note)}\n`;
	}
	const written = new Set<string>();
	let r = 0;
	for (const { relation, head, tail } of linkedRelations(record, report)) {
		const type = bratName(relation.label);
		const [h, tl] = [tOf.get(head.id) as number, tOf.get(tail.id) as number];
		const key = JSON.stringify([type, h, tl]);
		if (written.has(key)) {
			reportLoss(report, 'relation-merged');
			continue;
		}
		written.add(key);
		const use = conf.relations.get(type) ?? { heads: new Set<string>(), tails: new Set<string>() };
		conf.relations.set(type, use);
		use.heads.add(bratName(head.label));
		use.tails.add(bratName(tail.label));
		out += `R${++r}\t${type} Arg1:T${h} Arg2:T${tl}\n`;
		if (relation.note !== undefined) out += `#${++notes}\tAnnotatorNotes R${r}\t${oneLine(relation.note)}\n`;
	}
	return out;
}

type CodecSerializeReport = CodecSerializeOptions['report'];

/** What the exported .ann files use: labels, and the labels at each end of each relation type. */
interface ConfUse {
	readonly labels: Set<string>;
	readonly relations: Map<string, { heads: Set<string>; tails: Set<string> }>;
}

/** The `annotation.conf` relations: the configured types (with their labels, or any) and the ones used. */
function confRelations(use: ConfUse, opts: CodecSerializeOptions): ConfRelation[] {
	const out = new Map<string, ConfRelation>();
	for (const type of opts.relationTypes ?? []) {
		const name = bratName(type.name);
		const given = (labels: readonly string[]) => (labels.length === 0 ? null : labels.map(bratName));
		out.set(name, { name, heads: given(type.headLabels), tails: given(type.tailLabels), symmetric: !type.directed });
	}
	for (const [name, { heads, tails }] of use.relations) {
		const known = out.get(name);
		const unite = (given: readonly string[] | null | undefined, seen: Set<string>) => (given === null ? null : [...new Set([...(given ?? []), ...seen])]);
		out.set(name, { name, heads: unite(known?.heads, heads), tails: unite(known?.tails, tails), symmetric: known?.symmetric ?? false });
	}
	for (const relation of out.values()) for (const label of [...(relation.heads ?? []), ...(relation.tails ?? [])]) use.labels.add(label);
	return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `base`, or `base-2`, `base-3`… when taken (compared without case, as on Windows and macOS). */
function uniqueName(base: string, used: Set<string>): string {
	let name = base;
	for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}`;
	used.add(name.toLowerCase());
	return name;
}

export const bratCodec: Codec = {
	name: 'brat',
	title: 'brat standoff (.txt + .ann)',
	extension: 'ann',
	multiFile: true,
	defaultOffsets: 'codepoint',
	loses:
		'annotators (spans get the importing annotator), span ids, timestamps, article title, status, source and meta ' +
		'(the article id survives when it is a safe file name); ' +
		'spans differing only by annotator become one; white space in labels becomes "_", line breaks in notes become spaces',
	sniff: (file) => /\.ann$/i.test(file.name),
	parse(files, opts) {
		const unit: OffsetUnit = opts.offsets ?? 'codepoint';
		const records: ArticleRecord[] = [];
		const errors: CodecError[] = [];
		const hints: RelationTypeHint[] = [];
		const pairs = new Map<string, { txt?: SourceFile; ann?: SourceFile }>();
		for (const file of files) {
			const match = /^(.*)\.(txt|ann)$/i.exec(file.name);
			if (!match) {
				if (/(^|[/\\])annotation\.conf$/i.test(file.name)) hints.push(...parseAnnotationConf(file.content));
				else if (!CONFIG_FILE.test(file.name)) {
					errors.push({ file: file.name, line: 1, message: `${file.name}: not a brat file (expected NAME.txt and NAME.ann)` });
				}
				continue;
			}
			const kind = match[2].toLowerCase() as 'txt' | 'ann';
			const pair = pairs.get(match[1]) ?? {};
			pairs.set(match[1], pair);
			if (pair[kind]) errors.push({ file: file.name, line: 1, message: `${file.name}: given twice; the first one is read` });
			else pair[kind] = file;
		}
		for (const [base, { txt, ann }] of pairs) {
			if (!txt) {
				const name = (ann as SourceFile).name;
				errors.push({ file: name, line: 1, message: `${name}: no matching ${base}.txt (brat keeps the text beside the .ann file)` });
				continue;
			}
			const text = txt.content;
			if (text === '') {
				errors.push({ file: txt.name, line: 1, message: `${txt.name}: the text is empty (an article needs text)` });
				continue;
			}
			// Files pair by their whole path; the id is the name alone, so it survives a move to another folder.
			const name = base.replace(/^.*[/\\]/, '');
			const articleId = name.trim() === '' ? newId('a') : name;
			const article: Article = {
				id: articleId,
				title: titleFromText(text),
				text,
				source: txt.name,
				meta: {},
				status: 'new',
				createdAt: opts.now,
				updatedAt: opts.now
			};
			const read = ann ? parseAnn(ann, text, articleId, unit, opts, errors) : { spans: [], relations: [] };
			records.push(read.relations.length === 0 ? { article, spans: read.spans } : { article, ...read });
		}
		return hints.length === 0 ? { records, errors } : { records, errors, relationTypes: mergeTypeHints(hints) };
	},
	*serialize(records, opts = {}) {
		const unit: OffsetUnit = opts.offsets ?? 'codepoint';
		const used = new Set<string>();
		const conf: ConfUse = { labels: new Set(), relations: new Map() };
		for (const record of records) {
			const base = uniqueName(safeFileName(record.article.id, ''), used);
			yield { file: `${base}.txt`, data: record.article.text };
			yield { file: `${base}.ann`, data: annOf(record, unit, conf, opts.report) };
		}
		const relations = confRelations(conf, opts);
		yield { file: CONF_FILE, data: annotationConf([...conf.labels].sort(), relations) };
	}
};
