/**
 * The title an article gets when its import does not name one: its first non-empty line.
 */
import { graphemeFloor } from '../text/graphemes';

/** Longest derived title, in UTF-16 code units. */
export const MAX_TITLE_LENGTH = 120;

/**
 * The first non-empty line of `text`, trimmed and cut to 120 code units on a grapheme boundary;
 * "" for a text with no visible line.
 */
export function titleFromText(text: string): string {
	const first = /\S/u.exec(text);
	if (!first) return '';
	const lineBreak = /[\r\n]/.exec(text.slice(first.index, first.index + 4 * MAX_TITLE_LENGTH));
	const line = text.slice(first.index, first.index + (lineBreak ? lineBreak.index : 4 * MAX_TITLE_LENGTH)).trimEnd();
	if (line.length <= MAX_TITLE_LENGTH) return line;
	return line.slice(0, graphemeFloor(line, MAX_TITLE_LENGTH)).trimEnd();
}
