/**
 * The boxes of arc layout that are not chips on arcs: end markers at the edges of the view, "+n"
 * counts for what did not fit, and count badges on spans whose links are not drawn.
 */
import { ChipSpace, slide } from './arcs-chips';
import { centredBox, clamp, type Box } from './arcs-geometry';
import { RELATION_DISPLAY_MODES, linkCounts } from './arcs-display';
import { quoteText } from './arcs-text';
import { laneY, type ArcLine } from './arcs-lines';
import type { ArcLayoutInput, ArcMetrics, EndMarker, LinkBadge, Overflow, Plan } from './arcs-types';

export function placeMarkers(plans: Plan[], edge: 'top' | 'bottom', input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace, out: EndMarker[], overflows: Overflow[]): void {
	const { viewport, gutter } = input;
	const right = gutter.side === 'right';
	const lost: string[] = [];
	let slot = 0;
	for (const plan of plans) {
		const toTail = plan.headPort !== null;
		const other = toTail ? plan.tail : plan.head;
		// As much of the other end's text as fits in the gutter (or the widest marker, if the gutter is narrower).
		const room = Math.min(m.maxMarkerWidth, Math.max(Math.abs(gutter.far - gutter.near), 100));
		const textFor = (length: number) => `${edge === 'top' ? '↑' : '↓'} “${quoteText(other.text, length)}”`;
		let length = m.quoteLength;
		let text = textFor(length);
		while (input.chipWidth(text) > room && length > 8) text = textFor((length -= 2));
		const w = Math.min(input.chipWidth(text), room);
		let box: Box | null = null;
		while (!box && slot < m.maxMarkers) {
			const top = edge === 'top' ? viewport.top + m.gap + slot * (m.markerHeight + m.gap * 2) : viewport.bottom - m.gap - (slot + 1) * m.markerHeight - slot * m.gap * 2;
			// From the gutter's inner edge outwards (over the text only when the gutter is too narrow), so
			// the tracks the runs come up end under the marker.
			const left = right ? Math.min(gutter.far - w, gutter.near) : Math.max(gutter.far, gutter.near - w);
			box = space.place([{ left, top, right: left + w, bottom: top + m.markerHeight }]);
			slot++;
		}
		if (!box) {
			lost.push(plan.relation.id);
			plan.hidden = true;
			continue;
		}
		const dir = !plan.relation.directed ? '↔' : toTail ? '→' : '←';
		const where = edge === 'top' ? 'above' : 'below';
		out.push({ ...box, relationId: plan.relation.id, spanId: other.spanId, edge, text, color: plan.relation.color, state: plan.state, name: `${plan.relation.label} ${dir} “${quoteText(other.text)}”, ${where}: go there` });
	}
	if (!lost.length) return;
	const text = `+${lost.length}`;
	const w = input.chipWidth(text);
	// On the last marker's row, slid towards the text until clear of it.
	const row = m.maxMarkers - 1;
	const top = edge === 'top' ? viewport.top + m.gap + row * (m.markerHeight + m.gap * 2) : viewport.bottom - m.gap - (row + 1) * m.markerHeight - row * m.gap * 2;
	const start = right ? Math.max(gutter.far, gutter.near) - w : Math.min(gutter.far, gutter.near);
	const xs = right ? [...slide(start, input.column.left, start, 8)] : [...slide(start, start, input.column.right - w, 8)];
	const candidates = xs.map((x) => ({ left: x, top, right: x + w, bottom: top + m.markerHeight }));
	const box = space.place(candidates);
	if (box) overflows.push({ ...box, count: lost.length, relationIds: lost, text, name: `${lost.length} more ${lost.length === 1 ? 'link' : 'links'} ${edge === 'top' ? 'above' : 'below'}` });
}

/**
 * Where a run to an end marker meets it, and which way the run goes there: into the marker's near
 * edge from the line's connector (1 down, -1 up), or, for a line under the marker itself, straight
 * into its side (0: the run has no length).
 */
export function markerAttach(plan: Plan, markers: readonly EndMarker[], m: ArcMetrics): { y: number; dir: 1 | -1 | 0 } {
	const marker = markers.find((mk) => mk.relationId === plan.relation.id)!;
	const port = (plan.headPort ?? plan.tailPort)!;
	const from = laneY(port.line, port.lane, m);
	if (from < marker.top) return { y: marker.top, dir: 1 };
	if (from > marker.bottom) return { y: marker.bottom, dir: -1 };
	return { y: from, dir: 0 };
}

export function placeLineOverflow(line: ArcLine, hidden: string[], input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace, out: Overflow[]): void {
	const text = `+${hidden.length}`;
	const w = input.chipWidth(text);
	const y = laneY(line, 0, m) - (m.lanePitch * (m.maxLanes - 1)) / 2;
	const last = Math.max(...line.boxes.map((b) => b.right));
	const candidates = [...slide(last + w / 2, input.column.left + w / 2, input.column.right - w / 2, 6)].map((x) => centredBox(x, y, w, m.chipHeight));
	const box = space.place(candidates);
	const count = hidden.length;
	if (box) out.push({ ...box, count, relationIds: hidden, text, name: `${count} more ${count === 1 ? 'link' : 'links'} on this line` });
	// No room on the line: counted with the view's other links that did not fit, in the gutter.
	else placeGutterOverflow(hidden, input, m, space, out);
}

export function placeGutterOverflow(lost: string[], input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace, out: Overflow[]): void {
	const text = `+${lost.length}`;
	const w = input.chipWidth(text);
	const { gutter, column, viewport } = input;
	// In the gutter's middle, or as near it as the chip fits; then anywhere in view, nearest first.
	const lo = Math.min(column.left, gutter.far) + w / 2;
	const hi = Math.max(column.right, gutter.far) - w / 2;
	const x = clamp((gutter.near + gutter.far) / 2, lo, hi);
	const ys = [...slide((viewport.top + viewport.bottom) / 2, viewport.top + m.chipHeight, viewport.bottom - m.chipHeight, 6)];
	const box = space.place((function* () {
		for (const cx of slide(x, lo, Math.max(lo, hi), 12)) for (const y of ys) yield centredBox(cx, y, w, m.chipHeight);
	})());
	const count = lost.length;
	if (box) out.push({ ...box, count, relationIds: lost, text, name: `${count} more ${count === 1 ? 'link' : 'links'} in view` });
}

/** Count badges over the spans in view that have links, except the selected span where its links are drawn. */
export function placeBadges(input: ArcLayoutInput, visible: ReadonlyMap<string, Box[]>, m: ArcMetrics, space: ChipSpace): LinkBadge[] {
	const counts = linkCounts(input.relations);
	const drawsSelected = RELATION_DISPLAY_MODES[input.mode].arcs === 'selected';
	const badges: LinkBadge[] = [];
	for (const [spanId, boxes] of visible) {
		const count = counts.get(spanId);
		if (!count || (drawsSelected && spanId === input.selectedSpanId)) continue;
		const text = String(count);
		const w = Math.max(m.chipHeight, input.chipWidth(text));
		const b = boxes[0];
		const y = b.top - m.chipHeight / 2;
		const candidates = [...slide(b.right, b.left + w / 2, clamp(b.right + w, b.left, input.column.right), 3)].map((x) => centredBox(x, y, w, m.chipHeight));
		const box = space.place(candidates);
		if (box) badges.push({ ...box, spanId, count, text, name: `${count} ${count === 1 ? 'link' : 'links'}` });
	}
	return badges;
}
