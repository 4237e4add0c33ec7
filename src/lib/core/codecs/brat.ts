/**
 * brat standoff: per article a `NAME.txt` holding the text exactly (CRLF is two characters) and a
 * `NAME.ann` with one text-bound annotation per line, offsets in Unicode code points:
 *
 * ```
 * T1	actor 0 6	the US
 * T2	figure 31 45	$60.84 billion
 * #1	AnnotatorNotes T2	USD
 * ```
 *
 * Import pairs files by path (`dir/x.txt` + `dir/x.ann`); the article id is the name without folder
 * and extension (`x`), its title the first line of the text, its source the .txt file. The covered text after the second tab is checked against the offsets, white space
 * aside (an .ann line cannot hold a line break). `AnnotatorNotes` become span notes; relations,
 * events, attributes, normalisations and equivalences are skipped; discontinuous spans
 * (`T3	Label 0 5;10 15`) are reported, not merged. Every span gets the importing annotator.
 *
 * Export writes `<id>.txt` and `<id>.ann` (the id made a safe, unique file name), T lines in span
 * order, line breaks in covered text and notes as spaces, white space in labels as `_`.
 *
 * A round trip loses annotators, span ids, timestamps, article title, status, source and meta (the
 * article id comes back when it is a safe file name); spans that differ only by annotator become one.
 */
import type { Article, ArticleRecord, Span } from '../types';
import { titleFromText } from '../articles/title';
import { newId } from '../ids';
import { compareSpans } from '../spans/span-set';
import { TextIndex, anchorSpan, quoteForMessage } from './anchor';
import type { Codec, CodecError, CodecParseOptions, OffsetUnit, SourceFile } from './codec';
import { safeFileName } from './filename';

/** Annotation kinds brat has besides text-bound ones (T) and notes (#): skipped on import. */
const SKIPPED_KINDS = /^[RAEMN*]/;

/** brat configuration files that may come along with a collection. */
const CONFIG_FILE = /(^|[/\\])(annotation|visual|tools|kb_shortcuts)\.conf$/i;

/** Text equality with every run of white space (line breaks included) as one space, ends trimmed. */
function sameAsideWhitespace(a: string, b: string): boolean {
	const squeeze = (s: string) => s.replace(/\s+/gu, ' ').trim();
	return squeeze(a) === squeeze(b);
}

/** The spans of `ann` for `text`; problems go to `errors` as `x.ann:LINE: …`, other lines still count. */
function parseAnn(ann: SourceFile, text: string, articleId: string, unit: OffsetUnit, opts: CodecParseOptions, errors: CodecError[]): Span[] {
	const index = new TextIndex(text);
	const lines = (ann.content.startsWith('\ufeff') ? ann.content.slice(1) : ann.content).split('\n');
	const report = (i: number, message: string) => errors.push({ file: ann.name, line: i + 1, message: `${ann.name}:${i + 1}: ${message}` });
	const spans: Span[] = [];
	const byBratId = new Map<string, Span>();
	const bratIds = new Set<string>();
	const byKey = new Map<string, Span>();
	const notes: Array<[string, string]> = [];

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

	const noteOf = new Map<Span, string>();
	for (const [bratId, note] of notes) {
		const span = byBratId.get(bratId);
		if (span) noteOf.set(span, noteOf.has(span) ? `${noteOf.get(span)}\n${note}` : note);
	}
	return spans.map((span) => (noteOf.has(span) ? { ...span, note: noteOf.get(span) } : span)).sort(compareSpans);
}

/** One line per span and note, in span order; spans equal but for annotator written once. */
function annOf(article: Article, spans: readonly Span[], unit: OffsetUnit): string {
	const index = new TextIndex(article.text);
	const seen = new Set<string>();
	let out = '';
	let t = 0;
	let notes = 0;
	for (const span of [...spans].sort(compareSpans)) {
		const label = span.label.replace(/\s+/gu, '_');
		const key = JSON.stringify([span.start, span.end, label]);
		if (seen.has(key)) continue;
		seen.add(key);
		t++;
		const covered = article.text.slice(span.start, span.end).replace(/[\r\n]/g, ' ');
		out += `T${t}\t${label} ${index.fromUtf16(span.start, unit)} ${index.fromUtf16(span.end, unit)}\t${covered}\n`;
		if (span.note !== undefined) out += `#${++notes}\tAnnotatorNotes T${t}\t${span.note.replace(/\r\n|[\r\n]/g, ' ')}\n`;
	}
	return out;
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
		const pairs = new Map<string, { txt?: SourceFile; ann?: SourceFile }>();
		for (const file of files) {
			const match = /^(.*)\.(txt|ann)$/i.exec(file.name);
			if (!match) {
				if (!CONFIG_FILE.test(file.name)) {
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
			records.push({ article, spans: ann ? parseAnn(ann, text, articleId, unit, opts, errors) : [] });
		}
		return { records, errors };
	},
	*serialize(records, opts = {}) {
		const unit: OffsetUnit = opts.offsets ?? 'codepoint';
		const used = new Set<string>();
		for (const { article, spans } of records) {
			const base = uniqueName(safeFileName(article.id, ''), used);
			yield { file: `${base}.txt`, data: article.text };
			yield { file: `${base}.ann`, data: annOf(article, spans, unit) };
		}
	}
};
