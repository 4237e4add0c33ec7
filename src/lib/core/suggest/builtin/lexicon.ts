/**
 * The built-in recognizers' policy, as data: which words make a speech verb, a title, a scale, a
 * currency, a qualifier, a unit. The recognizers (figures.ts, names.ts, actors.ts, claims.ts) only
 * read these tables, so widening what is suggested is an edit here, with a test beside it. Words are
 * lower-case; phrases are written with single spaces and matched token by token (see `phraseTokens`).
 */
import { CURRENCY } from '../../text/tokenizer-rules';

/** Splits a table phrase into the project tokenizer's tokens (enough for these phrases: spaces only). */
export function phraseTokens(phrase: string): readonly string[] {
	return phrase.split(' ');
}

// ——— speech ———

/**
 * Lemmas of verbs that report what an actor puts forward ("said", "told", "warned"). A clause they
 * govern becomes a claim, their subject its speaker.
 */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([
	'say', 'tell', 'announce', 'claim', 'warn', 'add', 'state', 'insist', 'argue', 'note', 'confirm', 'deny',
	'estimate', 'predict', 'write', 'report', 'explain', 'declare', 'assert', 'allege', 'acknowledge', 'admit',
	'maintain', 'stress', 'forecast', 'suggest', 'reply', 'respond', 'conclude', 'testify', 'contend', 'caution'
]);

/**
 * Speech verbs that take a clause without "that" ("said the plan would work"). The others need "that"
 * ("announced that …"), since after them a noun phrase is usually an object, not a clause
 * ("announced a buyback", "denied the charges").
 */
export const BARE_CLAUSE_VERBS: ReadonlySet<string> = new Set([
	'say', 'tell', 'warn', 'add', 'insist', 'argue', 'claim', 'note', 'write', 'state', 'predict', 'estimate', 'stress', 'suggest'
]);

/** Gerunds that continue the previous speech verb's speaker: "…, he said, adding that …". */
export const CONTINUING_GERUNDS: ReadonlySet<string> = new Set(['adding', 'saying', 'noting', 'warning', 'arguing', 'insisting', 'stressing']);

/**
 * What may stand between a speech verb and its clause without being part of the claim, besides a date
 * ("said on Tuesday that"): "in a statement", "in an interview", "on social media" (lemmas after the
 * preposition, determiners skipped).
 */
export const REPORTING_ADJUNCTS: readonly string[] = [
	'statement', 'interview', 'note', 'post', 'speech', 'briefing', 'press conference', 'news conference', 'conference call',
	'letter', 'email', 'social media', 'report', 'filing', 'televised address', 'address', 'call', 'message'
];

/** Adverbs between a speech verb and its clause that are not part of the claim: "said early on Monday", "also said". */
export const REPORTING_ADVERBS: ReadonlySet<string> = new Set([
	'early', 'late', 'later', 'earlier', 'also', 'again', 'publicly', 'repeatedly', 'separately', 'previously', 'recently',
	'yesterday', 'today', 'tonight', 'privately', 'openly', 'bluntly', 'flatly', 'firmly', 'already', 'then', 'once', 'too'
]);

/**
 * Where a reported clause stops, read after a comma (", while …"), or without one when the next word
 * is a speech verb ("said X and claimed that Y" gives two claims).
 */
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set(['while', 'though', 'although', 'but', 'whereas', 'adding', 'according', 'calling', 'saying', 'citing', 'noting']);

/** Conjunctions that open a sentence but not the claim in it: "But the party is likely to …, analysts said". */
export const LEADING_CONJUNCTIONS: ReadonlySet<string> = new Set(['but', 'and', 'yet', 'so', 'however', 'still', 'meanwhile']);

/**
 * Nouns that are a source but not an actor: "according to the indictment" gives a claim without a
 * speaker.
 */
export const NON_ACTOR_SOURCES: ReadonlySet<string> = new Set([
	'indictment', 'report', 'data', 'figure', 'survey', 'poll', 'study', 'document', 'statement', 'estimate', 'record',
	'filing', 'analysis', 'calculation', 'count', 'tally', 'forecast', 'research', 'law', 'rule', 'plan', 'source'
]);

