/**
 * fast-check generators for the property tests of core: texts made of the pieces that break naive
 * offset code (astral characters, flags, ZWJ sequences, combining marks, CJK, CRLF, tabs, runs of
 * spaces) mixed with random graphemes. Test-only: nothing outside `*.test.ts` imports this file.
 */
import fc from 'fast-check';

/** Hand-picked pieces that each trip a different class of offset bug. */
export const TRICKY_PIECES: readonly string[] = [
	'😀',
	'🇺🇦',
	'🇺🇸🇺🇦🇩🇪',
	'👨‍👩‍👧',
	'👍🏽',
	'1️⃣',
	'e\u0301',
	'a\u0308\u0301',
	'\u0301',
	'\u200d',
	'\ufe0f',
	'中文',
	'日本語',
	'한국어',
	'क्षि',
	'\r\n',
	'\n',
	'\n\n',
	'\r',
	'\t',
	' ',
	'   ',
	'\u00a0',
	'\u200b',
	'a',
	'word',
	'Pentagon',
	'$60.84',
	"don't",
	',',
	'.',
	'"',
	'𝔘𝔫𝔦'
];

/** One piece: mostly tricky pieces, some random graphemes from the whole of Unicode. */
const piece = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...TRICKY_PIECES) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }
);

/** A random text of up to `maxPieces` pieces. */
export function unicodeText(maxPieces = 30): fc.Arbitrary<string> {
	return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/** Like `unicodeText`, sometimes with lone surrogates mixed in (malformed but possible JS strings). */
export function unicodeTextWithLoneSurrogates(maxPieces = 30): fc.Arbitrary<string> {
	return fc
		.array(fc.oneof({ weight: 8, arbitrary: piece }, fc.constantFrom('\ud800', '\udfff', '\udc00a')), {
			maxLength: maxPieces
		})
		.map((pieces) => pieces.join(''));
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** All grapheme boundaries of `text`, by segmenting it whole: the reference the fast code is checked against. */
export function allGraphemeBoundaries(text: string): number[] {
	const boundaries = [...graphemeSegmenter.segment(text)].map((segment) => segment.index);
	boundaries.push(text.length);
	return boundaries;
}

/** A non-empty text with a span `[start, end)` on grapheme boundaries, `start < end`. */
export function textWithGraphemeSpan(maxPieces = 30): fc.Arbitrary<{ text: string; start: number; end: number }> {
	return unicodeText(maxPieces)
		.filter((text) => text.length > 0)
		.chain((text) => {
			const boundaries = allGraphemeBoundaries(text);
			return fc
				.uniqueArray(fc.integer({ min: 0, max: boundaries.length - 1 }), { minLength: 2, maxLength: 2 })
				.map(([a, b]) => ({
					text,
					start: boundaries[Math.min(a, b)],
					end: boundaries[Math.max(a, b)]
				}));
		});
}
