import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { looksBinary, parsePlainText } from './plain-text';
import { TRICKY_PIECES, unicodeText } from '../testing/unicode';

describe('parsePlainText', () => {
	it('takes the title from the first non-empty line and keeps it in the text', () => {
		expect(parsePlainText('\n  Pentagon: no plans  \n\nThe Pentagon said...\n')).toEqual({
			title: 'Pentagon: no plans',
			text: '\n  Pentagon: no plans  \n\nThe Pentagon said...\n',
			lineEndingsNormalised: false,
			skippedLines: 0
		});
	});

	it('skips one-word and boilerplate lines above the headline, and counts them', () => {
		const content = 'close\nclose\n\nNews Feed\n\nWhite House: Zelensky isn’t asking for US troops\n\n2 min read\nBody.';
		expect(parsePlainText(content)).toMatchObject({ title: 'White House: Zelensky isn’t asking for US troops', text: content, skippedLines: 3 });
	});

	it('drops a BOM and normalises CRLF and CR, saying so', () => {
		expect(parsePlainText('\ufeffTitle\r\nBody\rEnd')).toEqual({
			title: 'Title',
			text: 'Title\nBody\nEnd',
			lineEndingsNormalised: true,
			skippedLines: 0
		});
	});

	it('gives an empty title for an empty file', () => {
		expect(parsePlainText('')).toEqual({ title: '', text: '', lineEndingsNormalised: false, skippedLines: 0 });
	});

	it('changes nothing but the BOM and line endings', () => {
		fc.assert(
			fc.property(unicodeText(), (content) => {
				const { text, lineEndingsNormalised } = parsePlainText(content);
				expect(text.includes('\r')).toBe(false);
				expect(lineEndingsNormalised).toBe(content.includes('\r'));
				expect(text).toBe(content.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
			}),
			{ numRuns: 200 }
		);
	});
});

describe('looksBinary', () => {
	it('spots NULs and undecodable content', () => {
		expect(looksBinary('text\0more')).toBe(true);
		// A PNG decoded as UTF-8: signature, then mostly replacement characters and controls.
		const png = '\ufffdPNG\r\n\u001a\n' + '\u0000\u0000\u0000\rIHDR'.replace(/\0/g, '\u0001') + '\ufffd\u0003\u0002'.repeat(200);
		expect(looksBinary(png)).toBe(true);
		const pdf = '%PDF-1.7\n%\ufffd\ufffd\ufffd\ufffd\n' + '1 0 obj\n<< /Filter /FlateDecode >>\nstream\n' + '\ufffdx\u0001\ufffd\u0013\ufffd'.repeat(300);
		expect(looksBinary(pdf)).toBe(true);
	});

	it('accepts prose, even prose about file formats', () => {
		expect(looksBinary('')).toBe(false);
		expect(looksBinary('%PDF files start with "%PDF-1.7"; Blink is a browser engine.\n')).toBe(false);
		expect(looksBinary('Kyiv 🇺🇦\ttabs\fform feed\r\n中文 e\u0301')).toBe(false);
		expect(looksBinary('One odd \ufffd character in a long enough sentence is fine.')).toBe(false);
	});

	it('never calls text made of real-world pieces binary', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...TRICKY_PIECES)), (pieces) => {
				expect(looksBinary(pieces.join(''))).toBe(false);
			}),
			{ numRuns: 200 }
		);
	});
});
