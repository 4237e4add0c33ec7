/**
 * The one tokenizer of Spanwise: the token boundaries behind word snapping, word-wise caret and span
 * edge moves, Prodigy's `tokens` and token-level agreement. It follows spaCy's English tokenizer on
 * what matters in news (clitics, quotes, currency, %, hyphens, numbers, URLs); the rules are data in
 * tokenizer-rules.ts, applied in spaCy's order (see there).
 *
 * Two guarantees beyond spaCy's: tokens never cut a grapheme cluster (a cut that would is dropped, so
 * 👨‍👩‍👧 or e + U+0301 stay in one token), and white space is never a token: tokens cover every
 * non-white-space character exactly once. Offsets are UTF-16 code units.
 *
 * Speed: whitespace-separated pieces are cut one by one with a few regular expressions (plain words
 * take a fast path), so a whole article costs one linear pass. Questions about one place (snapping,
 * caret moves) tokenize only a window around it, cut where the result cannot depend on what lies
 * outside: next to white space, at a certain grapheme boundary.
 */
import { graphemeCeil, graphemeFloor } from './graphemes';
import { KEEP_WHOLE, SPLIT_WHOLE, TIME_PATTERN, TOKENIZER_RULES, type TokenizerRule, type TokenizerRuleKind } from './tokenizer-rules';

/** The rule table compiled: one regular expression per kind of rule. */
export interface CompiledRules {
	readonly prefix: RegExp;
	readonly suffix: RegExp;
	readonly infix: RegExp;
	readonly whole: RegExp;
}

/** Compiles a rule table (TOKENIZER_RULES unless a test leaves a rule out). */
export function compileRules(rules: readonly TokenizerRule[]): CompiledRules {
	const alternation = (kind: TokenizerRuleKind) => {
		const patterns = rules.filter((rule) => rule.kind === kind).map((rule) => `(?:${rule.pattern})`);
		return patterns.length > 0 ? patterns.join('|') : '(?!)';
	};
	return {
		prefix: new RegExp(`^(?:${alternation('prefix')})`, 'u'),
		suffix: new RegExp(`(?:${alternation('suffix')})$`, 'u'),
		infix: new RegExp(alternation('infix'), 'gu'),
		whole: new RegExp(`^(?:${alternation('whole')})$`, 'u')
	};
}

const RULES = compileRules(TOKENIZER_RULES);
const TIME = new RegExp(`^${TIME_PATTERN}$`, 'u');
/** A piece: a maximal run of non-white-space. */
const PIECE = /[^\p{White_Space}]+/gu;
const WHITE_SPACE = /\p{White_Space}/u;
/** Only pieces with one of these can be a URL or an e-mail address. */
const MAYBE_WHOLE = /[.@]/;
/** Pieces no rule can cut (Latin, Greek or Cyrillic letters only, or digits only), unless they are a special case. */
const SIMPLE = /^(?:[A-Za-z\u00c0-\u024f\u0370-\u0481\u048a-\u052f]+|[0-9]+)$/;
/**
 * A lower-case ASCII word with a comma or full stop after it ("said,", "billion."): the rules cut off
 * the mark and nothing else, unless the word or the piece is a special case. Every sentence end and
 * most commas of news text are such pieces.
 */
