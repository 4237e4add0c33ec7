import type { Node as PMNode } from 'prosemirror-model';
import { splitLines, type Line } from '$lib/core/text/lines';
import { articleSchema } from './schema';

/** A block closes once it holds this many characters (or `MAX_BLOCK_LINES` lines). */
export const BLOCK_CHARS = 3_000;
const MAX_BLOCK_LINES = 64;

/**
 * Maps between offsets in the article text (UTF-16) and ProseMirror positions.
 * Line `i` of the text is paragraph `i`, inside block `blockOf(i)`; its content starts at
 * `paragraphStart[i] + 1`. Separators (`\n`, `\r\n`, `\r`) have no position of their own: an offset
 * inside one maps to the end of its line, so every offset has a position and every position an offset.
 */
export class TextPositions {
	readonly lines: readonly Line[];
	/** ProseMirror position before paragraph i. */
	readonly #paragraphStart: Uint32Array;
	/** Block of each line, and each block's first line. */
	readonly #blockOfLine: Uint32Array;
	readonly #firstLine: number[] = [];
	readonly doc: PMNode;

	constructor(
		readonly text: string,
		blockChars = BLOCK_CHARS
	) {
		this.lines = splitLines(text);
		const n = this.lines.length;
		this.#paragraphStart = new Uint32Array(n + 1);
		this.#blockOfLine = new Uint32Array(n);
		const { block, paragraph } = articleSchema.nodes;
		const blocks: PMNode[] = [];
		let paragraphs: PMNode[] = [];
		let chars = 0;
		let pos = 0;
		for (let i = 0; i < n; i++) {
			if (paragraphs.length === 0) {
				this.#firstLine.push(i);
				pos += 1; // the block's opening
			}
			const line = this.lines[i];
			this.#paragraphStart[i] = pos;
			this.#blockOfLine[i] = blocks.length;
			pos += line.end - line.start + 2;
			const content = text.slice(line.start, line.end);
			paragraphs.push(paragraph.create(null, content ? articleSchema.text(content) : null));
			chars += content.length;
			if (i === n - 1 || chars >= blockChars || paragraphs.length >= MAX_BLOCK_LINES) {
				blocks.push(block.create({ chars, lines: paragraphs.length }, paragraphs));
				paragraphs = [];
				chars = 0;
				pos += 1; // the block's closing
			}
		}
		this.#paragraphStart[n] = pos;
		this.doc = articleSchema.nodes.doc.create(null, blocks);
	}

	/** How many blocks the lines are grouped in. */
	get blockCount(): number {
		return this.#firstLine.length;
	}

	/** The lines of block `block`: indices [first, end). */
	linesOfBlock(block: number): { first: number; end: number } {
		return { first: this.#firstLine[block], end: block + 1 < this.#firstLine.length ? this.#firstLine[block + 1] : this.lines.length };
	}

	/** ProseMirror positions before and after block `block`. */
	blockPos(block: number): { from: number; to: number } {
		const { first, end } = this.linesOfBlock(block);
		return { from: this.#paragraphStart[first] - 1, to: end < this.lines.length ? this.#paragraphStart[end] - 1 : this.#paragraphStart[end] };
	}

	/** The block holding line `line`, and the line's index inside it: how the DOM is addressed. */
	blockOf(line: number): { block: number; index: number } {
		const block = this.#blockOfLine[line];
		return { block, index: line - this.#firstLine[block] };
	}

	/** Index of the line holding text offset `offset` (an offset in a separator belongs to the line before). */
	lineOfOffset(offset: number): number {
		if (offset < 0 || offset > this.text.length) throw new RangeError(`offset ${offset} outside text of length ${this.text.length}`);
		let lo = 0;
		let hi = this.lines.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.lines[mid].start <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** Index of the paragraph holding ProseMirror position `pos` (a position between lines belongs to the line before). */
	lineOfPos(pos: number): number {
		let lo = 0;
		let hi = this.lines.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.#paragraphStart[mid] < pos) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** ProseMirror position of a text offset. */
	toPos(offset: number): number {
		const i = this.lineOfOffset(offset);
		const line = this.lines[i];
		return this.#paragraphStart[i] + 1 + Math.min(offset, line.end) - line.start;
	}

	/** Text offset of a ProseMirror position (positions between paragraphs snap into the nearer line). */
	toOffset(pos: number): number {
		const i = this.lineOfPos(pos);
		const line = this.lines[i];
		const inLine = pos - this.#paragraphStart[i] - 1;
		return line.start + Math.max(0, Math.min(inLine, line.end - line.start));
	}

	/** Offset of `offset` within its line, and the line index: how the DOM is addressed. */
	locate(offset: number): { line: number; column: number } {
		const line = this.lineOfOffset(offset);
		const { start, end } = this.lines[line];
		return { line, column: Math.min(offset, end) - start };
	}
}
