/**
 * Arc layout: where the relations in view are drawn over the text, as plain data (polylines, path
 * strings, chip boxes, end markers) an SVG overlay renders and a test checks without a DOM.
 *
 * - Both ends on one line: the arc runs in a lane above that line, lanes packed so arcs nest
 *   and never overlap; more than fit in the line gap are counted on a "+n" marker.
 * - Ends on different lines: out of the head, along its line's gap to a margin gutter, down (or up)
 *   a gutter track, and into the tail, tracks packed so vertical runs never overlap.
 * - One end out of view (or not laid out): the run goes to an end marker at the top or bottom of
 *   the view that names the other end; the overlay makes it jump there.
 * Every arc's chip names its type; no two chips, markers or badges overlap. Directed arcs end in an
 * arrow head at the tail. The work is proportional to the relations given (those with an end in view).
 */
import { packLanes, narrowFirst, type Interval } from './arcs-lanes';
import { ChipSpace, slide } from './arcs-chips';
import { arrowHead, centredBox, clamp, roundedPath, type Box, type Point } from './arcs-geometry';
import { RELATION_DISPLAY_MODES, isDrawn, linkCounts, type RelationDisplayMode } from './arcs-display';
import { quoteText, relationName } from './arcs-text';
import { groupLines, type ArcLine } from './arcs-lines';

export type { Box, Point } from './arcs-geometry';

/** A span at one end of a relation, as the overlay measured it. */
export interface ArcEnd {
	readonly spanId: string;
	/** The span's text (quoted in names and end markers). */
	readonly text: string;
	/** Its start offset: tells whether an end that is not laid out lies above or below the view. */
	readonly start: number;
	/** Its line boxes in text order, relative to the text container; empty when not laid out. */
	readonly boxes: readonly Box[];
}

/** A relation to draw, with what the layout needs of its type. */
export interface ArcRelation {
	readonly id: string;
	readonly label: string;
	readonly head: string;
	readonly tail: string;
	readonly directed: boolean;
	readonly color: string;
}

/** Sizes in CSS pixels; the overlay measures the line gap and sets `maxLanes` from it. */
export interface ArcMetrics {
	/** From the top of a line's glyphs up to lane 0. */
	readonly laneBase: number;
	readonly lanePitch: number;
	/** How many lanes fit in the gap above a line. */
	readonly maxLanes: number;
	readonly chipHeight: number;
	/** Clearance kept between chips, between arcs in one lane and between runs on one track. */
	readonly gap: number;
	readonly trackPitch: number;
	readonly markerHeight: number;
	readonly maxMarkerWidth: number;
	/** End markers stacked at each edge of the view before the rest are counted on a "+n". */
	readonly maxMarkers: number;
	/** Ports keep this far inside a span's box. */
	readonly portInset: number;
	readonly arrowSize: number;
	readonly cornerRadius: number;
	/** How many code units of the other end's text an end marker quotes. */
	readonly quoteLength: number;
	/** How far above and below the view chips of lines at its edges may go (they scroll in with their lines). */
	readonly bleed: number;
}

export const DEFAULT_ARC_METRICS: ArcMetrics = {
	laneBase: 4,
	lanePitch: 6,
	maxLanes: 2,
	chipHeight: 12,
	gap: 2,
	trackPitch: 6,
	markerHeight: 18,
	maxMarkerWidth: 240,
	maxMarkers: 3,
	portInset: 2,
	arrowSize: 5,
	cornerRadius: 3,
	quoteLength: 28,
	bleed: 40
};

export interface ArcLayoutInput {
	/** Relations with at least one end in `ends` (the overlay gives those of the spans in view). */
	readonly relations: readonly ArcRelation[];
	/** Every span any of `relations` names, measured or not. */
	readonly ends: ReadonlyMap<string, ArcEnd>;
	/** The visible part of the container (its scrolled window), vertically. */
	readonly viewport: { readonly top: number; readonly bottom: number };
	/** The text column, horizontally. */
	readonly column: { readonly left: number; readonly right: number };
	/** The margin gutter: `near` next to the text, `far` its outer edge (left of `near` on the left side). */
	readonly gutter: { readonly side: 'left' | 'right'; readonly near: number; readonly far: number };
	readonly mode: RelationDisplayMode;
	readonly selectedSpanId: string | null;
	readonly selectedRelationId?: string | null;
	/** Width of a chip (padding included) showing `text`. */
	readonly chipWidth: (text: string) => number;
	readonly metrics?: Partial<ArcMetrics>;
}

