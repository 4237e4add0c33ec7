import { describe, expect, it } from 'vitest';
import { checkAnnotatorName } from './annotators';

describe('checkAnnotatorName', () => {
	it('accepts ordinary names and refuses empty, long, control and bidi-override names', () => {
		expect(checkAnnotatorName('María José')).toBeNull();
		expect(checkAnnotatorName('  ')).toBe('Enter a name.');
		expect(checkAnnotatorName('x'.repeat(61))).toBe('Use at most 60 characters.');
		expect(checkAnnotatorName('a\u0007b')).toMatch(/not allowed/);
		expect(checkAnnotatorName('evil\u202Eman')).toMatch(/not allowed/);
		expect(checkAnnotatorName('Gold')).toMatch(/reviewed layer/);
		expect(checkAnnotatorName('builtin')).toMatch(/source of suggestions/);
		expect(checkAnnotatorName('prediction:ner-v2')).toMatch(/source of suggestions/);
		expect(checkAnnotatorName('prediction')).toBeNull();
	});
});