/** Words that speak like pronouns and are no actors: "Others warned that …". */
export const PRONOUN_LIKE: ReadonlySet<string> = new Set(['others', 'some', 'many', 'several', 'few', 'both', 'all', 'most', 'one', 'another', 'everyone', 'nobody']);

// ——— actors ———

/**
 * Words of a person's title ("Pentagon Press Secretary Major General Pat Ryder", "chief executive
 * Wael Sawan"): the tokens before a name that are attached to it. The capitalised words of an
 * organisation or country in a title ("Pentagon", "German", "Kharkiv") join it too (names.ts).
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
	'president', 'vice', 'prime', 'minister', 'secretary', 'general', 'major', 'colonel', 'lieutenant', 'captain', 'admiral',
	'commander', 'sergeant', 'chancellor', 'governor', 'mayor', 'senator', 'sen.', 'rep.', 'representative', 'congressman',
	'congresswoman', 'judge', 'justice', 'prosecutor', 'attorney', 'lawyer', 'spokesperson', 'spokesman', 'spokeswoman',
	'press', 'chief', 'executive', 'ceo', 'cfo', 'chairman', 'chairwoman', 'chair', 'director', 'head', 'leader', 'deputy',
	'former', 'acting', 'senior', 'foreign', 'defence', 'defense', 'finance', 'economy', 'interior', 'energy', 'king', 'queen',
	'prince', 'princess', 'pope', 'ambassador', 'envoy', 'economist', 'analyst', 'founder', 'presiding', 'mr.', 'mrs.', 'ms.',
	'dr.', 'prof.', 'professor', 'gen.', 'col.', 'lt.', 'gov.', 'sir', 'dame', 'speaker', 'commissioner', 'sheikh',
	'officer', 'adviser', 'advisor', 'aide', 'coordinator', 'manager', 'editor', 'strategist', 'researcher'
]);

/**
 * Titles that are not enough, alone, to make a person of the name after them: modifiers of a title
 * ("former", "acting") and department words ("Defence", "Energy"), which also start organisations'
 * names.
 */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set(['former', 'acting', 'senior', 'deputy', 'vice', 'foreign', 'defence', 'defense', 'finance', 'economy', 'interior', 'energy', 'press', 'chief', 'executive', 'general', 'major']);

/**
 * Nouns that name a group acting when a nationality or other capitalised adjective comes before them:
 * "Russian forces", "European governments", "Western officials".
 */
export const GROUP_NOUNS: ReadonlySet<string> = new Set([
	'forces', 'troops', 'soldiers', 'officials', 'authorities', 'lawmakers', 'legislators', 'governments', 'government',
	'diplomats', 'prosecutors', 'police', 'military', 'army', 'navy', 'competitors', 'rivals', 'carmakers', 'negotiators',
	'leaders', 'investigators', 'regulators', 'ministers', 'generals', 'commanders', 'militants', 'rebels', 'voters'
]);

/**
 * Nouns for people who speak for an organisation: "a spokesperson for the European Commission",
 * "analysts at Commerzbank" are one actor (the organisation does not stand apart in it). Compromise's
 * `Actor` tag adds more (economists, critics, …).
 */
export const SPOKES_NOUNS: ReadonlySet<string> = new Set([
	'spokesperson', 'spokesman', 'spokeswoman', 'analysts', 'analyst', 'observers', 'officials', 'official', 'economists',
	'economist', 'experts', 'expert', 'representatives', 'representative', 'sources', 'source', 'researchers', 'lawyers',
	'lawyer', 'executives', 'executive', 'strategists', 'strategist', 'traders', 'diplomats', 'members', 'people'
]);

/** Prepositions that join a speaker noun to its organisation ("analysts at Commerzbank"). */
export const SPOKES_PREPOSITIONS: ReadonlySet<string> = new Set(['at', 'for', 'of', 'from', 'with']);

/**
 * Nouns that describe an organisation next to its name: "Ofgem, the energy regulator," and "the
 * research firm JATO Dynamics" make organisations of "Ofgem" and "JATO Dynamics".
 */
