/**
 * File names for exports, made from article titles, that every OS accepts and that cannot mislead:
 * no path separators, no characters Windows rejects, no control or bidi characters (which can make
 * "report\u202Etxt.exe" display as "reportexe.txt").
 */
import { graphemeFloor } from '../text/graphemes';

/** Longest base name (before the extension), in UTF-16 code units. */
export const MAX_FILE_NAME_LENGTH = 80;

const FALLBACK = 'spanwise-export';

/** Path separators, Windows-illegal characters, C0/C1 controls, line separators and bidi controls. */
const UNSAFE = /[<>:"/\\|?*\p{Cc}\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function clean(part: string): string {
	return part.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim();
}

/**
 * A safe file name "<title>.<extension>": unsafe characters become spaces, white space collapses,
 * leading/trailing dots and spaces go, the title is cut to 80 characters on a grapheme boundary, and
 * an empty result becomes "spanwise-export". `extension` may be given with or without its dot.
 */
export function safeFileName(title: string, extension: string): string {
	const ext = clean(extension).replace(/^\.+/, '').replace(/\s/g, '');
	let base = clean(title).replace(/^[.\s]+|[.\s]+$/gu, '');
	if (base.length > MAX_FILE_NAME_LENGTH) {
		base = base.slice(0, graphemeFloor(base, MAX_FILE_NAME_LENGTH)).replace(/[.\s]+$/u, '');
	}
	if (base === '') base = FALLBACK;
	if (RESERVED.test(base)) base = `${base}-`;
	return ext === '' ? base : `${base}.${ext}`;
}

/** What an export holds, for its file name: the whole library, one article, or a selection. */
export type ExportScope = { readonly kind: 'all' } | { readonly kind: 'article'; readonly title: string } | { readonly kind: 'selection'; readonly count: number };

export interface ExportNameParts {
	/** The format's word in the name: a codec name ("prodigy"); the canonical format is "jsonl". */
	readonly format: string;
	readonly scope: ExportScope;
	/** Whose spans, when only one layer is exported (an annotator, or "gold"). */
	readonly layer?: string;
	/** The day of the export. */
	readonly date: Date;
	/** The file's extension, with or without its dot ("jsonl", "zip"). */
	readonly extension: string;
}

/** Longest format and layer parts of an export name, in UTF-16 code units. */
const MAX_NAME_PART = 20;

/** A name part: safe, spaces become hyphens, cut on a grapheme boundary; "" when nothing is left. */
function namePart(value: string, max: number): string {
	let part = clean(value).replace(/^[.\s]+|[.\s]+$/gu, '').replace(/\s/gu, '-');
	if (part.length > max) part = part.slice(0, graphemeFloor(part, max)).replace(/[.-]+$/u, '');
	return part;
}

/**
 * The file name of an export, saying what it holds: "spanwise-<format>-<scope>[-<layer>]-<date>.<ext>",
 * e.g. `spanwise-prodigy-all-2026-12-01.jsonl`, `spanwise-jsonl-Harbour-council-approves-maria-2026-12-01.jsonl`.
 * The scope is "all", the article's title (cut so that the name before the extension stays within 80
 * characters) or "<n>-articles"; format and layer are cut to 20; the date is the UTC day, `YYYY-MM-DD`.
 * Every part is made safe as in `safeFileName`, with spaces as hyphens.
 */
export function exportFileName(parts: ExportNameParts): string {
	const format = namePart(parts.format, MAX_NAME_PART) || 'export';
	const layer = parts.layer === undefined ? '' : namePart(parts.layer, MAX_NAME_PART);
	const day = parts.date.toISOString().slice(0, 10);
	const fixed = ['spanwise', format, layer, day].filter(Boolean).join('-').length + 1;
	const scope =
		parts.scope.kind === 'all'
			? 'all'
			: parts.scope.kind === 'selection'
				? `${parts.scope.count}-article${parts.scope.count === 1 ? '' : 's'}`
				: namePart(parts.scope.title, MAX_FILE_NAME_LENGTH - fixed) || 'article';
	const base = ['spanwise', format, scope, layer, day].filter(Boolean).join('-');
	const ext = clean(parts.extension).replace(/^\.+/, '').replace(/\s/g, '');
	return ext === '' ? base : `${base}.${ext}`;
}
