/**
 * Pattern files: Prodigy / spaCy EntityRuler `patterns.jsonl`, read, compiled and matched against an
 * article's tokens (core/text/tokenizer.ts) with spaCy's semantics, checked against its source:
 * `Matcher` (spacy/matcher/matcher.pyx), `PhraseMatcher`, the English lexical attributes
 * (spacy/lang/lex_attrs.py, spacy/lang/en/lex_attrs.py) and `filter_spans` (spacy/util.py), which the
 * EntityRuler applies to all matches of all patterns. Keys are read in any case, as the Matcher
 * upper-cases them.
 *
 * Departures, each on purpose: a REGEX is a JavaScript regular expression with Python's usual syntax
 * translated (`translateRegex`); FUZZY, extension attributes (`_`) and the parser's attributes (TAG,
 * DEP, MORPH, ENT_*) are refused with a message, as are unknown predicates (spaCy warns and ignores
 * them); POS and LEMMA come from the caller's tagger, and a pattern needing them matches nothing
 * without them (spaCy raises); a match is at most `maxTokens` long; spans tied on length and start
 * go to the earlier pattern (spaCy's order there depends on string hashes).
 */
import { tokenOffsets } from '../text/tokenizer';
import type { RecordError, Result } from '../types';
import type { Suggestion } from './types';

import { ALIASES, ATTRIBUTES, ATTRIBUTE_LIST, ATTRIBUTE_NAMES, LOWER_SLOT, ORTH_SLOT, UNSUPPORTED, attribute, type AttrName, type AttrValue, type Attribute, type TagKind, type TokenTags } from './pattern-attributes';
import { translateRegex } from './pattern-regex';

export type { AttrName, AttrValue, TagKind, TokenTags };
export { translateRegex };

/** How a pattern token repeats: spaCy's ONE, ZERO (`!`: one token that does not match), ZERO_ONE (`?`), ZERO_PLUS (`*`). */
export type Quantifier = 'one' | 'not' | 'optional' | 'any';

/** One test on one attribute of a token. `keys`: ORTH or LOWER values one of which it requires, for the index. */
export interface Check {
	readonly attr: AttrName;
	/** The attribute's position in ATTRIBUTE_NAMES, where the matcher keeps its values. */
	readonly slot: number;
	readonly test: (value: AttrValue) => boolean;
	readonly keys?: readonly string[];
}

/** One pattern token after operators are expanded (`+` is one then any; `{2,3}` is one, one, optional). */
export interface Step {
	readonly quantifier: Quantifier;
	/** All must pass; none is any token. */
	readonly checks: readonly Check[];
}

/** A pattern ready to match. */
export interface CompiledPattern {
	readonly label: string;
	readonly id?: string;
	/** The suggestions' source: `patterns:<file name>`. */
	readonly source: string;
	/** The line of the file it came from (1-based), when it came from one. */
	readonly line?: number;
	/** What the labeller is shown: the id, if any, and the pattern. */
	readonly why: string;
	readonly kind: 'phrase' | 'token';
	readonly steps: readonly Step[];
	/** The tags it reads; it matches nothing unless the caller passes them. */
	readonly tags: readonly TagKind[];
}

/** How patterns are compiled. */
export interface CompileOptions {
	/** What a phrase pattern's tokens are compared on: exact text (spaCy's default) or lower case. */
	readonly phraseAttr?: 'ORTH' | 'LOWER';
	/** The suggestions' source (default `patterns`). */
	readonly source?: string;
}


function makeCheck(attr: AttrName, test: (value: AttrValue) => boolean, keys?: readonly string[]): Check {
	const slot = ATTRIBUTE_NAMES.indexOf(attr);
	return keys && (attr === 'ORTH' || attr === 'LOWER') ? { attr, slot, test, keys } : { attr, slot, test };
}


// ——— attribute values: literals and predicates ———

/** What a predicate's argument must be. */
type ArgKind = 'strings' | 'integers' | 'number' | 'regex';

interface Predicate {
	/** Which attribute kinds it applies to. */
	readonly on: readonly Attribute['kind'][];
	readonly arg: (kind: Attribute['kind']) => ArgKind;
	readonly make: (arg: unknown) => (value: AttrValue) => boolean;
	/** True when a value that passes is one of the argument's members (for the index). */
	readonly member?: boolean;
}

