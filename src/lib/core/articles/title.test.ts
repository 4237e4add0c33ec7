import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HEADLINE_SEARCH_LINES, MAX_TITLE_LENGTH, headlineFromText, isBoilerplateLine, parseTitle, titleFromText } from './title';
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
		expect(titleFromText('x'.repeat(300))).toBe('x'.repeat(119) + '…');
		// A long first line (a lede, not a headline) is cut between words, and says so.
		const lede = 'The US has “no plans” to send troops to fight in Ukraine, the Pentagon said Tuesday, joining other Western nations in denying plans.';
		const cut = titleFromText(lede);
		expect(cut).toBe('The US has “no plans” to send troops to fight in Ukraine, the Pentagon said Tuesday, joining other Western nations in…');
		expect(cut.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
		const flags = 'x' + '🇺🇦'.repeat(100);
		const title = titleFromText(flags);
		expect(title.length).toBeLessThanOrEqual(120);
		// 'x' and 29 whole flags (4 code units each), then the ellipsis.
		expect(title).toBe('x' + '🇺🇦'.repeat(29) + '…');
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

describe('isBoilerplateLine', () => {
	it('knows one-word lines and the furniture of news pages', () => {
		for (const line of ['close', 'Share', '  Menu ', 'News Feed', 'news feed:', 'Skip to main content', '2 min read', '10 minutes read', 'ADVERTISEMENT', 'Pentagon']) {
			expect(isBoilerplateLine(line), line).toBe(true);
		}
	});

	it('takes lines of two words or more that are not furniture as possible headlines', () => {
		for (const line of ['US troops', 'The US plans to send additional military personnel to Kiev', 'Share prices fall', 'Closing arguments begin']) {
			expect(isBoilerplateLine(line), line).toBe(false);
		}
	});
});

describe('headlineFromText', () => {
	it('skips boilerplate lines above the headline', () => {
		expect(headlineFromText('close\nclose\n\nThe US plans to send additional military personnel to Kiev\n\nThe United States is considering…')).toEqual({
			title: 'The US plans to send additional military personnel to Kiev',
			skipped: 2
		});
		expect(headlineFromText('News Feed\r\n\r\nWhite House: Zelensky isn’t asking for US troops in Ukraine\r\n\r\n2 min read')).toEqual({
			title: 'White House: Zelensky isn’t asking for US troops in Ukraine',
			skipped: 1
		});
		expect(headlineFromText('Share\nMenu\nSkip to main content\nRail strike called off\nBody')).toEqual({ title: 'Rail strike called off', skipped: 3 });
	});

	it('keeps the first line when it already looks like a headline', () => {
		expect(headlineFromText('Pentagon: no plans\nShare\nBody')).toEqual({ title: 'Pentagon: no plans', skipped: 0 });
	});

	it('falls back to the first non-empty line when no line looks like a headline', () => {
		expect(headlineFromText('close\nShare\n')).toEqual({ title: 'close', skipped: 0 });
		expect(headlineFromText('')).toEqual({ title: '', skipped: 0 });
	});

	it('looks only at the first lines, so a body sentence far down is not taken', () => {
		const text = 'close\n'.repeat(HEADLINE_SEARCH_LINES) + 'A sentence far below\n';
		expect(headlineFromText(text)).toEqual({ title: 'close', skipped: 0 });
	});

	it('always gives a trimmed, grapheme-safe part of one line of the text', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.constantFrom('close', 'News Feed', 'Share', '', '  '), unicodeText(30)), { maxLength: 8 }), (lines) => {
				const text = lines.join('\n');
				const { title, skipped } = headlineFromText(text);
				expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
				expect(title).toBe(title.trim());
				expect(title).not.toMatch(/[\r\n]/);
				expect(skipped).toBeGreaterThanOrEqual(0);
				if (title !== '') {
					const at = text.indexOf(title);
					expect(at).toBeGreaterThanOrEqual(0);
					expect(isGraphemeBoundary(text, at + title.length)).toBe(true);
				} else expect(text.trim()).toBe('');
			}),
			{ numRuns: 200 }
		);
	});
});

describe('parseTitle', () => {
	it('trims and flattens line breaks', () => {
		expect(parseTitle('  Rail strike\r\ncalled off\t ')).toEqual({ ok: 'Rail strike called off' });
	});

	it('refuses an empty or overlong title, saying why', () => {
		expect(parseTitle(' \n ')).toEqual({ error: 'A title cannot be empty.' });
		expect(parseTitle('x'.repeat(301)).error).toBe('A title can have at most 300 characters (this one has 301).');
		expect(parseTitle('x'.repeat(300))).toEqual({ ok: 'x'.repeat(300) });
	});
});
