import { describe, expect, it } from 'vitest';
import { addReport, emptyReport, RENEWED_LISTED, renewedDetails, renewedSummary } from './report';

describe('import report', () => {
	it('says how many span ids were renewed, and names them', () => {
		expect(renewedSummary(emptyReport())).toBeNull();
		expect(renewedSummary({ spanIdsRenewed: 1 })).toBe('renewed 1 span id already used by stored spans of other content (all of those spans were kept)');
		expect(renewedSummary({ spanIdsRenewed: 14 })).toMatch(/^renewed 14 span ids /);
		const report = { spanIdsRenewed: 3, renewedIds: ['T: s-1 → s-9', 'T: s-2 → s-8', 'T: s-3 → s-7'] };
		expect(renewedDetails(report)).toEqual(['Renewed span id — T: s-1 → s-9', 'Renewed span id — T: s-2 → s-8', 'Renewed span id — T: s-3 → s-7']);
		expect(renewedDetails(report, 1)).toEqual(['Renewed span id — T: s-1 → s-9', '…and 2 more renewed span ids']);
	});

	it('adds chunks up, listing at most RENEWED_LISTED ids while counting all', () => {
		const total = emptyReport();
		const part = { ...emptyReport(), spansAdded: 2, spanIdsRenewed: RENEWED_LISTED, renewedIds: Array.from({ length: RENEWED_LISTED }, (_, i) => `T: ${i}`) };
		addReport(total, part);
		addReport(total, { ...part, mergedTitles: ['T'], merged: 1 });
		expect(total).toMatchObject({ spansAdded: 4, spanIdsRenewed: 2 * RENEWED_LISTED, merged: 1, mergedTitles: ['T'] });
		expect(total.renewedIds).toHaveLength(RENEWED_LISTED);
		expect(renewedDetails(total).at(-1)).toBe(`…and ${RENEWED_LISTED} more renewed span ids`);
	});
});
