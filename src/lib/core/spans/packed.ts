import type { Span } from '../types';

/**
 * One article's spans in columns: what a span snapshot stores. IndexedDB reads a row by structured
 * clone, and 100,000 span objects take it ~130 ms of main thread to rebuild (one object per span,
 * property by property); the same spans as a few typed arrays and string lists come back in a few
 * milliseconds, and `unpackSpans` makes the objects in one tight loop.
 */
export interface PackedSpans {
	readonly format: 'spans/columns/1';
	readonly articleId: string;
	readonly ids: readonly string[];
	readonly starts: Uint32Array;
	readonly ends: Uint32Array;
	/** Index into `labels` / `annotators` per span. */
	readonly label: Uint16Array;
	readonly labels: readonly string[];
	readonly annotator: Uint16Array;
	readonly annotators: readonly string[];
	readonly createdAt: Float64Array;
	readonly updatedAt: Float64Array;
	/** Span index → note, flag: only the spans that have one. */
	readonly notes: readonly (readonly [number, string])[];
	readonly flags: readonly (readonly [number, string])[];
}

const KNOWN = new Set(['id', 'articleId', 'start', 'end', 'label', 'annotator', 'note', 'flag', 'createdAt', 'updatedAt']);
const MAX_NAMES = 0xffff;

/**
 * `spans` (all of article `articleId`) in columns, in the same order; null when they cannot be packed
 * without loss (a span of another article, a field the columns do not hold, an offset that is not a
 * non-negative integer, or more than 65,535 distinct labels or annotators): store them as they are.
 */
export function packSpans(articleId: string, spans: readonly Span[]): PackedSpans | null {
	const n = spans.length;
	const ids: string[] = new Array(n);
	const starts = new Uint32Array(n);
	const ends = new Uint32Array(n);
	const label = new Uint16Array(n);
	const annotator = new Uint16Array(n);
	const createdAt = new Float64Array(n);
	const updatedAt = new Float64Array(n);
	const labelIndex = new Map<string, number>();
	const annotatorIndex = new Map<string, number>();
	const notes: [number, string][] = [];
	const flags: [number, string][] = [];
	const indexOf = (names: Map<string, number>, name: string) => {
		let at = names.get(name);
		if (at === undefined) names.set(name, (at = names.size));
		return at;
	};
	for (let i = 0; i < n; i++) {
		const s = spans[i];
		if (s.articleId !== articleId || typeof s.id !== 'string' || typeof s.label !== 'string' || typeof s.annotator !== 'string') return null;
		if (!isOffset(s.start) || !isOffset(s.end) || typeof s.createdAt !== 'number' || typeof s.updatedAt !== 'number') return null;
		for (const key in s) if (!KNOWN.has(key)) return null;
		if ('note' in s && typeof s.note !== 'string') return null;
		if ('flag' in s && typeof s.flag !== 'string') return null;
		ids[i] = s.id;
		starts[i] = s.start;
		ends[i] = s.end;
		label[i] = indexOf(labelIndex, s.label);
		annotator[i] = indexOf(annotatorIndex, s.annotator);
		if (labelIndex.size > MAX_NAMES || annotatorIndex.size > MAX_NAMES) return null;
		createdAt[i] = s.createdAt;
		updatedAt[i] = s.updatedAt;
		if (s.note !== undefined) notes.push([i, s.note]);
		if (s.flag !== undefined) flags.push([i, s.flag]);
	}
	return { format: 'spans/columns/1', articleId, ids, starts, ends, label, labels: [...labelIndex.keys()], annotator, annotators: [...annotatorIndex.keys()], createdAt, updatedAt, notes, flags };
}

function isOffset(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** The spans `packed` holds, in order: equal to those it was packed from. */
export function unpackSpans(packed: PackedSpans): Span[] {
	const { articleId, ids, starts, ends, label, labels, annotator, annotators, createdAt, updatedAt } = packed;
	const n = ids.length;
	const notes = new Map(packed.notes);
	const flags = new Map(packed.flags);
	const spans: Span[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const note = notes.size > 0 ? notes.get(i) : undefined;
		const flag = flags.size > 0 ? flags.get(i) : undefined;
		const span: Span =
			note === undefined && flag === undefined
				? { id: ids[i], articleId, start: starts[i], end: ends[i], label: labels[label[i]], annotator: annotators[annotator[i]], createdAt: createdAt[i], updatedAt: updatedAt[i] }
				: {
						id: ids[i],
						articleId,
						start: starts[i],
						end: ends[i],
						label: labels[label[i]],
						annotator: annotators[annotator[i]],
						...(note !== undefined ? { note } : {}),
						...(flag !== undefined ? { flag } : {}),
						createdAt: createdAt[i],
						updatedAt: updatedAt[i]
					};
		spans[i] = span;
	}
	return spans;
}

/** Whether `value` is a PackedSpans (as read back from storage). */
export function isPackedSpans(value: unknown): value is PackedSpans {
	return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'spans/columns/1';
}
