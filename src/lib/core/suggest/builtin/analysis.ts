/**
 * One article read once for every built-in recognizer: the project tokenizer's tokens (which every
 * suggestion's edges snap to) with, for each, the Universal POS tag and lemma wink-nlp gives, the
 * sentence it is in, and wink-nlp's entities (MONEY, PERCENT, DATE, …) as token ranges.
 *
 * wink-nlp has its own tokens; they are aligned to ours by character offsets (a token of ours takes
 * the tag of the wink token covering its start). wink-nlp reads the text in chunks cut at line breaks
 * (a sentence never crosses one here), so a huge article costs a linear pass and bounded memory.
 * The model is loaded on first use (about 100 ms; less with the worker's loader, `useWinkModel`) and kept.
 */
import winkNLP, { type Document, type ItsFunction, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { tokenOffsets } from '../../text/tokenizer';

/** Tokens `[from, to)`: indices into an Analysis's tokens, end exclusive. */
export interface TokenRange {
	readonly from: number;
	readonly to: number;
}

/** A wink-nlp entity on our tokens. `type` is wink's: DATE, MONEY, PERCENT, CARDINAL, ORDINAL, DURATION, TIME, … */
export interface WinkEntity extends TokenRange {
	readonly type: string;
}

/** The article as the recognizers see it. Arrays are indexed by token. */
export interface Analysis {
	readonly text: string;
	/** Flat `[start, end, …]` UTF-16 offsets (tokenOffsets). */
	readonly tokens: Int32Array;
	readonly size: number;
	/** Each token's text as written. */
	readonly word: readonly string[];
	/** Each token's text, lower-cased. */
	readonly lower: readonly string[];
	/** Universal POS tag (wink-nlp). */
	readonly pos: readonly string[];
	/** Lemma (wink-nlp), lower-case. */
	readonly lemma: readonly string[];
	/** Index of the sentence each token is in. */
	readonly sentence: Int32Array;
	/** First token of each sentence, in order, then `size`. */
	readonly sentenceStarts: Int32Array;
	readonly entities: readonly WinkEntity[];
}

/** wink-nlp reads at most this many UTF-16 units at once (cut after a line break when there is one). */
const CHUNK = 20_000;

let wink: WinkMethods | undefined;
/** The model wink-nlp is built from: the package's, unless a faster-loading one is given first. */
let winkModel: typeof model = model;

/**
 * Builds wink-nlp from `faster` instead of the package's model (the suggestion worker's loader that
 * does not copy the model first; it must give the same model). Only before the first analysis.
 */
export function useWinkModel(faster: typeof model): void {
	if (!wink) winkModel = faster;
}


/** Builds the wink-nlp instance now (its model takes most of a worker's start), ahead of the first article. */
export function prepareAnalysis(): void {
	winkInstance();
}

/** The shared wink-nlp instance (sentence boundaries, POS and entities only: the rest of its pipe is not needed). */
function winkInstance(): WinkMethods {
	wink ??= winkNLP(winkModel, ['sbd', 'pos', 'ner']);
	return wink;
}

/**
 * `its.lemma` as `out` takes it: wink-nlp's declarations give it the arguments it is called with
 * (index, document data, addons), which do not match their own `ItsFunction` type.
 */
function lemmaOf(its: WinkMethods['its']): ItsFunction<string> {
	return its.lemma as unknown as ItsFunction<string>;
}

/** One wink-nlp token or entity with its UTF-16 offsets in the whole text. */
interface Located {
	readonly start: number;
	readonly end: number;
}

interface WinkChunk {
	readonly tokens: Located[];
	readonly pos: string[];
	readonly lemma: string[];
	readonly sentences: Located[];
	readonly entities: (Located & { readonly type: string })[];
}

function strings(values: readonly unknown[]): string[] {
	return values.map((value) => (typeof value === 'string' ? value : String(value)));
}

function isSpan(value: unknown): value is [number, number] {
	return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number';
}

function isDetail(value: unknown): value is { type: string } {
	return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Where `text` is cut into chunks for wink-nlp: after the last line break (else space) before the limit. */
function chunkEdges(text: string): number[] {
	const edges = [0];
	let at = 0;
	while (text.length - at > CHUNK) {
		const line = text.lastIndexOf('\n', at + CHUNK);
		const space = line > at ? line : text.lastIndexOf(' ', at + CHUNK);
		at = space > at ? space + 1 : at + CHUNK;
		edges.push(at);
	}
	edges.push(text.length);
	return edges;
}

/** Reads one chunk with wink-nlp, locating its tokens in the text (offsets rebuilt from wink's spacing). */
function readChunk(nlp: WinkMethods, text: string, from: number, to: number): WinkChunk {
	const doc: Document = nlp.readDoc(text.slice(from, to));
	const its = nlp.its;
	const values = strings(doc.tokens().out(its.value));
	const spaces = strings(doc.tokens().out(its.precedingSpaces));
	const tokens: Located[] = [];
	let cursor = from;
	for (let k = 0; k < values.length; k++) {
		let start = cursor + spaces[k].length;
		// wink-nlp keeps the text as it is; search only if it ever does not.
		if (!text.startsWith(values[k], start)) start = Math.max(cursor, text.indexOf(values[k], cursor));
		const end = Math.min(to, start + values[k].length);
		tokens.push({ start, end });
		cursor = end;
	}
	const locate = (span: unknown): Located | undefined => (isSpan(span) && tokens[span[0]] && tokens[span[1]] ? { start: tokens[span[0]].start, end: tokens[span[1]].end } : undefined);
	const sentences: Located[] = [];
	for (const span of doc.sentences().out(its.span)) {
		const located = locate(span);
		if (located) sentences.push(located);
	}
	const entities: (Located & { type: string })[] = [];
	const details = doc.entities().out(its.detail);
	const spans = doc.entities().out(its.span);
	for (let k = 0; k < spans.length; k++) {
		const located = locate(spans[k]);
		const detail: unknown = details[k];
		if (located && isDetail(detail)) entities.push({ ...located, type: detail.type });
	}
	return { tokens, pos: strings(doc.tokens().out(its.pos)), lemma: strings(doc.tokens().out(lemmaOf(its))), sentences, entities };
}

/** wink-nlp over the whole text, chunk by chunk. */
function readWink(text: string): WinkChunk {
	const nlp = winkInstance();
	const all: WinkChunk = { tokens: [], pos: [], lemma: [], sentences: [], entities: [] };
	const edges = chunkEdges(text);
	for (let k = 0; k + 1 < edges.length; k++) {
		if (text.slice(edges[k], edges[k + 1]).trim() === '') continue;
		const chunk = readChunk(nlp, text, edges[k], edges[k + 1]);
		for (let i = 0; i < chunk.tokens.length; i++) {
			all.tokens.push(chunk.tokens[i]);
			all.pos.push(chunk.pos[i]);
			all.lemma.push(chunk.lemma[i]);
		}
		all.sentences.push(...chunk.sentences);
		all.entities.push(...chunk.entities);
	}
	return all;
}

/** Index of the first of our tokens that ends after `offset` (`size` if none). */
export function tokenAtOrAfter(tokens: Int32Array, offset: number): number {
	let lo = 0;
	let hi = tokens.length / 2;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (tokens[2 * mid + 1] <= offset) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** For each of our tokens, the index of the wink token covering its start (-1 when none does). */
function alignTokens(tokens: Int32Array, winkTokens: readonly Located[]): Int32Array {
	const size = tokens.length / 2;
	const cover = new Int32Array(size).fill(-1);
	let j = 0;
	for (let k = 0; k < size; k++) {
		const start = tokens[2 * k];
		while (j < winkTokens.length && winkTokens[j].end <= start) j++;
		if (j < winkTokens.length && winkTokens[j].start <= start) cover[k] = j;
	}
	return cover;
}

/** POS and lemma per token of ours, from wink's aligned tokens. */
function tagsFor(text: string, tokens: Int32Array, read: WinkChunk): { pos: string[]; lemma: string[] } {
	const cover = alignTokens(tokens, read.tokens);
	const pos: string[] = [];
	const lemma: string[] = [];
	for (let k = 0; k < cover.length; k++) {
		const j = cover[k];
		const own = text.slice(tokens[2 * k], tokens[2 * k + 1]).toLowerCase();
		if (j < 0) {
			pos.push('X');
			lemma.push(own);
			continue;
		}
		pos.push(read.pos[j]);
		// A wink token wider than ours ("2008-2011" against "2008", "-", "2011") has no lemma for a part of it.
		const same = read.tokens[j].start === tokens[2 * k] && read.tokens[j].end === tokens[2 * k + 1];
		lemma.push(same ? read.lemma[j].toLowerCase() : own);
	}
	return { pos, lemma };
}

/**
 * For each token of the project's tokenizer (`tokens`: flat `[start, end, …]` UTF-16 offsets into
 * `text`, as tokenOffsets gives), the Universal POS tag and the lemma wink-nlp gives the wink token
 * that covers the token's start. A token of ours that is only part of a wink token keeps its own text
 * (lower-cased) as lemma; one no wink token covers gets POS `X`. Lemmas are lower-case.
 */
export function tagTokens(text: string, tokens: Int32Array): { pos: string[]; lemma: string[] } {
	if (tokens.length % 2 !== 0) throw new RangeError(`tokens must be [start, end] pairs, got ${tokens.length} numbers`);
	return tagsFor(text, tokens, readWink(text));
}

/** Reads `text` for the recognizers (wink-nlp tags, sentences and entities on the project's tokens). */
export function analyze(text: string): Analysis {
	const tokens = tokenOffsets(text);
	const size = tokens.length / 2;
	const read = readWink(text);
	const { pos, lemma } = tagsFor(text, tokens, read);
	const word: string[] = [];
	const lower: string[] = [];
	for (let k = 0; k < size; k++) {
		const piece = text.slice(tokens[2 * k], tokens[2 * k + 1]);
		word.push(piece);
		lower.push(piece.toLowerCase());
	}
	// Sentence starts: wink's, and every token after a line break.
	const starts = new Set<number>([0]);
	for (const sentence of read.sentences) starts.add(tokenAtOrAfter(tokens, sentence.start));
	for (let k = 1; k < size; k++) if (text.slice(tokens[2 * k - 1], tokens[2 * k]).includes('\n')) starts.add(k);
	const sentenceStarts = Int32Array.from([...starts].filter((k) => k < size).sort((a, b) => a - b));
	const sentence = new Int32Array(size);
	for (let s = 0, k = 0; s < sentenceStarts.length; s++) {
		const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1] : size;
		for (; k < end; k++) sentence[k] = s;
	}
	const entities: WinkEntity[] = [];
	for (const entity of read.entities) {
		const from = tokenAtOrAfter(tokens, entity.start);
		let to = from;
		while (to < size && tokens[2 * to] < entity.end) to++;
		if (to > from) entities.push({ from, to, type: entity.type });
	}
	return { text, tokens, size, word, lower, pos, lemma, sentence, sentenceStarts: Int32Array.from([...sentenceStarts, size]), entities };
}

/** UTF-16 offsets `[start, end)` of a token range. */
export function rangeOffsets(analysis: Analysis, range: TokenRange): { start: number; end: number } {
	return { start: analysis.tokens[2 * range.from], end: analysis.tokens[2 * range.to - 1] };
}

/** The text of a token range. */
export function rangeText(analysis: Analysis, range: TokenRange): string {
	const { start, end } = rangeOffsets(analysis, range);
	return analysis.text.slice(start, end);
}

/** True when tokens `k - 1` and `k` touch (no white space between them: "F-16", "Co-operation"). */
export function touchesPrevious(analysis: Analysis, k: number): boolean {
	return k > 0 && analysis.tokens[2 * k] === analysis.tokens[2 * k - 1];
}

/** The tokens `[from, to)` of the sentence token `k` is in. */
export function sentenceOf(analysis: Analysis, k: number): TokenRange {
	const s = analysis.sentence[k];
	return { from: analysis.sentenceStarts[s], to: analysis.sentenceStarts[s + 1] };
}

/** Marks tokens inside wink-nlp's dates and times: "February" or "Feb." is no name. */
export function dateMask(analysis: Analysis): Uint8Array {
	const marks = new Uint8Array(analysis.size);
	for (const entity of analysis.entities) {
		if (entity.type !== 'DATE' && entity.type !== 'TIME' && entity.type !== 'DURATION') continue;
		for (let k = entity.from; k < entity.to; k++) marks[k] = 1;
	}
	return marks;
}

/** Length of the longest phrase whose tokens end right before token `k` (0 when none). */
export function phraseBefore(analysis: Analysis, k: number, phrases: readonly (readonly string[])[]): number {
	outer: for (const phrase of phrases) {
		if (phrase.length > k) continue;
		for (let i = 0; i < phrase.length; i++) if (analysis.lower[k - phrase.length + i] !== phrase[i]) continue outer;
		return phrase.length;
	}
	return 0;
}

/** Length of the longest phrase whose tokens start at token `k` (0 when none). */
export function phraseAt(analysis: Analysis, k: number, phrases: readonly (readonly string[])[]): number {
	outer: for (const phrase of phrases) {
		if (k + phrase.length > analysis.size) continue;
		for (let i = 0; i < phrase.length; i++) if (analysis.lower[k + i] !== phrase[i]) continue outer;
		return phrase.length;
	}
	return 0;
}

/** Keeps each range that overlaps none kept before it, in the order given; returns them in text order. */
export function keepDisjoint<T extends TokenRange>(ranges: readonly T[]): T[] {
	const taken = new Set<number>();
	const kept: T[] = [];
	for (const range of ranges) {
		let free = true;
		for (let k = range.from; k < range.to && free; k++) if (taken.has(k)) free = false;
		if (!free) continue;
		for (let k = range.from; k < range.to; k++) taken.add(k);
		kept.push(range);
	}
	return kept.sort((a, b) => a.from - b.from);
}
