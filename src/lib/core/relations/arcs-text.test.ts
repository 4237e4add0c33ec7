import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quoteText, relationName } from './arcs-text';
import { isGraphemeBoundary } from '../text/graphemes';

describe('quoteText', () => {
	it('keeps short texts whole, with white space made single spaces', () => {
		expect(quoteText('  Kyiv\n said ')).toBe('Kyiv said');
	});

	it('cuts long texts after a word, with an ellipsis', () => {
		expect(quoteText('the package would arrive within weeks, officials said', 22)).toBe('the package would…');
		expect(quoteText('the package would arrive within weeks', 24)).toBe('the package would arrive…');
	});

	it('never cuts inside a grapheme cluster', () => {
		expect(quoteText('abc👨‍👩‍👧def', 5)).toBe('abc…');
		expect(quoteText('🇺🇦🇺🇦🇺🇦', 3)).toBe('🇺🇦…');
	});

	it('keeps one cluster longer than the limit whole', () => {
		expect(quoteText('👨‍👩‍👧👨‍👩‍👧', 2)).toBe('👨‍👩‍👧…');
	});

	it('property: the quote is a prefix of the flattened text cut on a grapheme boundary', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (text, max) => {
				const flat = text.replace(/\s+/g, ' ').trim();
				const quote = quoteText(text, max);
				if (flat.length <= max) {
					expect(quote).toBe(flat);
					return;
				}
				expect(quote.endsWith('…')).toBe(true);
				const kept = quote.slice(0, -1);
				expect(flat.startsWith(kept)).toBe(true);
				expect(isGraphemeBoundary(flat, kept.length)).toBe(true);
			})
		);
	});
});

describe('relationName', () => {
	it('names the type and both ends, with the direction', () => {
		expect(relationName('source', 'the package would arrive within weeks', 'Kyiv', true, 20)).toBe('source: “the package would…” → “Kyiv”');
		expect(relationName('same-as', 'Ryder', 'he', false)).toBe('same-as: “Ryder” ↔ “he”');
	});
});
