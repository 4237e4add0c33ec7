/**
 * Plain geometry for arc layout: boxes, points, overlap, and an SVG path through a polyline with
 * rounded corners. No DOM: boxes are numbers relative to the text container.
 */

/** A point relative to the text container, in CSS pixels. */
export interface Point {
	readonly x: number;
	readonly y: number;
}

/** A rectangle relative to the text container (`left <= right`, `top <= bottom`). */
export interface Box {
	readonly left: number;
	readonly top: number;
	readonly right: number;
	readonly bottom: number;
}

/** True when the two boxes share more than an edge, with `gap` of clearance asked for between them. */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
	return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/** A box of `width` × `height` centred on (x, y). */
export function centredBox(x: number, y: number, width: number, height: number): Box {
	return { left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 };
}

/** `value` held inside [low, high] (`low` wins when the range is empty). */
export function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(value, high));
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}

/**
 * An SVG path `d` through `points` (at least two), each inner corner rounded with up to `radius`
 * (less where a segment is too short for it), so arcs read as one smooth line.
 */
export function roundedPath(points: readonly Point[], radius: number): string {
	if (points.length < 2) throw new RangeError(`a path needs at least two points, got ${points.length}`);
	const parts = [`M${round(points[0].x)} ${round(points[0].y)}`];
	for (let i = 1; i < points.length - 1; i++) {
		const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
		const inLength = Math.hypot(b.x - a.x, b.y - a.y);
		const outLength = Math.hypot(c.x - b.x, c.y - b.y);
		const r = Math.min(radius, inLength / 2, outLength / 2);
		if (r <= 0) {
			parts.push(`L${round(b.x)} ${round(b.y)}`);
			continue;
		}
		const before = { x: b.x - ((b.x - a.x) / inLength) * r, y: b.y - ((b.y - a.y) / inLength) * r };
		const after = { x: b.x + ((c.x - b.x) / outLength) * r, y: b.y + ((c.y - b.y) / outLength) * r };
		parts.push(`L${round(before.x)} ${round(before.y)}`, `Q${round(b.x)} ${round(b.y)} ${round(after.x)} ${round(after.y)}`);
	}
	const last = points[points.length - 1];
	parts.push(`L${round(last.x)} ${round(last.y)}`);
	return parts.join(' ');
}

/** An arrow head (three points) with its tip at `tip`, pointing down (`dir` 1) or up (-1). */
export function arrowHead(tip: Point, size: number, dir: 1 | -1): Point[] {
	return [
		{ x: tip.x - size * 0.6, y: tip.y - dir * size },
		{ x: tip.x + size * 0.6, y: tip.y - dir * size },
		tip
	];
}
