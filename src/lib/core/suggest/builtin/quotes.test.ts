import { describe, expect, it } from 'vitest';
import { analyze, rangeText } from './analysis';
import { findQuotations } from './quotes';

/** The quotations of `text`, each as its marks and what is between them. */
function quotations(text: string): string[] {
	const a = analyze(text);
	return findQuotations(a).map((q) => rangeText(a, { from: q.open, to: q.close + 1 }));
}

describe('findQuotations', () => {
	it('pairs curly quote marks', () => {
		expect(quotations('“We stay,” he said. “We go,” she said.')).toEqual(['“We stay,”', '“We go,”']);
	});

	it('pairs straight quote marks in turn', () => {
		expect(quotations('"It is over", she said, and "done".')).toEqual(['"It is over"', '"done"']);
	});

	it('leaves a quotation open at a paragraph’s end unpaired', () => {
		expect(quotations('“We will stay.\n\n“And fight,” he said.')).toEqual(['“And fight,”']);
	});

	it('does not read an apostrophe as a quote mark', () => {
		expect(quotations('Ukraine’s ‘allies’ said so.')).toEqual([]);
	});
});
