import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FILE_NAME_LENGTH, safeFileName } from './filename';
import { isGraphemeBoundary } from '../text/graphemes';
import { unicodeText } from '../testing/unicode';

describe('safeFileName', () => {
	it('keeps an ordinary title', () => {
		expect(safeFileName('Pentagon: no plans for troops', 'jsonl')).toBe('Pentagon no plans for troops.jsonl');
		expect(safeFileName('Kyiv 🇺🇦 update', '.jsonl')).toBe('Kyiv 🇺🇦 update.jsonl');
	});

	it('removes separators, Windows-illegal, control and bidi characters', () => {
		expect(safeFileName('../../etc/passwd', 'txt')).toBe('etc passwd.txt');
		expect(safeFileName('a<b>c:d"e|f?g*h\\i', 'txt')).toBe('a b c d e f g h i.txt');
		expect(safeFileName('report\u202Etxt.exe', 'jsonl')).toBe('report txt.exe.jsonl');
		expect(safeFileName('tab\tnew\r\nline\u0000nul\u0085', 'jsonl')).toBe('tab new line nul.jsonl');
		expect(safeFileName('  many    spaces  ', 'jsonl')).toBe('many spaces.jsonl');
	});

	it('falls back when nothing is left, and avoids device names', () => {
		expect(safeFileName('', 'jsonl')).toBe('spanwise-export.jsonl');
		expect(safeFileName(' /// ... ', 'jsonl')).toBe('spanwise-export.jsonl');
		expect(safeFileName('CON', 'txt')).toBe('CON-.txt');
		expect(safeFileName('title', '')).toBe('title');
	});

	it('cuts long titles to 80 characters on a grapheme boundary', () => {
		expect(safeFileName('x'.repeat(200), 'jsonl')).toBe(`${'x'.repeat(80)}.jsonl`);
		const family = safeFileName('👨‍👩‍👧'.repeat(20), 'jsonl');
		expect(family).toBe(`${'👨‍👩‍👧'.repeat(10)}.jsonl`);
	});

	it('is always safe', () => {
		fc.assert(
			fc.property(unicodeText(60), (title) => {
				const name = safeFileName(title, 'jsonl');
				expect(name.endsWith('.jsonl')).toBe(true);
				const base = name.slice(0, -'.jsonl'.length);
				expect(base.length).toBeGreaterThan(0);
				expect(base.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
				expect(base).not.toMatch(/[<>:"/\\|?*\p{Cc}\u202a-\u202e\u2066-\u2069]|\s\s|^[\s.]|[\s.]$/u);
				expect(isGraphemeBoundary(base, base.length)).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});
});
