/**
 * Inter-annotator agreement of a review session: any number of annotators, per label and overall,
 * per article and across the session. The metrics themselves are defined (with their formulas and
 * degenerate cases) in spans-match.ts, kappa.ts and unitizing.ts; this module decides what is
 * counted and how counts are pooled.
 *
 * Annotators: `input.annotators` (in that order) or all that have spans, sorted. Pairs are (a, b) for
 * a before b; in a pair a is the reference, so precision = matched b spans / b spans and recall =
 * matched a spans / a spans (F1 does not depend on the order; pooled precision and recall do, as
 * they pool over pairs in this orientation). An annotator without spans is an annotator who marked
 * nothing.
 *
 * Labels: `input.labels` or all that have spans, sorted. A span match always needs the same label.
 * Spans of unlisted labels or annotators are ignored; an annotator's repeated span (same start, end,
 * label) counts once. Spans must lie in their text: RangeError otherwise, and on a repeated article id.
 *
 * Per label (`report.labels[label]`):
 * - exact, overlap: tp, fp, fn summed over all articles and all annotator pairs, then P/R/F1 of the sums.
 * - cohen_kappa: for each pair, Cohen's κ of the 2×2 table of token decisions ("inside a span of this
 *   label" or not, see token-grid.ts) over every token of every article; then the mean over the pairs
 *   whose κ is defined (null if none is).
 * - fleiss_kappa: Fleiss' κ over the same items (tokens) with all annotators; null with fewer than 3.
 * - krippendorff_alpha_u: α_u of the label over all articles as one continuum (unitizing.ts); null
 *   when some annotator's spans of the label overlap each other anywhere (nested or crossing spans
 *   of one label), since α_u is not defined for that.
 *
 * Tokens come from `article.tokens` or `tokenOffsets(text)`, once per article for all labels and
 * pairs. Tokenizing dominates the running time when tokens are not given (see token-grid.ts).
 *
 * Overall (`report.overall`):
 * - micro pools the counts of all labels: span counts summed over labels; for the kappas every
 *   (token, label) is one item, so a pair's Cohen's κ comes from the sum of its per-label tables and
 *   Fleiss' κ from all (token, label) items (then cohen_kappa is again the mean over pairs); α_u is
 *   Krippendorff's pooled 1 − Σ D_o / Σ D_e over labels, null if any label's α_u is undefined
 *   because of overlapping units.
 * - macro is the mean over labels of each label's figure, skipping labels where it is null (null
 *   if all are). Its tp/fp/fn are the pooled totals, the same as micro's: only ratios are averaged.
 *   Macro F1 is the mean of the label F1s, not the F1 of macro precision and recall.
 *
 * Per pair (`report.pairs`): the same for one pair only (exact, overlap, cohen_kappa per label,
 * pooled over labels as `overall`, averaged over labels as `macro`).
 *
 * Per article (`report.articles[id]`, with `{ perArticle: true }`): the same report computed on that
 * article alone, with the session's annotators and labels.
 *
 * Relations (`report.relations`, only when some article has relations): relation F1 per type, exact
 * and by overlap, per pair and pooled, as relation-agreement.ts defines them. Annotators who made
 * only relations count among the annotators too.
 */
import { binaryCohenKappa, binaryFleissKappa } from './kappa';
import { prfFromSizes, uniqueSorted, exactMatchCount, overlapMatchCount, type Interval, type PRF } from './spans-match';
import { addRunsHistogram, markedRuns, runsLength, runsOverlap, tokenOffsets } from './token-grid';
import { offsetRangeProblem } from '../spans/bounds';
import { UnitizingTally, unitizingAlpha } from './unitizing';
import { computeRelationAgreement } from './relation-agreement';
import type {
	AgreementArticle,
	AgreementInput,
	AgreementOptions,
	AgreementReport,
	ArticleAgreement,
	Figures,
	PairFigures,
	PairLabelFigures
} from './types';

/** Sums over a set of articles, for `m` annotators, `K` labels and the P = m(m−1)/2 pairs. */
class Counts {
	/** Per (pair, label): tp, spans of a, spans of b. */
	readonly exact: Float64Array;
	readonly overlap: Float64Array;
	/** Per (pair, label): tokens both marked, only a, only b, neither. */
	readonly tables: Float64Array;
	/** Per label: histogram[k] = tokens exactly k annotators marked (k = 0…m). */
	readonly histograms: Float64Array;
	readonly tallies: UnitizingTally[];

