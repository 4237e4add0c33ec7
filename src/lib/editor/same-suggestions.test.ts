import { describe, expect, it } from 'vitest';
import { sameSuggestions, type SuggestionList, type SuggestionMark } from './highlight-renderer';

const mark = (id: string, start: number, end: number, label = 'actor', correction = false): SuggestionMark => ({ id, start, end, label, correction });
const list = (marks: SuggestionMark[]): SuggestionList => ({ list: marks, longest: marks.reduce((n, m) => Math.max(n, m.end - m.start), 0) });

describe('sameSuggestions', () => {
	const long = mark('long', 0, 40);
	const base = [long, mark('a', 5, 8), mark('b', 22, 25), mark('c', 60, 64)];
	const block = { from: 20, to: 50 };

	it('is true for the same marks over the range, as the same objects or equal copies', () => {
		expect(sameSuggestions(list(base), list([...base]), block)).toBe(true);
		expect(sameSuggestions(list(base), list(base.map((m) => ({ ...m }))), block)).toBe(true);
	});

	it('looks only at marks that reach into the range, a long one from before it included', () => {
		expect(sameSuggestions(list(base), list([long, mark('a', 5, 9), base[2], mark('c', 61, 64)]), block)).toBe(true);
		expect(sameSuggestions(list(base), list([mark('long', 0, 41), ...base.slice(1)]), block)).toBe(false);
	});

	it('is false when a mark in the range changes, comes or goes', () => {
		expect(sameSuggestions(list(base), list([long, base[1], mark('b', 22, 25, 'claim'), base[3]]), block)).toBe(false);
		expect(sameSuggestions(list(base), list([long, base[1], mark('b', 22, 25, 'actor', true), base[3]]), block)).toBe(false);
		expect(sameSuggestions(list(base), list([long, base[1], base[2], mark('d', 30, 33), base[3]]), block)).toBe(false);
		expect(sameSuggestions(list(base), list([long, base[1], base[3]]), block)).toBe(false);
		expect(sameSuggestions(list([]), list([]), block)).toBe(true);
	});
});
