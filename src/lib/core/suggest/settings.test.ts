import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGEST_PREFS, MAX_PREANNOTATION_WORKERS, preannotationWorkers, readSuggestPrefs, sourceGroup, suggestionOn, switchSuggestions } from './settings';

describe('suggestion preferences', () => {
	it('switches a whole source, or one label of it', () => {
		const noBuiltinFigures = switchSuggestions(DEFAULT_SUGGEST_PREFS, 'builtin', 'figure', false);
		expect(suggestionOn(noBuiltinFigures, 'builtin', 'figure')).toBe(false);
		expect(suggestionOn(noBuiltinFigures, 'builtin', 'actor')).toBe(true);
		expect(suggestionOn(noBuiltinFigures, 'mentions', 'figure')).toBe(true);
		const noBuiltin = switchSuggestions(noBuiltinFigures, 'builtin', null, false);
		expect(suggestionOn(noBuiltin, 'builtin', 'actor')).toBe(false);
		expect(suggestionOn(switchSuggestions(noBuiltin, 'builtin', null, true), 'builtin', 'actor')).toBe(true);
	});

	it('switches every model’s predictions together', () => {
		expect(sourceGroup('prediction:ner-2')).toBe('prediction');
		expect(sourceGroup('patterns:a.jsonl')).toBe('patterns:a.jsonl');
		const off = switchSuggestions(DEFAULT_SUGGEST_PREFS, 'prediction', null, false);
		expect(suggestionOn(off, 'prediction:ner-2', 'actor')).toBe(false);
		expect(suggestionOn(off, 'patterns:a.jsonl', 'actor')).toBe(true);
	});

	it('reads stored values leniently', () => {
		expect(readSuggestPrefs(null)).toEqual(DEFAULT_SUGGEST_PREFS);
		expect(readSuggestPrefs({ off: ['builtin', 3], personTitle: false, countNoun: 'yes', mentionsCase: 'ignore' })).toEqual({ off: ['builtin'], personTitle: false, countNoun: false, mentionsCase: 'ignore' });
	});
});

describe('preannotationWorkers', () => {
	it('runs one worker per core, at least one and at most the cap, whatever the browser says', () => {
		expect(preannotationWorkers(2)).toBe(2);
		expect(preannotationWorkers(1)).toBe(1);
		expect(preannotationWorkers(64)).toBe(MAX_PREANNOTATION_WORKERS);
		expect(preannotationWorkers(undefined)).toBe(1);
		expect(preannotationWorkers(0)).toBe(1);
		expect(preannotationWorkers(Number.NaN)).toBe(1);
		expect(preannotationWorkers(3.5)).toBe(3);
	});
});
