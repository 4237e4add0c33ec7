import { describe, expect, it } from 'vitest';
import { compileRules, pieceCuts, tokenOffsets } from './tokenizer';
import { KEEP_WHOLE, NEWS_TITLES, SPLIT_WHOLE, TOKENIZER_RULES } from './tokenizer-rules';

/** The tokens of `text` as strings. */
function tokens(text: string): string[] {
	const offsets = tokenOffsets(text);
	const out: string[] = [];
	for (let k = 0; k < offsets.length; k += 2) out.push(text.slice(offsets[k], offsets[k + 1]));
	return out;
}

/**
 * One or more cases per rule, each a single piece (no white space): input → tokens. Some cases show
 * where the rule does not apply; at least one case of each rule needs it (checked below).
 */
const CASES: Record<string, readonly [string, readonly string[]][]> = {
	'prefix-punctuation': [['(Kyiv', ['(', 'Kyiv']], ['§5', ['§', '5']], ['—war', ['—', 'war']], ['#NATO', ['#', 'NATO']]],
	'prefix-plus': [['+more', ['+', 'more']], ['+380', ['+380']]],
	'prefix-ellipsis': [['...and', ['...', 'and']], ['…and', ['…', 'and']], ['...“No', ['...', '“', 'No']]],
	'prefix-quote': [['“No', ['“', 'No']], ['"No', ['"', 'No']], ["'Tis", ["'", 'Tis']], ['«Так', ['«', 'Так']]],
	'prefix-currency': [['$60.84', ['$', '60.84']], ['€5', ['€', '5']], ['£3', ['£', '3']], ['₴100', ['₴', '100']], ['US$5', ['US$', '5']]],
	'prefix-symbol': [['😀Hi', ['😀', 'Hi']], ['©AP', ['©', 'AP']], ['👍🏽ok', ['👍🏽', 'ok']], ['😀Mr.', ['😀', 'Mr.']]],
	'suffix-punctuation': [['said,', ['said', ',']], ['now!', ['now', '!']], ['(Kyiv)', ['(', 'Kyiv', ')']]],
	'suffix-ellipsis': [['and...', ['and', '...']], ['no”...', ['no', '”', '...']]],
	'suffix-quote': [['plans”', ['plans', '”']], ['Ukrainians’', ['Ukrainians', '’']], ["Ukrainians'", ['Ukrainians', "'"]]],
	'suffix-symbol': [['Kyiv🇺🇦', ['Kyiv', '🇺🇦']], ['Hi😀', ['Hi', '😀']], ['end.😀', ['end', '.', '😀']]],
	'clitic-s': [['Zelenskyy’s', ['Zelenskyy', '’s']], ["Biden's", ['Biden', "'s"]], ['NATO’S', ['NATO', '’S']], ["1990's", ['1990', "'s"]], ['Ukraine’s,', ['Ukraine', '’s', ',']]],
	'clitic-nt': [['don’t', ['do', 'n’t']], ["can't", ['ca', "n't"]], ["won't", ['wo', "n't"]], ['DON’T', ['DO', 'N’T']], ["n't", ["n't"]]],
	'clitic-other': [['they’re', ['they', '’re']], ["we'll", ['we', "'ll"]], ['I’ve', ['I', '’ve']], ["she'd", ['she', "'d"]], ["I'm", ['I', "'m"]], ['Biden’ll', ['Biden', '’ll']], ["O'Neill", ["O'Neill"]]],
	'suffix-dash': [['war—', ['war', '—']], ['war–', ['war', '–']], ['no”—', ['no', '”', '—']]],
	'suffix-plus': [['18+', ['18', '+']]],
	// As in spaCy: the full stop goes first, then ° is cut out as a symbol infix ("C." alone would stay whole).
	'suffix-degree-period': [['30°C.', ['30', '°', 'C', '.']], ['30°F.', ['30', '°', 'F', '.']]],
	'suffix-currency': [['60€', ['60', '€']], ['100₴', ['100', '₴']]],
	'suffix-unit': [['5km', ['5', 'km']], ['3.5%', ['3.5', '%']], ['50%', ['50', '%']], ['10kg', ['10', 'kg']]],
	'suffix-period': [['billion.', ['billion', '.']], ['60.84.', ['60.84', '.']], ['J.', ['J.']], ['5%.', ['5', '%', '.']]],
	'suffix-period-after-capitals': [['US.', ['US', '.']], ['NATO.', ['NATO', '.']], ['U.S.', ['U.S.']]],
	url: [
		['https://kyivindependent.com/news?id=5', ['https://kyivindependent.com/news?id=5']],
		['www.defense.gov/News/Releases/', ['www.defense.gov/News/Releases/']],
		['nato.int.', ['nato.int', '.']],
		['(https://x.com/a-b)', ['(', 'https://x.com/a-b', ')']]
	],
	email: [['press@defense.gov', ['press@defense.gov']], ['j.smith@example.co.uk,', ['j.smith@example.co.uk', ',']], ['press.Office@NATO.INT', ['press.Office@NATO.INT']]],
	'infix-ellipsis': [['wait...what', ['wait', '...', 'what']], ['wait…what', ['wait', '…', 'what']]],
	'infix-symbol': [['I❤NY', ['I', '❤', 'NY']]],
	'infix-number-operator': [['2008-2011', ['2008', '-', '2011']], ['2+2', ['2', '+', '2']], ['60.84', ['60.84']], ['1,000', ['1,000']]],
	'infix-period': [['said.The', ['said', '.', 'The']], ['e.coli', ['e.coli']]],
	'infix-comma': [['Kyiv,Lviv', ['Kyiv', ',', 'Lviv']], ['1,000,000', ['1,000,000']]],
	'infix-hyphen': [
		['Kyiv-based', ['Kyiv', '-', 'based']],
		['30-year-old', ['30', '-', 'year', '-', 'old']],
		['war—and', ['war', '—', 'and']],
		['COVID-19', ['COVID-19']],
		['F-16s', ['F-16s']]
	],
	'infix-dash': [['package—50', ['package', '—', '50']], ['2008–2011', ['2008', '–', '2011']], ['page--1', ['page', '--', '1']], ['a-1', ['a-1']]],
	'infix-slash-colon': [['air/sea', ['air', '/', 'sea']], ['ratio:high', ['ratio', ':', 'high']], ['24/7', ['24/7']], ['10:30', ['10:30']]],
	'infix-cjk': [['中文', ['中', '文']], ['日本語です', ['日', '本', '語', 'で', 'す']], ['한국어', ['한국어']]]
};

