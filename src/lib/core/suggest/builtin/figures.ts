/**
 * Figures: money, percentages, counts, measures, durations and dates. wink-nlp's entities (MONEY,
 * PERCENT, DATE, DURATION, CARDINAL, ORDINAL) are the start; the rules here fix what it leaves out or
 * takes in, from the tables in lexicon.ts:
 * - a currency sign it misses before a number ("€3,400", "₴1.2 trillion") or a currency word after
 *   it ("120 million Danish crowns"), a unit of measure ("2.2 million barrels");
 * - qualifiers before a quantity ("as high as 60", "more than 200", "at least 10,500");
 * - prepositions before a date ("since 2021", "on Tuesday", "by 2026" → "2021", "Tuesday", "2026"),
 *   lone period words ("day" in "a barrel a day"), "fall" the verb;
 * - year ranges ("2008-2011"), "third quarter", vague counts ("dozens of …" → "dozens");
 * - with `countNoun`, the counted noun ("dozens of military advisers").
 */
import { keepDisjoint, phraseAt, phraseBefore, touchesPrevious, type Analysis, type TokenRange } from './analysis';
import { hasTag } from './gazetteer';
import {
	BARE_PERIODS, CURRENCY_SIGNS, CURRENCY_WORDS, DATE_PERIODS, DATE_PREPOSITIONS, MEASURE_UNITS, NOT_COUNTS, PERCENT_UNITS,
	QUALIFIERS, SCALE_WORDS, VAGUE_COUNTS, phraseTokens
} from './lexicon';
import { cleanEdges, trimLeading } from './trim';

/** What kind of figure, given as the suggestion's `why`. */
export type FigureKind = 'money' | 'percent' | 'date' | 'count' | 'duration' | 'measure';

/** A figure on tokens. */
export interface Figure extends TokenRange {
	readonly why: FigureKind;
}

/** How figures are cut. */
export interface FigureOptions {
	/** Counts take the counted noun: "dozens of military advisers" instead of "dozens". */
	readonly countNoun: boolean;
}

/** Phrases as token lists, longest first so that "as high as" wins over "as". */
function compile(phrases: Iterable<string>): readonly (readonly string[])[] {
	return [...phrases].map(phraseTokens).sort((a, b) => b.length - a.length);
}

const QUALIFIER_PHRASES = compile(QUALIFIERS);
const PERCENT_PHRASES = compile(PERCENT_UNITS);
const UNIT_PHRASES = compile(MEASURE_UNITS);
const DATE_QUALIFIERS = new Set(['late', 'early', 'mid', 'mid-']);
/** Prepositions before a point in time: what wink-nlp reads as a duration after them is a date. */
const POINT_PREPOSITIONS = new Set(['since', 'until', 'till', 'by', 'from', 'before', 'after']);
const PERIOD_FILLERS = new Set([...BARE_PERIODS, 'a', 'an', 'per', 'each', 'every', 'the']);
const YEAR = /^(?:1[89]|20)\d\d$/;
const YEAR_END = /^\d\d(?:\d\d)?$/;
const NUMBER = /^\d[\d,.]*$/;

function isUnit(analysis: Analysis, k: number): number {
	if (k >= analysis.size) return 0;
	return phraseAt(analysis, k, UNIT_PHRASES) || (hasTag(analysis.lower[k], ['Unit']) && analysis.lower[k] !== '%' ? 1 : 0);
}

/** A number that is part of a name ("F-16", "Su-34"): a capitalised word hyphen-joined before it. */
function inName(analysis: Analysis, from: number): boolean {
	return from >= 2 && analysis.word[from - 1] === '-' && touchesPrevious(analysis, from) && touchesPrevious(analysis, from - 1) && /^\p{Lu}/u.test(analysis.word[from - 2]);
}

/** Grows a quantity over its currency, scale, percent sign or unit; gives its kind. */
function completeQuantity(analysis: Analysis, range: TokenRange, why: FigureKind): Figure {
	let { from, to } = range;
	while (to < analysis.size && SCALE_WORDS.has(analysis.lower[to]) && (analysis.lower[to].length > 2 || touchesPrevious(analysis, to))) to++;
	if (from > 0 && CURRENCY_SIGNS.has(analysis.word[from - 1])) {
		from--;
		why = 'money';
	} else if (why === 'count') {
		const percent = to < analysis.size ? phraseAt(analysis, to, PERCENT_PHRASES) : 0;
		const adjective = to < analysis.size && /^\p{Lu}/u.test(analysis.word[to]) && CURRENCY_WORDS.has(analysis.lower[to + 1] ?? '') ? 1 : 0;
		const unit = isUnit(analysis, to);
		if (percent > 0) {
			to += percent;
			why = 'percent';
		} else if (to + adjective < analysis.size && CURRENCY_WORDS.has(analysis.lower[to + adjective])) {
			to += adjective + 1;
			why = 'money';
		} else if (unit > 0) {
			to += unit;
			why = 'measure';
		}
	}
	if (why !== 'date' && why !== 'duration') from -= phraseBefore(analysis, from, QUALIFIER_PHRASES);
	return { from, to, why };
}

function hasNumber(analysis: Analysis, range: TokenRange): boolean {
	for (let k = range.from; k < range.to; k++) if (analysis.pos[k] === 'NUM' || /\d/.test(analysis.word[k])) return true;
	return false;
}

