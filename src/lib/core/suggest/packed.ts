/**
 * One source's suggestions for one article, packed into typed arrays: what the worker sends the page
 * (transferred, not copied) and what storage keeps. A 100,000-word article has some 20,000
 * suggestions; as objects, copying them between threads or into IndexedDB takes the main thread
 * 50 ms or more each time, as columns almost nothing.
 */
import type { Suggestion } from './types';

/** Suggestions in columns: item i is `start[i]`, `end[i]`, `names[label[i]]`, … */
export interface PackedSuggestions {
	readonly source: string;
	readonly start: Int32Array;
	readonly end: Int32Array;
	/** Index into `names`. */
	readonly label: Uint16Array;
	/** Index into `names`, or NONE. */
	readonly why: Uint16Array;
	/** Speaker start and end per item (−1, −1: none). */
	readonly speaker: Int32Array;
	/** Score per item (NaN: none). */
	readonly score: Float32Array;
	/** The labels and reasons the items name. */
	readonly names: readonly string[];
}

/** `why` of an item that has none. */
const NONE = 0xffff;

/** Packs suggestions of `source` (each item's own `source` is not kept: it is the row's). Throws RangeError over 65,535 distinct names. */
export function packSuggestions(source: string, items: readonly Suggestion[]): PackedSuggestions {
	const n = items.length;
	const start = new Int32Array(n);
	const end = new Int32Array(n);
	const label = new Uint16Array(n);
	const why = new Uint16Array(n);
	const speaker = new Int32Array(2 * n);
	const score = new Float32Array(n);
	const names: string[] = [];
	const index = new Map<string, number>();
	const nameIndex = (name: string) => {
		let i = index.get(name);
		if (i === undefined) {
			i = names.length;
			if (i >= NONE) throw new RangeError('more than 65,535 distinct labels and reasons in one row of suggestions');
			names.push(name);
			index.set(name, i);
		}
		return i;
	};
	for (let i = 0; i < n; i++) {
		const item = items[i];
		start[i] = item.start;
		end[i] = item.end;
		label[i] = nameIndex(item.label);
		why[i] = item.why === undefined ? NONE : nameIndex(item.why);
		speaker[2 * i] = item.speaker ? item.speaker.start : -1;
		speaker[2 * i + 1] = item.speaker ? item.speaker.end : -1;
		score[i] = item.score ?? Number.NaN;
	}
	return { source, start, end, label, why, speaker, score, names };
}

/** How many suggestions a packed row holds. */
export function packedCount(packed: PackedSuggestions): number {
	return packed.start.length;
}

/** Item `i` of a packed row, as a suggestion. */
export function unpackOne(packed: PackedSuggestions, i: number): Suggestion {
	const s: { start: number; end: number; label: string; source: string; why?: string; speaker?: { start: number; end: number }; score?: number } = {
		start: packed.start[i],
		end: packed.end[i],
		label: packed.names[packed.label[i]],
		source: packed.source
	};
	if (packed.why[i] !== NONE) s.why = packed.names[packed.why[i]];
	if (packed.speaker[2 * i] >= 0) s.speaker = { start: packed.speaker[2 * i], end: packed.speaker[2 * i + 1] };
	if (!Number.isNaN(packed.score[i])) s.score = packed.score[i];
	return s;
}

/** Every item of a packed row, as suggestions. */
export function unpackSuggestions(packed: PackedSuggestions): Suggestion[] {
	const out: Suggestion[] = [];
	for (let i = 0; i < packedCount(packed); i++) out.push(unpackOne(packed, i));
	return out;
}

/** The buffers of a packed row, to transfer to another thread. */
export function packedBuffers(packed: PackedSuggestions): ArrayBuffer[] {
	return [packed.start, packed.end, packed.label, packed.why, packed.speaker, packed.score].map((a) => a.buffer as ArrayBuffer);
}
