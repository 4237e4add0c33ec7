import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenOffsets } from '../text/tokenizer';
import {
	MAX_STEPS,
	TOKEN_ATTRIBUTES,
	compilePattern,
	compilePatterns,
	filterSpans,
	findMatches,
	matchPatterns,
	parsePatternFile,
	translateRegex,
	type CompileOptions,
	type MatchOptions,
	type PatternMatcher
} from './patterns';

/** Compiles pattern entries (throwing on a bad one: these are the test's own). */
function matcherOf(entries: readonly object[], options: CompileOptions = {}): PatternMatcher {
	return compilePatterns(
		entries.map((entry) => {
			const compiled = compilePattern(entry, options);
			if (compiled.error !== undefined) throw new Error(compiled.error);
			return compiled.ok;
		})
	);
}

/** The texts matched (after filterSpans) by one token pattern or phrase. */
function texts(text: string, pattern: unknown, options: MatchOptions & CompileOptions = {}): string[] {
	return matchPatterns(text, matcherOf([{ label: 'x', pattern }], options), options).map((s) => text.slice(s.start, s.end));
}

/** Every match (before filterSpans) of one pattern, as text. */
function allTexts(text: string, pattern: unknown, options: MatchOptions = {}): string[] {
	const offsets = tokenOffsets(text);
	return findMatches(text, matcherOf([{ label: 'x', pattern }]), options).map((m) => text.slice(offsets[2 * m.start], offsets[2 * m.end - 1]));
}

/** Whether a one-token pattern matches `word` taken as a single token (whatever the tokenizer would cut). */
function matchesWord(word: string, spec: object): boolean {
	return findMatches(word, matcherOf([{ label: 'x', pattern: [spec] }]), { tokens: Int32Array.of(0, word.length) }).length === 1;
}

/** The file's error messages. */
function errorsOf(lines: readonly string[]): string[] {
	return parsePatternFile(lines.join('\n'), 'f.jsonl').errors.map((error) => error.message);
}

/**
 * Token attributes as spaCy computes them: produced by running spaCy's own spacy/lang/lex_attrs.py
 * and spacy/lang/en/lex_attrs.py (word_shape, like_num, is_punct, …) and Python's str methods on
 * each word. Columns: word, SHAPE, LENGTH, LOWER, PREFIX, SUFFIX, the flags that are true.
 */
