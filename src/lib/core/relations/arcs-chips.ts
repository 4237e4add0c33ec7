/**
 * Where label chips, end markers, "+n" markers and count badges go: each takes the first of its
 * candidate places that overlaps nothing placed before it, so no two ever overlap.
 */
import { boxesOverlap, type Box } from './arcs-geometry';

export class ChipSpace {
	readonly #placed: Box[] = [];
	readonly #gap: number;
	readonly #bounds: Box;

	/** `gap`: clearance kept between any two boxes; `bounds`: where boxes may go at all. */
	constructor(gap: number, bounds: Box) {
		this.#gap = gap;
		this.#bounds = bounds;
	}

	/** True when `box` lies inside the bounds and clear of every box taken. */
	fits(box: Box): boolean {
		const b = this.#bounds;
		if (box.left < b.left || box.right > b.right || box.top < b.top || box.bottom > b.bottom) return false;
		return !this.#placed.some((other) => boxesOverlap(box, other, this.#gap));
	}

	/** Takes the first candidate that fits and returns it, or null when none does. */
	place(candidates: Iterable<Box>): Box | null {
		for (const box of candidates) {
			if (!this.fits(box)) continue;
			this.#placed.push(box);
			return box;
		}
		return null;
	}

	/** Every box taken, in the order taken. */
	get placed(): readonly Box[] {
		return this.#placed;
	}
}

/**
 * Positions from `centre` outwards inside [from, to], `step` apart, alternating sides (centre,
 * centre + step, centre − step, …): where a chip slides to when its best place is taken.
 */
export function* slide(centre: number, from: number, to: number, step: number): Generator<number> {
	if (!(step > 0)) throw new RangeError(`slide step must be > 0, got ${step}`);
	const c = Math.max(from, Math.min(centre, to));
	yield c;
	for (let d = step; c - d >= from || c + d <= to; d += step) {
		if (c + d <= to) yield c + d;
		if (c - d >= from) yield c - d;
	}
}
