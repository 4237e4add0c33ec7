import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from './html-entities';

describe('decodeHtmlEntities', () => {
	it('decodes named and numeric references', () => {
		expect(decodeHtmlEntities('AT&amp;T &lt;b&gt; &quot;x&quot; it&#39;s &apos;')).toBe('AT&T <b> "x" it\'s \'');
		expect(decodeHtmlEntities('&#123;&#x1F600;&#X1f1fa;&nbsp;&mdash;&hellip;')).toBe('{😀🇺\u00a0—…');
	});

	it('decodes only once', () => {
		expect(decodeHtmlEntities('&amp;lt;')).toBe('&lt;');
	});

	it('leaves unknown references, bare ampersands and bad numbers sensible', () => {
		expect(decodeHtmlEntities('R&D &bogus; &constructor; & x &amp')).toBe('R&D &bogus; &constructor; & x &amp');
		expect(decodeHtmlEntities('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
	});
});
