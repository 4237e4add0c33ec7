import { describe, expect, it } from 'vitest';
import { markdownToText } from './markdown';

describe('markdownToText', () => {
	it('turns blocks into paragraphs and flattens inline markup', () => {
		const md = [
			'# Pentagon &amp; *allies*',
			'',
			'The **Pentagon** said [no plans](https://example.com "t") for `a<b &amp;` troops.',
			'A soft break continues the paragraph.',
			'',
			'- first item',
			'  - nested _item_',
			'- ![a map &amp; more](map.png)',
			'',
			'> A quote',
			'',
			'```',
			'code <kept> &amp; as is',
			'```',
			'',
			'| Country | Aid |',
			'|---|---|',
			'| US | $60.84 billion |',
			'',
			'<div class="ad">buy now</div>',
			'',
			'Line with <span>inline</span> HTML and \\*escapes\\*.'
		].join('\n');
		const { title, text } = markdownToText(md);
		expect(title).toBe('Pentagon & allies');
		expect(text.split('\n\n')).toEqual([
			'Pentagon & allies',
			'The Pentagon said no plans for a<b &amp; troops. A soft break continues the paragraph.',
			'first item',
			'nested item',
			'a map & more',
			'A quote',
			'code <kept> &amp; as is',
			'Country',
			'Aid',
			'US',
			'$60.84 billion',
			'Line with inline HTML and *escapes*.'
		]);
	});

	it('decodes entities, including astral numeric ones', () => {
		expect(markdownToText('Kyiv &#x1F1FA;&#x1F1E6; &#128512; &quot;x&quot; &#39;y&#39; &nbsp;&mdash; AT&T').text).toBe(
			'Kyiv 🇺🇦 😀 "x" \'y\' \u00a0— AT&T'
		);
		expect(markdownToText('R&amp;D &#123;').text).toBe('R&D {');
	});

	it('keeps hard line breaks as newlines', () => {
		expect(markdownToText('one  \ntwo\\\nthree').text).toBe('one\ntwo\nthree');
	});

	it('takes the first line as title when there is no heading', () => {
		expect(markdownToText('Just a *paragraph*\n\nand more').title).toBe('Just a paragraph');
		expect(markdownToText('Intro\n\n## Later heading').title).toBe('Later heading');
		expect(markdownToText('')).toEqual({ title: '', text: '' });
		expect(markdownToText('<p>only html</p>')).toEqual({ title: '', text: '' });
	});

	it('handles setext headings, task lists and loose lists', () => {
		const { title, text } = markdownToText('Title\n=====\n\n- [x] done\n- [ ] todo\n\n1. one\n\n   more of one\n2. two');
		expect(title).toBe('Title');
		expect(text).toBe('Title\n\ndone\n\ntodo\n\none\n\nmore of one\n\ntwo');
	});
});
