/**
 * Import of Markdown files as plain article text. Annotation needs the words a reader sees, not the
 * markup: each block (heading, paragraph, list item, quote, code block, table cell) becomes one
 * paragraph of text, separated by a blank line; inline markup is flattened to its text; raw HTML is
 * dropped. Nothing is rendered to HTML.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeHtmlEntities } from './html-entities';
import { titleFromText, MAX_TITLE_LENGTH } from '../articles/title';
import { graphemeFloor } from '../text/graphemes';

/** Text of inline tokens. marked has already decoded numeric references; named ones are decoded here. */
function inlineText(tokens: readonly Token[]): string {
	let text = '';
	for (const token of tokens) {
		switch (token.type) {
			case 'text':
				text +=
					'tokens' in token && token.tokens
						? inlineText(token.tokens)
						: // A soft line break inside a paragraph reads as a space.
							decodeHtmlEntities(token.text).replace(/[ \t]*\n[ \t]*/g, ' ');
				break;
			case 'image':
				text += decodeHtmlEntities(token.text);
				break;
			case 'codespan':
			case 'escape':
				// Literal: entities in code are not references.
				text += token.text;
				break;
			case 'br':
				text += '\n';
				break;
			case 'html':
			case 'checkbox':
				break;
			default:
				// strong, em, del, link and extensions: their children, else their text.
				if ('tokens' in token && token.tokens) text += inlineText(token.tokens);
				else if ('text' in token && typeof token.text === 'string') text += decodeHtmlEntities(token.text);
		}
	}
	return text;
}

/** Text blocks of block tokens, in document order. */
function blocks(tokens: readonly Token[], out: string[]): string[] {
	for (const token of tokens) {
		switch (token.type) {
			case 'heading':
			case 'paragraph':
				out.push(inlineText(token.tokens ?? []));
				break;
			case 'text':
				out.push('tokens' in token && token.tokens ? inlineText(token.tokens) : decodeHtmlEntities(token.text));
				break;
			case 'list':
				for (const item of (token as Tokens.List).items) blocks(item.tokens, out);
				break;
			case 'blockquote':
				blocks(token.tokens ?? [], out);
				break;
			case 'code':
				out.push(token.text);
				break;
			case 'table': {
				const table = token as Tokens.Table;
				for (const cell of table.header) out.push(inlineText(cell.tokens));
				for (const row of table.rows) for (const cell of row) out.push(inlineText(cell.tokens));
				break;
			}
			case 'html':
			case 'hr':
			case 'space':
			case 'def':
				break;
			default:
				if ('tokens' in token && token.tokens) blocks(token.tokens, out);
		}
	}
	return out;
}

/**
 * Plain text of a Markdown document: blocks separated by "\n\n", each trimmed, empty ones dropped.
 * The title is the first heading's text, else the first non-empty line.
 */
export function markdownToText(md: string): { title: string; text: string } {
	const tokens = Lexer.lex(md.replace(/^\ufeff/, ''));
	const text = blocks(tokens, [])
		.map((block) => block.trim())
		.filter((block) => block !== '')
		.join('\n\n');
	const heading = tokens.find((token): token is Tokens.Heading => token.type === 'heading');
	const headingText = heading ? inlineText(heading.tokens).trim().replace(/\s+/g, ' ') : '';
	const title =
		headingText === ''
			? titleFromText(text)
			: headingText.length <= MAX_TITLE_LENGTH
				? headingText
				: headingText.slice(0, graphemeFloor(headingText, MAX_TITLE_LENGTH)).trimEnd();
	return { title, text };
}
