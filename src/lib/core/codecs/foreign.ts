/**
 * Helpers shared by the foreign JSONL codecs (Prodigy, doccano): reading JSONL lines into objects
 * with per-line errors, valibot pieces with readable messages, anchoring spans with the unit hint,
 * and building the article of a record.
 */
import * as v from 'valibot';
import type { Article, ArticleStatus } from '../types';
import { ARTICLE_STATUSES } from '../types';
import { titleFromText } from '../articles/title';
import { newId } from '../ids';
import { TextIndex, UNIT_HINTS, anchorSpan, resolveOffsets } from './anchor';
import type { CodecError, CodecParseOptions, OffsetUnit, SourceFile } from './codec';
import { expected, isObject } from './json';


export const NonEmptyString = v.pipe(v.string(expected('a string')), v.check((s) => s.trim() !== '', 'must not be empty'));

export const ArticleText = v.pipe(
	v.string(expected('a string')),
	v.check((text) => text !== '', 'is empty (an article needs text)')
);

export const JsonObject = v.custom<Record<string, unknown>>(
	(value) => isObject(value),
	(issue) => `expected an object, got ${issue.received}`
);

/** The article status a foreign value names ("in progress" too), or undefined. */
export function statusOf(value: unknown): ArticleStatus | undefined {
	if (value === 'in progress') return 'in_progress';
	return ARTICLE_STATUSES.find((status) => status === value);
}

/** The lines of a JSONL file (BOM dropped, LF or CRLF), with 1-based numbers, blank lines skipped. Lazy. */
function* jsonlLines(content: string): Generator<{ line: string; lineNo: number }> {
	let at = content.startsWith('\ufeff') ? 1 : 0;
	for (let lineNo = 1; at <= content.length; lineNo++) {
		const newline = content.indexOf('\n', at);
		const stop = newline === -1 ? content.length : newline;
		const line = content.slice(at, stop > at && content[stop - 1] === '\r' ? stop - 1 : stop);
		if (/\S/.test(line)) yield { line, lineNo };
		at = stop + 1;
	}
}

/**
 * Reads every JSON object line of `file` through `read`, which returns an error message or nothing.
 * Bad JSON, non-objects and an empty file become errors; never throws on the content.
 */
export function readJsonlObjects(
	file: SourceFile,
	read: (raw: Record<string, unknown>, lineNo: number) => string | undefined
): CodecError[] {
	const errors: CodecError[] = [];
	let any = false;
	for (const { line, lineNo } of jsonlLines(file.content)) {
		any = true;
		let raw: unknown;
		try {
			raw = JSON.parse(line);
		} catch (error) {
			errors.push({ file: file.name, line: lineNo, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
			continue;
		}
		if (!isObject(raw)) {
			const got = Array.isArray(raw) ? 'an array (JSONL has one object per line)' : raw === null ? 'null' : `a ${typeof raw}`;
			errors.push({ file: file.name, line: lineNo, message: `expected a JSON object, got ${got}` });
			continue;
		}
		const message = read(raw, lineNo);
		if (message !== undefined) errors.push({ file: file.name, line: lineNo, message });
	}
	if (!any) errors.push({ file: file.name, line: 1, message: 'the file is empty' });
	return errors;
}

/** The first JSON object line of a file, or null: what `sniff` looks at. Never throws. */
export function firstJsonlObject(content: string): Record<string, unknown> | null {
	for (const { line } of jsonlLines(content)) {
		try {
			const raw: unknown = JSON.parse(line);
			return isObject(raw) && !(typeof raw.format === 'string' && raw.format.startsWith('spanwise/')) ? raw : null;
		} catch {
			return null;
		}
	}
	return null;
}

/**
 * `anchorSpan`, plus the unit hint when the span has no text of its own: offsets that fail in
 * `unit` but fit the other unit on a text where the two differ. `names` renames the fields in the
 * message (doccano's `start_offset`).
 */
export function anchorForeignSpan(
	index: TextIndex,
	unit: OffsetUnit,
	start: number,
	end: number,
	text: string | null | undefined,
	where: string,
	names: { readonly start: string; readonly end: string } = { start: 'start', end: 'end' }
): { ok: { start: number; end: number }; error?: undefined } | { ok?: undefined; error: string } {
	const anchored = anchorSpan(index, unit, start, end, text, where);
	if (anchored.error === undefined) return anchored;
	let error = anchored.error.replace(/^([^:]*)\.(start|end):/, (_, path: string, field: 'start' | 'end') => `${path}.${names[field]}:`);
	if (text == null && index.converter.hasAstral) {
		const alt = resolveOffsets(index, unit === 'codepoint' ? 'utf16' : 'codepoint', start, end);
		if ('start' in alt) error += `; ${UNIT_HINTS[unit]}`;
	}
	return { error };
}

/**
 * The article of a foreign record: what the record gave, else a fresh id, the title from the first
 * line, the import's source, status "new"; timestamps `opts.now`.
 */
export function foreignArticle(
	given: {
		readonly id?: string;
		readonly title?: string;
		readonly text: string;
		readonly source?: string;
		readonly meta: Readonly<Record<string, unknown>>;
		readonly status?: ArticleStatus;
	},
	opts: Pick<CodecParseOptions, 'now' | 'source'>
): Article {
	return {
		id: given.id ?? newId('a'),
		title: given.title ?? titleFromText(given.text),
		text: given.text,
		source: given.source ?? opts.source,
		meta: given.meta,
		status: given.status ?? 'new',
		createdAt: opts.now,
		updatedAt: opts.now
	};
}