const WORD_THEN_MARK = /^[a-z]+[.,]$/;
/** Only pieces with one of these can have an infix (every infix pattern needs one). */
const MAYBE_INFIX = /[^A-Za-z0-9\u00c0-\u024f]/;
/** Only a piece with an apostrophe or a digit can have a suffix when it ends in an ASCII letter (clitics, units). */
const APOSTROPHE_OR_DIGIT = /['’0-9]/;

/**
 * False when no suffix rule can match the end of `rest`: no suffix pattern ends in a digit, and those
 * ending in an ASCII letter are clitics (an apostrophe) or units (after a digit). Saves the suffix
 * search, which tries every position of the piece.
 */
function mayHaveSuffix(rest: string): boolean {
	const last = rest.charCodeAt(rest.length - 1);
	if (last >= 0x30 && last <= 0x39) return false;
	if ((last >= 0x41 && last <= 0x5a) || (last >= 0x61 && last <= 0x7a)) return APOSTROPHE_OR_DIGIT.test(rest);
	return true;
}

/** Length of the suffix `regex` finds at the end of `rest` (its leftmost match), or 0. */
function suffixLength(rest: string, regex: RegExp): number {
	const match = regex.exec(rest);
	return match ? rest.length - match.index : 0;
}

/** How much of a long piece's end the suffix search looks at first. */
const TAIL = 64;
/** What a symbol suffix (an emoji sequence, the one long kind besides dots) can go on with. */
const SYMBOL_CONTINUES = /^[\p{M}\p{Emoji_Modifier}\u200d]/u;

/**
 * `suffixLength`, searching only the last `TAIL` code units when that must give the same answer:
 * the search tries every position of the piece, which in a piece of 100,000 characters costs far
 * more than the piece. Every suffix pattern is short except runs of dots and emoji sequences; a
 * match in the tail that starts at least two units in (the longest look-behind) is the leftmost one
 * unless a longer match starts before it, and such a match would make the tail a run of dots or an
 * emoji sequence's continuation, which the fallback checks.
 */
function suffixInTail(rest: string, regex: RegExp): number {
	if (rest.length <= TAIL) return suffixLength(rest, regex);
	const tail = rest.slice(rest.length - TAIL);
	const match = regex.exec(tail);
	if (match && match.index >= 2) return TAIL - match.index;
	if (!match && !SYMBOL_CONTINUES.test(tail)) return 0;
	return suffixLength(rest, regex);
}

/**
 * Each round strips at most a prefix and a suffix and costs the piece's length, so a piece of
 * thousands of brackets or emoji would take quadratic time; after this many rounds what is left goes
 * to the infixes (emoji are infixes too, so a run of them is still cut one by one).
 */
const MAX_AFFIX_ROUNDS = 64;

/** Special cases: a piece → where it is cut (offsets inside it; empty: kept whole). */
const SPECIAL = new Map<string, readonly number[]>();
for (const piece of KEEP_WHOLE) SPECIAL.set(piece, []);
for (const [piece, parts] of Object.entries(SPLIT_WHOLE)) {
	const cuts: number[] = [];
	let at = 0;
	for (const part of parts.slice(0, -1)) cuts.push((at += part.length));
	SPECIAL.set(piece, cuts);
}

function special(piece: string): readonly number[] | undefined {
	const found = SPECIAL.get(piece);
	if (found) return found;
	const code = piece.charCodeAt(0);
	if (code >= 0x30 && code <= 0x39) {
		const time = TIME.exec(piece);
		if (time) return [time[1].length];
	}
	return undefined;
}

/**
 * Where a piece (no white space in it) is cut: offsets strictly inside it, ascending. spaCy's
 * algorithm: special case, else strip prefixes and suffixes in turn, then keep a URL whole or cut at
 * infixes. `shortcuts` (on unless a test compares) skips the searches that cannot match with the
 * default `rules`.
 */
export function pieceCuts(piece: string, shortcuts = true, rules: CompiledRules = RULES): number[] {
	if (shortcuts && SIMPLE.test(piece) && !SPECIAL.has(piece)) return [];
	if (shortcuts && WORD_THEN_MARK.test(piece) && !SPECIAL.has(piece) && !SPECIAL.has(piece.slice(0, -1))) return [piece.length - 1];
	const front: number[] = [];
	const back: number[] = [];
	let lo = 0;
	let hi = piece.length;
	let rest = piece;
	let inner = special(rest);
	let lastLength = -1;
	for (let round = 0; inner === undefined && rest.length > 0 && rest.length !== lastLength && round < MAX_AFFIX_ROUNDS; round++) {
		lastLength = rest.length;
		const pre = rules.prefix.exec(rest)?.[0].length ?? 0;
		if (pre > 0 && pre < rest.length) {
			const found = special(rest.slice(pre));
			if (found) {
				front.push((lo += pre));
				rest = piece.slice(lo, hi);
				inner = found;
				break;
			}
		}
		const afterPrefix = pre > 0 ? rest.slice(pre) : rest;
		const suf = !shortcuts ? suffixLength(afterPrefix, rules.suffix) : mayHaveSuffix(afterPrefix) ? suffixInTail(afterPrefix, rules.suffix) : 0;
		if (suf > 0 && suf < rest.length) {
			const found = special(rest.slice(0, rest.length - suf));
			if (found) {
				back.push((hi -= suf));
				rest = piece.slice(lo, hi);
				inner = found;
				break;
			}
		}
		if (pre > 0 && suf > 0 && pre + suf <= rest.length) {
			front.push((lo += pre));
			back.push((hi -= suf));
		} else if (pre > 0) front.push((lo += pre));
		else if (suf > 0) back.push((hi -= suf));
		rest = piece.slice(lo, hi);
		if (rest.length > 0) inner = special(rest);
	}
	const cuts = front;
	if (inner !== undefined) for (const cut of inner) cuts.push(lo + cut);
	else if (rest.length > 0 && (!shortcuts || MAYBE_INFIX.test(rest)) && !(MAYBE_WHOLE.test(rest) && rules.whole.test(rest))) {
		for (const infix of rest.matchAll(rules.infix)) {
			if (infix[0].length === 0) continue;
			cuts.push(lo + infix.index, lo + infix.index + infix[0].length);
		}
	}
	for (let i = back.length - 1; i >= 0; i--) cuts.push(back[i]);
	// Drop the piece's own edges and repeats (a prefix and a suffix may meet).
	const inside: number[] = [];
	for (const cut of cuts) if (cut > 0 && cut < piece.length && cut !== inside[inside.length - 1]) inside.push(cut);
	return inside;
}

// ——— grapheme safety and windows ———

/** Code units that never join a neighbour into one grapheme cluster (most Latin, Greek, Cyrillic, CJK, punctuation). */
function isPlain(code: number): boolean {
	return (
		code < 0x300 ||
		(code >= 0x370 && code <= 0x482) ||
		(code >= 0x48a && code <= 0x52f) ||
		(code >= 0x2010 && code <= 0x2027) ||
		(code >= 0x2030 && code <= 0x205e) ||
		(code >= 0x20a0 && code <= 0x20c0) ||
		(code >= 0x3000 && code <= 0x3029) ||
		(code >= 0x3030 && code <= 0x303f) ||
		(code >= 0x3041 && code <= 0x3096) ||
		(code >= 0x30a1 && code <= 0x30fa) ||
		(code >= 0x4e00 && code <= 0x9fff) ||
		(code >= 0xff01 && code <= 0xff9d)
	);
}

/**
 * Astral code points that never join a neighbour either: emoji and other pictographs (not regional
 * indicators, which pair into flags, nor skin-tone modifiers, which extend), mathematical letters and
 * CJK extension ideographs. Two emoji side by side are two clusters unless a ZWJ joins them.
 */
function isPlainAstral(code: number): boolean {
	return (
		(code >= 0x1f000 && code <= 0x1faff && !(code >= 0x1f1e6 && code <= 0x1f1ff) && !(code >= 0x1f3fb && code <= 0x1f3ff)) ||
		(code >= 0x1d400 && code <= 0x1d7ff) ||
		(code >= 0x20000 && code <= 0x3134f)
	);
}

/** True when `index` is a grapheme boundary by the code points around it alone. */
function isCertainBoundary(text: string, index: number): boolean {
	if (index <= 0 || index >= text.length) return true;
	const before = text.charCodeAt(index - 1);
	const after = text.charCodeAt(index);
	if (before === 0x0d) return after !== 0x0a;
	const plainBefore = before >= 0xdc00 && before <= 0xdfff ? index >= 2 && isPlainAstral(text.codePointAt(index - 2)!) : isPlain(before);
	if (!plainBefore) return false;
	return after >= 0xd800 && after <= 0xdbff ? isPlainAstral(text.codePointAt(index)!) : isPlain(after);
}

function isSpaceCode(code: number): boolean {
	if (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d) return true;
	// Every White_Space character is in the BMP.
	return code > 0x7f && WHITE_SPACE.test(String.fromCharCode(code));
}

/**
 * True when tokenizing from or to `index` gives the tokens of the whole text: it is a text edge, or
 * it touches white space at a certain grapheme boundary (no piece and no cluster straddles it).
 */
function isSafeCut(text: string, index: number): boolean {
	if (index <= 0 || index >= text.length) return true;
	return (isSpaceCode(text.charCodeAt(index - 1)) || isSpaceCode(text.charCodeAt(index))) && isCertainBoundary(text, index);
}

/** How far a window reaches for a safe cut before settling for an approximate one. */
const WINDOW = 1000;

function safeCutAtOrBefore(text: string, index: number): number {
	const limit = Math.max(0, index - WINDOW);
	for (let p = index; p > limit; p--) if (isSafeCut(text, p)) return p;
	return limit;
}

function safeCutAtOrAfter(text: string, index: number): number {
	const limit = Math.min(text.length, index + WINDOW);
	for (let p = index; p < limit; p++) if (isSafeCut(text, p)) return p;
	return limit;
}

/** Appends token [start, end) to flat `out`, widened to grapheme boundaries and merged with an overlapped predecessor. */
function pushToken(text: string, out: number[], start: number, end: number): void {
	if (!isCertainBoundary(text, start)) start = graphemeFloor(text, start);
	if (!isCertainBoundary(text, end)) end = graphemeCeil(text, end);
	const n = out.length;
	if (n > 0 && start < out[n - 1]) {
		if (end > out[n - 1]) out[n - 1] = end;
		return;
	}
	out.push(start, end);
}

/** The tokens of `text` between `from` and `to` (safe cuts give exactly the whole text's tokens there). */
function tokenizeRange(text: string, from: number, to: number, out: number[] = []): number[] {
	PIECE.lastIndex = from;
	for (let match = PIECE.exec(text); match !== null && match.index < to; match = PIECE.exec(text)) {
		const start = match.index;
		const end = Math.min(to, start + match[0].length);
		const piece = end === start + match[0].length ? match[0] : text.slice(start, end);
		let at = start;
		for (const cut of pieceCuts(piece)) {
			pushToken(text, out, at, start + cut);
			at = start + cut;
		}
		pushToken(text, out, at, end);
		if (end === to) break;
	}
	return out;
}

function checkIndex(text: string, index: number): void {
	if (!Number.isInteger(index) || index < 0 || index > text.length) {
		throw new RangeError(`index ${index} is outside the text (length ${text.length})`);
	}
}

/** The tokens of the whole text as flat UTF-16 offsets [start₀, end₀, start₁, end₁, …]. */
export function tokenOffsets(text: string): Int32Array {
	return Int32Array.from(tokenizeRange(text, 0, text.length));
}

/** `[start, end)` of the token holding the code unit at `index`, or null when it is white space (or the text end). */
export function tokenAt(text: string, index: number): { start: number; end: number } | null {
	checkIndex(text, index);
	if (index === text.length) return null;
	const offsets = tokenizeRange(text, safeCutAtOrBefore(text, index), safeCutAtOrAfter(text, index + 1));
	for (let k = 0; k < offsets.length; k += 2) {
		if (offsets[k] <= index && index < offsets[k + 1]) return { start: offsets[k], end: offsets[k + 1] };
		if (offsets[k] > index) break;
	}
	return null;
}

/** Windows are at least this long, so stepping over long white space takes few rounds. */
const STEP = 256;

/** Which token edges a move stops at. */
type Edges = 'any' | 'starts' | 'ends';

function wanted(k: number, edges: Edges): boolean {
	return edges === 'any' || (edges === 'starts') === (k % 2 === 0);
}

function nextEdge(text: string, index: number, edges: Edges): number {
	checkIndex(text, index);
	let from = safeCutAtOrBefore(text, index);
	while (from < text.length) {
		const to = safeCutAtOrAfter(text, Math.min(text.length, Math.max(index + 1, from + STEP)));
		const offsets = tokenizeRange(text, from, to);
		for (let k = 0; k < offsets.length; k++) if (offsets[k] > index && wanted(k, edges)) return offsets[k];
		if (to <= from) break;
		from = to;
	}
	return text.length;
}

function previousEdge(text: string, index: number, edges: Edges): number {
	checkIndex(text, index);
	let to = safeCutAtOrAfter(text, index);
	while (to > 0) {
		const from = safeCutAtOrBefore(text, Math.max(0, Math.min(index - 1, to - STEP)));
		const offsets = tokenizeRange(text, from, to);
		for (let k = offsets.length - 1; k >= 0; k--) if (offsets[k] < index && wanted(k, edges)) return offsets[k];
		if (from >= to) break;
		to = from;
	}
	return 0;
}

/**
 * The first token edge (a start or an end) after `index`, or text.length: where a span edge goes on
 * one word move forward. "Ukraine’s" has edges before "Ukraine", between it and "’s", and after.
 */
export function nextTokenEdge(text: string, index: number): number {
	return nextEdge(text, index, 'any');
}

/** The last token edge before `index`, or 0: the backward counterpart of `nextTokenEdge`. */
export function previousTokenEdge(text: string, index: number): number {
	return previousEdge(text, index, 'any');
}

/**
 * The first token end after `index`, or text.length: where the caret goes on Ctrl+→ (as browsers on
 * Linux and macOS move to the end of the next word): after "Ukraine", then after "’s".
 */
export function nextTokenEnd(text: string, index: number): number {
	return nextEdge(text, index, 'ends');
}

/** The last token start before `index`, or 0: where the caret goes on Ctrl+← (the start of the previous word). */
export function previousTokenStart(text: string, index: number): number {
	return previousEdge(text, index, 'starts');
}
