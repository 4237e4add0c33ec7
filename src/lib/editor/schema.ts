import { Schema } from 'prosemirror-model';

/**
 * The article as ProseMirror sees it: one paragraph per line of the text, plain text inside.
 * No marks: annotations are standoff and drawn as highlights, never written into the document.
 */
export const articleSchema = new Schema({
	nodes: {
		doc: { content: 'paragraph+' },
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
