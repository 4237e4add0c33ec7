/** The gold layer's name, and how other layers (annotators under review) are told apart. */

/** The annotator name of the reviewed, settled layer. Reserved: no person can work under it. */
export const GOLD_ANNOTATOR = 'gold';

/** Colours of overlay layers (annotators in review): distinct from each other and from the label colours. */
export const LAYER_COLORS: readonly string[] = ['#444444', '#7c3aed', '#0284c7', '#be123c', '#4d7c0f', '#a16207'];
