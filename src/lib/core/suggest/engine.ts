/**
 * The suggestion engine: built-in recognizers and pattern files run over one text, each source's
 * suggestions apart. One implementation for the app's worker and the `spanwise suggest` command.
 */
import { tokenOffsets } from '../text/tokenizer';
import { builtinSuggestions, tagTokens, type BuiltinOptions } from './builtin';
import { BUILTIN_SOURCE, builtinMaker, patternSource } from './sources';
import { compilePatterns, matchPatterns, parsePatternFile, type PatternMatcher } from './patterns';
import type { Suggestion } from './types';

export { BUILTIN_SOURCE, builtinMaker, patternSource };

/** What to run: the built-in recognizers (with their options), and pattern files by name with their text. */
export interface SuggestRequest {
	readonly builtin?: BuiltinOptions | null;
	readonly patterns?: readonly { readonly name: string; readonly text: string }[];
	/** Only these labels (all when absent). */
	readonly labels?: readonly string[];
}

const compiled = new Map<string, PatternMatcher>();

/** A pattern file compiled once per text (the worker and the CLI run it over many articles). */
function matcherOf(name: string, text: string): PatternMatcher {
	const key = `${name}\u0000${text}`;
	let matcher = compiled.get(key);
	if (!matcher) {
		if (compiled.size > 16) compiled.clear();
		matcher = compilePatterns(parsePatternFile(text, name).patterns);
		compiled.set(key, matcher);
	}
	return matcher;
}

/** Runs `request` over `text`: suggestions by source (`builtin`, `patterns:<name>`), in text order. */
export function runSuggestions(text: string, request: SuggestRequest): Record<string, Suggestion[]> {
	const out: Record<string, Suggestion[]> = {};
	const keep = request.labels ? new Set(request.labels) : null;
	const only = (list: Suggestion[]) => (keep ? list.filter((s) => keep.has(s.label)) : list);
	if (request.builtin) out[BUILTIN_SOURCE] = only(builtinSuggestions(text, { ...request.builtin, ...(request.labels ? { labels: request.labels } : {}) }));
	if (request.patterns && request.patterns.length > 0) {
		const tokens = tokenOffsets(text);
		let tags: ReturnType<typeof tagTokens> | undefined;
		for (const file of request.patterns) {
			const matcher = matcherOf(file.name, file.text);
			if (matcher.needsTags) tags ??= tagTokens(text, tokens);
			out[patternSource(file.name)] = only(matchPatterns(text, matcher, { tokens, tags, source: patternSource(file.name) }));
		}
	}
	return out;
}
