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
export function generateArticle(random: () => number, id: string, sentences: number): GeneratedArticle {
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
		if (random() < 0.4) {
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

/** `count` articles as canonical JSONL lines (no trailing newline on each). */
export function generateCorpusLines(seed: number, count: number, sentences = 8): string[] {
	const random = prng(seed);
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const a = generateArticle(random, `gen-${seed}-${i}`, sentences);
		lines.push(
			JSON.stringify({ id: a.id, title: a.title, text: a.text, spans: a.spans.map((s) => ({ ...s, annotator: 'gen' })), status: 'new', offset_unit: 'codepoint', format: 'spanwise/1' })
		);
	}
	return lines;
}