const setArg = (kind: Attribute['kind']): ArgKind => (kind === 'number' ? 'integers' : 'strings');
const numberArg = (): ArgKind => 'number';
const asSet = (arg: unknown) => new Set(arg as readonly AttrValue[]);
const compare = (test: (value: number, arg: number) => boolean): Predicate => ({
	on: ['number'],
	arg: numberArg,
	make: (arg) => (value) => test(value as number, arg as number)
});

/**
 * spaCy's predicates. A token has one value per attribute, so IS_SUBSET and INTERSECTS are IN, and
 * IS_SUPERSET holds when every member is the value.
 */
const PREDICATES: Readonly<Record<string, Predicate>> = {
	IN: { on: ['text', 'number'], arg: setArg, member: true, make: (arg) => { const set = asSet(arg); return (value) => set.has(value); } },
	NOT_IN: { on: ['text', 'number'], arg: setArg, make: (arg) => { const set = asSet(arg); return (value) => !set.has(value); } },
	IS_SUBSET: { on: ['text', 'number'], arg: setArg, member: true, make: (arg) => { const set = asSet(arg); return (value) => set.has(value); } },
	INTERSECTS: { on: ['text', 'number'], arg: setArg, member: true, make: (arg) => { const set = asSet(arg); return (value) => set.has(value); } },
	IS_SUPERSET: { on: ['text', 'number'], arg: setArg, make: (arg) => { const set = asSet(arg); return (value) => set.size === 0 || (set.size === 1 && set.has(value)); } },
	REGEX: { on: ['text'], arg: () => 'regex', make: (arg) => { const regex = arg as RegExp; return (value) => regex.test(value as string); } },
	'==': compare((value, arg) => value === arg),
	'!=': compare((value, arg) => value !== arg),
	'>=': compare((value, arg) => value >= arg),
	'<=': compare((value, arg) => value <= arg),
	'>': compare((value, arg) => value > arg),
	'<': compare((value, arg) => value < arg)
};

