/**
 * Import of raw text files: one article per file. Line endings are normalised (and the import says
 * so); nothing else in the text is rewritten.
 */
import { headlineFromText } from '../articles/title';
import { normaliseLineEndings } from '../text/lines';

/**
 * The article a text file gives: title from its first line that looks like a headline (one-word and
 * boilerplate lines such as "close" or "News Feed" skipped; `skippedLines` says how many), text as it
 * stands (BOM dropped, LF).
 */
export function parsePlainText(content: string): { title: string; text: string; lineEndingsNormalised: boolean; skippedLines: number } {
	const withoutBom = content.startsWith('\ufeff') ? content.slice(1) : content;
	const { text, changed } = normaliseLineEndings(withoutBom);
	const { title, skipped } = headlineFromText(text);
	return { title, text, lineEndingsNormalised: changed, skippedLines: skipped };
}

/** How much of the start of a file `looksBinary` inspects. */
const SAMPLE_LENGTH = 4096;

/**
 * True when decoded file content is evidently not text (a PDF or image renamed .txt): any NUL, or
 * more than 10 % of the first 4,096 characters being U+FFFD (undecodable bytes) or C0 controls other
 * than tab, LF, FF and CR. Judged by content only, so prose that mentions "%PDF" is still text.
 */
export function looksBinary(content: string): boolean {
	if (content.includes('\0')) return true;
	const sample = content.slice(0, SAMPLE_LENGTH);
	if (sample.length === 0) return false;
	let suspicious = 0;
	for (let i = 0; i < sample.length; i++) {
		const code = sample.charCodeAt(i);
		if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d)) {
			suspicious++;
		}
	}
	return suspicious > sample.length * 0.1;
}