/** How an arc is emphasised: the selected relation, one of the selected span's, or any other. */
export type ArcState = 'selected' | 'linked' | 'plain';

/** A chip box and the words in it. */
export interface Chip extends Box {
	readonly text: string;
}

export interface Arc {
	readonly relationId: string;
	readonly label: string;
	readonly color: string;
	readonly directed: boolean;
	/** In a lane above one line, through the gutter between lines, or to an end marker. */
	readonly route: 'line' | 'gutter' | 'off-view';
	/** The polyline from the head end to the tail end. */
	readonly points: readonly Point[];
	/** `points` as an SVG path with rounded corners. */
	readonly d: string;
	/** Arrow head at the tail (directed relations), else null. */
	readonly arrow: readonly Point[] | null;
	/** The type's chip; null only for a gutter run too crowded to hold one (the arc still carries `name`). */
	readonly chip: Chip | null;
	readonly state: ArcState;
	/** Accessible name: `source: “…” → “…”`. */
	readonly name: string;
}

/** Where a relation whose other end is out of view leaves the screen. */
export interface EndMarker extends Box {
	readonly relationId: string;
	/** The span to jump to. */
	readonly spanId: string;
	readonly edge: 'top' | 'bottom';
	/** What the marker shows: an arrow and the other end's text, cut short. */
	readonly text: string;
	readonly name: string;
	readonly color: string;
	readonly state: ArcState;
}

/** Arcs that did not fit (a line's lanes, the gutter's tracks, or an edge's markers), counted. */
export interface Overflow extends Box {
	readonly count: number;
	readonly relationIds: readonly string[];
	readonly text: string;
	readonly name: string;
}

/** How many links a span has, where its links are not drawn. */
export interface LinkBadge extends Box {
	readonly spanId: string;
	readonly count: number;
	readonly text: string;
	readonly name: string;
}

export interface ArcLayout {
	readonly arcs: readonly Arc[];
	readonly markers: readonly EndMarker[];
	readonly overflows: readonly Overflow[];
	readonly badges: readonly LinkBadge[];
}

/** One end of a drawn relation attached to a line: where its leg comes down into the span. */
interface Port {
	readonly line: ArcLine;
	readonly box: Box;
	/** Where along the box the leg may go. */
	readonly from: number;
	readonly to: number;
	/** Where the other end lies (x), to order a span's ports so legs do not cross. */
	readonly toward: number;
	x: number;
	lane: number;
}

interface Plan {
	readonly relation: ArcRelation;
	readonly route: Arc['route'];
	readonly state: ArcState;
	readonly head: ArcEnd;
	readonly tail: ArcEnd;
	readonly headPort: Port | null;
	readonly tailPort: Port | null;
	readonly edge: 'top' | 'bottom' | null;
	chip: Chip | null;
	hidden: boolean;
}

function visibleBoxes(end: ArcEnd, top: number, bottom: number): Box[] {
	return end.boxes.filter((b) => b.bottom > top && b.top < bottom);
}

