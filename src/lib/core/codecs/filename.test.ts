import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FILE_NAME_LENGTH, exportFileName, safeFileName } from './filename';
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

describe('exportFileName', () => {
	const date = new Date('2026-12-01T09:30:00Z');

	it('says format, scope and date', () => {
		expect(exportFileName({ format: 'prodigy', scope: { kind: 'all' }, date, extension: 'jsonl' })).toBe('spanwise-prodigy-all-2026-12-01.jsonl');
		expect(exportFileName({ format: 'jsonl', scope: { kind: 'selection', count: 3 }, date, extension: '.jsonl' })).toBe('spanwise-jsonl-3-articles-2026-12-01.jsonl');
		expect(exportFileName({ format: 'brat', scope: { kind: 'selection', count: 1 }, date, extension: 'zip' })).toBe('spanwise-brat-1-article-2026-12-01.zip');
	});

	it('names the article by its title and the layer when only one is exported', () => {
		expect(exportFileName({ format: 'jsonl', scope: { kind: 'article', title: 'Harbour council: $12.5 million barrier' }, layer: 'maria', date, extension: 'jsonl' })).toBe(
			'spanwise-jsonl-Harbour-council-$12.5-million-barrier-maria-2026-12-01.jsonl'
		);
		expect(exportFileName({ format: 'prodigy', scope: { kind: 'all' }, layer: 'gold', date, extension: 'jsonl' })).toBe('spanwise-prodigy-all-gold-2026-12-01.jsonl');
	});

	it('makes every part safe and keeps long titles short', () => {
		expect(exportFileName({ format: 'jsonl', scope: { kind: 'article', title: '../../etc/passwd\u202E' }, layer: 'a/b', date, extension: 'jsonl' })).toBe(
			'spanwise-jsonl-etc-passwd-a-b-2026-12-01.jsonl'
		);
		expect(exportFileName({ format: 'jsonl', scope: { kind: 'article', title: ' /// ' }, date, extension: 'jsonl' })).toBe('spanwise-jsonl-article-2026-12-01.jsonl');
		const long = exportFileName({ format: 'jsonl', scope: { kind: 'article', title: 'word '.repeat(40) }, date, extension: 'jsonl' });
		expect(long).toMatch(/^spanwise-jsonl-(word-)+word-2026-12-01\.jsonl$/);
	});

	it('is always a safe name that starts with spanwise and ends with the date and extension', () => {
		fc.assert(
			fc.property(unicodeText(60), fc.option(unicodeText(20), { nil: undefined }), (title, layer) => {
				const name = exportFileName({ format: 'prodigy', scope: { kind: 'article', title }, layer, date, extension: 'jsonl' });
				expect(name).toMatch(/^spanwise-prodigy-.+-2026-12-01\.jsonl$/u);
				expect(name).not.toMatch(/[<>:"/\\|?*\p{Cc}\u202a-\u202e\u2066-\u2069\s]/u);
				expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH + '.jsonl'.length);
			}),
			{ numRuns: 200 }
		);
	});
});