const SPACY_ATTRIBUTES: readonly (readonly [string, string, number, string, string, string, readonly string[]])[] = [
	['Kyiv', 'Xxxx', 4, 'kyiv', 'K', 'yiv', ['IS_ALPHA', 'IS_TITLE', 'IS_ASCII']],
	['kyiv', 'xxxx', 4, 'kyiv', 'k', 'yiv', ['IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
	['KYIV', 'XXXX', 4, 'kyiv', 'K', 'YIV', ['IS_ALPHA', 'IS_UPPER', 'IS_ASCII']],
	['Ukraine', 'Xxxxx', 7, 'ukraine', 'U', 'ine', ['IS_ALPHA', 'IS_TITLE', 'IS_ASCII']],
	['Pentagon', 'Xxxxx', 8, 'pentagon', 'P', 'gon', ['IS_ALPHA', 'IS_TITLE', 'IS_ASCII']],
	['U.S.', 'X.X.', 4, 'u.s.', 'U', '.S.', ['IS_TITLE', 'IS_UPPER', 'IS_ASCII']],
	['McDonald', 'XxXxxxx', 8, 'mcdonald', 'M', 'ald', ['IS_ALPHA', 'IS_ASCII']],
	['ǅemal', 'xxxx', 5, 'ǆemal', 'ǅ', 'mal', ['IS_ALPHA', 'IS_TITLE']],
	['Hello', 'Xxxxx', 5, 'hello', 'H', 'llo', ['IS_ALPHA', 'IS_TITLE', 'IS_ASCII']],
	['HELLO', 'XXXX', 5, 'hello', 'H', 'LLO', ['IS_ALPHA', 'IS_UPPER', 'IS_ASCII']],
	['hello', 'xxxx', 5, 'hello', 'h', 'llo', ['IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
	['nato', 'xxxx', 4, 'nato', 'n', 'ato', ['IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
	['NATO', 'XXXX', 4, 'nato', 'N', 'ATO', ['IS_ALPHA', 'IS_UPPER', 'IS_ASCII']],
	['123', 'ddd', 3, '123', '1', '123', ['LIKE_NUM', 'IS_DIGIT', 'IS_ASCII']],
	['12', 'dd', 2, '12', '1', '12', ['LIKE_NUM', 'IS_DIGIT', 'IS_ASCII']],
	['1.5', 'd.d', 3, '1.5', '1', '1.5', ['LIKE_NUM', 'IS_ASCII']],
	['1,000', 'd,ddd', 5, '1,000', '1', '000', ['LIKE_NUM', 'IS_ASCII']],
	['3.5', 'd.d', 3, '3.5', '3', '3.5', ['LIKE_NUM', 'IS_ASCII']],
	['-2', '-d', 2, '-2', '-', '-2', ['LIKE_NUM', 'IS_ASCII']],
	['+3', '+d', 2, '+3', '+', '+3', ['LIKE_NUM', 'IS_ASCII']],
	['1/2', 'd/d', 3, '1/2', '1', '1/2', ['LIKE_NUM', 'IS_ASCII']],
	['1/2/3', 'd/d/d', 5, '1/2/3', '1', '2/3', ['IS_ASCII']],
	['~5', '~d', 2, '~5', '~', '~5', ['LIKE_NUM', 'IS_ASCII']],
	['ten', 'xxx', 3, 'ten', 't', 'ten', ['LIKE_NUM', 'IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
	['Billion', 'Xxxxx', 7, 'billion', 'B', 'ion', ['LIKE_NUM', 'IS_ALPHA', 'IS_TITLE', 'IS_ASCII']],
	['first', 'xxxx', 5, 'first', 'f', 'rst', ['LIKE_NUM', 'IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
	['21st', 'ddxx', 4, '21st', '2', '1st', ['LIKE_NUM', 'IS_LOWER', 'IS_ASCII']],
	['3rd', 'dxx', 3, '3rd', '3', '3rd', ['LIKE_NUM', 'IS_LOWER', 'IS_ASCII']],
	['abc', 'xxx', 3, 'abc', 'a', 'abc', ['IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
	['x²', 'xd', 2, 'x²', 'x', 'x²', ['IS_LOWER']],
	['²', 'd', 1, '²', '²', '²', ['LIKE_NUM', 'IS_DIGIT']],
	['Zürich', 'Xxxxx', 6, 'zürich', 'Z', 'ich', ['IS_ALPHA', 'IS_TITLE']],
	['Zu\u0308rich', 'Xx\u0308xxxx', 7, 'zu\u0308rich', 'Z', 'ich', []],
	['𝒜bc', 'Xxx', 3, '𝒜bc', '𝒜', '𝒜bc', ['IS_ALPHA', 'IS_TITLE']],
	['ΑΘΗΝΑ', 'XXXX', 5, 'αθηνα', 'Α', 'ΗΝΑ', ['IS_ALPHA', 'IS_UPPER']],
	['Αθήνα', 'Xxxxx', 5, 'αθήνα', 'Α', 'ήνα', ['IS_ALPHA', 'IS_TITLE']],
	['中文', 'xx', 2, '中文', '中', '中文', ['IS_ALPHA']],
	['2,000', 'd,ddd', 5, '2,000', '2', '000', ['LIKE_NUM', 'IS_ASCII']],
	['12.5', 'dd.d', 4, '12.5', '1', '2.5', ['LIKE_NUM', 'IS_ASCII']],
	['$', '$', 1, '$', '$', '$', ['IS_ASCII', 'IS_CURRENCY']],
	['€', '€', 1, '€', '€', '€', ['IS_CURRENCY']],
	['₴', '₴', 1, '₴', '₴', '₴', ['IS_CURRENCY']],
	[',', ',', 1, ',', ',', ',', ['IS_PUNCT', 'IS_ASCII']],
	['—', '—', 1, '—', '—', '—', ['IS_PUNCT']],
	['(', '(', 1, '(', '(', '(', ['IS_PUNCT', 'IS_ASCII', 'IS_BRACKET', 'IS_LEFT_PUNCT']],
	[')', ')', 1, ')', ')', ')', ['IS_PUNCT', 'IS_ASCII', 'IS_BRACKET', 'IS_RIGHT_PUNCT']],
	['“', '“', 1, '“', '“', '“', ['IS_PUNCT', 'IS_QUOTE', 'IS_LEFT_PUNCT']],
	['”', '”', 1, '”', '”', '”', ['IS_PUNCT', 'IS_QUOTE', 'IS_RIGHT_PUNCT']],
	['«', '«', 1, '«', '«', '«', ['IS_PUNCT', 'IS_QUOTE', 'IS_LEFT_PUNCT']],
	['»', '»', 1, '»', '»', '»', ['IS_PUNCT', 'IS_QUOTE', 'IS_RIGHT_PUNCT']],
	["'", "'", 1, "'", "'", "'", ['IS_PUNCT', 'IS_ASCII', 'IS_QUOTE', 'IS_LEFT_PUNCT', 'IS_RIGHT_PUNCT']],
	['"', '"', 1, '"', '"', '"', ['IS_PUNCT', 'IS_ASCII', 'IS_QUOTE', 'IS_LEFT_PUNCT', 'IS_RIGHT_PUNCT']],
	['[', '[', 1, '[', '[', '[', ['IS_PUNCT', 'IS_ASCII', 'IS_BRACKET', 'IS_LEFT_PUNCT']],
	['{', '{', 1, '{', '{', '{', ['IS_PUNCT', 'IS_ASCII', 'IS_BRACKET', 'IS_LEFT_PUNCT']],
	['<', '<', 1, '<', '<', '<', ['IS_ASCII', 'IS_BRACKET', 'IS_LEFT_PUNCT']],
	['>', '>', 1, '>', '>', '>', ['IS_ASCII', 'IS_BRACKET', 'IS_RIGHT_PUNCT']],
	["'s", "'x", 2, "'s", "'", "'s", ['IS_LOWER', 'IS_ASCII']],
	['’s', '’x', 2, '’s', '’', '’s', ['IS_LOWER']],
	["n't", "x'x", 3, "n't", 'n', "n't", ['IS_LOWER', 'IS_ASCII']],
	['e-mail', 'x-xxxx', 6, 'e-mail', 'e', 'ail', ['IS_LOWER', 'IS_ASCII']],
	['press@nato.int', 'xxxx@xxxx.xxx', 14, 'press@nato.int', 'p', 'int', ['IS_LOWER', 'IS_ASCII', 'LIKE_EMAIL']],
	['a@b', 'x@x', 3, 'a@b', 'a', 'a@b', ['IS_LOWER', 'IS_ASCII']],
	['AAAAAAb', 'XXXXx', 7, 'aaaaaab', 'A', 'AAb', ['IS_ALPHA', 'IS_ASCII']],
	['aaaaaa', 'xxxx', 6, 'aaaaaa', 'a', 'aaa', ['IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
	['Kyiv-based', 'Xxxx-xxxx', 10, 'kyiv-based', 'K', 'sed', ['IS_ASCII']],
	['x'.repeat(120), 'LONG', 120, 'x'.repeat(120), 'x', 'xxx', ['IS_ALPHA', 'IS_LOWER', 'IS_ASCII']],
];

const FLAGS = ['LIKE_NUM', 'IS_ALPHA', 'IS_DIGIT', 'IS_PUNCT', 'IS_TITLE', 'IS_UPPER', 'IS_LOWER', 'IS_SPACE', 'IS_ASCII', 'IS_CURRENCY', 'IS_BRACKET', 'IS_QUOTE', 'IS_LEFT_PUNCT', 'IS_RIGHT_PUNCT', 'LIKE_EMAIL'];

describe('token attributes', () => {
	it.each(SPACY_ATTRIBUTES.map((row) => [row[0].length > 20 ? `${row[0].slice(0, 8)}…` : row[0], row] as const))('computes %s as spaCy does', (_, row) => {
		const [word, shape, length, lower, prefix, suffix, trueFlags] = row;
		for (const [attr, value] of [['SHAPE', shape], ['LENGTH', length], ['LOWER', lower], ['PREFIX', prefix], ['SUFFIX', suffix], ['ORTH', word], ['TEXT', word]] as const) {
			expect(matchesWord(word, { [attr]: value }), `${attr} = ${JSON.stringify(value)}`).toBe(true);
			expect(matchesWord(word, { [attr]: typeof value === 'number' ? value + 1 : `${value}?` }), `${attr} ≠`).toBe(false);
		}
		for (const flag of FLAGS) {
			expect(matchesWord(word, { [flag]: trueFlags.includes(flag) }), flag).toBe(true);
			expect(matchesWord(word, { [flag]: !trueFlags.includes(flag) }), `not ${flag}`).toBe(false);
		}
	});

	it('covers every attribute in the tests above or below', () => {
		const tested = new Set([...FLAGS, 'SHAPE', 'LENGTH', 'LOWER', 'PREFIX', 'SUFFIX', 'ORTH', 'POS', 'LEMMA']);
		expect(TOKEN_ATTRIBUTES.filter((attr) => !tested.has(attr))).toEqual([]);
	});

	it('matches ORTH exactly and LOWER in any case', () => {
		expect(texts('Kyiv kyiv KYIV', [{ ORTH: 'Kyiv' }])).toEqual(['Kyiv']);
		expect(texts('Kyiv kyiv KYIV', [{ TEXT: 'kyiv' }])).toEqual(['kyiv']);
		expect(texts('Kyiv kyiv KYIV', [{ LOWER: 'kyiv' }])).toEqual(['Kyiv', 'kyiv', 'KYIV']);
	});

	it('finds numbers with LIKE_NUM over the tokenizer’s tokens', () => {
		expect(texts('It cost $5 billion, 1,000 or 3.5 or ten; one-third; 21st and first of abc', [{ LIKE_NUM: true }])).toEqual(['5', 'billion', '1,000', '3.5', 'ten', 'one', 'third', '21st', 'first']);
		expect(texts('sent 2,000 troops and 1/2 of 3 tanks', [{ LIKE_NUM: true }, { LOWER: { IN: ['troops', 'tanks'] } }])).toEqual(['2,000 troops', '3 tanks']);
	});

	it('computes IS_SPACE (never true of this tokenizer’s tokens, but of a white-space token given)', () => {
		expect(texts('a b', [{ IS_SPACE: true }])).toEqual([]);
		expect(matchesWord(' \u00a0', { IS_SPACE: true })).toBe(true);
	});

	it('measures LENGTH in code points, as Python', () => {
		expect(matchesWord('𝒜bc', { LENGTH: 3 })).toBe(true);
		expect(matchesWord('Zu\u0308rich', { LENGTH: 7 })).toBe(true);
		expect(texts('a be sea deed', [{ LENGTH: 3 }])).toEqual(['sea']);
	});
});

describe('POS and LEMMA from the tagger', () => {
	const text = 'troops were sent home';
	const tags = { pos: ['NOUN', 'AUX', 'VERB', 'ADV'], lemma: ['troop', 'be', 'send', 'home'] };
	const pattern = [{ LEMMA: 'be' }, { POS: 'VERB' }];

	it('matches on the tags passed, aligned with the tokens', () => {
		expect(texts(text, pattern, { tags })).toEqual(['were sent']);
		expect(texts(text, [{ POS: { IN: ['NOUN', 'ADV'] } }], { tags })).toEqual(['troops', 'home']);
		expect(texts(text, [{ LEMMA: { REGEX: '^tro' } }], { tags })).toEqual(['troops']);
	});

	it('says it needs tags, and matches nothing without them (even negated)', () => {
		expect(matcherOf([{ label: 'x', pattern }]).needsTags).toBe(true);
		expect(matcherOf([{ label: 'x', pattern: [{ LOWER: 'sent' }] }, { label: 'y', pattern: 'home' }]).needsTags).toBe(false);
		expect(texts(text, pattern)).toEqual([]);
		expect(texts(text, [{ POS: 'VERB', OP: '!' }])).toEqual([]);
		expect(texts(text, pattern, { tags: { pos: tags.pos } })).toEqual([]);
		expect(texts(text, [{ POS: 'VERB', OP: '!' }], { tags: { pos: tags.pos } })).toEqual(['troops', 'were', 'home']);
	});

	it('refuses tags that are not aligned with the tokens', () => {
		expect(() => texts(text, pattern, { tags: { pos: ['NOUN'] } })).toThrow(RangeError);
	});
});

describe('predicates', () => {
	const text = 'The army and the navy sent 12 warships to Kyiv';

	it('IN and NOT_IN', () => {
		expect(texts(text, [{ LOWER: { IN: ['army', 'navy'] } }])).toEqual(['army', 'navy']);
		expect(texts(text, [{ LOWER: 'the' }, { LOWER: { NOT_IN: ['army'] } }])).toEqual(['the navy']);
		expect(texts(text, [{ LENGTH: { IN: [2, 8] } }])).toEqual(['12', 'warships', 'to']);
	});

	it('IS_SUBSET, IS_SUPERSET and INTERSECTS on a single value', () => {
		expect(texts(text, [{ LOWER: { IS_SUBSET: ['army', 'navy'] } }])).toEqual(['army', 'navy']);
		expect(texts(text, [{ LOWER: { INTERSECTS: ['kyiv'] } }])).toEqual(['Kyiv']);
		expect(texts(text, [{ ORTH: { IS_SUPERSET: ['sent'] } }])).toEqual(['sent']);
		expect(texts(text, [{ ORTH: { IS_SUPERSET: ['sent', 'army'] } }])).toEqual([]);
	});

	it('REGEX searches (not anchored) with Python’s syntax translated', () => {
		expect(texts(text, [{ TEXT: { REGEX: 'ar' } }])).toEqual(['army', 'warships']);
		expect(texts(text, [{ TEXT: { REGEX: '(?i)^THE$' } }])).toEqual(['The', 'the']);
		expect(texts('Zürich and Paris', [{ TEXT: { REGEX: '^\\w+ich$' } }])).toEqual(['Zürich']);
		expect(texts('Kyiv-based', [{ TEXT: { REGEX: '^\\-$' } }])).toEqual(['-']);
		expect(texts('Kyiv-based', [{ TEXT: { REGEX: '\\Abased\\Z' } }])).toEqual(['based']);
		expect(texts(text, [{ LOWER: { REGEX: '^(?P<x>n)av(?P=x)?y$' } }])).toEqual(['navy']);
	});

	it('translates Python regular expressions', () => {
		expect(translateRegex('(?i)^a\\d').ok?.flags).toBe('iu');
		expect(translateRegex('\\d').ok?.test('٣')).toBe(true);
		expect(translateRegex('[\\w-]+').ok?.test('é')).toBe(true);
		expect(translateRegex('\\bx\\b').ok?.test('éxé')).toBe(false);
		expect(translateRegex('(?x) a').error).toMatch(/\(\?x\)/);
		expect(translateRegex('(').error).toBeDefined();
	});

	it.each([
		['==', 4, ['army', 'navy', 'sent', 'Kyiv']],
		['!=', 3, ['army', 'navy', 'sent', '12', 'warships', 'to', 'Kyiv']],
		['>=', 5, ['warships']],
		['<=', 2, ['12', 'to']],
		['>', 4, ['warships']],
		['<', 3, ['12', 'to']]
	] as const)('compares LENGTH with %s %d', (op, value, expected) => {
		expect(texts(text, [{ LENGTH: { [op]: value } }])).toEqual(expected);
	});

	it('ANDs predicates and attributes of one token', () => {
		expect(texts(text, [{ LENGTH: { '>=': 3, '<': 5 }, IS_LOWER: true, LOWER: { NOT_IN: ['and', 'the'] } }])).toEqual(['army', 'navy', 'sent']);
	});
});

describe('operators (every match, before filterSpans)', () => {
	it('no operator: exactly once', () => {
		expect(allTexts('a b a', [{ LOWER: 'a' }])).toEqual(['a', 'a']);
	});

	it('!: one token that does not match', () => {
		expect(allTexts('the army the navy', [{ LOWER: 'the' }, { LOWER: 'army', OP: '!' }])).toEqual(['the navy']);
		expect(allTexts('the', [{ LOWER: 'the' }, { LOWER: 'army', OP: '!' }])).toEqual([]);
	});

	it('?: zero or one', () => {
		const pattern = [{ LOWER: 'hello' }, { IS_PUNCT: true, OP: '?' }, { LOWER: 'world' }];
		expect(allTexts('Hello, world and hello world and hello ,, world', pattern)).toEqual(['Hello, world', 'hello world']);
		expect(allTexts('a b', [{ LOWER: 'a' }, { LOWER: 'b', OP: '?' }])).toEqual(['a', 'a b']);
	});

	it('*: zero or more, every length (as spaCy returns them all)', () => {
		expect(allTexts('a b b c', [{ LOWER: 'a' }, { LOWER: 'b', OP: '*' }])).toEqual(['a', 'a b', 'a b b']);
		expect(allTexts('a x y b', [{ LOWER: 'a' }, { OP: '*' }, { LOWER: 'b' }])).toEqual(['a x y b']);
	});

	it('+: one or more', () => {
		expect(allTexts('a b b c', [{ LOWER: 'a' }, { LOWER: 'b', OP: '+' }])).toEqual(['a b', 'a b b']);
		expect(allTexts('a c', [{ LOWER: 'a' }, { LOWER: 'b', OP: '+' }])).toEqual([]);
	});

	it.each([
		['{2}', ['b b', 'b b']],
		['{2,3}', ['b b', 'b b b', 'b b']],
		['{2,}', ['b b', 'b b b', 'b b']],
		['{,2}', ['b', 'b b', 'b', 'b b', 'b']]
	] as const)('%s: counted repeats', (op, expected) => {
		expect(allTexts('b b b', [{ LOWER: 'b', OP: op }])).toEqual(expected);
	});

	it('an empty token matches any one token; an operator alone repeats any token', () => {
		expect(allTexts('said it . said .', [{ LOWER: 'said' }, {}, { ORTH: '.' }])).toEqual(['said it .']);
		expect(allTexts('said it . said .', [{ LOWER: 'said' }, { OP: '?' }, { ORTH: '.' }])).toEqual(['said it .', 'said .']);
	});

	it('caps a match at maxTokens', () => {
		expect(allTexts('a x x x b', [{ LOWER: 'a' }, { OP: '*' }, { LOWER: 'b' }], { maxTokens: 4 })).toEqual([]);
		expect(allTexts('a x x x b', [{ LOWER: 'a' }, { OP: '*' }, { LOWER: 'b' }], { maxTokens: 5 })).toEqual(['a x x x b']);
	});

	/** The matches by definition: every [start, end) the expanded steps can consume exactly, found by recursion. */
	function referenceMatches(words: readonly string[], specs: readonly { word?: string; op?: string }[]): string[] {
		const expand: Record<string, string[]> = { '': ['1'], '!': ['!'], '?': ['?'], '*': ['*'], '+': ['1', '*'], '{2}': ['1', '1'], '{1,2}': ['1', '?'], '{,2}': ['?', '?'], '{1,}': ['1', '*'] };
		const steps = specs.flatMap((spec) => expand[spec.op ?? ''].map((q) => ({ q, word: spec.word })));
		const fits = (k: number, at: number) => steps[k].word === undefined || words[at] === steps[k].word;
		const ends = (k: number, at: number, out: Set<number>): Set<number> => {
			if (k === steps.length) return out.add(at);
			const { q } = steps[k];
			if (q === '?' || q === '*') ends(k + 1, at, out);
			if (at < words.length && (q === '!' ? !fits(k, at) : fits(k, at))) ends(q === '*' ? k : k + 1, at + 1, out);
			return out;
		};
		const found: string[] = [];
		for (let start = 0; start < words.length; start++) {
			for (const end of [...ends(0, start, new Set())].sort((a, b) => a - b)) if (end > start) found.push(`${start}-${end}`);
		}
		return found;
	}

	it('finds exactly the matches of the definition (random patterns and texts)', () => {
		const spec = fc.record({ word: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }), op: fc.option(fc.constantFrom('!', '?', '*', '+', '{2}', '{1,2}', '{,2}', '{1,}'), { nil: undefined }) });
		fc.assert(
			fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 9 }), fc.array(spec, { minLength: 1, maxLength: 4 }), (words, specs) => {
				const pattern = specs.map((one) => ({ ...(one.word ? { LOWER: one.word } : {}), ...(one.op ? { OP: one.op } : {}) }));
				const got = findMatches(words.join(' '), matcherOf([{ label: 'x', pattern }])).map((m) => `${m.start}-${m.end}`);
				expect(got).toEqual(referenceMatches(words, specs));
			}),
			{ numRuns: 500 }
		);
	});
});

describe('phrase patterns', () => {
	it('match whole tokens only, by exact text', () => {
		expect(texts('Pentagons and the Pentagon said; pentagon', 'Pentagon')).toEqual(['Pentagon']);
	});

	it('match across any white space between the tokens', () => {
		expect(texts('the Pentagon  Press\nSecretary said', 'Pentagon Press Secretary')).toEqual(['Pentagon  Press\nSecretary']);
		expect(texts('the Pentagon Press said', 'Pentagon Press Secretary')).toEqual([]);
	});

	it('cut clitics as the tokenizer does: "Ukraine’s" is Ukraine + ’s', () => {
		expect(Array.from(tokenOffsets('Ukraine’s'))).toEqual([0, 7, 7, 9]);
		expect(texts('Ukraine’s army', 'Ukraine')).toEqual(['Ukraine']);
		expect(texts('Ukraine’s army', 'Ukraine’s')).toEqual(['Ukraine’s']);
		expect(texts('Ukraine’s army', "Ukraine's")).toEqual([]);
		expect(texts('Ukraines army', 'Ukraine')).toEqual([]);
	});

	it('ignore case with phraseAttr LOWER', () => {
		expect(texts('PENTAGON Press secretary', 'Pentagon Press Secretary', { phraseAttr: 'LOWER' })).toEqual(['PENTAGON Press secretary']);
		expect(texts('PENTAGON Press secretary', 'Pentagon Press Secretary')).toEqual([]);
	});

	it('give UTF-16 offsets, also after an emoji', () => {
		const [suggestion] = matchPatterns('😀 Pentagon', matcherOf([{ label: 'actor', pattern: 'Pentagon' }]));
		expect(suggestion).toMatchObject({ start: 3, end: 11, label: 'actor' });
	});
});

describe('filterSpans', () => {
	const span = (start: number, end: number, name = '') => ({ start, end, name });

	it('keeps the longest of overlapping spans', () => {
		expect(filterSpans([span(0, 2), span(1, 4), span(3, 5)])).toEqual([span(1, 4)]);
	});

	it('breaks a tie in length by the earliest start', () => {
		expect(filterSpans([span(2, 4), span(1, 3)])).toEqual([span(1, 3)]);
	});

	it('keeps the outer of nested spans, and non-overlapping ones sorted by start', () => {
		expect(filterSpans([span(6, 7), span(1, 2), span(0, 3)])).toEqual([span(0, 3), span(6, 7)]);
	});

	it('keeps the first of identical spans', () => {
		expect(filterSpans([span(0, 2, 'a'), span(0, 2, 'b')])).toEqual([span(0, 2, 'a')]);
	});

	it('keeps non-overlapping spans, each dropped one overlapping a kept one at least as long', () => {
		const spans = fc.array(fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 6 })).map(([start, length]) => span(start, start + length)));
		fc.assert(
			fc.property(spans, (input) => {
				const kept = filterSpans(input);
				for (let k = 1; k < kept.length; k++) expect(kept[k].start).toBeGreaterThanOrEqual(kept[k - 1].end);
				for (const one of input) {
					if (kept.includes(one)) continue;
					expect(kept.some((other) => other.start < one.end && one.start < other.end && other.end - other.start >= one.end - one.start)).toBe(true);
				}
			})
		);
	});
});

describe('matchPatterns', () => {
	const file = [
		'{"label": "actor", "pattern": "Pentagon"}',
		'{"label": "actor", "pattern": "Pentagon Press Secretary", "id": "pps"}',
		'{"label": "role", "pattern": [{"LOWER": "press"}, {"LOWER": "secretary"}]}',
		'{"label": "figure", "pattern": [{"LIKE_NUM": true}, {"LOWER": {"IN": ["billion", "million"]}}]}'
	].join('\n');
	const { patterns } = parsePatternFile(file, 'news.jsonl');
	const matcher = compilePatterns(patterns);
	const text = 'Pentagon Press Secretary John Kirby said $5 billion went to the Pentagon.';

	it('gives the EntityRuler’s entities: longest first, across labels', () => {
		expect(matchPatterns(text, matcher).map((s) => [text.slice(s.start, s.end), s.label])).toEqual([
			['Pentagon Press Secretary', 'actor'],
			['5 billion', 'figure'],
			['Pentagon', 'actor']
		]);
	});

	it('gives the earlier pattern a span two patterns tie on', () => {
		const two = matcherOf([{ label: 'a', pattern: 'Kyiv' }, { label: 'b', pattern: [{ ORTH: 'Kyiv' }] }]);
		expect(matchPatterns('Kyiv', two).map((s) => s.label)).toEqual(['a']);
	});

	it('names the file as source, and the id and pattern as why', () => {
		const [first, second] = matchPatterns(text, matcher);
		expect(first).toEqual({ start: 0, end: 24, label: 'actor', source: 'patterns:news.jsonl', why: 'pps: "Pentagon Press Secretary"' });
		expect(second.why).toBe('[{"LIKE_NUM":true},{"LOWER":{"IN":["billion","million"]}}]');
		expect(matchPatterns(text, matcher, { source: 'mine' })[0].source).toBe('mine');
	});

	it('takes precomputed tokens', () => {
		const tokens = tokenOffsets(text);
		expect(matchPatterns(text, matcher, { tokens })).toEqual(matchPatterns(text, matcher));
		expect(() => matchPatterns(text, matcher, { tokens: Int32Array.of(0) })).toThrow(RangeError);
	});

	it('indexes patterns by their first token and tries the others everywhere', () => {
		expect([...matcher.byOrth.keys()]).toEqual(['Pentagon']);
		expect([...matcher.byLower.keys()]).toEqual(['press']);
		expect(matcher.everywhere).toEqual([3]);
		expect(matcherOf([{ label: 'x', pattern: [{ LOWER: 'a', OP: '?' }, { LOWER: 'b' }] }]).everywhere).toEqual([0]);
	});

	const PIECES = ['Pentagon', 'Press', 'Secretary', 'Ukraine’s', 'Ukraine', '5', 'billion', 'million', ',', '.', '😀', '👨‍👩‍👧', 'e\u0301', '“', 'said', 'a', 'the', ' ', '  ', '\n', '中文', '$'];
	const entries = [
		{ label: 'actor', pattern: 'Pentagon' },
		{ label: 'actor', pattern: 'Pentagon Press Secretary' },
		{ label: 'actor', pattern: 'Ukraine’s' },
		{ label: 'figure', pattern: [{ ORTH: '$', OP: '?' }, { LIKE_NUM: true }, { LOWER: { IN: ['billion', 'million'] }, OP: '*' }] },
		{ label: 'claim', pattern: [{ LOWER: 'said' }, { OP: '*' }, { ORTH: '.' }] },
		{ label: 'other', pattern: [{ IS_ALPHA: false, OP: '+' }] }
	];

	it('gives non-overlapping suggestions on token edges, sorted, covering every match (random texts)', () => {
		const random = matcherOf(entries);
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join(' ')), (text) => {
				const tokens = tokenOffsets(text);
				const starts = new Set(Array.from(tokens).filter((_, k) => k % 2 === 0));
				const ends = new Set(Array.from(tokens).filter((_, k) => k % 2 === 1));
				const suggestions = matchPatterns(text, random, { tokens });
				for (let k = 0; k < suggestions.length; k++) {
					expect(starts.has(suggestions[k].start) && ends.has(suggestions[k].end)).toBe(true);
					if (k > 0) expect(suggestions[k].start).toBeGreaterThanOrEqual(suggestions[k - 1].end);
				}
				for (const match of findMatches(text, random, { tokens })) {
					const [start, end] = [tokens[2 * match.start], tokens[2 * match.end - 1]];
					expect(suggestions.some((s) => s.start < end && start < s.end)).toBe(true);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('parsePatternFile', () => {
	it('loads phrase and token patterns, skipping blank lines, a BOM and CRs', () => {
		const { patterns, errors } = parsePatternFile('\ufeff{"label":"actor","pattern":"NATO"}\r\n\r\n  \n{"label":"figure","pattern":[{"LIKE_NUM":true}],"id":"n"}\n', 'f.jsonl');
		expect(errors).toEqual([]);
		expect(patterns.map((p) => [p.line, p.label, p.kind, p.id, p.source])).toEqual([
			[1, 'actor', 'phrase', undefined, 'patterns:f.jsonl'],
			[4, 'figure', 'token', 'n', 'patterns:f.jsonl']
		]);
	});

	it('names the line and what is wrong, and still loads the other lines', () => {
		const { patterns, errors } = parsePatternFile(
			[
				'{"label": "actor", "pattern": "NATO"}',
				'{"label": "actor", "pattern": "NATO"',
				'{"label": "x", "pattern": [{"LOWER": "a"}, {"LOWERR": "b"}]}',
				'',
				'{"label": "figure", "pattern": [{"LIKE_NUM": true}]}'
			].join('\n'),
			'f.jsonl'
		);
		expect(patterns.map((p) => p.line)).toEqual([1, 5]);
		expect(errors.map((e) => e.line)).toEqual([2, 3]);
		expect(errors[0].message).toMatch(/^line 2: not valid JSON/);
		expect(errors[1].message).toBe('line 3: unknown token attribute "LOWERR" in token 2');
	});

	it.each([
		['[1, 2]', 'line 1: expected an object like {"label": …, "pattern": …}, got [1,2]'],
		['{"pattern": "NATO"}', 'line 1: "label" is missing'],
		['{"label": "", "pattern": "NATO"}', 'line 1: "label" must be a non-empty string, got ""'],
		['{"label": "x"}', 'line 1: "pattern" is missing'],
		['{"label": "x", "pattern": 5}', 'line 1: "pattern" must be a string (a phrase) or a list of token objects, got 5'],
		['{"label": "x", "pattern": "NATO", "id": 7}', 'line 1: "id" must be a string, got 7'],
		['{"label": "x", "pattern": "  "}', 'line 1: the phrase pattern has no tokens'],
		['{"label": "x", "pattern": []}', 'line 1: the token pattern is empty'],
		['{"label": "x", "pattern": ["NATO"]}', 'line 1: token 1 must be an object, got "NATO"'],
		['{"label": "x", "pattern": [{"DEP": "nsubj"}]}', 'line 1: token attribute "DEP" in token 1 is not supported here'],
		['{"label": "x", "pattern": [{"IS_ALPHA": "yes"}]}', 'line 1: IS_ALPHA in token 1 must be true or false, got "yes"'],
		['{"label": "x", "pattern": [{"LOWER": 5}]}', 'line 1: LOWER in token 1 must be a string or an object of predicates (IN, NOT_IN, REGEX, …), got 5'],
		['{"label": "x", "pattern": [{"LENGTH": "5"}]}', 'line 1: LENGTH in token 1 must be a whole number or an object of predicates (==, >=, IN, …), got "5"'],
		['{"label": "x", "pattern": [{"LOWER": {"LIKE": "a"}}]}', 'line 1: unknown predicate "LIKE" for LOWER in token 1 (use IN, NOT_IN, IS_SUBSET, INTERSECTS, IS_SUPERSET, REGEX, ==, !=, >=, <=, >, <)'],
		['{"label": "x", "pattern": [{"LOWER": {">=": 3}}]}', 'line 1: >= does not apply to LOWER in token 1'],
		['{"label": "x", "pattern": [{"LOWER": {"IN": "abc"}}]}', 'line 1: IN for LOWER in token 1 must be a list of strings, got "abc"'],
		['{"label": "x", "pattern": [{"LENGTH": {"IN": [1.5]}}]}', 'line 1: IN for LENGTH in token 1 must be a list of whole numbers, got [1.5]'],
		['{"label": "x", "pattern": [{"TEXT": {"REGEX": "("}}]}', /^line 1: bad REGEX "\(" for ORTH in token 1: /],
		['{"label": "x", "pattern": [{"LOWER": "a"}, {"LOWER": "b", "OP": "++"}]}', 'line 1: bad operator "++" in token 2 (use !, ?, +, *, {n}, {n,m}, {n,}, {,m})'],
		['{"label": "x", "pattern": [{"OP": "{3,2}"}]}', 'line 1: bad operator "{3,2}" in token 1 (use !, ?, +, *, {n}, {n,m}, {n,}, {,m})'],
		['{"label": "x", "pattern": [{"OP": "{,}"}]}', 'line 1: bad operator "{,}" in token 1 (use !, ?, +, *, {n}, {n,m}, {n,}, {,m})'],
		['{"label": "x", "pattern": [{"OP": "{1,1000}"}]}', `line 1: operator "{1,1000}" in token 1 repeats too often (at most ${MAX_STEPS})`]
	] as const)('refuses %s', (line, message) => {
		const [error] = errorsOf([line]);
		if (typeof message === 'string') expect(error).toBe(message);
		else expect(error).toMatch(message);
	});

	it('reads keys in any case, as spaCy’s matcher upper-cases them', () => {
		expect(errorsOf(['{"label": "x", "pattern": [{"lower": {"in": ["a"]}, "op": "+"}, {"Text": "b"}]}'])).toEqual([]);
		expect(texts('a a b', [{ lower: { in: ['a'] }, op: '+' }, { Text: 'b' }])).toEqual(['a a b']);
	});
});
