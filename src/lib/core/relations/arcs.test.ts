import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutArcs, DEFAULT_ARC_METRICS, type ArcEnd, type ArcLayout, type ArcLayoutInput, type ArcRelation, type Box } from './arcs';
import { boxesOverlap } from './arcs-geometry';

/**
 * A tiny page model: line i's glyphs span y ∈ [40i + 10, 40i + 30] (a 40 px line with an 18 px gap
 * between glyph bands, like the editor's 2.2 line height), characters are 8 px wide from x = 0,
 * the column is 640 px wide and the gutter 100 px right of it.
 */
const LINE = 40;
const GLYPH_TOP = 10;
const GLYPH = 20;
const CHAR = 8;
const COLUMN = { left: 0, right: 640 };
const GUTTER = { side: 'right' as const, near: 644, far: 740 };

function lineBox(line: number, col: number, len: number): Box {
	const top = line * LINE + GLYPH_TOP;
	return { left: col * CHAR, right: (col + len) * CHAR, top, bottom: top + GLYPH };
}

/** A span on one line (or running over several: `lines` > 1 continues at column 0). */
function end(spanId: string, line: number, col: number, len: number, lines = 1, text = spanId): ArcEnd {
	const boxes = [lineBox(line, col, lines > 1 ? 80 - col : len)];
	for (let i = 1; i < lines; i++) boxes.push(lineBox(line + i, 0, i === lines - 1 ? len : 80));
	return { spanId, text, start: line * 100 + col, boxes };
}

function rel(id: string, head: string, tail: string, directed = true, label = 'source'): ArcRelation {
	return { id, label, head, tail, directed, color: '#1f6feb' };
}

function input(ends: ArcEnd[], relations: ArcRelation[], extra: Partial<ArcLayoutInput> = {}): ArcLayoutInput {
	return {
		relations,
		ends: new Map(ends.map((e) => [e.spanId, e])),
		viewport: { top: 0, bottom: 800 },
		column: COLUMN,
		gutter: GUTTER,
		mode: 'all',
		selectedSpanId: null,
		chipWidth: (text) => text.length * 6 + 8,
		...extra
	};
}

const glyphTop = (line: number) => line * LINE + GLYPH_TOP;

describe('layoutArcs: links on one line', () => {
	const layout = layoutArcs(input([end('claim', 2, 10, 20), end('actor', 2, 40, 6, 1, 'Kyiv')], [rel('r1', 'claim', 'actor')]));
	const [arc] = layout.arcs;

	it('runs above the line, from the head span down into the tail span', () => {
		expect(arc.route).toBe('line');
		const [first, ...rest] = arc.points;
		const last = rest[rest.length - 1];
		expect(first.y).toBe(glyphTop(2));
		expect(first.x).toBeGreaterThanOrEqual(80);
		expect(first.x).toBeLessThanOrEqual(240);
		expect(last.x).toBeGreaterThanOrEqual(320);
		expect(last.x).toBeLessThanOrEqual(368);
		for (const p of arc.points) expect(p.y).toBeLessThanOrEqual(glyphTop(2));
		// Above the line, clear of the line before's glyphs.
		expect(Math.min(...arc.points.map((p) => p.y))).toBeGreaterThan(glyphTop(1) + GLYPH);
	});

	it('ends in an arrow head whose tip touches the tail span', () => {
		expect(arc.arrow).not.toBeNull();
		const tip = arc.arrow![2];
		expect(tip.y).toBe(glyphTop(2));
		expect(tip.x).toBe(arc.points[arc.points.length - 1].x);
	});

	it('carries a chip with the type’s name on its run, and an accessible name', () => {
		expect(arc.chip?.text).toBe('source');
		const runY = arc.points[1].y;
		expect(arc.chip!.top).toBeLessThan(runY);
		expect(arc.chip!.bottom).toBeGreaterThan(runY);
		expect(arc.name).toBe('source: “claim” → “Kyiv”');
		expect(arc.d.startsWith('M')).toBe(true);
	});

	it('draws a symmetric link without an arrow', () => {
		const sym = layoutArcs(input([end('a', 0, 0, 4), end('b', 0, 20, 4)], [rel('r', 'a', 'b', false, 'same')])).arcs[0];
		expect(sym.arrow).toBeNull();
		expect(sym.name).toContain('↔');
	});

	it('nests arcs: an arc inside another takes the lower lane', () => {
		const ends = [end('a', 1, 0, 4), end('b', 1, 10, 4), end('c', 1, 12, 4), end('d', 1, 30, 4)];
		const { arcs } = layoutArcs(input(ends, [rel('outer', 'a', 'd'), rel('inner', 'b', 'c', true, 'x')]));
		const top = (id: string) => Math.min(...arcs.find((a) => a.relationId === id)!.points.map((p) => p.y));
		expect(top('inner')).toBeGreaterThan(top('outer'));
	});

	it('links a claim to the actor nested inside it without the legs meeting', () => {
		const { arcs } = layoutArcs(input([end('claim', 0, 0, 40), end('actor', 0, 10, 6)], [rel('r', 'claim', 'actor')]));
		const [a] = arcs;
		const headX = a.points[0].x;
		const tailX = a.points[a.points.length - 1].x;
		expect(tailX).toBeGreaterThanOrEqual(80);
		expect(tailX).toBeLessThanOrEqual(128);
		expect(headX < 80 || headX > 128).toBe(true);
	});

	it('counts what does not fit in the line gap on a "+n" marker', () => {
		const ends = [end('a', 3, 0, 2), end('b', 3, 70, 2)];
		const relations = ['r1', 'r2', 'r3', 'r4'].map((id) => rel(id, 'a', 'b'));
		const layout = layoutArcs(input(ends, relations));
		expect(layout.arcs.length).toBe(DEFAULT_ARC_METRICS.maxLanes);
		expect(layout.overflows).toHaveLength(1);
		expect(layout.overflows[0].count).toBe(4 - DEFAULT_ARC_METRICS.maxLanes);
		expect(layout.overflows[0].text).toBe(`+${4 - DEFAULT_ARC_METRICS.maxLanes}`);
		expect(layout.overflows[0].name).toMatch(/more links? on this line/);
	});

	it('always draws the selected relation, even on a full line', () => {
		const ends = [end('a', 3, 0, 2), end('b', 3, 70, 2)];
		const relations = ['r1', 'r2', 'r3', 'r4'].map((id) => rel(id, 'a', 'b'));
		const layout = layoutArcs(input(ends, relations, { selectedRelationId: 'r4' }));
		const selected = layout.arcs.find((a) => a.relationId === 'r4');
		expect(selected?.state).toBe('selected');
	});
});