/** A date or duration without the words wink-nlp takes in before it, or null when nothing of a date is left. */
function completeDate(analysis: Analysis, range: TokenRange, why: FigureKind): Figure | null {
	const trimmed = trimLeading(analysis, range, DATE_PREPOSITIONS);
	if (trimmed.to <= trimmed.from) return null;
	let onlyPeriods = true;
	for (let k = trimmed.from; k < trimmed.to; k++) if (!PERIOD_FILLERS.has(analysis.lower[k])) onlyPeriods = false;
	if (onlyPeriods) return null;
	// A duration is a quantity: "six years", not "the coming days".
	if (why === 'duration' && !POINT_PREPOSITIONS.has(analysis.lower[range.from]) && !hasNumber(analysis, trimmed)) return null;
	// "fall short": wink-nlp reads the season.
	if (trimmed.to - trimmed.from === 1 && (analysis.pos[trimmed.from] === 'VERB' || analysis.pos[trimmed.from] === 'AUX')) return null;
	const from = trimmed.from > 0 && DATE_QUALIFIERS.has(analysis.lower[trimmed.from - 1]) ? trimmed.from - 1 : trimmed.from;
	// wink-nlp calls "since October 21" a duration; without "since" it is a date.
	const pointInTime = trimmed.from > range.from && POINT_PREPOSITIONS.has(analysis.lower[range.from]);
	return { from, to: trimmed.to, why: pointInTime ? 'date' : why };
}

/** Figures from wink-nlp's entities, completed and trimmed. */
function fromEntities(analysis: Analysis): Figure[] {
	const figures: Figure[] = [];
	for (const entity of analysis.entities) {
		const range = { from: entity.from, to: entity.to };
		switch (entity.type) {
			case 'MONEY':
				figures.push(completeQuantity(analysis, range, 'money'));
				break;
			case 'PERCENT':
				figures.push(completeQuantity(analysis, range, 'percent'));
				break;
			case 'CARDINAL':
				if (entity.to - entity.from === 1 && NOT_COUNTS.has(analysis.lower[entity.from])) break;
				if (inName(analysis, entity.from)) break;
				figures.push(completeQuantity(analysis, range, 'count'));
				break;
			case 'DATE':
			case 'DURATION': {
				const date = completeDate(analysis, range, entity.type === 'DATE' ? 'date' : 'duration');
				if (date) figures.push(date);
				break;
			}
			case 'ORDINAL':
				// "third quarter", "first half": a period of the year.
				if (entity.to < analysis.size && DATE_PERIODS.has(analysis.lower[entity.to])) figures.push({ from: entity.from, to: entity.to + 1, why: 'date' });
				break;
		}
	}
	return figures;
}

/** Figures wink-nlp does not mark: year ranges, amounts after a currency sign, vague counts. */
function fromRules(analysis: Analysis): Figure[] {
	const figures: Figure[] = [];
	for (let k = 0; k < analysis.size; k++) {
		const word = analysis.word[k];
		if (YEAR.test(word) && k + 2 < analysis.size && (analysis.word[k + 1] === '-' || analysis.word[k + 1] === '–') && touchesPrevious(analysis, k + 1) && touchesPrevious(analysis, k + 2) && YEAR_END.test(analysis.word[k + 2])) {
			figures.push({ from: k, to: k + 3, why: 'date' });
		} else if (CURRENCY_SIGNS.has(word) && k + 1 < analysis.size && NUMBER.test(analysis.word[k + 1])) {
			figures.push(completeQuantity(analysis, { from: k + 1, to: k + 2 }, 'count'));
		} else if (NUMBER.test(word) && k + 1 < analysis.size && phraseAt(analysis, k + 1, PERCENT_PHRASES) > 0) {
			figures.push(completeQuantity(analysis, { from: k, to: k + 1 }, 'count'));
		} else if (VAGUE_COUNTS.has(analysis.lower[k]) && analysis.lower[k + 1] === 'of') {
			// "tens of thousands of", "hundreds of millions of": one count.
			const to = VAGUE_COUNTS.has(analysis.lower[k + 2] ?? '') && analysis.lower[k + 3] === 'of' ? k + 3 : k + 1;
			figures.push(completeQuantity(analysis, { from: k, to }, 'count'));
		}
	}
	return figures;
}

const NOUN_PHRASE_POS = new Set(['ADJ', 'NOUN', 'PROPN']);

/** A count with the noun it counts: "dozens" + "of military advisers", "47" + "attack drones". */
function withCountedNoun(analysis: Analysis, figure: Figure): Figure {
	let k = figure.to;
	if (analysis.lower[k] === 'of') k++;
	let end = -1;
	for (let n = 0; k < analysis.size && n < 5; k++, n++) {
		const pos = analysis.pos[k];
		if (!NOUN_PHRASE_POS.has(pos) && !(pos === 'VERB' && /ed$/.test(analysis.lower[k]) && n === 0) && analysis.lower[k] !== 'more') break;
		if (pos === 'NOUN' || pos === 'PROPN') end = k + 1;
	}
	return end > 0 ? { ...figure, to: end } : figure;
}

/** Keeps the longest of overlapping figures; returns them in text order. */
function resolveOverlaps(figures: readonly Figure[]): Figure[] {
	return keepDisjoint([...figures].sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from));
}

/** The figures of the article, in text order, not overlapping, edges cleaned (trim.ts). */
export function findFigures(analysis: Analysis, options: FigureOptions): Figure[] {
	const figures: Figure[] = [];
	for (const figure of resolveOverlaps([...fromRules(analysis), ...fromEntities(analysis)])) {
		const counted = options.countNoun && figure.why === 'count' ? withCountedNoun(analysis, figure) : figure;
		const clean = cleanEdges(analysis, counted);
		if (clean.to > clean.from) figures.push(clean === counted ? counted : { ...clean, why: figure.why });
	}
	return figures;
}