/** Computes the arcs, markers, "+n" counts and badges for the relations in view. */
export function layoutArcs(input: ArcLayoutInput): ArcLayout {
	const m: ArcMetrics = { ...DEFAULT_ARC_METRICS, ...input.metrics };
	const { viewport, column, gutter } = input;
	const policy = RELATION_DISPLAY_MODES[input.mode];
	const selectedRelation = input.selectedRelationId ?? null;
	const right = gutter.side === 'right';
	const outer = right ? Math.max(gutter.far, column.right) : Math.min(gutter.far, column.left);
	const space = new ChipSpace(m.gap, {
		left: Math.min(column.left, outer),
		right: Math.max(column.right, outer),
		top: viewport.top - m.bleed,
		bottom: viewport.bottom + m.bleed
	});
	const visible = new Map<string, Box[]>();
	for (const end of input.ends.values()) {
		const boxes = visibleBoxes(end, viewport.top, viewport.bottom);
		if (boxes.length) visible.set(end.spanId, boxes);
	}
	const lines = groupLines([...visible.values()].flat());

	// 1. Which relations are drawn, by which route, from which boxes.
	const plans: Plan[] = [];
	for (const relation of input.relations) {
		if (!isDrawn(input.mode, relation, input.selectedSpanId, selectedRelation)) continue;
		const head = input.ends.get(relation.head);
		const tail = input.ends.get(relation.tail);
		const hv = visible.get(relation.head);
		const tv = visible.get(relation.tail);
		if (!head || !tail || (!hv && !tv)) continue;
		const state: ArcState =
			relation.id === selectedRelation ? 'selected' : input.selectedSpanId && (relation.head === input.selectedSpanId || relation.tail === input.selectedSpanId) ? 'linked' : 'plain';
		const plan = planRoute(relation, head, tail, hv, tv, lines, state, right ? Infinity : -Infinity, m);
		plans.push(plan);
	}

	// 2. Ports: a span's legs spread over its box, ordered by where they go.
	const byBox = new Map<Box, Port[]>();
	for (const plan of plans) {
		for (const port of [plan.headPort, plan.tailPort]) if (port) (byBox.get(port.box) ?? byBox.set(port.box, []).get(port.box)!).push(port);
	}
	for (const ports of byBox.values()) {
		ports.sort((a, b) => a.toward - b.toward);
		ports.forEach((p, i) => (p.x = p.from + ((i + 1) / (ports.length + 1)) * (p.to - p.from)));
	}

	// 3. End markers first: they stay put at the edges of the view while the text scrolls under them.
	const markers: EndMarker[] = [];
	const overflows: Overflow[] = [];
	for (const edge of ['top', 'bottom'] as const) placeMarkers(plans.filter((p) => p.edge === edge), edge, input, m, space, markers, overflows);

	// 4. Lanes above each line: same-line arcs, and the connectors of links leaving the line.
	const order = (p: Plan) => (p.state === 'selected' ? 0 : p.state === 'linked' ? 1 : 2);
	for (const line of lines) {
		const items: { plan: Plan; span: Interval; ports: Port[] }[] = [];
		for (const plan of plans) {
			if (plan.hidden) continue;
			const ports = [plan.headPort, plan.tailPort].filter((p): p is Port => p?.line === line);
			if (!ports.length) continue;
			const xs = plan.route === 'line' ? ports.map((p) => p.x) : [ports[0].x, right ? column.right : column.left];
			items.push({ plan, span: { from: Math.min(...xs), to: Math.max(...xs) }, ports });
		}
		items.sort((a, b) => order(a.plan) - order(b.plan) || narrowFirst(a.span, b.span));
		const lanes = packLanes(items.map((i) => i.span), m.maxLanes, m.gap * 2, (index, lane) => {
			const { plan, span } = items[index];
			if (plan.route !== 'line') return true;
			plan.chip = placeLineChip(plan.relation.label, span, laneY(line, lane, m), input, m, space);
			return plan.chip !== null;
		});
		const hidden: string[] = [];
		items.forEach((item, i) => {
			for (const port of item.ports) port.lane = lanes[i];
			if (lanes[i] < 0 && !item.plan.hidden) {
				item.plan.hidden = true;
				hidden.push(item.plan.relation.id);
			}
		});
		if (hidden.length) placeLineOverflow(line, hidden, input, m, space, overflows);
	}

	// 5. Gutter tracks for the vertical runs, shortest first so nested runs nest.
	const runs = plans.filter((p) => p.route !== 'line' && !p.hidden);
	const runOf = (p: Plan): Interval => {
		const ys = [p.headPort, p.tailPort].filter((q): q is Port => q !== null).map((q) => laneY(q.line, q.lane, m));
		if (p.edge) ys.push(markerAttach(p, markers, m).y);
		return { from: Math.min(...ys), to: Math.max(...ys) };
	};
	const sortedRuns = runs.map((p) => ({ p, run: runOf(p) })).sort((a, b) => order(a.p) - order(b.p) || narrowFirst(a.run, b.run));
	const maxTracks = Math.max(0, Math.floor(Math.abs(gutter.far - gutter.near) / m.trackPitch));
	const tracks = packLanes(sortedRuns.map((r) => r.run), maxTracks, m.gap);
	const arcs: Arc[] = [];
	const trackOf = new Map<Plan, number>();
	sortedRuns.forEach(({ p }, i) => (tracks[i] < 0 ? (p.hidden = true) : trackOf.set(p, gutter.near + (right ? 1 : -1) * (tracks[i] + 0.5) * m.trackPitch)));
	const lost = sortedRuns.filter((_, i) => tracks[i] < 0).map((r) => r.p.relation.id);
	if (lost.length) placeGutterOverflow(lost, input, m, space, overflows);

	// 6. Paths, arrows, and chips of the gutter runs.
	for (const plan of plans) {
		if (plan.hidden) continue;
		const x = trackOf.get(plan);
		const arc = drawArc(plan, x, markers, m, input, space);
		arcs.push(arc);
	}
	// A marker whose run found no lane or track goes too (its relation is counted on a "+n").
	const shown = new Set(arcs.map((a) => a.relationId));
	const badges = policy.badges ? placeBadges(input, visible, m, space) : [];
	return { arcs, markers: markers.filter((mk) => shown.has(mk.relationId)), overflows, badges };
}

