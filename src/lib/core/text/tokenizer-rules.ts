/**
 * The rules of Spanwise's tokenizer (tokenizer.ts), as data. They follow the facts of spaCy's English
 * tokenizer (spacy/lang/punctuation.py, char_classes.py, en/tokenizer_exceptions.py) on what matters
 * in news text; each rule says what it follows, and `departure` says where it differs and why.
 *
 * How the rules are applied (spaCy's order): the text is cut at white space; each piece is looked up
 * in the special cases; otherwise prefixes and suffixes are stripped off it in turn (special cases
 * checked again after each strip); what is left is kept whole if it is a URL or an e-mail address,
 * else cut at its infixes. Patterns are JavaScript regular expression sources (flag `u`), without
 * anchors: a prefix must match at the start of what is left, a suffix at its end, an infix anywhere.
 */

/** Where a rule applies. */
export type TokenizerRuleKind = 'prefix' | 'suffix' | 'infix' | 'whole';

/** One rule of the table. */
export interface TokenizerRule {
	/** Stable name, used by the tests (one test per rule) and in the README. */
	readonly id: string;
	readonly kind: TokenizerRuleKind;
	/** Regular expression source, flag `u`, no anchors. */
	readonly pattern: string;
	/** What it does, in words. */
	readonly description: string;
	/** Set when the rule is not spaCy's: how it differs and why. */
	readonly departure?: string;
}