function show(value: unknown): string {
	const json = JSON.stringify(value);
	return json === undefined ? String(value) : json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ARG_CHECKS: Readonly<Record<ArgKind, { readonly ok: (arg: unknown) => boolean; readonly what: string }>> = {
	strings: { ok: (arg) => Array.isArray(arg) && arg.every((item) => typeof item === 'string'), what: 'a list of strings' },
	integers: { ok: (arg) => Array.isArray(arg) && arg.every((item) => Number.isInteger(item)), what: 'a list of whole numbers' },
	number: { ok: (arg) => typeof arg === 'number' && Number.isFinite(arg), what: 'a number' },
	regex: { ok: (arg) => typeof arg === 'string', what: 'a string' }
};

function compilePredicates(name: AttrName, spec: Record<string, unknown>, where: string): Result<Check> {
	const kind = attribute(name).kind;
	const tests: ((value: AttrValue) => boolean)[] = [];
	let keys: readonly string[] | undefined;
	for (const [key, raw] of Object.entries(spec)) {
		const type = key.toUpperCase();
		const predicate = Object.hasOwn(PREDICATES, type) ? PREDICATES[type] : undefined;
		if (!predicate) return { error: `unknown predicate "${key}" for ${name} ${where} (use ${Object.keys(PREDICATES).join(', ')})` };
		if (!predicate.on.includes(kind)) return { error: `${type} does not apply to ${name} ${where}` };
		const argKind = predicate.arg(kind);
		if (!ARG_CHECKS[argKind].ok(raw)) return { error: `${type} for ${name} ${where} must be ${ARG_CHECKS[argKind].what}, got ${show(raw)}` };
		let arg: unknown = raw;
		if (argKind === 'regex') {
			const regex = translateRegex(raw as string);
			if (regex.error !== undefined) return { error: `bad REGEX ${show(raw)} for ${name} ${where}: ${regex.error}` };
			arg = regex.ok;
		}
		tests.push(predicate.make(arg));
		if (predicate.member && keys === undefined) keys = [...new Set(raw as string[])];
	}
	const test = tests.length === 1 ? tests[0] : (value: AttrValue) => tests.every((one) => one(value));
	return { ok: makeCheck(name, test, keys) };
}

const LITERALS: Readonly<Record<Attribute['kind'], { readonly ok: (value: unknown) => boolean; readonly what: string }>> = {
	text: { ok: (value) => typeof value === 'string', what: 'a string or an object of predicates (IN, NOT_IN, REGEX, …)' },
	number: { ok: (value) => Number.isInteger(value), what: 'a whole number or an object of predicates (==, >=, IN, …)' },
	flag: { ok: (value) => typeof value === 'boolean', what: 'true or false' }
};

function compileCheck(name: AttrName, value: unknown, where: string): Result<Check> {
	const kind = attribute(name).kind;
	if (LITERALS[kind].ok(value)) {
		const literal = value as AttrValue;
		const test = (token: AttrValue) => token === literal;
		return { ok: makeCheck(name, test, [literal as string]) };
	}
	if (kind !== 'flag' && isObject(value)) return compilePredicates(name, value, where);
	return { error: `${name} ${where} must be ${LITERALS[kind].what}, got ${show(value)}` };
}

// ——— operators and token patterns ———

const OPERATORS: Readonly<Record<string, readonly Quantifier[]>> = {
	'!': ['not'],
	'?': ['optional'],
	'*': ['any'],
	'+': ['one', 'any'],
	'1': ['one']
};
const MIN_MAX = /^\{(\d*)(,?)(\d*)\}$/;
/** Most steps a pattern may expand to (`{1,100000}` would otherwise be 100,000 steps). */
export const MAX_STEPS = 128;

function parseOperator(op: unknown, where: string): Result<readonly Quantifier[]> {
	const bad: Result<readonly Quantifier[]> = { error: `bad operator ${show(op)} ${where} (use !, ?, +, *, {n}, {n,m}, {n,}, {,m})` };
	if (typeof op !== 'string') return bad;
	if (Object.hasOwn(OPERATORS, op)) return { ok: OPERATORS[op] };
	const found = MIN_MAX.exec(op);
	if (!found || (found[2] === '' && found[1] === '') || (found[1] === '' && found[3] === '')) return bad;
	const min = Number(found[1] || 0);
	const max = found[2] === '' ? min : found[3] === '' ? Infinity : Number(found[3]);
	if (min > max) return bad;
	if (min > MAX_STEPS || (max !== Infinity && max > MAX_STEPS)) return { error: `operator ${show(op)} ${where} repeats too often (at most ${MAX_STEPS})` };
	const quantifiers: Quantifier[] = Array.from({ length: min }, () => 'one');
	if (max === Infinity) quantifiers.push('any');
	else for (let k = min; k < max; k++) quantifiers.push('optional');
	return { ok: quantifiers };
}

function compileToken(spec: unknown, number: number): Result<Step[]> {
	const where = `in token ${number}`;
	if (!isObject(spec)) return { error: `token ${number} must be an object, got ${show(spec)}` };
	const checks: Check[] = [];
	let quantifiers: readonly Quantifier[] = ['one'];
	for (const [key, value] of Object.entries(spec)) {
		const upper = key.toUpperCase();
		if (upper === 'OP') {
			const parsed = parseOperator(value, where);
			if (parsed.error !== undefined) return parsed;
			quantifiers = parsed.ok;
			continue;
		}
		const name = Object.hasOwn(ALIASES, upper) ? ALIASES[upper] : Object.hasOwn(ATTRIBUTES, upper) ? (upper as AttrName) : undefined;
		if (!name) return { error: UNSUPPORTED.has(upper) ? `token attribute "${key}" ${where} is not supported here` : `unknown token attribute "${key}" ${where}` };
		const check = compileCheck(name, value, where);
		if (check.error !== undefined) return check;
		checks.push(check.ok);
	}
	return { ok: quantifiers.map((quantifier) => ({ quantifier, checks })) };
}

function compileTokens(pattern: readonly unknown[]): Result<Step[]> {
	if (pattern.length === 0) return { error: 'the token pattern is empty' };
	const steps: Step[] = [];
	for (let k = 0; k < pattern.length; k++) {
		const token = compileToken(pattern[k], k + 1);
		if (token.error !== undefined) return token;
		steps.push(...token.ok);
		if (steps.length > MAX_STEPS) return { error: `the pattern expands to more than ${MAX_STEPS} tokens` };
	}
	return { ok: steps };
}

function compilePhrase(phrase: string, attr: 'ORTH' | 'LOWER'): Result<Step[]> {
	const offsets = tokenOffsets(phrase);
	if (offsets.length === 0) return { error: 'the phrase pattern has no tokens' };
	const steps: Step[] = [];
	for (let k = 0; k < offsets.length; k += 2) {
		const word = phrase.slice(offsets[k], offsets[k + 1]);
		const key = attr === 'LOWER' ? word.toLowerCase() : word;
		steps.push({ quantifier: 'one', checks: [makeCheck(attr, (value) => value === key, [key])] });
	}
	return { ok: steps };
}

/** The pattern as the labeller sees it: the phrase, or the token dicts as compact JSON, cut at 80 characters. */
function render(pattern: unknown, id: string | undefined): string {
	const json = JSON.stringify(pattern);
	const text = json.length > 80 ? `${json.slice(0, 79)}…` : json;
	return id === undefined ? text : `${id}: ${text}`;
}

function tagsOf(steps: readonly Step[]): TagKind[] {
	const tags = new Set<TagKind>();
	for (const step of steps) for (const check of step.checks) {
		const tag = attribute(check.attr).tag;
		if (tag) tags.add(tag);
	}
	return [...tags];
}

/**
 * Compiles one pattern entry, `{"label": …, "pattern": "phrase" | [token, …], "id"?: …}`. A phrase is
 * cut by the project's tokenizer and matches whole tokens only; other keys of the entry are ignored.
 */
export function compilePattern(entry: unknown, options: CompileOptions = {}): Result<CompiledPattern> {
	if (!isObject(entry)) return { error: `expected an object like {"label": …, "pattern": …}, got ${show(entry)}` };
	const { label, pattern, id } = entry;
	if (typeof label !== 'string' || label === '') return { error: label === undefined ? '"label" is missing' : `"label" must be a non-empty string, got ${show(label)}` };
	if (id !== undefined && typeof id !== 'string') return { error: `"id" must be a string, got ${show(id)}` };
	let steps: Result<Step[]>;
	if (typeof pattern === 'string') steps = compilePhrase(pattern, options.phraseAttr ?? 'ORTH');
	else if (Array.isArray(pattern)) steps = compileTokens(pattern);
	else return { error: pattern === undefined ? '"pattern" is missing' : `"pattern" must be a string (a phrase) or a list of token objects, got ${show(pattern)}` };
	if (steps.error !== undefined) return steps;
	return {
		ok: {
			label,
			...(id !== undefined ? { id } : {}),
			source: options.source ?? 'patterns',
			why: render(pattern, id),
			kind: typeof pattern === 'string' ? 'phrase' : 'token',
			steps: steps.ok,
			tags: tagsOf(steps.ok)
		}
	};
}

/**
 * Reads a patterns.jsonl file: one entry per line, blank lines skipped, a UTF-8 BOM dropped. A line
 * that cannot be read becomes an error naming it (`line 3: unknown token attribute "LOWERR" in token
 * 2`); every other line still loads. Suggestions' source is `patterns:<fileName>`.
 */
export function parsePatternFile(text: string, fileName: string, options: CompileOptions = {}): { patterns: CompiledPattern[]; errors: RecordError[] } {
	const patterns: CompiledPattern[] = [];
	const errors: RecordError[] = [];
	const lines = (text.startsWith('\ufeff') ? text.slice(1) : text).split('\n');
	const compileOptions = { ...options, source: options.source ?? `patterns:${fileName}` };
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		let entry: unknown;
		try {
			entry = JSON.parse(line);
		} catch (error) {
			errors.push({ line: i + 1, message: `line ${i + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)})` });
			continue;
		}
		const compiled = compilePattern(entry, compileOptions);
		if (compiled.ok) patterns.push({ ...compiled.ok, line: i + 1 });
		else errors.push({ line: i + 1, message: `line ${i + 1}: ${compiled.error}` });
	}
	return { patterns, errors };
}

