/**
 * The title an article gets when its import does not name one: its first non-empty line.
 */
import { graphemeFloor } from '../text/graphemes';

/** Longest derived title, in UTF-16 code units. */
export const MAX_TITLE_LENGTH = 120;

/**
 * The first non-empty line of `text`, trimmed; a longer line than 120 code units is cut at the last
 * space before that (or on a grapheme boundary, for a line with no space late enough) and ends with
 * "…", so a cut title says it is cut. "" for a text with no visible line.
 */
export function titleFromText(text: string): string {
	const first = /\S/u.exec(text);
	if (!first) return '';
	const lineBreak = /[\r\n]/.exec(text.slice(first.index, first.index + 4 * MAX_TITLE_LENGTH));
	const line = text.slice(first.index, first.index + (lineBreak ? lineBreak.index : 4 * MAX_TITLE_LENGTH)).trimEnd();
	if (line.length <= MAX_TITLE_LENGTH) return line;
	const room = graphemeFloor(line, MAX_TITLE_LENGTH - 1);
	const space = line.lastIndexOf(' ', room);
	const cut = space >= MAX_TITLE_LENGTH / 2 ? space : room;
	return `${line.slice(0, cut).trimEnd()}…`;
}

/**
 * Lines news sites put above the headline (buttons, menus, feeds, reading times), compared folded to
 * lower case with trailing punctuation dropped. One-word lines are skipped anyway; these are the
 * longer ones, and the one-word ones are listed too so that the table says what it is for.
 */
export const BOILERPLATE_LINES: ReadonlySet<string> = new Set([
	'close',
	'share',
	'menu',
	'search',
	'home',
	'print',
	'email',
	'advertisement',
	'subscribe',
	'news feed',
	'newsfeed',
	'breaking news',
	'live updates',
	'skip to content',
	'skip to main content',
	'sign in',
	'log in',
	'sign up',
	'share this article',
	'share on facebook',
	'share on twitter',
	'share on x',
	'read more',
	'listen to this article',
	'most read',
	'top stories',
	'latest news',
	'copy link'
]);

/** "2 min read", "5 minute read", "3 mins read". */
const READING_TIME = /^\d+\s*(?:min|mins|minute|minutes)\s+read$/u;

/** How many non-empty lines from the top `headlineFromText` looks at for a headline. */
export const HEADLINE_SEARCH_LINES = 12;

/** Whether `line` (trimmed) is page furniture rather than a headline: one word, or a known boilerplate line. */
export function isBoilerplateLine(line: string): boolean {
	const folded = line.trim().toLowerCase().replace(/[\s.:!|•·–—-]+$/u, '').trim();
	if (folded === '') return true;
	if (!/\s/u.test(folded)) return true;
	return BOILERPLATE_LINES.has(folded) || READING_TIME.test(folded);
}

/**
 * The title a raw text import gets: the first of its first 12 non-empty lines that looks like a
 * headline (not a one-word or boilerplate line such as "close", "News Feed", "Share", "2 min read"),
 * trimmed and cut like `titleFromText`; when none does, the first non-empty line. `skipped` is how
 * many non-empty lines above the chosen one were passed over.
 */
export function headlineFromText(text: string): { title: string; skipped: number } {
	const lines: string[] = [];
	for (const match of text.matchAll(/[^\r\n]+/gu)) {
		if (match[0].trim() === '') continue;
		lines.push(match[0]);
		if (lines.length >= HEADLINE_SEARCH_LINES) break;
	}
	const at = lines.findIndex((line) => !isBoilerplateLine(line));
	if (at <= 0) return { title: titleFromText(text), skipped: 0 };
	return { title: titleFromText(lines[at]), skipped: at };
}

/** Longest title a user can give an article, in UTF-16 code units. */
export const MAX_EDITED_TITLE_LENGTH = 300;

/**
 * A title as the user typed it, checked: trimmed, inner line breaks and tabs made spaces; an error
 * naming the problem when it is empty or longer than 300 characters.
 */
export function parseTitle(input: string): { ok: string; error?: undefined } | { ok?: undefined; error: string } {
	const title = input.replace(/[\r\n\t\u2028\u2029]+/gu, ' ').trim();
	if (title === '') return { error: 'A title cannot be empty.' };
	if (title.length > MAX_EDITED_TITLE_LENGTH) return { error: `A title can have at most ${MAX_EDITED_TITLE_LENGTH} characters (this one has ${title.length}).` };
	return { ok: title };
}
