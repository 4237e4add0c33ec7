/**
 * The token attributes of pattern files: what each computes from a token's text (as Python's str
 * methods and spaCy's English lex_attrs do) or takes from the tagger (POS, LEMMA). Data for
 * patterns.ts.
 */

/** A token attribute's value: text, a number (LENGTH) or a flag. */
export type AttrValue = string | number | boolean;

/** Tags from a tagger, aligned with the tokens: `pos[i]` and `lemma[i]` are token i's. */
export interface TokenTags {
	readonly pos?: readonly string[];
	readonly lemma?: readonly string[];
}

/** Which tags a pattern reads. */
export type TagKind = keyof TokenTags;


// ——— lexical attributes, as Python's str methods and spaCy's English lex_attrs compute them ———

const LETTERS = /^\p{L}+$/u;
/** Python's `str.isdigit`: decimal digits plus the digit-like superscripts, subscripts and circled digits. */
const DIGITS = /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792]+$/u;
const PUNCT = /^\p{P}+$/u;
const SPACE = /^\p{White_Space}+$/u;
const CURRENCY = /^\p{Sc}+$/u;
const ASCII = /^[\x00-\x7f]*$/;
const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+/;
const UPPER_CHAR = /^\p{Uppercase}$/u;
const LOWER_CHAR = /^\p{Lowercase}$/u;
const TITLE_CHAR = /^\p{Lt}$/u;

const NUMBER_WORDS = new Set(
	'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion quadrillion quintillion sextillion septillion octillion nonillion decillion gajillion bazillion'.split(' ')
);
const ORDINAL_WORDS = new Set(
	'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth millionth billionth trillionth quadrillionth quintillionth sextillionth septillionth octillionth nonillionth decillionth gajillionth bazillionth'.split(' ')
);
const BRACKETS = new Set(['(', ')', '[', ']', '{', '}', '<', '>']);
const QUOTES = new Set(['"', "'", '`', '«', '»', '‘', '’', '‚', '‛', '“', '”', '„', '‟', '‹', '›', '❮', '❯', "''", '``']);
const LEFT_PUNCT = new Set(['(', '[', '{', '<', '"', "'", '«', '‘', '‚', '‛', '“', '„', '‟', '‹', '❮', '``']);
const RIGHT_PUNCT = new Set([')', ']', '}', '>', '"', "'", '»', '’', '”', '›', '❯', "''"]);

type CharCase = 'upper' | 'lower' | 'title' | 'none';

function charCase(char: string): CharCase {
	const code = char.charCodeAt(0);
	if (code < 0x80) return code >= 0x41 && code <= 0x5a ? 'upper' : code >= 0x61 && code <= 0x7a ? 'lower' : 'none';
	if (UPPER_CHAR.test(char)) return 'upper';
	if (LOWER_CHAR.test(char)) return 'lower';
	return TITLE_CHAR.test(char) ? 'title' : 'none';
}

/** Python's `str.islower` (`upper` false) or `str.isupper` (`upper` true): some cased character, all of that case. */
function isAllCase(word: string, upper: boolean): boolean {
	let cased = false;
	for (const char of word) {
		const found = charCase(char);
		if (found === 'title' || found === (upper ? 'lower' : 'upper')) return false;
		if (found !== 'none') cased = true;
	}
	return cased;
}

/** Python's `str.istitle`: capitals only after uncased characters, small letters only after cased ones. */
function isTitle(word: string): boolean {
	let cased = false;
	let previousCased = false;
	for (const char of word) {
		const found = charCase(char);
		if (found === 'none') previousCased = false;
		else if ((found === 'lower') !== previousCased) return false;
		else previousCased = cased = true;
	}
	return cased;
}

/** spaCy's `like_num` for English: 1,000, 3.5, -2, 1/2, number and ordinal words, 21st. */
function likeNum(word: string): boolean {
	const sign = word.charCodeAt(0);
	let text = sign === 0x2b || sign === 0x2d || sign === 0xb1 || sign === 0x7e ? word.slice(1) : word;
	if (text.includes(',') || text.includes('.')) text = text.replace(/[,.]/g, '');
	const first = text.charCodeAt(0);
	// Only a text starting with a digit (or a non-ASCII one, which may be a digit) can be a number in figures.
	if ((first >= 0x30 && first <= 0x39) || first >= 0x80) {
		if (DIGITS.test(text)) return true;
		const parts = text.split('/');
		if (parts.length === 2 && DIGITS.test(parts[0]) && DIGITS.test(parts[1])) return true;
		if (/(?:st|nd|rd|th)$/i.test(text) && DIGITS.test(text.slice(0, -2))) return true;
	}
	// The longest number or ordinal word, "quadrillionth", has 13 letters.
	if (text.length > 13) return false;
	const lower = text.toLowerCase();
	return NUMBER_WORDS.has(lower) || ORDINAL_WORDS.has(lower);
}

