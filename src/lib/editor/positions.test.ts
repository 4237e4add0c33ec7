import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextPositions } from './positions';
import { unicodeText } from '$lib/core/testing/unicode';

/** Texts with many short lines (and CRLF, CR, blank lines), so that small blocks split them often. */
const lineyText = fc
	.array(fc.tuple(unicodeText(4), fc.constantFrom('\n', '\r\n', '\r', '\n\n')), { maxLength: 30 })
	.map((parts) => parts.map(([a, b]) => a + b).join(''));

describe('TextPositions', () => {
	it('groups lines in blocks by size and addresses each line in its block', () => {
		const text = ['aaaa', 'bb', 'cccc', '', 'dddddd', 'e'].join('\n');
		const positions = new TextPositions(text, 6);
		// Blocks close once they hold 6 characters: [aaaa bb] [cccc '' dddddd] [e]
		expect(positions.blockCount).toBe(3);
		expect(positions.doc.childCount).toBe(3);
		expect(positions.doc.child(0).childCount).toBe(2);
		expect(positions.doc.child(1).childCount).toBe(3);
		expect(positions.blockOf(0)).toEqual({ block: 0, index: 0 });
		expect(positions.blockOf(3)).toEqual({ block: 1, index: 1 });
		expect(positions.blockOf(5)).toEqual({ block: 2, index: 0 });
		expect(positions.doc.child(1).attrs).toEqual({ chars: 10, lines: 3 });
		expect(positions.doc.textBetween(0, positions.doc.content.size, '\n')).toBe(text);
	});

	it('maps every offset to a position whose text matches, and back (any block size)', () => {
		fc.assert(
			fc.property(lineyText, fc.integer({ min: 1, max: 40 }), (text, blockChars) => {
				const positions = new TextPositions(text, blockChars);
				const { doc, lines } = positions;
				let previous = -1;
				for (let offset = 0; offset <= text.length; offset++) {
					const pos = positions.toPos(offset);
					// Monotonic, inside the document, and in a text block.
					expect(pos).toBeGreaterThanOrEqual(previous);
					previous = pos;
					const $pos = doc.resolve(pos);
					expect($pos.parent.type.name).toBe('paragraph');
					const line = lines[positions.lineOfOffset(offset)];
					// The paragraph holds the line's text, and the position sits at the offset's column.
					expect($pos.parent.textContent).toBe(text.slice(line.start, line.end));
					expect($pos.parentOffset).toBe(Math.min(offset, line.end) - line.start);
					// Offsets outside separators come back unchanged; inside one they come back as the line's end.
					expect(positions.toOffset(pos)).toBe(Math.min(offset, line.end));
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('maps every position to an offset in the text, in order', () => {
		fc.assert(
			fc.property(lineyText, fc.integer({ min: 1, max: 40 }), (text, blockChars) => {
				const positions = new TextPositions(text, blockChars);
				let previous = 0;
				for (let pos = 0; pos <= positions.doc.content.size; pos++) {
					const offset = positions.toOffset(pos);
					expect(offset).toBeGreaterThanOrEqual(previous);
					expect(offset).toBeLessThanOrEqual(text.length);
					previous = offset;
				}
			}),
			{ numRuns: 200 }
		);
	});
});
