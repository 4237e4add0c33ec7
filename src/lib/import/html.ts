/**
 * Text from an HTML file, without running or fetching anything: the markup is parsed into a
 * detached document (`DOMParser` documents have no browsing context, so scripts never run and
 * images never load) and only text is kept. No sanitizer is involved because no HTML survives.
 */

const DROP = 'script, style, noscript, template, iframe, object, embed, svg, math, canvas, nav, form, button, select, aside, footer, header:not(article header)';
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'FIGCAPTION', 'DT', 'DD', 'CAPTION', 'ADDRESS']);
const CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'UL', 'OL', 'DL', 'TABLE', 'TBODY', 'THEAD', 'TR', 'FIGURE', 'BODY', 'HEADER']);

function collapse(text: string): string {
	return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

/** Blocks of text in document order: leaf blocks as they are; loose text in containers as its own block. */
function collectBlocks(root: Element, out: string[]): void {
	let loose = '';
	const flush = () => {
		const t = collapse(loose);
		if (t) out.push(t);
		loose = '';
	};
	for (const node of Array.from(root.childNodes)) {
		if (node.nodeType === 3) {
			loose += node.textContent ?? '';
			continue;
		}
		if (node.nodeType !== 1) continue;
		const el = node as Element;
		if (el.tagName === 'BR') {
			loose += '\n';
			continue;
		}
		if (BLOCKS.has(el.tagName)) {
			flush();
			const text = el.tagName === 'PRE' ? (el.textContent ?? '').replace(/^\n+|\s+$/g, '') : collapse(el.textContent ?? '');
			if (text) out.push(text);
		} else if (CONTAINERS.has(el.tagName)) {
			flush();
			collectBlocks(el, out);
		} else {
			loose += el.textContent ?? '';
		}
	}
	flush();
}

/** Title and text of an HTML document; blocks are separated by a blank line. */
export function htmlToText(html: string): { title: string; text: string } {
	const doc = new DOMParser().parseFromString(html, 'text/html');
	const titleEl = doc.querySelector('title');
	const h1 = doc.querySelector('h1');
	doc.querySelectorAll(DROP).forEach((el) => el.remove());
	const root = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
	const blocks: string[] = [];
	if (root) collectBlocks(root, blocks);
	const title = collapse(titleEl?.textContent ?? '') || collapse(h1?.textContent ?? '') || (blocks[0] ?? '');
	return { title: title.slice(0, 120), text: blocks.join('\n\n') };
}
