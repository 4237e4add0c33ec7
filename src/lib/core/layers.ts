/**
 * Layers: whose annotations a set of spans and relations is, and what kind of layer that is. This is
 * the one place that decides a layer's kind; everything else (library counts, agreement, review, the
 * team server's access rules, exports) asks here instead of looking at names.
 *
 * - `annotator`: one person's work, stored as spans under their name.
 * - `gold`: the settled set of a review, stored as spans under the reserved name `gold`.
 * - `suggestion`: proposals of one source (built-in recognizers, a pattern file, "mentions", a
 *   model's predictions). They are never stored as spans: they live in their own table until a person
 *   accepts one into their layer, so they cannot count as anyone's work.
 */

/** The kinds a layer can be. */
export const LAYER_KINDS = ['annotator', 'gold', 'suggestion'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** The name of the reviewed, settled layer. Reserved: no person can work under it. */
export const GOLD_ANNOTATOR = 'gold';

/** Colours of overlay layers (annotators in review): distinct from each other and from the label colours. */
export const LAYER_COLORS: readonly string[] = ['#444444', '#7c3aed', '#0284c7', '#be123c', '#4d7c0f', '#a16207'];

/** A model's predictions are the suggestion layer `prediction:<model>` (as Label Studio's arrive). */
export const PREDICTION_PREFIX = 'prediction:';
/** A pattern file's matches are the suggestion layer `patterns:<file name>`. */
export const PATTERNS_PREFIX = 'patterns:';
/** How the name of a suggestion source starts, per kind of source (`builtin` has no suffix). */
export const SUGGESTION_SOURCE_PREFIXES = [PATTERNS_PREFIX, PREDICTION_PREFIX] as const;
/** The built-in recognizers' suggestion layer, and that of "tag all mentions". */
export const BUILTIN_LAYER = 'builtin';
export const MENTIONS_LAYER = 'mentions';
/** Suggestion sources without a suffix. */
export const SUGGESTION_SOURCES = [BUILTIN_LAYER, MENTIONS_LAYER] as const;

/**
 * The kind of the layer named `name`, as found in a file or a stored span: `gold` for the reserved
 * name, `suggestion` for a suggestion source's name (`builtin`, `mentions`, `patterns:…`,
 * `prediction:…`, as Label Studio predictions arrive), else `annotator`.
 */
export function layerKind(name: string): LayerKind {
	if (name === GOLD_ANNOTATOR) return 'gold';
	if (isSuggestionSource(name)) return 'suggestion';
	return 'annotator';
}

/** Whether `name` names a suggestion source rather than a person or gold. */
export function isSuggestionSource(name: string): boolean {
	return (SUGGESTION_SOURCES as readonly string[]).includes(name) || SUGGESTION_SOURCE_PREFIXES.some((prefix) => name.startsWith(prefix) && name.length > prefix.length);
}

/** Whether spans of layer `name` are a person's work (what library counts, agreement and review compare). */
export function isAnnotatorLayer(name: string): boolean {
	return layerKind(name) === 'annotator';
}

/** Whether layer `name` is gold. */
export function isGoldLayer(name: string): boolean {
	return layerKind(name) === 'gold';
}

/** The source name of a model's predictions (`prediction:<model>`), from whatever a file calls the model. */
export function predictionSource(model: string): string {
	const trimmed = model.trim();
	return `${PREDICTION_PREFIX}${trimmed === '' ? 'model' : trimmed}`;
}