	constructor(
		readonly coders: number,
		readonly labels: number,
		readonly pairs: readonly (readonly [number, number])[]
	) {
		this.exact = new Float64Array(pairs.length * labels * 3);
		this.overlap = new Float64Array(pairs.length * labels * 3);
		this.tables = new Float64Array(pairs.length * labels * 4);
		this.histograms = new Float64Array(labels * (coders + 1));
		this.tallies = Array.from({ length: labels }, () => new UnitizingTally(coders));
	}

	add(other: Counts): void {
		addInto(this.exact, other.exact);
		addInto(this.overlap, other.overlap);
		addInto(this.tables, other.tables);
		addInto(this.histograms, other.histograms);
		for (let l = 0; l < this.labels; l++) this.tallies[l].merge(other.tallies[l]);
	}
}

function addInto(target: Float64Array, source: Float64Array): void {
	for (let k = 0; k < target.length; k++) target[k] += source[k];
}

/** Everything an article contributes. */
function countArticle(
	article: AgreementArticle,
	annotatorIndex: ReadonlyMap<string, number>,
	labelIndex: ReadonlyMap<string, number>,
	into: Counts
): void {
	const m = into.coders;
	const K = into.labels;
	const { pairs } = into;
	const length = article.text.length;
	// buckets[r * K + l]: annotator r's spans of label l.
	const buckets: Interval[][] = Array.from({ length: m * K }, () => []);
	for (const span of article.spans) {
		const problem = offsetRangeProblem(span.start, span.end, length);
		if (problem) {
			throw new RangeError(`article "${article.id}": span ${span.label} by ${span.annotator}: ${problem.field} ${problem.detail}`);
		}
		const r = annotatorIndex.get(span.annotator);
		const l = labelIndex.get(span.label);
		if (r !== undefined && l !== undefined) buckets[r * K + l].push(span);
	}
	const sets = buckets.map((bucket) => uniqueSorted(bucket));

	const tokens = article.tokens ?? tokenOffsets(article.text);
	if (tokens.length % 2 !== 0 || (tokens.length > 0 && tokens[tokens.length - 1] > length)) {
		throw new RangeError(`article "${article.id}": tokens do not fit its text`);
	}
	const T = tokens.length >> 1;

	for (let l = 0; l < K; l++) {
		let used = false;
		for (let r = 0; r < m; r++) used ||= sets[r * K + l].length > 0;
		const units: (readonly Interval[])[] = [];
		for (let r = 0; r < m; r++) units.push(sets[r * K + l]);
		into.tallies[l].add(length, units);
		const histogram = l * (m + 1);
		if (!used) {
			for (let p = 0; p < pairs.length; p++) into.tables[(p * K + l) * 4 + 3] += T;
			into.histograms[histogram] += T;
			continue;
		}
		for (let p = 0; p < pairs.length; p++) {
			const a = units[pairs[p][0]];
			const b = units[pairs[p][1]];
			const at = (p * K + l) * 3;
			into.exact[at] += exactMatchCount(a, b);
			into.overlap[at] += overlapMatchCount(a, b);
			into.exact[at + 1] += a.length;
			into.overlap[at + 1] += a.length;
			into.exact[at + 2] += b.length;
			into.overlap[at + 2] += b.length;
		}
		// Token decisions as runs of marked tokens (token-grid.ts): the 2×2 tables and the histogram
		// come from the runs' edges, not from a pass over every token.
		const runs = units.map((unit) => markedRuns(tokens, unit));
		const sizes = runs.map(runsLength);
		for (let p = 0; p < pairs.length; p++) {
			const both = runsOverlap(runs[pairs[p][0]], runs[pairs[p][1]]);
			const onlyA = sizes[pairs[p][0]] - both;
			const onlyB = sizes[pairs[p][1]] - both;
			const at = (p * K + l) * 4;
			into.tables[at] += both;
			into.tables[at + 1] += onlyA;
			into.tables[at + 2] += onlyB;
			into.tables[at + 3] += T - both - onlyA - onlyB;
		}
		addRunsHistogram(runs, T, into.histograms, histogram);
	}
}

