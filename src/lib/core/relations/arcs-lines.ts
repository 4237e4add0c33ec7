/**
 * Groups span boxes into the text lines they sit on: arcs between boxes of one line go in the lanes
 * above it, others through the gutter. Boxes of one line share their vertical band (same font and
 * line height); a box joins a line when its middle lies inside the line's band.
 */
import type { Box } from './arcs-geometry';
import type { ArcMetrics } from './arcs-types';

/** One line of text as far as arcs are concerned: the band its boxes cover, and the boxes. */
export interface ArcLine {
	readonly top: number;
	readonly bottom: number;
	readonly boxes: readonly Box[];
}

/** The lines `boxes` lie on, top to bottom; every box is in exactly one line. */
export function groupLines(boxes: readonly Box[]): ArcLine[] {
	const sorted = [...boxes].sort((a, b) => a.top - b.top || a.left - b.left);
	const lines: { top: number; bottom: number; boxes: Box[] }[] = [];
	for (const box of sorted) {
		const middle = (box.top + box.bottom) / 2;
		const line = lines[lines.length - 1];
		if (line && middle >= line.top && middle <= line.bottom) {
			line.boxes.push(box);
			line.top = Math.min(line.top, box.top);
			line.bottom = Math.max(line.bottom, box.bottom);
		} else lines.push({ top: box.top, bottom: box.bottom, boxes: [box] });
	}
	return lines;
}

/** The height of lane `lane` above `line` (lane 0 nearest the glyphs; -1, no lane, counts as 0). */
export function laneY(line: ArcLine, lane: number, m: ArcMetrics): number {
	return line.top - m.laneBase - Math.max(0, lane) * m.lanePitch;
}

/**
 * How many lanes fit in `gap` px between the bottom of one line's glyphs and the top of the next's:
 * the top lane's chip may reach 2 px into the line above's box (its descender room), never further.
 * At least one, so a link always has somewhere to go.
 */
export function lanesInGap(gap: number, m: Pick<ArcMetrics, 'laneBase' | 'lanePitch' | 'chipHeight'>): number {
	return Math.max(1, Math.floor((gap + 2 - m.laneBase - m.chipHeight / 2) / m.lanePitch) + 1);
}