/** One character's shape: X, x, d or itself. */
function shapeOf(char: string): string {
	const code = char.charCodeAt(0);
	if (code < 0x80) return code >= 0x41 && code <= 0x5a ? 'X' : code >= 0x61 && code <= 0x7a ? 'x' : code >= 0x30 && code <= 0x39 ? 'd' : char;
	return LETTERS.test(char) ? (charCase(char) === 'upper' ? 'X' : 'x') : DIGITS.test(char) ? 'd' : char;
}

/** spaCy's `word_shape`: letters become X or x, digits d, runs cut after four; LONG from 100 characters. */
function wordShape(word: string): string {
	if (word.length >= 100 && codePointLength(word) >= 100) return 'LONG';
	let shape = '';
	let last = '';
	let run = 0;
	for (const char of word) {
		const kind = shapeOf(char);
		run = kind === last ? run + 1 : 0;
		last = kind;
		if (run < 4) shape += kind;
	}
	return shape;
}

/** Python's `len`: code points, not UTF-16 units. */
function codePointLength(word: string): number {
	let length = word.length;
	for (let i = 0; i < word.length; i++) {
		const code = word.charCodeAt(i);
		if (code >= 0xdc00 && code <= 0xdfff && i > 0 && (word.charCodeAt(i - 1) & 0xfc00) === 0xd800) length--;
	}
	return length;
}

/** A supported attribute: what kind of value it has and where the value comes from. */
export interface Attribute {
	readonly kind: 'text' | 'number' | 'flag';
	readonly lexical?: (word: string) => AttrValue;
	readonly tag?: TagKind;
}

/** The token attributes a pattern may test (TEXT is ORTH). */
export const ATTRIBUTES = {
	ORTH: { kind: 'text', lexical: (word) => word },
	LOWER: { kind: 'text', lexical: (word) => word.toLowerCase() },
	SHAPE: { kind: 'text', lexical: wordShape },
	PREFIX: { kind: 'text', lexical: (word) => String.fromCodePoint(word.codePointAt(0)!) },
	SUFFIX: { kind: 'text', lexical: (word) => Array.from(word).slice(-3).join('') },
	LENGTH: { kind: 'number', lexical: codePointLength },
	IS_ALPHA: { kind: 'flag', lexical: (word) => LETTERS.test(word) },
	IS_DIGIT: { kind: 'flag', lexical: (word) => DIGITS.test(word) },
	IS_PUNCT: { kind: 'flag', lexical: (word) => PUNCT.test(word) },
	IS_TITLE: { kind: 'flag', lexical: isTitle },
	IS_UPPER: { kind: 'flag', lexical: (word) => isAllCase(word, true) },
	IS_LOWER: { kind: 'flag', lexical: (word) => isAllCase(word, false) },
	IS_SPACE: { kind: 'flag', lexical: (word) => SPACE.test(word) },
	IS_ASCII: { kind: 'flag', lexical: (word) => ASCII.test(word) },
	IS_CURRENCY: { kind: 'flag', lexical: (word) => CURRENCY.test(word) },
	IS_BRACKET: { kind: 'flag', lexical: (word) => BRACKETS.has(word) },
	IS_QUOTE: { kind: 'flag', lexical: (word) => QUOTES.has(word) },
	IS_LEFT_PUNCT: { kind: 'flag', lexical: (word) => LEFT_PUNCT.has(word) },
	IS_RIGHT_PUNCT: { kind: 'flag', lexical: (word) => RIGHT_PUNCT.has(word) },
	LIKE_NUM: { kind: 'flag', lexical: likeNum },
	LIKE_EMAIL: { kind: 'flag', lexical: (word) => EMAIL.test(word) },
	POS: { kind: 'text', tag: 'pos' },
	LEMMA: { kind: 'text', tag: 'lemma' }
} satisfies Record<string, Attribute>;

/** A token attribute name. */
export type AttrName = keyof typeof ATTRIBUTES;

export const ALIASES: Readonly<Record<string, AttrName>> = { TEXT: 'ORTH' };

/** spaCy attributes this matcher cannot compute: refused with their own message, not as typos. */
export const UNSUPPORTED = new Set(['TAG', 'DEP', 'MORPH', 'NORM', 'ENT_TYPE', 'ENT_IOB', 'ENT_ID', 'ENT_KB_ID', 'IS_STOP', 'IS_SENT_START', 'SENT_START', 'SPACY', 'LIKE_URL', '_']);

export function attribute(name: AttrName): Attribute {
	return ATTRIBUTES[name];
}

export const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES) as AttrName[];
/** The attributes by slot: looked up for every token, so an array rather than the object's keys. */
export const ATTRIBUTE_LIST: readonly Attribute[] = ATTRIBUTE_NAMES.map(attribute);
export const ORTH_SLOT = ATTRIBUTE_NAMES.indexOf('ORTH');
export const LOWER_SLOT = ATTRIBUTE_NAMES.indexOf('LOWER');
