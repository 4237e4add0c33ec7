import { describe, expect, it } from 'vitest';
import { isAnnotatorLayer, isGoldLayer, isSuggestionSource, layerKind, predictionSource } from './layers';

describe('layerKind', () => {
	it('tells gold, suggestion sources and people apart', () => {
		expect(layerKind('gold')).toBe('gold');
		expect(layerKind('maria')).toBe('annotator');
		expect(layerKind('builtin')).toBe('suggestion');
		expect(layerKind('mentions')).toBe('suggestion');
		expect(layerKind('patterns:actors.jsonl')).toBe('suggestion');
		expect(layerKind('prediction:ner-2')).toBe('suggestion');
	});

	it('needs a name after a prefix, and matches names exactly', () => {
		expect(layerKind('prediction:')).toBe('annotator');
		expect(layerKind('patterns:')).toBe('annotator');
		expect(layerKind('Gold')).toBe('annotator');
		expect(layerKind('builtins')).toBe('annotator');
		expect(isSuggestionSource('my prediction:x')).toBe(false);
	});

	it('answers the questions callers ask', () => {
		expect(isAnnotatorLayer('maria')).toBe(true);
		expect(isAnnotatorLayer('gold')).toBe(false);
		expect(isAnnotatorLayer('prediction:m')).toBe(false);
		expect(isGoldLayer('gold')).toBe(true);
		expect(isGoldLayer('maria')).toBe(false);
	});

	it('names a model’s predictions', () => {
		expect(predictionSource(' ner-2 ')).toBe('prediction:ner-2');
		expect(predictionSource('')).toBe('prediction:model');
		expect(layerKind(predictionSource('x'))).toBe('suggestion');
	});
});
