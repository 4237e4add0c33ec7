import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unicodeText } from '../../testing/unicode';
import { tokenOffsets } from '../../text/tokenizer';
import type { Suggestion } from '../types';
import { builtinSuggestions } from './index';

const NEWS = 'Pentagon Press Secretary Major General Pat Ryder told reporters on Tuesday that the US would send $60.84 billion. “We will stay,” Ryder said. Ukraine’s budget rose 12 %, analysts said.';

/** Checks what every result must hold: source, labels, offsets on token edges, speakers among the actors. */
function checkWellFormed(text: string, suggestions: readonly Suggestion[]): void {
	const tokens = tokenOffsets(text);
	const starts = new Set<number>();
	const ends = new Set<number>();
	for (let k = 0; k < tokens.length; k += 2) {
		starts.add(tokens[k]);
		ends.add(tokens[k + 1]);
	}
	const actors = new Set(suggestions.filter((s) => s.label === 'actor').map((s) => `${s.start}:${s.end}`));
	for (const s of suggestions) {
		expect(s.source).toBe('builtin');
		expect(['actor', 'claim', 'figure']).toContain(s.label);
		expect(s.start).toBeLessThan(s.end);
		expect(starts.has(s.start) && ends.has(s.end)).toBe(true);
		expect(/['’]s$/.test(text.slice(s.start, s.end))).toBe(false);
		if (s.speaker) expect(actors.has(`${s.speaker.start}:${s.speaker.end}`)).toBe(true);
	}
	for (let k = 1; k < suggestions.length; k++) expect(suggestions[k - 1].start).toBeLessThanOrEqual(suggestions[k].start);
}

describe('builtinSuggestions', () => {
	it('suggests all three labels by default, each with its recognizer as why', () => {
		const suggestions = builtinSuggestions(NEWS);
		checkWellFormed(NEWS, suggestions);
		const read = suggestions.map((s) => `${s.label}/${s.why}: ${NEWS.slice(s.start, s.end)}`);
		expect(read).toContain('actor/person: Pentagon Press Secretary Major General Pat Ryder');
		expect(read).toContain('figure/money: $60.84 billion');
		expect(read).toContain('figure/date: Tuesday');
		expect(read).toContain('claim/quote: We will stay');
		expect(read).toContain('claim/speech-verb: the US would send $60.84 billion');
		expect(read).toContain('actor/speaker: analysts');
	});

	it('produces only the labels asked for', () => {
		expect(new Set(builtinSuggestions(NEWS, { labels: ['figure'] }).map((s) => s.label))).toEqual(new Set(['figure']));
		expect(new Set(builtinSuggestions(NEWS, { labels: ['actor', 'claim'] }).map((s) => s.label))).toEqual(new Set(['actor', 'claim']));
		expect(builtinSuggestions(NEWS, { labels: [] })).toEqual([]);
	});

	it('points each claim’s speaker at an actor suggestion', () => {
		const suggestions = builtinSuggestions(NEWS);
		const claim = suggestions.find((s) => s.label === 'claim' && NEWS.slice(s.start, s.end) === 'the US would send $60.84 billion');
		expect(claim?.speaker && NEWS.slice(claim.speaker.start, claim.speaker.end)).toBe('Pentagon Press Secretary Major General Pat Ryder');
		const quote = suggestions.find((s) => s.why === 'quote');
		expect(quote?.speaker && NEWS.slice(quote.speaker.start, quote.speaker.end)).toBe('Ryder');
	});

	it('follows personTitle in speakers too', () => {
		const suggestions = builtinSuggestions(NEWS, { personTitle: false });
		checkWellFormed(NEWS, suggestions);
		const claim = suggestions.find((s) => s.why === 'speech-verb' && s.speaker);
		expect(claim?.speaker && NEWS.slice(claim.speaker.start, claim.speaker.end)).toBe('Pat Ryder');
	});

	it('gives UTF-16 offsets after astral characters', () => {
		const text = '🇺🇦😀 The deficit will reach ₴1.2 trillion, Ukraine’s ministry said.';
		const suggestions = builtinSuggestions(text);
		checkWellFormed(text, suggestions);
		expect(suggestions.filter((s) => s.label === 'figure').map((s) => text.slice(s.start, s.end))).toEqual(['₴1.2 trillion']);
	});

	it('finds figures in every paragraph of a long article', () => {
		const text = Array.from({ length: 400 }, (_, k) => `Paragraph ${k}: prices rose ${k + 1}% on Monday, traders said.`).join('\n\n');
		const percents = builtinSuggestions(text, { labels: ['figure'] }).filter((s) => s.why === 'percent');
		expect(percents).toHaveLength(400);
		expect(text.slice(percents[399].start, percents[399].end)).toBe('400%');
	});

	it('returns nothing for an empty or blank text', () => {
		expect(builtinSuggestions('')).toEqual([]);
		expect(builtinSuggestions(' \n\t ')).toEqual([]);
	});

	it('keeps every suggestion on token edges for any text', () => {
		const pieces = fc.constantFrom(...NEWS.split(/(?<= )/u), '“', '”', '"', '’s', ' said', ', ', '. ', '\n\n');
		const text = fc.oneof(unicodeText(40), fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')));
		fc.assert(
			fc.property(text, (t) => {
				checkWellFormed(t, builtinSuggestions(t));
			}),
			{ numRuns: 150 }
		);
	});
});
