/**
 * Approximate substring search: where in a window of a text does a pattern occur with at most `k`
 * edits (insertions, deletions, substitutions of UTF-16 code units)? Sellers' algorithm: the edit
 * distance table of pattern against text, where a match may start at any text position for free. It
 * fills one column per text unit, so it costs O(pattern length × window length) time at worst and
 * O(pattern length) memory; callers bound both (see `AnchorPolicy`). Ukkonen's cut-off skips the
 * rows that can no longer come within the edit budget, which makes the usual cost about
 * O(budget × window). Each cell also carries where its
 * alignment started, so every match comes with its start without a second pass.
 */

/** One approximate occurrence: `[start, end)` in the searched text, and its edit distance. */
export interface FuzzyMatch {
	readonly start: number;
	readonly end: number;
	readonly distance: number;
}

/**
 * Occurrences of `pattern` in `text.slice(from, to)` with at most `maxDistance` edits, as offsets of
 * `text`. Of overlapping occurrences only the best is kept (fewest edits, then nearest to `near`, then
 * the length closest to the pattern's), and
 * at most `limit` are returned, best first. An empty pattern or window gives none.
 */
export function fuzzyFind(
	pattern: string,
	text: string,
	from: number,
	to: number,
	maxDistance: number,
	near: number,
	limit = 8
): FuzzyMatch[] {
	const m = pattern.length;
	from = Math.max(0, from);
	to = Math.min(text.length, to);
	if (m === 0 || to <= from || maxDistance < 0) return [];
	const codes = new Uint16Array(m);
	for (let i = 0; i < m; i++) codes[i] = pattern.charCodeAt(i);
	let previous = new Int32Array(m + 1);
	let previousFrom = new Int32Array(m + 1);
	let current = new Int32Array(m + 1);
	let currentFrom = new Int32Array(m + 1);
	for (let i = 0; i <= m; i++) {
		previous[i] = i;
		previousFrom[i] = from;
	}
	const found: FuzzyMatch[] = [];
	const beyond = maxDistance + 1;
	// Ukkonen's cut-off: rows below `last` (the deepest cell within the budget) cannot come back
	// within it, so each column stops one row below it. Cells not computed count as `beyond`.
	let last = Math.min(m, maxDistance);
	for (let j = from; j < to; j++) {
		const unit = text.charCodeAt(j);
		current[0] = 0;
		currentFrom[0] = j + 1;
		const rows = Math.min(m, last + 1);
		for (let i = 1; i <= rows; i++) {
			// Prefer the diagonal (match or substitution) on ties, then skipping a text unit.
			let best = previous[i - 1] + (codes[i - 1] === unit ? 0 : 1);
			let start = previousFrom[i - 1];
			const skipText = (i <= last ? previous[i] : beyond) + 1;
			if (skipText < best) {
				best = skipText;
				start = previousFrom[i];
			}
			const skipPattern = current[i - 1] + 1;
			if (skipPattern < best) {
				best = skipPattern;
				start = currentFrom[i - 1];
			}
			current[i] = best;
			currentFrom[i] = start;
		}
		last = rows;
		while (last > 0 && current[last] > maxDistance) last--;
		if (last === m && currentFrom[m] < j + 1) {
			found.push({ start: currentFrom[m], end: j + 1, distance: current[m] });
		}
		[previous, current] = [current, previous];
		[previousFrom, currentFrom] = [currentFrom, previousFrom];
	}
	const lengthGap = (match: FuzzyMatch) => Math.abs(match.end - match.start - m);
	found.sort(
		(a, b) =>
			a.distance - b.distance ||
			Math.abs(a.start - near) - Math.abs(b.start - near) ||
			lengthGap(a) - lengthGap(b) ||
			a.start - b.start
	);
	const kept: FuzzyMatch[] = [];
	for (const match of found) {
		if (kept.some((other) => match.start < other.end && other.start < match.end)) continue;
		kept.push(match);
		if (kept.length >= limit) break;
	}
	return kept;
}