/** Mean of the non-null values; null when there are none. */
function mean(values: readonly (number | null)[]): number | null {
	let sum = 0;
	let count = 0;
	for (const v of values) {
		if (v !== null) {
			sum += v;
			count++;
		}
	}
	return count > 0 ? sum / count : null;
}

/** P/R/F1 of the (tp, |A|, |B|) triples at `cells` of `source`, summed. */
function pooledPrf(source: Float64Array, cells: readonly number[]): PRF {
	let tp = 0;
	let sizeA = 0;
	let sizeB = 0;
	for (const at of cells) {
		tp += source[at];
		sizeA += source[at + 1];
		sizeB += source[at + 2];
	}
	return prfFromSizes(tp, sizeA, sizeB);
}

/** Cohen's κ of the summed 2×2 tables at `cells`. */
function pooledCohen(tables: Float64Array, cells: readonly number[]): number | null {
	let both = 0;
	let onlyA = 0;
	let onlyB = 0;
	let neither = 0;
	for (const at of cells) {
		both += tables[at];
		onlyA += tables[at + 1];
		onlyB += tables[at + 2];
		neither += tables[at + 3];
	}
	return binaryCohenKappa(both, onlyA, onlyB, neither);
}

/** Ratios averaged over `figures` (nulls skipped), counts taken from `pooled`. */
function macroPrf(figures: readonly PRF[], pooled: PRF): PRF {
	return {
		precision: mean(figures.map((f) => f.precision)),
		recall: mean(figures.map((f) => f.recall)),
		f1: mean(figures.map((f) => f.f1)),
		tp: pooled.tp,
		fp: pooled.fp,
		fn: pooled.fn
	};
}

function range(n: number): number[] {
	return Array.from({ length: n }, (_, k) => k);
}

/** The report of counted articles. */
function summarize(counts: Counts, annotators: readonly string[], labels: readonly string[]): ArticleAgreement {
	const m = counts.coders;
	const K = counts.labels;
	const { pairs } = counts;
	const P = pairs.length;
	const allLabels = range(K);
	const allPairs = range(P);
	const spanCells = (ps: readonly number[], ls: readonly number[]) => ps.flatMap((p) => ls.map((l) => (p * K + l) * 3));
	const tableCells = (p: number, ls: readonly number[]) => ls.map((l) => (p * K + l) * 4);

	const pairFigures: PairFigures[] = pairs.map(([i, j], p) => {
		const perLabel = allLabels.map(
			(l): PairLabelFigures => ({
				exact: pooledPrf(counts.exact, spanCells([p], [l])),
				overlap: pooledPrf(counts.overlap, spanCells([p], [l])),
				cohen_kappa: pooledCohen(counts.tables, tableCells(p, [l]))
			})
		);
		const overall: PairLabelFigures = {
			exact: pooledPrf(counts.exact, spanCells([p], allLabels)),
			overlap: pooledPrf(counts.overlap, spanCells([p], allLabels)),
			cohen_kappa: pooledCohen(counts.tables, tableCells(p, allLabels))
		};
		return {
			a: annotators[i],
			b: annotators[j],
			labels: Object.fromEntries(perLabel.map((f, l) => [labels[l], f])),
			overall,
			macro: {
				exact: macroPrf(
					perLabel.map((f) => f.exact),
					overall.exact
				),
				overlap: macroPrf(
					perLabel.map((f) => f.overlap),
					overall.overlap
				),
				cohen_kappa: mean(perLabel.map((f) => f.cohen_kappa))
			}
		};
	});

	const disagreements = counts.tallies.map((tally) => tally.disagreement());
	const labelFigures = allLabels.map(
		(l): Figures => ({
			exact: pooledPrf(counts.exact, spanCells(allPairs, [l])),
			overlap: pooledPrf(counts.overlap, spanCells(allPairs, [l])),
			cohen_kappa: mean(pairFigures.map((pair) => pair.labels[labels[l]].cohen_kappa)),
			fleiss_kappa: m >= 3 ? binaryFleissKappa(counts.histograms.subarray(l * (m + 1), (l + 1) * (m + 1))) : null,
			krippendorff_alpha_u: unitizingAlpha([disagreements[l]])
		})
	);
	let micro: Figures;
	{
		const histogram = new Float64Array(m + 1);
		for (let l = 0; l < K; l++) for (let k = 0; k <= m; k++) histogram[k] += counts.histograms[l * (m + 1) + k];
		micro = {
			exact: pooledPrf(counts.exact, spanCells(allPairs, allLabels)),
			overlap: pooledPrf(counts.overlap, spanCells(allPairs, allLabels)),
			cohen_kappa: mean(pairFigures.map((pair) => pair.overall.cohen_kappa)),
			fleiss_kappa: m >= 3 ? binaryFleissKappa(histogram) : null,
			krippendorff_alpha_u: unitizingAlpha(disagreements)
		};
	}
	const macro: Figures = {
		exact: macroPrf(
			labelFigures.map((f) => f.exact),
			micro.exact
		),
		overlap: macroPrf(
			labelFigures.map((f) => f.overlap),
			micro.overlap
		),
		cohen_kappa: mean(labelFigures.map((f) => f.cohen_kappa)),
		fleiss_kappa: mean(labelFigures.map((f) => f.fleiss_kappa)),
		krippendorff_alpha_u: mean(labelFigures.map((f) => f.krippendorff_alpha_u))
	};
	return {
		annotators: [...annotators],
		labels: Object.fromEntries(labelFigures.map((f, l) => [labels[l], f])),
		overall: { micro, macro },
		pairs: pairFigures
	};
}

