/**
 * Decoding of HTML character references, for text that comes out of Markdown (which allows them).
 * Only the named references seen in news copy are known; unknown ones stay as written.
 */

const NAMED: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	shy: '\u00ad',
	copy: '©',
	reg: '®',
	trade: '™',
	hellip: '…',
	mdash: '—',
	ndash: '–',
	minus: '−',
	lsquo: '‘',
	rsquo: '’',
	sbquo: '‚',
	ldquo: '“',
	rdquo: '”',
	bdquo: '„',
	laquo: '«',
	raquo: '»',
	bull: '•',
	middot: '·',
	deg: '°',
	times: '×',
	divide: '÷',
	plusmn: '±',
	frac12: '½',
	frac14: '¼',
	frac34: '¾',
	euro: '€',
	pound: '£',
	yen: '¥',
	cent: '¢',
	sect: '§',
	para: '¶',
	dagger: '†',
	Dagger: '‡',
	prime: '′',
	Prime: '″',
	thinsp: '\u2009',
	ensp: '\u2002',
	emsp: '\u2003',
	zwj: '\u200d',
	zwnj: '\u200c'
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromNumber(code: number): string {
	// As HTML does: NUL, surrogates and values past Unicode become U+FFFD.
	if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
	return String.fromCodePoint(code);
}

/** Replaces `&amp;`, `&#39;`, `&#x1F600;`, `&nbsp;` and other common references by their characters. */
export function decodeHtmlEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
		if (decimal !== undefined) return fromNumber(Number.parseInt(decimal, 10));
		if (hex !== undefined) return fromNumber(Number.parseInt(hex, 16));
		return Object.hasOwn(NAMED, name!) ? NAMED[name!] : whole;
	});
}