describe('layoutArcs: links between lines', () => {
	const layout = layoutArcs(input([end('claim', 1, 20, 10), end('actor', 6, 5, 5)], [rel('r1', 'claim', 'actor')]));
	const [arc] = layout.arcs;

	it('goes out of the head, down a gutter track and into the tail, never across the lines between', () => {
		expect(arc.route).toBe('gutter');
		const vertical = arc.points.filter((p, i) => i > 0 && p.x === arc.points[i - 1].x && p.x > COLUMN.right);
		expect(vertical.length).toBeGreaterThan(0);
		for (let i = 1; i < arc.points.length; i++) {
			const [a, b] = [arc.points[i - 1], arc.points[i]];
			if (a.x === b.x && a.x <= COLUMN.right) {
				// Legs inside the column only drop from a lane into the span below it.
				expect(Math.abs(a.y - b.y)).toBeLessThan(LINE / 2);
			}
			if (a.y === b.y) {
				// Horizontal runs stay in the gaps between glyph bands.
				const line = Math.floor(a.y / LINE);
				expect(a.y < glyphTop(line) || a.y > glyphTop(line) + GLYPH).toBe(true);
			}
		}
		expect(arc.points[0].y).toBe(glyphTop(1));
		expect(arc.arrow![2].y).toBe(glyphTop(6));
	});

	it('puts its chip in the gutter, clear of the text column', () => {
		expect(arc.chip).not.toBeNull();
		expect(arc.chip!.left).toBeGreaterThan(COLUMN.right);
	});

	it('puts the chip on a run along a line gap when the gutter is too narrow for it', () => {
		const narrow = layoutArcs(input([end('claim', 1, 20, 10), end('actor', 6, 5, 5)], [rel('r1', 'claim', 'actor')], { gutter: { side: 'right', near: 644, far: 660 } }));
		const [a] = narrow.arcs;
		expect(a.route).toBe('gutter');
		expect(a.chip).not.toBeNull();
		const runYs = a.points.filter((p, i) => i > 0 && p.y === a.points[i - 1].y).map((p) => p.y);
		const middle = (a.chip!.top + a.chip!.bottom) / 2;
		expect(runYs).toContain(middle);
	});

	it('gives overlapping vertical runs their own tracks, the shorter one nearer the text', () => {
		const ends = [end('a', 1, 0, 3), end('b', 9, 0, 3), end('c', 3, 0, 3), end('d', 5, 0, 3)];
		const { arcs } = layoutArcs(input(ends, [rel('long', 'a', 'b'), rel('short', 'c', 'd')]));
		const trackX = (id: string) => Math.max(...arcs.find((a) => a.relationId === id)!.points.map((p) => p.x));
		expect(trackX('short')).toBeLessThan(trackX('long'));
	});

	it('runs through the left margin when the gutter is on the left', () => {
		const { arcs } = layoutArcs(
			input([end('a', 1, 20, 3), end('b', 4, 30, 3)], [rel('r', 'a', 'b')], { column: { left: 100, right: 740 }, gutter: { side: 'left', near: 96, far: 0 } })
		);
		expect(Math.min(...arcs[0].points.map((p) => p.x))).toBeLessThan(100);
		expect(arcs[0].chip!.right).toBeLessThan(100);
	});
});

