/** Re-anchoring spans onto a slightly different copy of their text (see reanchor.ts). */
export * from './quote';
export * from './reanchor';
export { fuzzyFind, type FuzzyMatch } from './fuzzy';
export { collapseWhitespace, normaliseWhitespace, type NormalisedText } from './whitespace';