function laneY(line: ArcLine, lane: number, m: ArcMetrics): number {
	return line.top - m.laneBase - Math.max(0, lane) * m.lanePitch;
}

/** Where a leg may come down into `box`: inside it, clear of `avoid` (a nested span's box on the same line) when there is room. */
function portRange(box: Box, avoid: Box | null, m: ArcMetrics): { from: number; to: number } {
	let from = box.left + m.portInset;
	let to = box.right - m.portInset;
	if (to < from) from = to = (box.left + box.right) / 2;
	if (avoid && avoid.left < to && from < avoid.right && box.right - box.left > avoid.right - avoid.left) {
		const before = avoid.left - m.gap * 2 - from;
		const after = to - (avoid.right + m.gap * 2);
		if (Math.max(before, after) >= 4) {
			if (before >= after) to = avoid.left - m.gap * 2;
			else from = avoid.right + m.gap * 2;
		}
	}
	return { from, to };
}

function port(line: ArcLine, box: Box, avoid: Box | null, toward: number, m: ArcMetrics): Port {
	const { from, to } = portRange(box, avoid, m);
	return { line, box, from, to, toward, x: (from + to) / 2, lane: -1 };
}

function planRoute(
	relation: ArcRelation,
	head: ArcEnd,
	tail: ArcEnd,
	hv: Box[] | undefined,
	tv: Box[] | undefined,
	lines: readonly ArcLine[],
	state: ArcState,
	gutterX: number,
	m: ArcMetrics
): Plan {
	const base = { relation, state, head, tail, chip: null, hidden: false };
	const lineOf = (b: Box) => lines.find((l) => l.boxes.includes(b))!;
	const centre = (b: Box) => (b.left + b.right) / 2;
	if (hv && tv) {
		for (const hb of hv) {
			const tb = tv.find((b) => lineOf(b) === lineOf(hb));
			if (!tb) continue;
			const line = lineOf(hb);
			return { ...base, route: 'line', edge: null, headPort: port(line, hb, tb, centre(tb), m), tailPort: port(line, tb, hb, centre(hb), m) };
		}
		const down = tv[0].top > hv[0].top;
		const hb = down ? hv[hv.length - 1] : hv[0];
		const tb = down ? tv[0] : tv[tv.length - 1];
		return { ...base, route: 'gutter', edge: null, headPort: port(lineOf(hb), hb, null, gutterX, m), tailPort: port(lineOf(tb), tb, null, gutterX, m) };
	}
	const inView = (hv ? head : tail)!;
	const other = hv ? tail : head;
	const boxes = (hv ?? tv)!;
	const above = other.boxes.length ? other.boxes[0].top < boxes[0].top : other.start < inView.start;
	const box = above ? boxes[0] : boxes[boxes.length - 1];
	const p = port(lineOf(box), box, null, gutterX, m);
	return { ...base, route: 'off-view', edge: above ? 'top' : 'bottom', headPort: hv ? p : null, tailPort: hv ? null : p };
}

/** A line arc's chip: on its run at `y`, centred, sliding along the run when the middle is taken. */
function placeLineChip(text: string, run: Interval, y: number, input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace): Chip | null {
	const w = input.chipWidth(text);
	// The chip stays on its run: centred, or slid along it as far as it still covers part of the run.
	const reach = Math.max(0, w / 2 - 6);
	const xs = slide((run.from + run.to) / 2, run.from - reach, run.to + reach, 4);
	const box = space.place((function* () {
		for (const x of xs) yield centredBox(x, y, w, m.chipHeight);
	})());
	return box && { ...box, text };
}