describe('layoutArcs: links to the part of the article out of view', () => {
	const far: ArcEnd = { spanId: 'actor', text: 'Pentagon Press Secretary Major General Pat Ryder', start: 90_000, boxes: [] };
	const layout = layoutArcs(input([end('claim', 4, 10, 20), far], [rel('r1', 'claim', 'actor')]));

	it('ends at a marker at the bottom of the view naming the other end, to jump there', () => {
		expect(layout.markers).toHaveLength(1);
		const [marker] = layout.markers;
		expect(marker.edge).toBe('bottom');
		expect(marker.spanId).toBe('actor');
		expect(marker.bottom).toBeLessThanOrEqual(800);
		// As much of the other end's text as fits the gutter (96 px here; 100 at the least).
		expect(marker.text.startsWith('↓ “Pentagon')).toBe(true);
		expect(marker.text.endsWith('…”')).toBe(true);
		expect(marker.right - marker.left).toBeLessThanOrEqual(100);
		expect(marker.name).toMatch(/^source → “Pentagon.*”, below: go there$/);
		const [arc] = layout.arcs;
		expect(arc.route).toBe('off-view');
		// The arrow points down into the marker (the tail is the far end).
		expect(arc.arrow![2].y).toBe(marker.top);
	});

	it('quotes more of the other end where the gutter is wider', () => {
		const wide = layoutArcs(input([end('claim', 4, 10, 20), far], [rel('r1', 'claim', 'actor')], { gutter: { side: 'right', near: 644, far: 900 } }));
		expect(wide.markers[0].text).toBe('↓ “Pentagon Press Secretary…”');
	});

	it('puts the marker at the top when the other end comes earlier in the text', () => {
		const before: ArcEnd = { ...far, start: 3 };
		const { markers, arcs } = layoutArcs(input([end('claim', 4, 10, 20), before], [rel('r1', 'claim', 'actor')], { viewport: { top: 100, bottom: 700 } }));
		expect(markers[0].edge).toBe('top');
		expect(markers[0].top).toBeGreaterThanOrEqual(100);
		expect(arcs[0].arrow![2].y).toBe(markers[0].bottom);
		expect(Math.min(...arcs[0].points.map((p) => p.y))).toBe(markers[0].bottom + DEFAULT_ARC_METRICS.arrowSize);
	});

	it('treats an end laid out but scrolled away like one not laid out', () => {
		const laidOut = end('actor', 30, 0, 5);
		const { markers } = layoutArcs(input([end('claim', 4, 10, 20), laidOut], [rel('r1', 'claim', 'actor')], { viewport: { top: 0, bottom: 600 } }));
		expect(markers.map((m) => m.edge)).toEqual(['bottom']);
	});

	it('stacks a few markers per edge and counts the rest', () => {
		const ends = [end('claim', 4, 10, 20)];
		const relations: ArcRelation[] = [];
		for (let i = 0; i < 6; i++) {
			ends.push({ spanId: `far${i}`, text: `far ${i}`, start: 50_000 + i, boxes: [] });
			relations.push(rel(`r${i}`, 'claim', `far${i}`, true, 'x'));
		}
		const layout = layoutArcs(input(ends, relations, { metrics: { maxLanes: 8 } }));
		expect(layout.markers.length).toBe(DEFAULT_ARC_METRICS.maxMarkers);
		const counted = layout.overflows.reduce((n, o) => n + o.count, 0);
		expect(layout.markers.length + counted).toBe(6);
	});
});

