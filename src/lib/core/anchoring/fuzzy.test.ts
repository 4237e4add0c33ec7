import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzyFind } from './fuzzy';

/** Plain Levenshtein distance, the reference. */
function levenshtein(a: string, b: string): number {
	let row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const next = [i];
		for (let j = 1; j <= b.length; j++) {
			next[j] = Math.min(row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1);
		}
		row = next;
	}
	return row[b.length];
}

describe('fuzzyFind', () => {
	const text = 'Analysts in Kiev expect the vote to be delayed. Analysts in Lviv agree.';

	it('finds the pattern with a few edits, fewest edits first', () => {
		const matches = fuzzyFind('Analysts in Kyiv', text, 0, text.length, 3, 0);
		expect(matches.map((m) => [text.slice(m.start, m.end), m.distance])).toEqual([
			['Analysts in Kiev', 2],
			['Analysts in Lviv', 2]
		]);
	});

	it('prefers the match nearest to `near` among equals, and respects the limit', () => {
		const matches = fuzzyFind('Analysts in Kyiv', text, 0, text.length, 3, 60, 1);
		expect(matches).toHaveLength(1);
		expect(text.slice(matches[0].start, matches[0].end)).toBe('Analysts in Lviv');
	});

	it('finds nothing beyond the edit budget or outside the window', () => {
		expect(fuzzyFind('Analysts in Kyiv', text, 0, text.length, 1, 0)).toEqual([]);
		expect(fuzzyFind('Analysts in Kyiv', text, 20, 45, 3, 0)).toEqual([]);
		expect(fuzzyFind('', text, 0, text.length, 3, 0)).toEqual([]);
	});

	it('property: an exact occurrence inside the window is found with distance 0', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 40 }), fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 40 }), (before, pattern, after) => {
				const haystack = before + pattern + after;
				const matches = fuzzyFind(pattern, haystack, 0, haystack.length, 2, before.length);
				expect(matches[0].distance).toBe(0);
				expect(haystack.slice(matches[0].start, matches[0].end)).toBe(pattern);
			}),
			{ numRuns: 300 }
		);
	});

	it('property: the best match has the smallest edit distance of any substring, and reports it truly', () => {
		const alphabet = fc.constantFrom('a', 'b', 'c', ' ');
		fc.assert(
			fc.property(
				fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }),
				fc.string({ unit: alphabet, maxLength: 16 }),
				fc.nat({ max: 3 }),
				(pattern, haystack, budget) => {
					let best = Infinity;
					for (let s = 0; s < haystack.length; s++) {
						for (let e = s + 1; e <= haystack.length; e++) best = Math.min(best, levenshtein(pattern, haystack.slice(s, e)));
					}
					const matches = fuzzyFind(pattern, haystack, 0, haystack.length, budget, 0);
					if (best > budget) expect(matches).toEqual([]);
					else expect(matches[0]?.distance).toBe(best);
					for (const match of matches) {
						expect(levenshtein(pattern, haystack.slice(match.start, match.end))).toBeLessThanOrEqual(match.distance);
					}
				}
			),
			{ numRuns: 500 }
		);
	});
});
