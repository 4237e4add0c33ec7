import { describe, expect, it } from 'vitest';
import type { Span } from '../types';
import { reanchorRecordSpans } from './records';

const span = (start: number, end: number, label = 'actor'): Span => ({ id: `s${start}`, articleId: 'a', start, end, label, annotator: 'jon', createdAt: 0, updatedAt: 0 });

describe('reanchorRecordSpans', () => {
	const source = 'Mayor Ada Brennan spoke.\r\nThe fishers said 40 boats would lose access.';
	const target = 'Mayor Ada Brennan spoke.\nThe fishers said 40 boats would lose access.';

	it('moves spans onto a copy with other line endings, unflagged', () => {
		// "40 boats" is at 43–51 in the CRLF source and 42–50 in the LF target (one \r less).
		const got = reanchorRecordSpans(source, target, [span(0, 17), span(43, 51, 'figure')]);
		expect(got?.unplaced).toEqual([]);
		expect(got?.flagged).toBe(0);
		expect(got?.spans.map((s) => [s.start, s.end, target.slice(s.start, s.end), s.flag])).toEqual([
			[0, 17, 'Mayor Ada Brennan', undefined],
			[42, 50, '40 boats', undefined]
		]);
	});

	it('flags what it places with low confidence and reports what it cannot place', () => {
		const edited = 'Mayor Ada Brenan spoke.\nThe fishers said 40 boats would lose access.';
		const got = reanchorRecordSpans(source, edited, [span(0, 17), span(43, 51, 'figure'), span(30, 37, 'claim')]);
		expect(got).not.toBeNull();
		const mayor = got!.spans.find((s) => s.label === 'actor');
		expect(mayor?.flag).toMatch(/^Re-anchored with low confidence: /);
		expect(got!.flagged).toBeGreaterThanOrEqual(1);
		expect(got!.spans.find((s) => s.label === 'figure')?.flag).toBeUndefined();
	});

	it('gives up (null) when most spans cannot be placed: not the same article', () => {
		expect(reanchorRecordSpans(source, 'Something else entirely, about trains.', [span(0, 17), span(43, 51)])).toBeNull();
	});
});
