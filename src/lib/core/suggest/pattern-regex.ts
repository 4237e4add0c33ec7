/** REGEX values of pattern files: Python's regular expression syntax translated to JavaScript's. */
import type { Result } from '../types';

// ——— regular expressions: Python's syntax to JavaScript's ———

const WORD = '\\p{L}\\p{N}_';
/** Python escapes whose meaning JavaScript spells differently (Python's \w, \d, \b are Unicode-aware). */
const ESCAPES: Readonly<Record<string, string>> = {
	A: '(?<![\\s\\S])',
	Z: '(?![\\s\\S])',
	d: '\\p{Nd}',
	D: '\\P{Nd}',
	w: `[${WORD}]`,
	W: `[^${WORD}]`,
	b: `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`,
	B: `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`
};
const CLASS_ESCAPES: Readonly<Record<string, string>> = { d: '\\p{Nd}', D: '\\P{Nd}', w: WORD };
const SYNTAX = new Set(Array.from('^$\\.*+?()[]{}|/'));
const FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', a: '', u: '', L: '' };

function translateEscape(char: string, inClass: boolean): string {
	const table = inClass ? CLASS_ESCAPES : ESCAPES;
	if (table[char] !== undefined) return table[char];
	// JavaScript's u flag refuses escaped punctuation that Python accepts (\-, \', \#): write it bare.
	if (/[\p{L}\p{N}]/u.test(char) || SYNTAX.has(char) || (inClass && char === '-')) return `\\${char}`;
	return char;
}

/**
 * A Python `re` pattern as a JavaScript RegExp (u flag; searched, not anchored, as `re.search`):
 * leading inline flags, \A \Z, (?P<name>…) and (?P=name), Unicode \w \d \b and escaped punctuation
 * are translated; anything else JavaScript refuses is reported.
 */
export function translateRegex(source: string): Result<RegExp> {
	let flags = 'u';
	let body = source;
	const lead = /^\(\?([a-zA-Z]+)\)/.exec(body);
	if (lead) {
		for (const flag of lead[1]) {
			if (FLAGS[flag] === undefined) return { error: `the inline flag (?${flag}) is not supported` };
			if (!flags.includes(FLAGS[flag])) flags += FLAGS[flag];
		}
		body = body.slice(lead[0].length);
	}
	let out = '';
	let inClass = false;
	for (let i = 0; i < body.length; i++) {
		const char = body[i];
		if (char === '\\' && i + 1 < body.length) {
			out += translateEscape(body[++i], inClass);
		} else if (!inClass && body.startsWith('(?P<', i)) {
			out += '(?<';
			i += 3;
		} else if (!inClass && body.startsWith('(?P=', i) && body.indexOf(')', i) > 0) {
			const close = body.indexOf(')', i);
			out += `\\k<${body.slice(i + 4, close)}>`;
			i = close;
		} else if (!inClass && char === '[') {
			inClass = true;
			out += char;
			if (body[i + 1] === '^') out += body[++i];
			// Python takes a ] right after [ or [^ as a literal.
			if (body[i + 1] === ']') {
				out += '\\]';
				i++;
			}
		} else {
			if (char === ']') inClass = false;
			out += char;
		}
	}
	try {
		return { ok: new RegExp(out, flags) };
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
}