// ——— matching ———

/** Patterns indexed for matching many articles. */
export interface PatternMatcher {
	readonly patterns: readonly CompiledPattern[];
	/** Whether some pattern reads POS or LEMMA, so the caller should run the tagger and pass its tags. */
	readonly needsTags: boolean;
	/** Patterns (by index) whose first token must have one of these texts or lower-case forms. */
	readonly byOrth: ReadonlyMap<string, readonly number[]>;
	readonly byLower: ReadonlyMap<string, readonly number[]>;
	/** Patterns that may start at any token. */
	readonly everywhere: readonly number[];
}

function indexKey(pattern: CompiledPattern): { attr: 'ORTH' | 'LOWER'; keys: readonly string[] } | undefined {
	const first = pattern.steps[0];
	if (!first || first.quantifier !== 'one') return undefined;
	const orth = first.checks.find((check) => check.attr === 'ORTH' && check.keys);
	const check = orth ?? first.checks.find((one) => one.attr === 'LOWER' && one.keys);
	return check?.keys ? { attr: check.attr as 'ORTH' | 'LOWER', keys: check.keys } : undefined;
}

/**
 * Indexes patterns by their first token's required text (ORTH) or lower-case form (LOWER), so an
 * article is matched by looking each token up instead of trying every pattern at every token.
 */