/** `given` without repeats, or every value `seen` sorted. */
function chosen(given: readonly string[] | undefined, seen: () => Iterable<string>): string[] {
	return given ? [...new Set(given)] : [...new Set(seen())].sort();
}

/**
 * Agreement of the input's annotators over all its articles (see the module comment for what is
 * counted and types.ts for the report). With `{ perArticle: true }` the report also has
 * `articles[id]`, each article on its own. RangeError on a span outside its text or a repeated
 * article id.
 */
export function computeAgreement(input: AgreementInput, options: AgreementOptions = {}): AgreementReport {
	const annotators = chosen(input.annotators, function* () {
		for (const article of input.articles) {
			for (const span of article.spans) yield span.annotator;
			for (const relation of article.relations ?? []) yield relation.annotator;
		}
	});
	const withRelations = input.articles.some((article) => (article.relations?.length ?? 0) > 0);
	const relationsOf = (articles: readonly AgreementArticle[]) =>
		withRelations ? { relations: computeRelationAgreement(articles, annotators, { symmetric: input.symmetricRelations }) } : {};
	const labels = chosen(input.labels, function* () {
		for (const article of input.articles) for (const span of article.spans) yield span.label;
	});
	const annotatorIndex = new Map(annotators.map((name, r) => [name, r]));
	const labelIndex = new Map(labels.map((name, l) => [name, l]));
	const pairs: [number, number][] = [];
	for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) pairs.push([i, j]);

	const session = new Counts(annotators.length, labels.length, pairs);
	const articles: [string, ArticleAgreement][] = [];
	const ids = new Set<string>();
	for (const article of input.articles) {
		if (ids.has(article.id)) throw new RangeError(`article id "${article.id}" appears twice`);
		ids.add(article.id);
		if (options.perArticle) {
			const counts = new Counts(annotators.length, labels.length, pairs);
			countArticle(article, annotatorIndex, labelIndex, counts);
			articles.push([article.id, { ...summarize(counts, annotators, labels), ...relationsOf([article]) }]);
			session.add(counts);
		} else {
			countArticle(article, annotatorIndex, labelIndex, session);
		}
	}
	const report = { ...summarize(session, annotators, labels), ...relationsOf(input.articles) };
	return options.perArticle ? { ...report, articles: Object.fromEntries(articles) } : report;
}

/**
 * Agreement on one article alone: annotators and labels as given, else those of its spans (sorted).
 * The same as `computeAgreement` of a one-article session.
 */
export function computeArticleAgreement(
	article: AgreementArticle,
	options: { readonly annotators?: readonly string[]; readonly labels?: readonly string[] } = {}
): ArticleAgreement {
	return computeAgreement({ articles: [article], annotators: options.annotators, labels: options.labels });
}
