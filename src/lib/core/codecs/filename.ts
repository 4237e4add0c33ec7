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