function placeMarkers(plans: Plan[], edge: 'top' | 'bottom', input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace, out: EndMarker[], overflows: Overflow[]): void {
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
function markerAttach(plan: Plan, markers: readonly EndMarker[], m: ArcMetrics): { y: number; dir: 1 | -1 | 0 } {
	const marker = markers.find((mk) => mk.relationId === plan.relation.id)!;
	const port = (plan.headPort ?? plan.tailPort)!;
	const from = laneY(port.line, port.lane, m);
	if (from < marker.top) return { y: marker.top, dir: 1 };
	if (from > marker.bottom) return { y: marker.bottom, dir: -1 };
	return { y: from, dir: 0 };
}

function placeLineOverflow(line: ArcLine, hidden: string[], input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace, out: Overflow[]): void {
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

function placeGutterOverflow(lost: string[], input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace, out: Overflow[]): void {
	const text = `+${lost.length}`;
	const w = input.chipWidth(text);
	const x = (input.gutter.near + input.gutter.far) / 2;
	const { top, bottom } = input.viewport;
	const candidates = [...slide((top + bottom) / 2, top + m.chipHeight, bottom - m.chipHeight, 6)].map((y) => centredBox(x, y, w, m.chipHeight));
	const box = space.place(candidates);
	const count = lost.length;
	if (box) out.push({ ...box, count, relationIds: lost, text, name: `${count} more ${count === 1 ? 'link' : 'links'} in view` });
}

function drawArc(plan: Plan, trackX: number | undefined, markers: readonly EndMarker[], m: ArcMetrics, input: ArcLayoutInput, space: ChipSpace): Arc {
	const { relation, headPort, tailPort } = plan;
	const arrow = relation.directed ? m.arrowSize : 0;
	const points: Point[] = [];
	let arrowHeadPoints: Point[] | null = null;
	if (headPort) {
		const y = laneY(headPort.line, headPort.lane, m);
		points.push({ x: headPort.x, y: headPort.box.top }, { x: headPort.x, y });
		if (trackX !== undefined) points.push({ x: trackX, y });
	}
	if (plan.edge) {
		const { y, dir } = markerAttach(plan, markers, m);
		if (!headPort) points.push({ x: trackX!, y });
		else {
			// Towards the tail in the marker: the arrow points into it (hidden under it when the run has no length).
			points.push({ x: trackX!, y: y - dir * arrow });
			if (relation.directed) arrowHeadPoints = arrowHead({ x: trackX!, y }, m.arrowSize, dir === 0 ? 1 : dir);
		}
	}
	if (tailPort) {
		const y = laneY(tailPort.line, tailPort.lane, m);
		if (trackX !== undefined) points.push({ x: trackX, y });
		points.push({ x: tailPort.x, y }, { x: tailPort.x, y: tailPort.box.top - arrow });
		if (relation.directed) arrowHeadPoints = arrowHead({ x: tailPort.x, y: tailPort.box.top }, m.arrowSize, 1);
	}
	let chip = plan.chip;
	if (plan.route !== 'line' && trackX !== undefined) chip = placeRunChip(relation.label, trackX, points, input, m, space);
	return {
		relationId: relation.id,
		label: relation.label,
		color: relation.color,
		directed: relation.directed,
		route: plan.route,
		points,
		d: roundedPath(points, m.cornerRadius),
		arrow: arrowHeadPoints,
		chip,
		state: plan.state,
		name: relationName(relation.label, plan.head.text, plan.tail.text, relation.directed)
	};
}

/** A gutter run's chip: beside its track (never over the text column), sliding along the run. */
function placeRunChip(text: string, x: number, points: readonly Point[], input: ArcLayoutInput, m: ArcMetrics, space: ChipSpace): Chip | null {
	const w = input.chipWidth(text);
	const right = input.gutter.side === 'right';
	const ys = points.filter((p) => p.x === x).map((p) => p.y);
	const from = Math.min(...ys) + m.chipHeight / 2;
	const to = Math.max(...ys) - m.chipHeight / 2;
	const left = right ? Math.max(x - w / 2, input.column.right + m.gap) : Math.min(x + w / 2, input.column.left - m.gap) - w;
	const h = m.chipHeight / 2;
	const box = space.place((function* () {
		for (const y of slide((from + to) / 2, from, Math.max(from, to), 4)) yield { left, top: y - h, right: left + w, bottom: y + h };
		// A gutter too narrow (or too crowded) for it: on one of the runs along a line gap instead.
		for (let i = 1; i < points.length; i++) {
			const [a, b] = [points[i - 1], points[i]];
			if (a.y !== b.y || a.x === b.x) continue;
			const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
			for (const cx of slide((x0 + x1) / 2, x0 + w / 2, Math.max(x0 + w / 2, x1 - w / 2), 4)) yield centredBox(cx, a.y, w, m.chipHeight);
		}
	})());
	return box && { ...box, text };
}

/** Count badges over the spans in view that have links, except the selected span where its links are drawn. */
function placeBadges(input: ArcLayoutInput, visible: ReadonlyMap<string, Box[]>, m: ArcMetrics, space: ChipSpace): LinkBadge[] {
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