export const ORGANISATION_NOUNS: ReadonlySet<string> = new Set([
	'company', 'carmaker', 'automaker', 'firm', 'group', 'bank', 'lender', 'insurer', 'regulator', 'consultancy', 'agency',
	'party', 'union', 'operator', 'association', 'broadcaster', 'newspaper', 'ministry', 'parliament', 'court',
	'institute', 'think tank', 'charity', 'organisation', 'organization', 'airline', 'producer', 'manufacturer', 'maker',
	'retailer', 'utility', 'supplier', 'developer', 'conglomerate', 'fund', 'exchange', 'watchdog', 'alliance', 'movement',
	'coalition', 'giant', 'startup', 'start-up', 'service', 'platform', 'network', 'chain', 'operator'
]);

/** Organisation name words beyond compromise's `orgWords` ("Court", "Party", "Rada"). */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set([
	'court', 'party', 'alliance', 'rada', 'parliament', 'congress', 'senate', 'bundestag', 'duma', 'knesset', 'assembly',
	'pentagon', 'kremlin', 'commission', 'dynamics', 'partners', 'holdings', 'plc', 'inc', 'inc.', 'corp', 'corp.', 'ltd',
	'ltd.', 'llc', 'ag', 'sa', 'nv', 'gmbh', 'ministry', 'cabinet', 'front', 'movement', 'forum', 'tribunal'
]);

/** Last words of names that are not organisations though an organisation word comes before: "Digital Markets Act", "Bank Rate". */
export const NON_ORGANISATION_ENDINGS: ReadonlySet<string> = new Set([
	'act', 'rate', 'index', 'law', 'treaty', 'agreement', 'accord', 'programme', 'program', 'plan', 'strategy', 'directive',
	'regulation', 'prize', 'award', 'cup', 'day', 'week', 'summit', 'bill'
]);

/** Organisations named by one or two ordinary words, which compromise does not list. */
export const ORGANISATIONS: ReadonlySet<string> = new Set([
	'white house', 'pentagon', 'kremlin', 'congress', 'senate', 'bundestag', 'european union', 'european commission',
	'united nations', 'downing street', 'elysee', 'state department', 'nato', 'un', 'imf', 'ecb', 'fed', 'opec', 'who', 'osce'
]);

/** Countries compromise misses or spells otherwise; matched on the token text as written (case counts). */
export const COUNTRY_ALIASES: ReadonlySet<string> = new Set([
	'US', 'U.S.', 'USA', 'U.S.A.', 'UK', 'U.K.', 'Britain', 'Great Britain', 'America', 'United States', 'United Kingdom',
	'Russia', 'Ukraine', 'China', 'Taiwan', 'Israel', 'Iran', 'Gaza'
]);

/** All-capital words that are not organisations. */
export const NON_ACTOR_ACRONYMS: ReadonlySet<string> = new Set([
	'GDP', 'CEO', 'CFO', 'COO', 'TTF', 'LNG', 'EV', 'EVS', 'AI', 'TV', 'PM', 'AM', 'OK', 'ID', 'VAT', 'COVID', 'HIV', 'IPO',
	'USD', 'EUR', 'GBP', 'UAH', 'RUB', 'CNY', 'JPY', 'CHF', 'II', 'III', 'IV', 'DNA', 'PDF', 'FAQ', 'NGO', 'MW', 'GW', 'KM'
]);

/** Words that may join the capitalised words of an organisation's name ("Bank of England", "Institute for the World Economy"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'and', '&', 'the', 'de', 'du', 'von', 'van', 'der']);

// ——— figures ———

/** Currency signs and codes before an amount ("$", "€", "₴", "US$", "EUR"). */
export const CURRENCY_SIGNS: ReadonlySet<string> = new Set([...CURRENCY, 'Rs', 'R$', 'HK$', 'S$', 'NZ$', 'USD', 'EUR', 'GBP', 'UAH', 'RUB', 'CHF', 'JPY', 'CNY']);

