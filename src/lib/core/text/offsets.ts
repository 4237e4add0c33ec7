/**
 * Conversion between the two offset units Spanwise deals with: UTF-16 code units (JavaScript string
 * indices, used inside the app) and Unicode code points (used in exports, so that Python's
 * `text[start:end]` gives the span text).
 */

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Number of code points in `text` (what Python's `len()` reports). A lone surrogate counts as one,
 * as it does for `Array.from`.
 */
export function codePointLength(text: string): number {
	let length = text.length;
	for (let i = 0; i < text.length - 1; i++) {
		if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
			length--;
			i++;
		}
	}
	return length;
}

/**
 * True when `index` falls between the two halves of a surrogate pair, where no span boundary may go
 * (the code point would be cut in two).
 */
export function splitsSurrogatePair(text: string, index: number): boolean {
	return (
		index > 0 &&
		index < text.length &&
		isHighSurrogate(text.charCodeAt(index - 1)) &&
		isLowSurrogate(text.charCodeAt(index))
	);
}

/**
 * Converts offsets of one text between UTF-16 code units and code points. The UTF-16 positions of
 * astral characters are found once, so each conversion is a binary search (import and export convert
 * every span of a long article); texts without astral characters take an identity fast path.
 */
export class OffsetConverter {
	/** True when the text has characters outside the Basic Multilingual Plane, i.e. the units differ. */
	readonly hasAstral: boolean;
	readonly #utf16Length: number;
	readonly #codePointLength: number;
	/** UTF-16 index of the high surrogate of each astral character, ascending. */
	readonly #astral: Uint32Array;

	constructor(text: string) {
		const positions: number[] = [];
		for (let i = 0; i < text.length - 1; i++) {
			if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
				positions.push(i);
				i++;
			}
		}
		this.#astral = Uint32Array.from(positions);
		this.hasAstral = positions.length > 0;
		this.#utf16Length = text.length;
		this.#codePointLength = text.length - positions.length;
	}

	/** Code point offset of a UTF-16 offset; throws RangeError outside the text or inside a surrogate pair. */
	toCodePoint(utf16: number): number {
		if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.#utf16Length) {
			throw new RangeError(`UTF-16 offset ${utf16} is outside the text (length ${this.#utf16Length})`);
		}
		if (!this.hasAstral) return utf16;
		// Count astral characters starting before `utf16`.
		const astral = this.#astral;
		let low = 0;
		let high = astral.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (astral[mid] < utf16) low = mid + 1;
			else high = mid;
		}
		if (low > 0 && astral[low - 1] === utf16 - 1) {
			throw new RangeError(`UTF-16 offset ${utf16} splits a surrogate pair`);
		}
		return utf16 - low;
	}

	/** UTF-16 offset of a code point offset; throws RangeError outside the text. */
	toUtf16(codePoint: number): number {
		if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.#codePointLength) {
			throw new RangeError(
				`code point offset ${codePoint} is outside the text (length ${this.#codePointLength})`
			);
		}
		if (!this.hasAstral) return codePoint;
		// The k-th astral character sits at code point astral[k] - k; count those before `codePoint`.
		const astral = this.#astral;
		let low = 0;
		let high = astral.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (astral[mid] - mid < codePoint) low = mid + 1;
			else high = mid;
		}
		return codePoint + low;
	}
}