export function compilePatterns(patterns: readonly CompiledPattern[]): PatternMatcher {
	const byOrth = new Map<string, number[]>();
	const byLower = new Map<string, number[]>();
	const everywhere: number[] = [];
	patterns.forEach((pattern, p) => {
		const index = indexKey(pattern);
		if (!index) return void everywhere.push(p);
		const map = index.attr === 'ORTH' ? byOrth : byLower;
		for (const key of index.keys) {
			const list = map.get(key);
			if (list) list.push(p);
			else map.set(key, [p]);
		}
	});
	return { patterns, needsTags: patterns.some((pattern) => pattern.tags.length > 0), byOrth, byLower, everywhere };
}

/** How an article is matched. */
export interface MatchOptions {
	/** The article's tokens from `tokenOffsets(text)`, when the caller has them already. */
	readonly tokens?: Int32Array;
	/** Tags for POS and LEMMA patterns, aligned with the tokens. */
	readonly tags?: TokenTags;
	/** Overrides every pattern's source. */
	readonly source?: string;
	/** The longest match tried, in tokens: a cap spaCy lacks, so `{"OP": "*"}` cannot make matching quadratic. */
	readonly maxTokens?: number;
}

/** Default of `MatchOptions.maxTokens`. */
export const MAX_MATCH_TOKENS = 256;

/** One match: tokens `[start, end)` of the article and the index of the pattern in the matcher. */
export interface PatternMatch {
	readonly start: number;
	readonly end: number;
	readonly pattern: number;
}

/** A column of `count` values not yet computed (filled one by one: V8 keeps a long `new Array(n)` in slow dictionary mode). */
function unknownColumn(count: number): (string | undefined)[] {
	const column: (string | undefined)[] = [];
	for (let i = 0; i < count; i++) column.push(undefined);
	return column;
}

/**
 * An article's tokens with their attribute values. Tokens are interned (a news article of 100,000
 * words has some 10,000 distinct ones), so a lexical attribute is computed once per distinct text,
 * on first use; flags and LENGTH sit in typed arrays where 0 means not yet computed.
 */
class TokenView {
	/** Token i's text is `words[ids[i]]`. */
	readonly ids: Int32Array;
	readonly words: string[] = [];
	readonly #texts: ((string | undefined)[] | undefined)[] = [];
	readonly #codes: (Int32Array | undefined)[] = [];

	constructor(
		text: string,
		offsets: Int32Array,
		readonly tags: TokenTags
	) {
		this.ids = new Int32Array(offsets.length / 2);
		const known = new Map<string, number>();
		for (let i = 0; i < this.ids.length; i++) {
			const word = text.slice(offsets[2 * i], offsets[2 * i + 1]);
			let id = known.get(word);
			if (id === undefined) known.set(word, (id = this.words.push(word) - 1));
			this.ids[i] = id;
		}
	}

	get count(): number {
		return this.ids.length;
	}

	/** The value of the attribute in `slot` for token i; undefined when it is a tag the caller did not give. */
	value(slot: number, i: number): AttrValue | undefined {
		const { tag } = ATTRIBUTE_LIST[slot];
		return tag ? this.tags[tag]?.[i] : this.lexical(slot, this.ids[i]);
	}

