/**
 * Which suggestions a labeller wants: sources on or off, per label, and the built-in recognizers'
 * choices. Stored as one setting; read leniently (a stored value from another version falls back
 * to the defaults field by field).
 */
import { PATTERNS_PREFIX, PREDICTION_PREFIX } from '../layers';

export interface SuggestPrefs {
	/** Sources switched off: a group (`builtin`, `mentions`, `patterns:<file>`, `prediction`), or `group|label`. */
	readonly off: readonly string[];
	/** People's suggestions include their title ("Defence Secretary Lloyd Austin"). */
	readonly personTitle: boolean;
	/** Counts include their noun ("dozens of military advisers"), not only the number and its qualifier. */
	readonly countNoun: boolean;
	/** "Tag all mentions" matches case: exactly, or ignoring it. */
	readonly mentionsCase: 'exact' | 'ignore';
}

export const DEFAULT_SUGGEST_PREFS: SuggestPrefs = { off: [], personTitle: true, countNoun: false, mentionsCase: 'exact' };

/** The group a source is switched by: a model's predictions share one switch; every pattern file has its own. */
export function sourceGroup(source: string): string {
	return source.startsWith(PREDICTION_PREFIX) ? 'prediction' : source;
}

/** How a source group is named for people. */
export function describeGroup(group: string): string {
	if (group === 'builtin') return 'Built-in recognizers';
	if (group === 'mentions') return 'Mentions (tag all mentions)';
	if (group === 'prediction') return 'Imported predictions';
	if (group.startsWith(PATTERNS_PREFIX)) return `Patterns: ${group.slice(PATTERNS_PREFIX.length)}`;
	return group;
}

/** Whether suggestions of `source` with `label` are shown. */
export function suggestionOn(prefs: SuggestPrefs, source: string, label: string): boolean {
	const group = sourceGroup(source);
	return !prefs.off.includes(group) && !prefs.off.includes(`${group}|${label}`);
}

/** `prefs` with `group` (and `label`, when given) switched on or off. */
export function switchSuggestions(prefs: SuggestPrefs, group: string, label: string | null, on: boolean): SuggestPrefs {
	const key = label === null ? group : `${group}|${label}`;
	const off = prefs.off.filter((k) => k !== key);
	return { ...prefs, off: on ? off : [...off, key] };
}

/** A stored value read as preferences: what is well-formed is kept, the rest is the default. */
export function readSuggestPrefs(value: unknown): SuggestPrefs {
	if (typeof value !== 'object' || value === null) return DEFAULT_SUGGEST_PREFS;
	const v = value as Record<string, unknown>;
	return {
		off: Array.isArray(v.off) ? v.off.filter((k): k is string => typeof k === 'string') : DEFAULT_SUGGEST_PREFS.off,
		personTitle: typeof v.personTitle === 'boolean' ? v.personTitle : DEFAULT_SUGGEST_PREFS.personTitle,
		countNoun: typeof v.countNoun === 'boolean' ? v.countNoun : DEFAULT_SUGGEST_PREFS.countNoun,
		mentionsCase: v.mentionsCase === 'ignore' ? 'ignore' : 'exact'
	};
}

/** Most workers a corpus-wide pre-annotation runs at once (each holds its own language model, tens of MB). */
export const MAX_PREANNOTATION_WORKERS = 4;

/**
 * Workers pre-annotating the corpus at once, for a machine of `cores` logical cores: one per core
 * (the page's own thread mostly waits meanwhile), at most four (each holds its own language model).
 */
export function preannotationWorkers(cores: number | undefined): number {
	if (cores === undefined || !Number.isFinite(cores)) return 1;
	return Math.max(1, Math.min(MAX_PREANNOTATION_WORKERS, Math.floor(cores)));
}
