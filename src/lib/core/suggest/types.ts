/**
 * Suggestions: spans proposed by a source (built-in recognizers, a pattern file, "tag all mentions",
 * a model's predictions) that a labeller accepts into their layer or rejects. They are never anyone's
 * work until accepted: they live apart from spans (see core/layers.ts).
 */

/** The relation type a claim's suggested speaker is linked by (its `source`). */
export const SPEAKER_RELATION = 'source';

/** One proposed span. Offsets are UTF-16 code units of the article text, `[start, end)`. */
export interface Suggestion {
	readonly start: number;
	readonly end: number;
	readonly label: string;
	/** Where it came from: `builtin`, `patterns:<file name>`, `mentions`, `prediction:<model>`. */
	readonly source: string;
	/** A model's confidence in [0, 1], when it gave one. */
	readonly score?: number;
	/** For a claim: the span of the actor who puts it forward, proposed as its `source` relation. */
	readonly speaker?: { readonly start: number; readonly end: number };
	/** A short reason shown to the labeller: the recognizer or pattern that made it. */
	readonly why?: string;
}
