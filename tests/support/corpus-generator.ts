/**
 * Seeded, deterministic news-like data for end-to-end tests and the benchmark: articles made of
 * sentences with actors, claims and figures, in Spanwise's canonical JSONL (code point offsets).
 * The same seed always gives the same bytes.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ACTORS = ['The ministry', 'Mayor Ada Brennan', 'The union', 'Velden Rail', 'The council', 'Dr. Ōsaka', 'The 🇺🇦 delegation', 'Police'];
const VERBS = ['said', 'claimed', 'announced', 'warned', 'confirmed'];
const CLAIMS = ['prices would rise', 'the plan was sound', 'the talks had failed', 'the bridge was safe', 'more staff were needed'];
const FIGURES = ['$12.5 million', '14 ships', 'about 1,400 homes', '6.2 %', 'February 2022', 'as high as 60', '310,000 passengers'];
const FILLER = ['Residents gathered near the harbour.', 'The weather stayed mild 😀 all week.', 'Critics were not convinced.', 'Further talks are planned.'];

export interface GeneratedSpan {
	readonly start: number;
	readonly end: number;
	readonly label: string;
	readonly text: string;
}

export interface GeneratedArticle {
	readonly id: string;
	readonly title: string;
	readonly text: string;
	readonly spans: GeneratedSpan[];
}

const cpLength = (s: string) => Array.from(s).length;

/** One article of about `sentences` sentences, with actor/claim/figure spans (claims contain the others). */
export function generateArticle(random: () => number, id: string, sentences: number, fillerShare = 0.4): GeneratedArticle {
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	let text = '';
	let cp = 0;
	const spans: GeneratedSpan[] = [];
	const add = (piece: string) => {
		text += piece;
		cp += cpLength(piece);
	};
	const title = `${pick(ACTORS)} ${pick(VERBS)} ${pick(FIGURES)} — report ${id}`;
	add(title + '\n\n');
	for (let i = 0; i < sentences; i++) {
		if (random() < fillerShare) {
			add(pick(FILLER) + ' ');
			continue;
		}
		const actor = pick(ACTORS);
		const figure = pick(FIGURES);
		const claimStart = cp;
		const actorStart = cp;
		add(actor);
		spans.push({ start: actorStart, end: cp, label: 'actor', text: actor });
		add(` ${pick(VERBS)} that ${pick(CLAIMS)} by `);
		const figureStart = cp;
		add(figure);
		spans.push({ start: figureStart, end: cp, label: 'figure', text: figure });
		const claimText = Array.from(text).slice(claimStart, cp).join('');
		spans.push({ start: claimStart, end: cp, label: 'claim', text: claimText });
		add('. ');
		if (random() < 0.15) add('\n\n');
	}
	return { id, title, text: text.trimEnd(), spans: spans.filter((s) => s.end <= cpLength(text.trimEnd())) };
}

/**
 * `count` articles as canonical JSONL lines (no trailing newline on each): `sentences` sentences
 * each, of which a `fillerShare` carry no span (the others: an actor and a figure in a claim).
 */
export function generateCorpusLines(seed: number, count: number, sentences = 8, fillerShare = 0.4): string[] {
	const random = prng(seed);
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const a = generateArticle(random, `gen-${seed}-${i}`, sentences, fillerShare);
		lines.push(
			JSON.stringify({ id: a.id, title: a.title, text: a.text, spans: a.spans.map((s) => ({ ...s, annotator: 'gen' })), status: 'new', offset_unit: 'codepoint', format: 'spanwise/1' })
		);
	}
	return lines;
}

const WORDS = 'the council said on monday that ministers would review plans for new flood barriers across northern ports after storms damaged homes and roads while union leaders warned that rail services could halt if talks failed again this week according to officials who spoke to reporters in the capital'.split(' ');

/**
 * One long article of `words` words in paragraphs of news-like sentences, with `spans` spans: most
 * disjoint, 10 % nested (a claim around a shorter span) and 2 % crossing another span. Offsets in
 * code points; the text is ASCII plus an emoji per paragraph, so UTF-16 and code points differ.
 */
export function generateBigArticle(seed: number, words: number, spans: number): { id: string; title: string; text: string; spans: GeneratedSpan[] } {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const starts: number[] = [];
	const ends: number[] = [];
	let text = '';
	let cp = 0;
	let inSentence = 0;
	let inParagraph = 0;
	for (let w = 0; w < words; w++) {
		let word = pick(WORDS);
		if (inSentence === 0) word = word[0].toUpperCase() + word.slice(1);
		starts.push(cp);
		text += word;
		cp += word.length;
		ends.push(cp);
		inSentence++;
		if (inSentence >= 8 + Math.floor(random() * 10)) {
			text += '.';
			cp += 1;
			inSentence = 0;
			inParagraph++;
			if (inParagraph >= 5) {
				text += ' 📰\n\n';
				cp += 4;
				inParagraph = 0;
				continue;
			}
		}
		text += ' ';
		cp += 1;
	}
	const cps = Array.from(text);
	const out: GeneratedSpan[] = [];
	const add = (a: number, b: number, label: string) => out.push({ start: starts[a], end: ends[b], label, text: cps.slice(starts[a], ends[b]).join('') });
	const nested = Math.round(spans * 0.1);
	const crossing = Math.round(spans * 0.02);
	const base = spans - nested - crossing;
	const slot = Math.floor(words / base);
	const bases: [number, number][] = [];
	for (let i = 0; i < base; i++) {
		const length = 1 + Math.floor(random() * 3);
		const first = i * slot + Math.floor(random() * Math.max(1, slot - length - 2)) + 1;
		const last = Math.min(first + length - 1, (i + 1) * slot - 1);
		bases.push([first, last]);
		add(first, last, pick(['actor', 'figure']));
	}
	for (let i = 0; i < nested; i++) {
		const [first, last] = bases[Math.floor((i * base) / nested)];
		add(Math.max(0, first - 1), last, 'claim');
	}
	for (let i = 0; i < crossing; i++) {
		const [first, last] = bases[Math.floor((i * base) / crossing) + 1] ?? bases[0];
		add(Math.max(first, last), Math.min(words - 1, last + 2), 'claim');
	}
	return { id: `big-${seed}`, title: `A long article (${words.toLocaleString('en')} words)`, text, spans: out };
}
