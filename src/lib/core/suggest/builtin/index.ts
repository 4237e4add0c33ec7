/**
 * Built-in suggestion recognizers: actors, claims and figures from an article's text alone (wink-nlp
 * and compromise's lexicon, with the project's own rules), plus the POS and lemma tagging a pattern
 * matcher can use on the project's tokens.
 */
export { builtinSuggestions, BUILTIN_LABELS, BUILTIN_SOURCE, type BuiltinOptions } from './builtin-suggestions';
export { tagTokens, useWinkModel } from './analysis';

import { prepareAnalysis } from './analysis';
import { prepareLexicon } from './gazetteer';

/** Loads the recognizers' models and lexicon now (a worker does it as it starts, before the first article arrives). */
export function prepareBuiltin(): void {
	prepareAnalysis();
	prepareLexicon();
}
