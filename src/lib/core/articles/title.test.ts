import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_TITLE_LENGTH, titleFromText } from './title';
import { isGraphemeBoundary } from '../text/graphemes';
import { unicodeText } from '../testing/unicode';

describe('titleFromText', () => {
	it('takes the first non-empty line, trimmed', () => {
		expect(titleFromText('\n  \r\n\t Pentagon: no plans \r\nBody')).toBe('Pentagon: no plans');
		expect(titleFromText('One line')).toBe('One line');
		expect(titleFromText('')).toBe('');
		expect(titleFromText(' \n\t\r\n ')).toBe('');
	});

	it('cuts long lines to 120 code units without splitting a character', () => {
		expect(titleFromText('x'.repeat(300))).toBe('x'.repeat(120));
		const flags = 'x' + '🇺🇦'.repeat(100);
		const title = titleFromText(flags);
		expect(title.length).toBeLessThanOrEqual(120);
		expect(title.length).toBe(117);
	});

	it('is always a trimmed, grapheme-safe prefix of a line of the text', () => {
		fc.assert(
			fc.property(unicodeText(60), (text) => {
				const title = titleFromText(text);
				expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
				expect(title).toBe(title.trim());
				expect(title).not.toMatch(/[\r\n]/);
				if (title !== '') {
					const at = text.indexOf(title);
					expect(at).toBeGreaterThanOrEqual(0);
					expect(isGraphemeBoundary(text, at + title.length)).toBe(true);
				} else {
					expect(text.trim()).toBe('');
				}
			}),
			{ numRuns: 200 }
		);
	});
});