describe('tokenizer rules', () => {
	it('has cases for every rule, and no cases for rules that do not exist', () => {
		const ids = TOKENIZER_RULES.map((rule) => rule.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
	});

	for (const rule of TOKENIZER_RULES) {
		it(`${rule.id}: ${rule.description}`, () => {
			for (const [input, expected] of CASES[rule.id] ?? []) expect(tokens(input), input).toEqual(expected);
		});
	}

	it('needs every rule: without it, one of its cases is cut differently', () => {
		for (const rule of TOKENIZER_RULES) {
			const without = compileRules(TOKENIZER_RULES.filter((other) => other !== rule));
			const differs = (CASES[rule.id] ?? []).some(([input]) => JSON.stringify(pieceCuts(input, false, without)) !== JSON.stringify(pieceCuts(input, false)));
			expect(differs, rule.id).toBe(true);
		}
	});

	it('every pattern compiles alone', () => {
		for (const rule of TOKENIZER_RULES) expect(() => new RegExp(rule.pattern, 'u'), rule.id).not.toThrow();
	});
});

describe('special cases', () => {
	it('keeps abbreviations and standalone clitics whole', () => {
		for (const piece of KEEP_WHOLE) expect(tokens(piece), piece).toEqual([piece]);
		expect(tokens('Mr. Smith, Sen. Warren and Maj. Gen. Pat Ryder of the U.S. Army met at 5 p.m.')).toEqual([
			'Mr.', 'Smith', ',', 'Sen.', 'Warren', 'and', 'Maj.', 'Gen.', 'Pat', 'Ryder', 'of', 'the', 'U.S.', 'Army', 'met', 'at', '5', 'p.m.'
		]);
	});

	it('keeps news titles beyond spaCy’s list whole (a stated departure)', () => {
		for (const title of NEWS_TITLES) expect(tokens(`${title} X`)).toEqual([title, 'X']);
	});

	it('splits the fixed exceptions as spaCy does', () => {
		for (const [piece, parts] of Object.entries(SPLIT_WHOLE)) expect(tokens(piece), piece).toEqual(parts);
	});

	it('splits times into the hour and its period', () => {
		expect(tokens('5pm')).toEqual(['5', 'pm']);
		expect(tokens('11a.m.')).toEqual(['11', 'a.m.']);
		expect(tokens('12p.m.,')).toEqual(['12', 'p.m.', ',']);
		expect(tokens('13pm')).toEqual(['13pm']);
	});

	it('finds special cases inside punctuation', () => {
		expect(tokens('(Mr.')).toEqual(['(', 'Mr.']);
		expect(tokens('“Dr.')).toEqual(['“', 'Dr.']);
		expect(tokens('Inc.,')).toEqual(['Inc.', ',']);
		expect(tokens('’s')).toEqual(['’s']);
	});
});

describe('news sentences', () => {
	it('tokenizes a sentence as spaCy’s English tokenizer does', () => {
		expect(tokens('“We don’t know,” Zelenskyy’s office said of the $60.84 billion U.S.-led package—50% more.')).toEqual([
			'“', 'We', 'do', 'n’t', 'know', ',', '”', 'Zelenskyy', '’s', 'office', 'said', 'of', 'the', '$', '60.84', 'billion',
			'U.S.-led', 'package', '—', '50', '%', 'more', '.'
		]);
	});
});