	/** The value of the lexical attribute in `slot` for the distinct token text `id`. */
	lexical(slot: number, id: number): AttrValue {
		if (slot === ORTH_SLOT) return this.words[id];
		const { kind, lexical } = ATTRIBUTE_LIST[slot];
		if (kind === 'text') {
			const column = (this.#texts[slot] ??= unknownColumn(this.words.length));
			return (column[id] ??= lexical!(this.words[id]) as string);
		}
		// A flag is stored as 1 (false) or 2 (true), a number as itself + 1.
		const column = (this.#codes[slot] ??= new Int32Array(this.words.length));
		let code = column[id];
		if (code === 0) {
			const value = lexical!(this.words[id]);
			column[id] = code = kind === 'flag' ? (value ? 2 : 1) : (value as number) + 1;
		}
		return kind === 'flag' ? code === 2 : code - 1;
	}
}

/** Whether `step` takes token i: its checks pass (fail, for `!`); a missing tag takes nothing either way. */
function takes(step: Step, view: TokenView, i: number): boolean {
	const negate = step.quantifier === 'not';
	for (const check of step.checks) {
		const value = view.value(check.slot, i);
		if (value === undefined) return false;
		if (!check.test(value)) return negate;
	}
	return !negate;
}

/** Whether a step may be skipped (it matches zero tokens). */
function skippable(step: Step | undefined): boolean {
	return step !== undefined && (step.quantifier === 'optional' || step.quantifier === 'any');
}

/** How one pattern is run: fixed width (no optional steps) or by state sets; `entry`: the steps a match can begin with. */
interface Plan {
	readonly steps: readonly Step[];
	readonly fixed: boolean;
	readonly entry: readonly Step[];
}

function planOf(steps: readonly Step[]): Plan {
	const entry: Step[] = [];
	for (let s = 0; s < steps.length; s++) {
		entry.push(steps[s]);
		if (!skippable(steps[s])) break;
	}
	return { steps, fixed: !steps.some(skippable), entry };
}

/**
 * Runs a pattern from one token as a set of states (step indices) advanced token by token, as spaCy's
 * matcher does; state buffers are reused and deduplicated by stamping each state with its round.
 */
class Runner {
	readonly #seen = new Int32Array(MAX_STEPS + 2);
	#stamp = 0;
	#current = new Int32Array(MAX_STEPS + 2);
	#next = new Int32Array(MAX_STEPS + 2);

	/** Adds every match of pattern p (its plan) from token `start` up to token `limit` to `out`, shortest first. */
	run(plan: Plan, p: number, view: TokenView, start: number, limit: number, out: PatternMatch[]): void {
		let enters = false;
		for (let k = 0; k < plan.entry.length && !enters; k++) enters = takes(plan.entry[k], view, start);
		if (!enters) return;
		if (plan.fixed) return fixedRun(plan.steps, p, view, start, limit, out);
		const { steps } = plan;
		const seen = this.#seen;
		let current = this.#current;
		let next = this.#next;
		let stamp = ++this.#stamp;
		let count = addState(seen, stamp, current, 0, steps, 0);
		for (let at = start; count > 0; at++) {
			if (at > start && seen[steps.length] === stamp) out.push({ start, end: at, pattern: p });
			if (at >= limit) break;
			stamp = ++this.#stamp;
			let size = 0;
			for (let k = 0; k < count; k++) {
				const s = current[k];
				if (s < steps.length && takes(steps[s], view, at)) size = addState(seen, stamp, next, size, steps, steps[s].quantifier === 'any' ? s : s + 1);
			}
			const done = current;
			current = next;
			next = done;
			count = size;
		}
	}
}

/** Adds state s to `states` (holding `size`) unless `seen` at `stamp`, with the states reached by skipping steps; returns the new size. */
function addState(seen: Int32Array, stamp: number, states: Int32Array, size: number, steps: readonly Step[], s: number): number {
	for (;;) {
		if (seen[s] === stamp) return size;
		seen[s] = stamp;
		states[size++] = s;
		if (!skippable(steps[s])) return size;
		s++;
	}
}

/** A pattern without optional steps matches one length only; its first step has been checked. */
function fixedRun(steps: readonly Step[], p: number, view: TokenView, start: number, limit: number, out: PatternMatch[]): void {
	if (steps.length === 0 || start + steps.length > limit) return;
	for (let k = 1; k < steps.length; k++) if (!takes(steps[k], view, start + k)) return;
	out.push({ start, end: start + steps.length, pattern: p });
}

function checkInputs(offsets: Int32Array, tags: TokenTags): void {
	if (offsets.length % 2 !== 0) throw new RangeError(`tokens must be [start, end] pairs, got ${offsets.length} numbers`);
	for (const kind of ['pos', 'lemma'] as const) {
		const list = tags[kind];
		if (list && list.length !== offsets.length / 2) throw new RangeError(`tags.${kind} has ${list.length} entries for ${offsets.length / 2} tokens`);
	}
}

/**
 * Every match of every pattern (spaCy's Matcher and PhraseMatcher: all of them, overlapping, each
 * (pattern, start, end) once, none empty), in token indices, sorted by start, end, then pattern.
 * Patterns reading tags the caller did not pass match nothing.
 */
export function findMatches(text: string, matcher: PatternMatcher, options: MatchOptions = {}): PatternMatch[] {
	const offsets = options.tokens ?? tokenOffsets(text);
	const tags = options.tags ?? {};
	checkInputs(offsets, tags);
	const view = new TokenView(text, offsets, tags);
	const usable = matcher.patterns.map((pattern) => pattern.tags.every((tag) => tags[tag] !== undefined));
	const maxTokens = options.maxTokens ?? MAX_MATCH_TOKENS;
	const runner = new Runner();
	const plans = matcher.patterns.map((pattern) => planOf(pattern.steps));
	const matches: PatternMatch[] = [];
	const tryAt = (i: number, list: readonly number[]) => {
		const limit = Math.min(view.count, i + maxTokens);
		for (let k = 0; k < list.length; k++) if (usable[list[k]]) runner.run(plans[list[k]], list[k], view, i, limit, matches);
	};
	// The patterns indexed under a distinct token text or its lower-case form, found once per text.
	const indexed: (readonly number[] | undefined)[] = [];
	const lookUp = (id: number): readonly number[] => {
		const orth = matcher.byOrth.get(view.words[id]) ?? [];
		const lower = matcher.byLower.size > 0 ? (matcher.byLower.get(view.lexical(LOWER_SLOT, id) as string) ?? []) : [];
		return lower.length === 0 ? orth : orth.concat(lower);
	};
	for (let i = 0; i < view.count; i++) {
		const id = view.ids[i];
		tryAt(i, (indexed[id] ??= lookUp(id)));
		tryAt(i, matcher.everywhere);
	}
	return matches.sort((a, b) => a.start - b.start || a.end - b.end || a.pattern - b.pattern);
}

/**
 * spaCy's `filter_spans`: the longest spans first (ties: the earliest start, then input order), each
 * kept unless a token of it is already taken; the result sorted by start. Works in any unit; spaCy
 * and `matchPatterns` use token indices, so length counts tokens.
 */
export function filterSpans<T extends { readonly start: number; readonly end: number }>(spans: readonly T[]): T[] {
	const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
	const taken = new Set<number>();
	const kept: T[] = [];
	for (const span of sorted) {
		// As spaCy: checking both ends suffices, since a taken span inside this one would be shorter.
		if (taken.has(span.start) || taken.has(span.end - 1)) continue;
		kept.push(span);
		for (let t = span.start; t < span.end; t++) taken.add(t);
	}
	return kept.sort((a, b) => a.start - b.start);
}

/**
 * Suggestions from patterns for one article, as spaCy's EntityRuler makes entities: all matches,
 * filtered by `filterSpans`. Offsets are UTF-16 code units of `text`, on token edges.
 */
export function matchPatterns(text: string, matcher: PatternMatcher, options: MatchOptions = {}): Suggestion[] {
	const offsets = options.tokens ?? tokenOffsets(text);
	const kept = filterSpans(findMatches(text, matcher, { ...options, tokens: offsets }));
	return kept.map((match) => {
		const pattern = matcher.patterns[match.pattern];
		return { start: offsets[2 * match.start], end: offsets[2 * match.end - 1], label: pattern.label, source: options.source ?? pattern.source, why: pattern.why };
	});
}

/** Every attribute a pattern token may test, TEXT aside (it is ORTH). */
export const TOKEN_ATTRIBUTES: readonly AttrName[] = ATTRIBUTE_NAMES;