/** Escapes a literal for use inside a regular expression source. */
function literal(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One alternation of literals, longest first so that "US$" wins over "$". */
function anyOf(items: readonly string[]): string {
	return [...items].sort((a, b) => b.length - a.length).map(literal).join('|');
}

/** Punctuation that is split off either end of a piece (spaCy's `_punct`). */
export const PUNCTUATION = [
	'……', '…', ',', ':', ';', '!', '?', '¿', '؟', '¡', '(', ')', '[', ']', '{', '}', '<', '>', '_', '#', '*', '&',
	'。', '？', '！', '，', '、', '；', '：', '～', '·', '।', '،', '۔', '؛', '٪'
] as const;

/** Quote marks, both typographic and straight (spaCy's `_quotes`). The apostrophe ’ is one of them. */
export const QUOTES = [
	"'", '"', '”', '“', '`', '‘', '´', '’', '‚', ',', '„', '»', '«', '「', '」', '『', '』', '（', '）', '〔', '〕',
	'【', '】', '《', '》', '〈', '〉', '〈', '〉', '⟦', '⟧'
] as const;

/** Currency symbols split from amounts (spaCy's `_currency`). */
export const CURRENCY = [
	'$', '£', '€', '¥', '฿', 'US$', 'C$', 'A$', '₽', '﷼', '₴', '₠', '₡', '₢', '₣', '₤', '₥', '₦', '₧', '₨', '₩', '₪',
	'₫', '₭', '₮', '₯', '₰', '₱', '₲', '₳', '₵', '₶', '₷', '₸', '₹', '₺', '₻', '₼', '₾', '₿'
] as const;

/** Units split from a number they follow ("5km" → "5", "km"; spaCy's `_units`, Latin and Cyrillic). */
export const UNITS = [
	'km', 'km²', 'km³', 'm', 'm²', 'm³', 'dm', 'dm²', 'dm³', 'cm', 'cm²', 'cm³', 'mm', 'mm²', 'mm³', 'ha', 'µm', 'nm',
	'yd', 'in', 'ft', 'kg', 'g', 'mg', 'µg', 't', 'lb', 'oz', 'm/s', 'km/h', 'kmh', 'mph', 'hPa', 'Pa', 'mbar', 'mb',
	'MB', 'kb', 'KB', 'gb', 'GB', 'tb', 'TB', 'T', 'G', 'M', 'K', '%', 'км', 'км²', 'км³', 'м', 'м²', 'м³', 'дм',
	'дм²', 'дм³', 'см', 'см²', 'см³', 'мм', 'мм²', 'мм³', 'нм', 'кг', 'г', 'мг', 'м/с', 'км/ч', 'кПа', 'Па', 'мбар',
	'Кб', 'КБ', 'кб', 'Мб', 'МБ', 'мб', 'Гб', 'ГБ', 'гб', 'Тб', 'ТБ', 'тб'
] as const;

/** Dashes and hyphens that split words (spaCy's `_hyphens`). */
export const HYPHENS = ['-', '–', '—', '--', '---', '——', '~'] as const;

const QUOTE_CLASS = QUOTES.map(literal).join('');
const PUNCT_CLASS = PUNCTUATION.filter((p) => p.length === 1).map(literal).join('');
/** Letters: spaCy lists scripts (Latin, Cyrillic, Greek, …); here every Unicode letter counts. */
const LETTER = '\\p{L}';
const LOWER = '\\p{Ll}\\p{Lo}';
const UPPER = '\\p{Lu}\\p{Lo}';
const APOSTROPHE = "['’]";
/** A symbol with the modifiers, marks and ZWJ-joined symbols that make one emoji of it. */
const SYMBOL = '\\p{So}(?:[\\p{Emoji_Modifier}\\p{M}]|\\u200D\\p{So})*';

/**
 * The rules, in the order spaCy tries them within each kind (for prefixes and suffixes the earliest
 * match wins, then the first rule in this list).
 */
export const TOKENIZER_RULES: readonly TokenizerRule[] = [
	// ——— prefixes ———
	{ id: 'prefix-punctuation', kind: 'prefix', pattern: `[§%=—–${PUNCT_CLASS}]`, description: 'Punctuation, §, %, = and dashes are split off the start: "(Kyiv" → "(", "Kyiv".' },
	{ id: 'prefix-plus', kind: 'prefix', pattern: '\\+(?![0-9])', description: 'A plus sign is split off the start unless a digit follows ("+380" stays whole).' },
	{ id: 'prefix-ellipsis', kind: 'prefix', pattern: '\\.\\.+|…', description: 'An ellipsis is split off the start: "...and" → "...", "and".' },
	{ id: 'prefix-quote', kind: 'prefix', pattern: `[${QUOTE_CLASS}]`, description: 'Opening quotes are split off: "“No" → "“", "No".' },
	{ id: 'prefix-currency', kind: 'prefix', pattern: anyOf(CURRENCY), description: 'Currency symbols are split from the amount: "$60.84" → "$", "60.84"; "US$5" → "US$", "5".' },
	{
		id: 'prefix-symbol',
		kind: 'prefix',
		pattern: SYMBOL,
		description: 'Symbols and emoji are split off the start: "😀Hi" → "😀", "Hi".',
		departure: 'spaCy lists its symbols; here every Unicode "Other Symbol" (So) counts, and a symbol is never cut out of its grapheme cluster (👍🏽, 👨‍👩‍👧 stay whole).'
	},
	// ——— suffixes ———
	{ id: 'suffix-punctuation', kind: 'suffix', pattern: `[${PUNCT_CLASS}]|……|…`, description: 'Punctuation is split off the end: "said," → "said", ",".' },
	{ id: 'suffix-ellipsis', kind: 'suffix', pattern: '\\.\\.+', description: 'An ellipsis is split off the end: "and..." → "and", "...".' },
	{ id: 'suffix-quote', kind: 'suffix', pattern: `[${QUOTE_CLASS}]`, description: 'Closing quotes and a lone trailing apostrophe are split off: "plans”" → "plans", "”"; "Ukrainians’" → "Ukrainians", "’".' },
	{ id: 'suffix-symbol', kind: 'suffix', pattern: SYMBOL, description: 'Symbols and emoji are split off the end: "Kyiv🇺🇦" → "Kyiv", "🇺🇦".', departure: 'As prefix-symbol: every So character, never inside a grapheme cluster.' },
	{ id: 'clitic-s', kind: 'suffix', pattern: `${APOSTROPHE}[sS]`, description: 'The possessive / "is" clitic is split off, with either apostrophe: "Zelenskyy’s" → "Zelenskyy", "’s"; "Biden\'s" → "Biden", "\'s".' },
	{
		id: 'clitic-nt',
		kind: 'suffix',
		pattern: `(?<=${LETTER})[nN]${APOSTROPHE}[tT]`,
		description: 'The negation clitic is split off: "don’t" → "do", "n’t"; "can\'t" → "ca", "n\'t".',
		departure: 'spaCy splits n\'t only off the auxiliary verbs it lists (with the same result on them); here off any word, and with ’ as well as \'.'
	},
	{
		id: 'clitic-other',
		kind: 'suffix',
		pattern: `(?<=${LETTER})${APOSTROPHE}(?:re|RE|Re|ll|LL|ve|VE|d|D|m|M)`,
		description: 'The clitics ’re, ’ll, ’ve, ’d and ’m are split off: "they’re" → "they", "’re"; "I\'m" → "I", "\'m".',
		departure: 'spaCy splits them only off the pronouns and verbs it lists; here off any word ("Biden’ll" → "Biden", "’ll"), with either apostrophe.'
	},
	{ id: 'suffix-dash', kind: 'suffix', pattern: '—|–', description: 'A dash at the end is split off: "war—" → "war", "—".' },
	{ id: 'suffix-plus', kind: 'suffix', pattern: '(?<=[0-9])\\+', description: 'A plus after a number is split off: "18+" → "18", "+".' },
	{ id: 'suffix-degree-period', kind: 'suffix', pattern: '(?<=°[FfCcKk])\\.', description: 'A full stop after a temperature is split off: "30°C." → "30", "°", "C", "." (the ° is then a symbol infix).' },
	{ id: 'suffix-currency', kind: 'suffix', pattern: `(?<=[0-9])(?:${anyOf(CURRENCY)})`, description: 'A currency symbol after a number is split off: "60€" → "60", "€".' },
	{ id: 'suffix-unit', kind: 'suffix', pattern: `(?<=[0-9])(?:${anyOf(UNITS)})`, description: 'A unit or % after a number is split off: "5km" → "5", "km"; "3.5%" → "3.5", "%".' },
	{
		id: 'suffix-period',
		kind: 'suffix',
		pattern: `(?<=[0-9${LOWER}%²\\-+${PUNCT_CLASS}${QUOTE_CLASS}])\\.`,
		description: 'A full stop after a number, a lower-case letter, %, or punctuation is split off: "billion." → "billion", "."; "60.84." → "60.84", "."; "J." stays whole.'
	},
	{ id: 'suffix-period-after-capitals', kind: 'suffix', pattern: `(?<=[${UPPER}][${UPPER}])\\.`, description: 'A full stop after two capitals is split off: "US." → "US", "." ("U.S." stays whole).' },
	// ——— kept whole ———
	{
		id: 'url',
		kind: 'whole',
		pattern: '(?:[\\w+.-]{2,}:\\/\\/)?(?:[^\\s@/:]+(?::[^\\s@/]*)?@)?(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]{0,62})?\\.)+\\p{Ll}{2,63}(?::[0-9]{2,5})?(?:[/?#]\\S*)?',
		description: 'A URL or a bare domain is one token: "https://kyivindependent.com/news?id=5", "nato.int".',
		departure: 'Written for Spanwise in the spirit of spaCy\'s URL_MATCH (scheme, user, host names ending in a lower-case top-level domain, port, path); it does not exclude private IP addresses.'
	},
	{
		id: 'email',
		kind: 'whole',
		pattern: '[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+',
		description: 'An e-mail address is one token: "press@defense.gov".'
	},
	// ——— infixes ———
	{ id: 'infix-ellipsis', kind: 'infix', pattern: '\\.\\.+|…', description: 'An ellipsis inside a piece splits it: "wait...what" → "wait", "...", "what".' },
	{ id: 'infix-symbol', kind: 'infix', pattern: SYMBOL, description: 'A symbol or emoji inside a piece splits it: "I❤NY" → "I", "❤", "NY".', departure: 'As prefix-symbol.' },
	{ id: 'infix-number-operator', kind: 'infix', pattern: '(?<=[0-9])[+\\-*^](?=[0-9-])', description: 'A hyphen or operator between numbers splits them: "2008-2011" → "2008", "-", "2011"; "60.84" and "1,000" stay whole.' },
	{ id: 'infix-period', kind: 'infix', pattern: `(?<=[${LOWER}${QUOTE_CLASS}])\\.(?=[${UPPER}${QUOTE_CLASS}])`, description: 'A full stop between a lower-case and a capital letter splits them: "said.The" → "said", ".", "The".' },
	{ id: 'infix-comma', kind: 'infix', pattern: `(?<=${LETTER}),(?=${LETTER})`, description: 'A comma between letters splits them: "Kyiv,Lviv" → "Kyiv", ",", "Lviv" ("1,000" stays whole).' },
	{ id: 'infix-hyphen', kind: 'infix', pattern: `(?<=[${LETTER}0-9])(?:${HYPHENS.map(literal).join('|')})(?=${LETTER})`, description: 'A hyphen or dash before a letter splits a word: "Kyiv-based" → "Kyiv", "-", "based"; "30-year-old" → "30", "-", "year", "-", "old" ("COVID-19" stays whole, as in spaCy).' },
	{
		id: 'infix-dash',
		kind: 'infix',
		pattern: '[—–]|--+',
		description: 'A dash (—, –, --) inside a piece always splits it: "package—50" → "package", "—", "50"; "2008–2011" → "2008", "–", "2011".',
		departure: 'spaCy cuts dashes only before a letter, so "package—50" and "2008–2011" stay one token there; this only adds cuts, so a span on spaCy\'s tokens is still on token edges here.'
	},
	{ id: 'infix-slash-colon', kind: 'infix', pattern: `(?<=[${LETTER}0-9])[:<>=/](?=${LETTER})`, description: 'A slash, colon, <, > or = before a letter splits: "air/sea" → "air", "/", "sea" ("24/7", "10:30" stay whole; "and/or" is a special case).' },
	{
		id: 'infix-cjk',
		kind: 'infix',
		pattern: '[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}]',
		description: 'Every Chinese or Japanese character is a token of its own: "中文" → "中", "文".',
		departure: 'spaCy\'s English tokenizer keeps a run of them whole (one token per sentence); this is what Hugging Face\'s BERT tokenizers do, so selections in such text snap to characters.'
	}
];

/** Title abbreviations Spanwise keeps whole beyond spaCy's list (a departure: spaCy cuts "Maj." into "Maj", "."). */
export const NEWS_TITLES = ['Maj.', 'Lt.', 'Col.', 'Sgt.', 'Capt.', 'Cmdr.', 'Brig.', 'Gens.', 'Sens.', 'Reps.', 'Supt.'] as const;

/** Pieces kept whole whatever the rules say (spaCy's exceptions): abbreviations that end in a full stop, standalone clitics. */
export const KEEP_WHOLE: readonly string[] = [
	// Abbreviations in news (spaCy's English list).
	'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'Gen.', 'Gov.', 'Sen.', 'Rep.', 'Rev.', 'Adm.', 'St.', 'Mt.', 'Jr.', 'Messrs.',
	'Inc.', 'Ltd.', 'Co.', 'co.', 'Corp.', 'Bros.', 'vs.', 'v.s.', 'e.g.', 'E.g.', 'E.G.', 'i.e.', 'I.e.', 'I.E.',
	'a.m.', 'p.m.', 'Ph.D.', 'D.C.', 'Jan.', 'Feb.', 'Mar.', 'Apr.', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Sept.', 'Oct.',
	'Nov.', 'Dec.', 'Ala.', 'Ariz.', 'Ark.', 'Calif.', 'Colo.', 'Conn.', 'Del.', 'Fla.', 'Ga.', 'Ill.', 'Ind.', 'Kan.',
	'Kans.', 'Ky.', 'La.', 'Mass.', 'Md.', 'Mich.', 'Minn.', 'Miss.', 'Mo.', 'Mont.', 'N.C.', 'N.D.', 'N.H.', 'N.J.',
	'N.M.', 'N.Y.', 'Neb.', 'Nebr.', 'Nev.', 'Okla.', 'Ore.', 'Pa.', 'S.C.', 'Tenn.', 'Va.', 'Wash.', 'Wis.',
	// Not in spaCy's list: military and official titles frequent in news ("Maj. Gen. Pat Ryder").
	...NEWS_TITLES,
	// Clitics standing alone (so the quote prefix does not cut them), both apostrophes.
	...["'s", "'S", "n't", "N'T", "'re", "'ll", "'ve", "'d", "'m"].flatMap((c) => [c, c.replace("'", '’')]),
	'and/or', 'w/o', "o'clock", 'o’clock', "ma'am", 'ma’am', "Ma'am", 'Ma’am'
];

/** Pieces split in a fixed way (spaCy's exceptions): the piece → its tokens. */
export const SPLIT_WHOLE: Readonly<Record<string, readonly string[]>> = {
	cannot: ['can', 'not'],
	Cannot: ['Can', 'not'],
	gonna: ['gon', 'na'],
	Gonna: ['Gon', 'na'],
	gotta: ['got', 'ta'],
	Gotta: ['Got', 'ta']
};

/** Times such as "5pm" and "11a.m." split into the hour and the period (spaCy's exceptions for hours 1–12). */
export const TIME_PATTERN = '(1[0-2]|[1-9])(a\\.m\\.|am|p\\.m\\.|pm)';
