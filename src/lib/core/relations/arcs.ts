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
import { arrowHead, centredBox, roundedPath, type Box, type Point } from './arcs-geometry';
import { RELATION_DISPLAY_MODES, isDrawn } from './arcs-display';
import { relationName } from './arcs-text';
import { groupLines, laneY, type ArcLine } from './arcs-lines';
import { markerAttach, placeBadges, placeGutterOverflow, placeLineOverflow, placeMarkers } from './arcs-markers';
import { DEFAULT_ARC_METRICS, type Arc, type ArcEnd, type ArcLayout, type ArcLayoutInput, type ArcMetrics, type ArcRelation, type ArcState, type Chip, type EndMarker, type Overflow, type Plan, type Port } from './arcs-types';

export type { Box, Point } from './arcs-geometry';
export * from './arcs-types';

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
	const preview = input.preview ?? null;
	for (const relation of preview ? [preview, ...input.relations] : input.relations) {
		const previewing = relation === preview;
		if (!previewing && !isDrawn(input.mode, relation, input.selectedSpanId, selectedRelation)) continue;
		const head = input.ends.get(relation.head);
		const tail = input.ends.get(relation.tail);
		const hv = visible.get(relation.head);
		const tv = visible.get(relation.tail);
		if (!head || !tail || (!hv && !tv)) continue;
		const linked = input.selectedSpanId !== null && (relation.head === input.selectedSpanId || relation.tail === input.selectedSpanId);
		const state: ArcState = previewing ? 'preview' : relation.id === selectedRelation ? 'selected' : linked ? 'linked' : 'plain';
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
	const order = (p: Plan) => ['preview', 'selected', 'linked', 'plain'].indexOf(p.state);
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