describe('layoutArcs: the link being made', () => {
	it('is drawn as a preview whatever the mode, and is not counted on badges', () => {
		const ends = [end('claim', 2, 10, 20), end('actor', 2, 40, 6)];
		const preview = rel('preview', 'claim', 'actor');
		for (const mode of ['all', 'selected', 'none'] as const) {
			const layout = layoutArcs(input(ends, [], { mode, preview }));
			expect(layout.arcs.map((a) => [a.relationId, a.state])).toEqual([['preview', 'preview']]);
			expect(layout.badges).toEqual([]);
		}
	});

	it('takes the lowest lane, before the selected relation', () => {
		const ends = [end('a', 3, 0, 2), end('b', 3, 70, 2)];
		const relations = ['r1', 'r2', 'r3', 'r4'].map((id) => rel(id, 'a', 'b'));
		const layout = layoutArcs(input(ends, relations, { selectedRelationId: 'r4', preview: rel('p', 'a', 'b') }));
		const laneOf = (id: string) => Math.min(...layout.arcs.find((a) => a.relationId === id)!.points.map((p) => p.y));
		expect(laneOf('p')).toBeGreaterThan(laneOf('r4'));
	});
});

describe('layoutArcs: display modes', () => {
	const ends = [end('c1', 0, 0, 10), end('a1', 0, 20, 4), end('c2', 2, 0, 10), end('a2', 2, 20, 4)];
	const relations = [rel('r1', 'c1', 'a1'), rel('r2', 'c2', 'a2'), rel('r3', 'c2', 'a1')];

	it('"selected" draws only the selected span’s links and badges the others', () => {
		const layout = layoutArcs(input(ends, relations, { mode: 'selected', selectedSpanId: 'c1' }));
		expect(layout.arcs.map((a) => a.relationId)).toEqual(['r1']);
		expect(layout.arcs[0].state).toBe('linked');
		expect(layout.badges.map((b) => b.spanId).sort()).toEqual(['a1', 'a2', 'c2']);
		expect(layout.badges.find((b) => b.spanId === 'a1')?.count).toBe(2);
	});

	it('"none" draws no arcs and badges every linked span with its count', () => {
		const layout = layoutArcs(input(ends, relations, { mode: 'none', selectedSpanId: 'c1' }));
		expect(layout.arcs).toEqual([]);
		expect(layout.markers).toEqual([]);
		const counts = Object.fromEntries(layout.badges.map((b) => [b.spanId, b.text]));
		expect(counts).toEqual({ c1: '1', a1: '2', c2: '2', a2: '1' });
		expect(layout.badges.find((b) => b.spanId === 'c2')?.name).toBe('2 links');
	});

	it('"all" draws every link and no badges', () => {
		const layout = layoutArcs(input(ends, relations));
		expect(layout.arcs.map((a) => a.relationId).sort()).toEqual(['r1', 'r2', 'r3']);
		expect(layout.badges).toEqual([]);
	});
});

/** Every box the layout placed: chips, markers, "+n" counts, badges. */
function placedBoxes(layout: ArcLayout): Box[] {
	return [...layout.arcs.flatMap((a) => (a.chip ? [a.chip] : [])), ...layout.markers, ...layout.overflows, ...layout.badges];
}

