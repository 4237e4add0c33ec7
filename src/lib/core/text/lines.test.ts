import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseLineEndings, splitLines } from './lines';
import { unicodeText } from '../testing/unicode';

describe('splitLines', () => {
	it('gives one empty line for an empty text', () => {
		expect(splitLines('')).toEqual([{ start: 0, end: 0, next: 0 }]);
	});

	it('handles LF, CRLF and lone CR', () => {
		expect(splitLines('ab\ncd\r\nef\rg')).toEqual([
			{ start: 0, end: 2, next: 3 },
			{ start: 3, end: 5, next: 7 },
			{ start: 7, end: 9, next: 10 },
			{ start: 10, end: 11, next: 11 }
		]);
	});

	it('gives a final empty line after a trailing newline, and keeps blank lines', () => {
		expect(splitLines('a\n\nb\n')).toEqual([
			{ start: 0, end: 1, next: 2 },
			{ start: 2, end: 2, next: 3 },
			{ start: 3, end: 4, next: 5 },
			{ start: 5, end: 5, next: 5 }
		]);
		expect(splitLines('\r\n\r\n')).toHaveLength(3);
		expect(splitLines('\n\r')).toHaveLength(3);
	});

	it.each([
		['any text', unicodeText()],
		['text without CR (searched for LF only)', unicodeText().map((t) => t.replace(/\r/g, '\n'))]
	])('tiles the text: contents plus separators rebuild it exactly (%s)', (_, texts) => {
		fc.assert(
			fc.property(texts, (text) => {
				const lines = splitLines(text);
				expect(lines[0].start).toBe(0);
				let rebuilt = '';
				lines.forEach((line, i) => {
					const content = text.slice(line.start, line.end);
					const separator = text.slice(line.end, line.next);
					expect(content).not.toMatch(/[\r\n]/);
					expect(['', '\n', '\r', '\r\n']).toContain(separator);
					if (i + 1 < lines.length) {
						expect(lines[i + 1].start).toBe(line.next);
						expect(separator).not.toBe('');
					}
					rebuilt += content + separator;
				});
				expect(lines.at(-1)!.next).toBe(text.length);
				expect(rebuilt).toBe(text);
				expect(lines).toHaveLength(normaliseLineEndings(text).text.split('\n').length);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('normaliseLineEndings', () => {
	it('turns CRLF and CR into LF and says so', () => {
		expect(normaliseLineEndings('a\r\nb\rc\n')).toEqual({ text: 'a\nb\nc\n', changed: true });
		expect(normaliseLineEndings('a\r\r\nb')).toEqual({ text: 'a\n\nb', changed: true });
	});

	it('leaves LF text alone', () => {
		expect(normaliseLineEndings('a\nb')).toEqual({ text: 'a\nb', changed: false });
	});
});
