import { Schema } from 'prosemirror-model';

/**
 * The article as ProseMirror sees it: one paragraph per line of the text, plain text inside, the
 * lines grouped in blocks of a few thousand characters. No ProseMirror marks: annotations are
 * standoff, drawn as boxes in a layer under each block's lines (block-view.ts, highlight-renderer.ts),
 * never written into the document.
 *
 * The blocks are what keeps a long article cheap: each is `content-visibility: auto` (app.css), so
 * the browser lays out, walks and paints only the blocks near the viewport, and only the blocks in
 * view get span boxes. `chars` and `lines` size a block that is not laid out yet.
 */
export const articleSchema = new Schema({
	nodes: {
		doc: { content: 'block+' },
		block: {
			content: 'paragraph+',
			attrs: { chars: { default: 0 }, lines: { default: 1 } },
			toDOM: (node) => ['div', { class: 'sw-block', style: `--chars: ${node.attrs.chars}; --lines: ${node.attrs.lines}` }, 0],
			parseDOM: [{ tag: 'div.sw-block' }]
		},
		paragraph: {
			content: 'text*',
			whitespace: 'pre',
			toDOM: () => ['p', { class: 'sw-line' }, 0],
			parseDOM: [{ tag: 'p', preserveWhitespace: 'full' }]
		},
		text: {}
	},
	marks: {}
});
