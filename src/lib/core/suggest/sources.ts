/**
 * Names of the suggestion engine's sources and the "maker" of what each made, without the engine
 * itself (whose language models are large): the app's pages read these, the worker runs the engine.
 */
import { BUILTIN_LAYER, PATTERNS_PREFIX } from '../layers';

/** The source name of the built-in recognizers. */
export const BUILTIN_SOURCE = BUILTIN_LAYER;

/**
 * The built-in recognizers' version: bump it when their rules change, so stored suggestions are made
 * again (with the options, it is the builtin source's "maker").
 */
export const BUILTIN_VERSION = 1;

/** The recognizers' choices that change what they make. */
export interface BuiltinChoices {
	readonly personTitle?: boolean;
	readonly countNoun?: boolean;
}

/** The maker of the builtin source's suggestions with `options` (what stored rows are checked against). */
export function builtinMaker(options: BuiltinChoices = {}): string {
	return `builtin-${BUILTIN_VERSION}-title:${options.personTitle ?? true}-noun:${options.countNoun ?? false}`;
}

/** The source name of a pattern file's suggestions. */
export function patternSource(fileName: string): string {
	return `${PATTERNS_PREFIX}${fileName}`;
}