describe('layoutArcs: properties over random paragraphs', () => {
	const spanArb = fc.record({ line: fc.integer({ min: 0, max: 14 }), col: fc.integer({ min: 0, max: 70 }), len: fc.integer({ min: 1, max: 30 }), lines: fc.integer({ min: 1, max: 3 }) });
	const scene = fc
		.record({
			spans: fc.array(spanArb, { minLength: 2, maxLength: 14 }),
			links: fc.array(fc.record({ head: fc.nat(), tail: fc.nat(), directed: fc.boolean(), label: fc.constantFrom('source', 'x', 'quoted-by') }), { maxLength: 24 }),
			offView: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
			top: fc.integer({ min: 0, max: 200 }),
			mode: fc.constantFrom('all' as const, 'selected' as const, 'none' as const),
			selected: fc.nat(),
			side: fc.constantFrom('left' as const, 'right' as const),
			gutterWidth: fc.integer({ min: 8, max: 160 })
		})
		.map(({ spans, links, offView, top, mode, selected, side, gutterWidth }) => {
			const ends = spans.map((s, i) =>
				offView[i] ? { spanId: `s${i}`, text: `far span ${i}`, start: 10_000 + i, boxes: [] } : end(`s${i}`, s.line, s.col, Math.min(s.len, 80 - s.col), s.lines)
			);
			const relations = links.map((l, i) => rel(`r${i}`, `s${l.head % spans.length}`, `s${l.tail % spans.length}`, l.directed, l.label));
			const gutter = side === 'right' ? { side, near: COLUMN.right + 4, far: COLUMN.right + 4 + gutterWidth } : { side, near: COLUMN.left - 4, far: COLUMN.left - 4 - gutterWidth };
			return input(ends, relations, { viewport: { top, bottom: top + 500 }, mode, selectedSpanId: `s${selected % spans.length}`, gutter });
		});

	it('no two chips, markers, counts or badges overlap, and all stay in view (or within the bleed at its edges)', () => {
		fc.assert(
			fc.property(scene, (inp) => {
				const boxes = placedBoxes(layoutArcs(inp));
				for (let i = 0; i < boxes.length; i++) {
					expect(boxes[i].top).toBeGreaterThanOrEqual(inp.viewport.top - DEFAULT_ARC_METRICS.bleed);
					expect(boxes[i].bottom).toBeLessThanOrEqual(inp.viewport.bottom + DEFAULT_ARC_METRICS.bleed);
					for (let j = 0; j < i; j++) expect(boxesOverlap(boxes[i], boxes[j])).toBe(false);
				}
			})
		);
	});

	it('arcs sharing a lane never overlap, and gutter runs sharing a track never overlap', () => {
		fc.assert(
			fc.property(scene, (inp) => {
				const { arcs } = layoutArcs(inp);
				const segments = arcs.flatMap((a, k) => a.points.slice(1).map((b, i) => ({ k, a: a.points[i], b })));
				for (const s of segments) {
					for (const t of segments) {
						if (s.k >= t.k) continue;
						if (s.a.y === s.b.y && t.a.y === t.b.y && s.a.y === t.a.y && s.a.x !== s.b.x && t.a.x !== t.b.x) {
							const [s0, s1] = [Math.min(s.a.x, s.b.x), Math.max(s.a.x, s.b.x)];
							const [t0, t1] = [Math.min(t.a.x, t.b.x), Math.max(t.a.x, t.b.x)];
							expect(s1 <= t0 || t1 <= s0).toBe(true);
						}
						if (s.a.x === s.b.x && t.a.x === t.b.x && s.a.x === t.a.x && (s.a.x > COLUMN.right || s.a.x < COLUMN.left)) {
							const [s0, s1] = [Math.min(s.a.y, s.b.y), Math.max(s.a.y, s.b.y)];
							const [t0, t1] = [Math.min(t.a.y, t.b.y), Math.max(t.a.y, t.b.y)];
							expect(s1 <= t0 || t1 <= s0).toBe(true);
						}
					}
				}
			})
		);
	});

	it('every drawable link in view is drawn or counted on a "+n", never dropped silently', () => {
		fc.assert(
			fc.property(scene, (inp) => {
				const layout = layoutArcs(inp);
				const accounted = new Set([...layout.arcs.map((a) => a.relationId), ...layout.overflows.flatMap((o) => o.relationIds)]);
				const inView = (id: string) => inp.ends.get(id)!.boxes.some((b) => b.bottom > inp.viewport.top && b.top < inp.viewport.bottom);
				for (const r of inp.relations) {
					const drawable = inp.mode === 'all' || (inp.mode === 'selected' && (r.head === inp.selectedSpanId || r.tail === inp.selectedSpanId));
					if (drawable && (inView(r.head) || inView(r.tail))) expect(accounted.has(r.id)).toBe(true);
					else expect(accounted.has(r.id)).toBe(false);
				}
				// Every marker belongs to a drawn arc and jumps to its end that is out of view.
				for (const m of layout.markers) {
					const r = inp.relations.find((x) => x.id === m.relationId)!;
					expect(layout.arcs.some((a) => a.relationId === m.relationId)).toBe(true);
					expect([r.head, r.tail]).toContain(m.spanId);
					expect(inView(m.spanId)).toBe(false);
				}
			})
		);
	});

	it('directed arcs end in an arrow at the tail, symmetric ones have none', () => {
		fc.assert(
			fc.property(scene, (inp) => {
				for (const arc of layoutArcs(inp).arcs) {
					const r = inp.relations.find((x) => x.id === arc.relationId)!;
					expect(arc.arrow === null).toBe(!r.directed);
					if (arc.arrow) {
						const tip = arc.arrow[2];
						const last = arc.points[arc.points.length - 1];
						expect(Math.abs(tip.x - last.x)).toBeLessThan(0.01);
					}
				}
			})
		);
	});
});
