import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupLines, lanesInGap, laneY } from './arcs-lines';
import { DEFAULT_ARC_METRICS } from './arcs-types';

const box = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom });

describe('groupLines', () => {
	it('puts boxes sharing a vertical band on one line, top to bottom', () => {
		const a = box(0, 10, 50, 30);
		const b = box(80, 10, 120, 30);
		const c = box(0, 50, 40, 70);
		const lines = groupLines([c, b, a]);
		expect(lines.map((l) => l.boxes)).toEqual([[a, b], [c]]);
		expect(lines[0]).toMatchObject({ top: 10, bottom: 30 });
	});

	it('property: every box is in exactly one line, and lines do not overlap', () => {
		const boxArb = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 600 })).map(([line, x]) => box(x, line * 40 + 10, x + 20, line * 40 + 30));
		fc.assert(
			fc.property(fc.array(boxArb, { maxLength: 40 }), (boxes) => {
				const lines = groupLines(boxes);
				expect(lines.flatMap((l) => l.boxes).length).toBe(boxes.length);
				for (let i = 1; i < lines.length; i++) expect(lines[i].top).toBeGreaterThanOrEqual(lines[i - 1].bottom);
			})
		);
	});
});

describe('lanes', () => {
	it('fit two lanes in the gap of the editor’s 2.2 line height, four at 2.7', () => {
		// 1.12rem text: a 20.6 px glyph box in 39.4 px (2.2) or 48.4 px (2.7) lines.
		expect(lanesInGap(39.4 - 20.6, DEFAULT_ARC_METRICS)).toBe(2);
		expect(lanesInGap(48.4 - 20.6, DEFAULT_ARC_METRICS)).toBe(4);
		expect(lanesInGap(0, DEFAULT_ARC_METRICS)).toBe(1);
	});

	it('keep the top lane’s chip out of the line above', () => {
		for (let gap = 8; gap < 60; gap += 0.5) {
			const top = lanesInGap(gap, DEFAULT_ARC_METRICS) - 1;
			const chipTop = -(DEFAULT_ARC_METRICS.laneBase + top * DEFAULT_ARC_METRICS.lanePitch + DEFAULT_ARC_METRICS.chipHeight / 2);
			expect(chipTop).toBeGreaterThanOrEqual(-gap - 2);
		}
	});

	it('stack upwards from the glyphs, lane 0 nearest', () => {
		const line = { top: 100, bottom: 120, boxes: [] };
		expect(laneY(line, 0, DEFAULT_ARC_METRICS)).toBe(100 - DEFAULT_ARC_METRICS.laneBase);
		expect(laneY(line, 1, DEFAULT_ARC_METRICS)).toBeLessThan(laneY(line, 0, DEFAULT_ARC_METRICS));
	});
});