/** Currency words after an amount ("5 million euros", "120 million Danish crowns"). */
export const CURRENCY_WORDS: ReadonlySet<string> = new Set([
	'dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds', 'sterling', 'crown', 'crowns', 'krone', 'kroner', 'krona', 'kronor',
	'hryvnia', 'hryvnias', 'hryvnas', 'rouble', 'roubles', 'ruble', 'rubles', 'yuan', 'renminbi', 'yen', 'franc', 'francs',
	'zloty', 'zlotys', 'rupee', 'rupees', 'lira', 'lire', 'rand', 'won', 'peso', 'pesos', 'real', 'reais', 'forint', 'lei', 'leu',
	'dinar', 'dinars', 'dirham', 'dirhams', 'riyal', 'riyals', 'shekel', 'shekels', 'naira', 'cents', 'pence'
]);

/** Scale words that belong to the number before them ("$60.84 billion", "1.2 trillion", "$5bn"). */
export const SCALE_WORDS: ReadonlySet<string> = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion', 'bn', 'mn', 'm', 'mln', 'k', 'tn', 'trn']);

/** What makes a number a percentage ("12 %", "4.5 per cent", "4.5 percent", "2 percentage points"). */
export const PERCENT_UNITS: readonly string[] = ['%', 'per cent', 'percent', 'pct', 'percentage points', 'percentage point', 'points'];

/**
 * Qualifiers before a quantity that belong to the figure ("nearly 50%", "as high as 60", "more than
 * 200"). Longest first when several match.
 */
export const QUALIFIERS: readonly string[] = [
	'as high as', 'as many as', 'as much as', 'as low as', 'as few as', 'as little as', 'more than', 'less than', 'fewer than',
	'at least', 'at most', 'up to', 'close to', 'just over', 'just under', 'well over', 'upwards of', 'in excess of', 'no more than',
	'an estimated', 'nearly', 'almost', 'about', 'around', 'roughly', 'approximately', 'some', 'over', 'under'
];

/** Counts without digits: "dozens of military advisers" → "dozens". */
export const VAGUE_COUNTS: ReadonlySet<string> = new Set(['dozens', 'hundreds', 'thousands', 'millions', 'billions', 'scores', 'tens', 'dozen']);

/**
 * Units of measure that belong to the number before them ("2.2 million barrels", "60 kilometres").
 * Compromise's `Unit` tag adds more; counted things that are not units ("60 people") are left out
 * unless `countNoun` asks for them.
 */
export const MEASURE_UNITS: ReadonlySet<string> = new Set([
	'barrels', 'barrel', 'tonnes', 'tonne', 'tons', 'ton', 'kilometres', 'kilometers', 'kilometre', 'kilometer', 'km', 'miles',
	'mile', 'metres', 'meters', 'metre', 'meter', 'm', 'kg', 'kilograms', 'kilogram', 'grams', 'litres', 'liters', 'gallons',
	'megawatts', 'megawatt', 'gigawatts', 'gigawatt', 'mw', 'gw', 'kwh', 'mwh', 'twh', 'degrees', 'hectares', 'acres', 'bcm',
	'cubic metres', 'cubic meters', 'square kilometres', 'square kilometers', 'square miles', 'feet', 'foot', 'inches', 'km²'
]);

/** Ordinals that make a date with the next word ("third quarter", "first half"). */
export const DATE_PERIODS: ReadonlySet<string> = new Set(['quarter', 'half']);

/** Words a recognised date or duration starts with that are not part of it ("on Tuesday", "since 2021", "by 2026"). */
export const DATE_PREPOSITIONS: ReadonlySet<string> = new Set(['on', 'since', 'until', 'till', 'by', 'in', 'from', 'for', 'during', 'before', 'after', 'at', 'of', 'through', 'throughout', 'the']);

/** Duration or date words that are no figure on their own (wink-nlp marks "day" in "a barrel a day"). */
export const BARE_PERIODS: ReadonlySet<string> = new Set(['day', 'days', 'hour', 'hours', 'week', 'weeks', 'month', 'months', 'year', 'years', 'minute', 'minutes', 'decade', 'decades', 'night', 'morning', 'evening', 'afternoon', 'time', 'period']);

/** Spelled numbers that are rarely a count ("one of the", "one day"). */
export const NOT_COUNTS: ReadonlySet<string> = new Set(['one', 'zero']);
