/**
 * Turning a foreign span (offsets in some unit, maybe with its own copy of the text) into UTF-16
 * offsets of an article, with messages a user can act on. Shared by every codec.
 */
import { boundarySplitProblem, offsetRangeProblem, type SpanBoundsProblem } from '../spans/bounds';
import { OffsetConverter, codePointLength } from '../text/offsets';
import type { OffsetUnit } from './codec';

/** An article text with what offset checks need, computed once per record. */
export class TextIndex {
	readonly converter: OffsetConverter;
	readonly codePointLength: number;
	constructor(readonly text: string) {
		this.converter = new OffsetConverter(text);
		this.codePointLength = codePointLength(text);
	}

	/** Length of the text in `unit`. */
	length(unit: OffsetUnit): number {
		return unit === 'codepoint' ? this.codePointLength : this.text.length;
	}

	/** A UTF-16 offset in `unit`. */
	fromUtf16(offset: number, unit: OffsetUnit): number {
		return unit === 'codepoint' ? this.converter.toCodePoint(offset) : offset;
	}
}

/** The UTF-16 range of offsets given in `unit`, or the problem with them. */
export function resolveOffsets(
	index: TextIndex,
	unit: OffsetUnit,
	start: number,
	end: number
): { start: number; end: number } | SpanBoundsProblem {
	const range = offsetRangeProblem(start, end, index.length(unit));
	if (range) return range;
	const resolved =
		unit === 'codepoint' ? { start: index.converter.toUtf16(start), end: index.converter.toUtf16(end) } : { start, end };
	return boundarySplitProblem(index.text, resolved.start, resolved.end, { start, end }) ?? resolved;
}

/** Quoted for a message, shortened to 40 code points. */
export function quoteForMessage(text: string): string {
	const codePoints = Array.from(text);
	return JSON.stringify(codePoints.length > 40 ? `${codePoints.slice(0, 40).join('')}…` : text);
}

/** What to tell the user when offsets fit the other unit; codecs with a unit field name it instead. */
export const UNIT_HINTS: Readonly<Record<OffsetUnit, string>> = {
	codepoint: 'offsets look like UTF-16 code units, not code points (a JavaScript tool?); read them as utf16',
	utf16: 'offsets look like code points, not UTF-16 code units (a Python tool?); read them as codepoint'
};

/**
 * Resolves a span given in `unit` to UTF-16 offsets of `index.text`, checking range, grapheme
 * boundaries and, when given, that the span's own `expected` text matches. When the offsets would be
 * right in the other unit the message says so. `where` prefixes the fields ("spans[2]").
 */
export function anchorSpan(
	index: TextIndex,
	unit: OffsetUnit,
	start: number,
	end: number,
	expected: string | null | undefined,
	where: string,
	hints: Readonly<Record<OffsetUnit, string>> = UNIT_HINTS
): { ok: { start: number; end: number }; error?: undefined } | { ok?: undefined; error: string } {
	const other: OffsetUnit = unit === 'codepoint' ? 'utf16' : 'codepoint';
	const hint = () => {
		if (expected == null) return '';
		const alt = resolveOffsets(index, other, start, end);
		return 'start' in alt && index.text.slice(alt.start, alt.end) === expected ? `; ${hints[unit]}` : '';
	};
	const resolved = resolveOffsets(index, unit, start, end);
	if ('field' in resolved) return { error: `${where}.${resolved.field}: ${resolved.detail}${hint()}` };
	const found = index.text.slice(resolved.start, resolved.end);
	if (expected != null && expected !== found) {
		return {
			error: `${where}.text: ${quoteForMessage(expected)} does not match the article text at ${start}–${end} (${quoteForMessage(found)})${hint()}`
		};
	}
	return { ok: resolved };
}
