/**
 * Quality of suggestions against gold spans, per label: exact-boundary matches (start, end and label
 * all equal) and a loose figure where overlapping spans of the same label match, one to one. Used by
 * the bench to print how good the built-in recognizers are on a hand-annotated fixture.
 */

/** A span as far as evaluation is concerned. */
export interface EvaluatedSpan {
	readonly start: number;
	readonly end: number;
	readonly label: string;
}

/** Counts and ratios for one label. Precision and recall are 0 when their denominator is. */
export interface Score {
	readonly tp: number;
	readonly fp: number;
	readonly fn: number;
	readonly precision: number;
	readonly recall: number;
}

/** A label's exact score, with the loose one (overlap counts) beside it. */
export interface LabelScore extends Score {
	readonly loose: Score;
}

function score(tp: number, predicted: number, gold: number): Score {
	return { tp, fp: predicted - tp, fn: gold - tp, precision: predicted === 0 ? 0 : tp / predicted, recall: gold === 0 ? 0 : tp / gold };
}

function key(span: EvaluatedSpan): string {
	return `${span.start}:${span.end}`;
}

/** Exact matches: each gold span matches at most one predicted span with the same offsets (duplicates count once). */
function exactMatches(gold: readonly EvaluatedSpan[], predicted: readonly EvaluatedSpan[]): number {
	const left = new Map<string, number>();
	for (const span of gold) left.set(key(span), (left.get(key(span)) ?? 0) + 1);
	let tp = 0;
	for (const span of predicted) {
		const count = left.get(key(span)) ?? 0;
		if (count > 0) {
			tp++;
			left.set(key(span), count - 1);
		}
	}
	return tp;
}

/** Loose matches: pairs of overlapping spans, one to one, the largest overlaps paired first. */
function looseMatches(gold: readonly EvaluatedSpan[], predicted: readonly EvaluatedSpan[]): number {
	const pairs: { g: number; p: number; overlap: number }[] = [];
	// Both sides sorted by start, so each gold span only meets the predicted spans near it.
	const byStart = predicted.map((span, p) => ({ span, p })).sort((a, b) => a.span.start - b.span.start);
	for (let g = 0; g < gold.length; g++) {
		const span = gold[g];
		for (const { span: other, p } of byStart) {
			if (other.start >= span.end) break;
			const overlap = Math.min(span.end, other.end) - Math.max(span.start, other.start);
			if (overlap > 0) pairs.push({ g, p, overlap });
		}
	}
	pairs.sort((a, b) => b.overlap - a.overlap);
	const usedGold = new Set<number>();
	const usedPredicted = new Set<number>();
	let tp = 0;
	for (const pair of pairs) {
		if (usedGold.has(pair.g) || usedPredicted.has(pair.p)) continue;
		usedGold.add(pair.g);
		usedPredicted.add(pair.p);
		tp++;
	}
	return tp;
}

function checkSpan(span: EvaluatedSpan, side: string, index: number): void {
	if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start) {
		throw new RangeError(`${side} span ${index} has offsets [${span.start}, ${span.end})`);
	}
}

/**
 * Scores `predicted` against `gold` (spans of one article, or of several with offsets kept apart by
 * the caller), for every label found on either side. Exact: same start, end and label. Loose: same
 * label and overlapping, each span matched at most once.
 */
export function evaluateSuggestions(gold: readonly EvaluatedSpan[], predicted: readonly EvaluatedSpan[]): Record<string, LabelScore> {
	gold.forEach((span, k) => checkSpan(span, 'gold', k));
	predicted.forEach((span, k) => checkSpan(span, 'predicted', k));
	const labels = [...new Set([...gold.map((span) => span.label), ...predicted.map((span) => span.label)])].sort();
	const result: Record<string, LabelScore> = {};
	for (const label of labels) {
		const g = gold.filter((span) => span.label === label);
		const p = predicted.filter((span) => span.label === label);
		result[label] = { ...score(exactMatches(g, p), p.length, g.length), loose: score(looseMatches(g, p), p.length, g.length) };
	}
	return result;
}
