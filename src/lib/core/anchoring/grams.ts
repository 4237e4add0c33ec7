/**
 * An index of a text's 4-unit substrings (q-grams), for finding every occurrence of many quotes in one
 * long text without scanning all of it for each: every position is put in a bucket by the hash of the
 * four UTF-16 units starting there (a counting sort into two typed arrays, O(n) time and memory). A
 * quote of four units or more is looked up by its rarest gram, and each position of that bucket is
 * checked with `startsWith`, so hash collisions cost time, never correctness.
 */

/** Units per gram: quotes shorter than this cannot use the index. */
export const GRAM_LENGTH = 4;

/** At most this many gram offsets of a quote are weighed when choosing the rarest. */
const MAX_GRAMS_WEIGHED = 64;

function gramHash(text: string, at: number, mask: number): number {
	let hash = 0x811c9dc5;
	for (let k = 0; k < GRAM_LENGTH; k++) hash = Math.imul(hash ^ text.charCodeAt(at + k), 0x01000193);
	return (hash ^ (hash >>> 15)) & mask;
}

/** Every position of a text, bucketed by the hash of the gram that starts there. */
export class GramIndex {
	readonly #mask: number;
	/** Bucket `b` holds `positions[bucketStarts[b] .. bucketStarts[b + 1])`, ascending. */
	readonly #bucketStarts: Uint32Array;
	readonly #positions: Uint32Array;

	constructor(readonly text: string) {
		const count = Math.max(0, text.length - GRAM_LENGTH + 1);
		let buckets = 1 << 10;
		while (buckets < count && buckets < 1 << 20) buckets <<= 1;
		this.#mask = buckets - 1;
		const keys = new Uint32Array(count);
		const bucketStarts = new Uint32Array(buckets + 1);
		for (let i = 0; i < count; i++) {
			const key = gramHash(text, i, this.#mask);
			keys[i] = key;
			bucketStarts[key + 1]++;
		}
		for (let b = 0; b < buckets; b++) bucketStarts[b + 1] += bucketStarts[b];
		const fill = bucketStarts.slice(0, buckets);
		const positions = new Uint32Array(count);
		for (let i = 0; i < count; i++) positions[fill[keys[i]]++] = i;
		this.#bucketStarts = bucketStarts;
		this.#positions = positions;
	}

	/** Start of every occurrence of `quote` (at least `GRAM_LENGTH` units), overlapping ones included, ascending. */
	occurrences(quote: string): number[] {
		if (quote.length < GRAM_LENGTH) throw new RangeError(`quotes shorter than ${GRAM_LENGTH} units cannot use the gram index`);
		let bestOffset = 0;
		let bestKey = gramHash(quote, 0, this.#mask);
		let bestSize = this.#bucketStarts[bestKey + 1] - this.#bucketStarts[bestKey];
		const last = Math.min(quote.length - GRAM_LENGTH, MAX_GRAMS_WEIGHED);
		for (let offset = 1; offset <= last && bestSize > 0; offset++) {
			const key = gramHash(quote, offset, this.#mask);
			const size = this.#bucketStarts[key + 1] - this.#bucketStarts[key];
			if (size < bestSize) [bestOffset, bestKey, bestSize] = [offset, key, size];
		}
		const found: number[] = [];
		for (let k = this.#bucketStarts[bestKey]; k < this.#bucketStarts[bestKey + 1]; k++) {
			const at = this.#positions[k] - bestOffset;
			if (at >= 0 && this.text.startsWith(quote, at)) found.push(at);
		}
		return found;
	}
}
