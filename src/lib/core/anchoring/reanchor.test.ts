import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANCHOR_POLICY, reanchor, reanchorSpans, type ReanchorResult } from './reanchor';
import { quoteAnchor } from './quote';
import { allGraphemeBoundaries, textWithGraphemeSpan, unicodeText } from '../testing/unicode';

const ARTICLE = [
	'Pentagon officials said on Monday that the new budget request would reach $60.84 billion.',
	'The minister said the proposal was premature, and the opposition called it reckless.',
	'Analysts in Kyiv expect the vote to be delayed until the autumn session of parliament.',
	'A spokesperson for the ministry declined to comment on the figures.'
].join('\n');

/** `[start, end)` of the `nth` occurrence of `quote` in `text`. */
function find(text: string, quote: string, nth = 0): { start: number; end: number } {
	let at = -1;
	for (let k = 0; k <= nth; k++) at = text.indexOf(quote, at + 1);
	if (at < 0) throw new Error(`${quote} not in text`);
	return { start: at, end: at + quote.length };
}

/** Re-anchors the `nth` occurrence of `quote` in `source` onto `target`. */
function move(source: string, target: string, quote: string, nth = 0): ReanchorResult | null {
	const { start, end } = find(source, quote, nth);
	return reanchor(quoteAnchor(source, start, end), target, { sourceLength: source.length });
}

/** Every span of one to three words of `text` (word = run of non-space characters). */
function wordSpans(text: string): { start: number; end: number }[] {
	const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
	const spans: { start: number; end: number }[] = [];
	for (let i = 0; i < words.length; i++) {
		for (let n = 0; n < 3 && i + n < words.length; n++) spans.push({ start: words[i].start, end: words[i + n].end });
	}
	return spans;
}

function expectOnBoundaries(text: string, result: ReanchorResult): void {
	const boundaries = new Set(allGraphemeBoundaries(text));
	expect(boundaries.has(result.start)).toBe(true);
	expect(boundaries.has(result.end)).toBe(true);
	expect(result.start).toBeLessThan(result.end);
}

describe('reanchor', () => {
	it('identical texts: every span is exact', () => {
		for (const { index, result } of reanchorSpans(ARTICLE, ARTICLE, wordSpans(ARTICLE))) {
			const span = wordSpans(ARTICLE)[index];
			expect(result).toEqual({ ...span, confidence: 'exact', reason: 'unchanged' });
		}
	});

	it('CRLF against LF: every span is found, same quote up to line endings, high', () => {
		const source = ARTICLE.replace(/\n/g, '\r\n');
		const spans = wordSpans(source);
		const results = reanchorSpans(source, ARTICLE, spans);
		expect(results).toHaveLength(spans.length);
		for (const { index, result } of results) {
			const quote = source.slice(spans[index].start, spans[index].end);
			expect(result, quote).not.toBeNull();
			expect(result!.confidence, quote).not.toBe('low');
			expect(ARTICLE.slice(result!.start, result!.end)).toBe(quote.replace(/\r\n/g, '\n'));
		}
		// A quote across a line break says so; one further down says it is on the same line.
		expect(move(source, ARTICLE, 'reckless.\r\nAnalysts')).toMatchObject({
			confidence: 'high',
			reason: 'line endings differ'
		});
		const figures = find(source, 'the figures');
		const [{ result }] = reanchorSpans(source, ARTICLE, [figures]);
		expect(result).toMatchObject({ ...find(ARTICLE, 'the figures'), confidence: 'high', reason: 'found on the same line' });
		// And the other way round, LF onto CRLF.
		for (const { index, result } of reanchorSpans(ARTICLE, source, wordSpans(ARTICLE))) {
			const quote = ARTICLE.slice(wordSpans(ARTICLE)[index].start, wordSpans(ARTICLE)[index].end);
			expect(result!.confidence, quote).not.toBe('low');
			expect(source.slice(result!.start, result!.end)).toBe(quote.replace(/\n/g, '\r\n'));
		}
	});

	it('doubled spaces: found across them, high, and the reason says spacing differs', () => {
		const target = ARTICLE.replace(/ the /g, '  the ');
		expect(move(ARTICLE, target, 'said the proposal')).toEqual({
			...find(target, 'said  the proposal'),
			confidence: 'high',
			reason: 'found 1 character later; spacing differs'
		});
		for (const { index, result } of reanchorSpans(ARTICLE, target, wordSpans(ARTICLE))) {
			const span = wordSpans(ARTICLE)[index];
			const quote = ARTICLE.slice(span.start, span.end);
			expect(result!.confidence, quote).not.toBe('low');
			expect(target.slice(result!.start, result!.end).replace(/ {2}/g, ' ')).toBe(quote);
		}
	});

	it('a sentence inserted before the span: found, high, with how far it moved', () => {
		const target = `Breaking news from the capital.\n${ARTICLE}`;
		expect(move(ARTICLE, target, 'declined to comment')).toEqual({
			...find(target, 'declined to comment'),
			confidence: 'high',
			reason: 'found 32 characters later'
		});
		const span = find(ARTICLE, 'declined to comment');
		expect(reanchorSpans(ARTICLE, target, [span])[0].result).toMatchObject({
			...find(target, 'declined to comment'),
			confidence: 'high',
			reason: 'found 1 line further down'
		});
		// Right before the quote, so the prefix no longer agrees: the suffix carries it.
		const inserted = ARTICLE.replace('A spokesperson', 'Late on Tuesday, a source said: A spokesperson');
		expect(move(ARTICLE, inserted, 'A spokesperson')).toMatchObject({
			...find(inserted, 'A spokesperson'),
			confidence: 'high'
		});
	});

	it('the quoted words edited slightly: low (fuzzy), at the right place', () => {
		const target = ARTICLE.replace('Analysts in Kyiv', 'Analysts in Kiev');
		expect(move(ARTICLE, target, 'Analysts in Kyiv')).toEqual({
			...find(target, 'Analysts in Kiev'),
			confidence: 'low',
			reason: 'the quote was edited (2 changes); found in place'
		});
		const premature = ARTICLE.replace('the proposal was premature', 'the proposals were premature');
		expect(move(ARTICLE, premature, 'proposal was premature')).toMatchObject({
			...find(premature, 'proposals were premature'),
			confidence: 'low'
		});
	});

	it('a quote that occurs several times with the same context: the nearest, low, with the reason', () => {
		const line = '- The minister said no to the proposal.\n';
		const source = `Reactions:\n${line.repeat(5)}End.`;
		const target = `Update: ${source}`;
		const result = move(source, target, 'said no', 2);
		expect(result).toEqual({
			...find(target, 'said no', 2),
			confidence: 'low',
			reason: 'the quote occurs 5 times; took the nearest'
		});
		// Where the context still tells them apart, the right one is high.
		const distinct = 'The minister said no. Later the minister said yes. Then the minister said no again.';
		const edited = `Update: ${distinct}`;
		expect(move(distinct, edited, 'said no', 1)).toMatchObject({ ...find(edited, 'said no', 1), confidence: 'high' });
	});

	it('reanchorSpans finds an edited quote after a long insertion, by where its neighbours went', () => {
		const filler = (label: string, count: number) =>
			Array.from({ length: count }, (_, i) => `${label} ${i} has its own sentence number ${i * 7}.`).join('\n');
		const source = `${ARTICLE}\n${filler('Paragraph', 300)}`;
		const target = `${filler('Note', 200)}\n${source.replace('Analysts in Kyiv', 'Analysts in Kiev')}`;
		const edited = find(source, 'Analysts in Kyiv');
		// Alone, the scaled position is thousands of units off, beyond the fuzzy search radius.
		const alone = reanchor(quoteAnchor(source, edited.start, edited.end), target, { sourceLength: source.length });
		expect(alone).toBeNull();
		const results = reanchorSpans(source, target, [find(source, 'declined to comment'), edited]);
		expect(results[0].result).toMatchObject({ confidence: 'high', reason: 'found 200 lines further down' });
		expect(results[1].result).toMatchObject({ ...find(target, 'Analysts in Kiev'), confidence: 'low' });
	});

	it('a deleted quote: null', () => {
		const target = ARTICLE.replace('Analysts in Kyiv expect', 'People think');
		expect(move(ARTICLE, target, 'Analysts in Kyiv')).toBeNull();
		expect(move(ARTICLE, 'Something else entirely.', 'spokesperson')).toBeNull();
	});

	it('a lone candidate whose context changed entirely: low', () => {
		const target = 'Completely rewritten: the ministry declined, it seems, all of it.';
		expect(move(ARTICLE, target, 'the ministry declined')).toMatchObject({
			...find(target, 'the ministry declined'),
			confidence: 'low',
			reason: expect.stringContaining('the text around it changed')
		});
	});

	it('emoji, ZWJ sequences, flags and combining marks at the edges are never split', () => {
		const family = '👨‍👩‍👧';
		const source = `Families ${family} met in Kyiv 🇺🇦 and cafe\u0301s closed. The 👍🏽 was kind.`;
		const target = `Intro.\r\n${source.replace(/ /g, '  ')}`;
		for (const quote of [family, `${family} met`, 'Kyiv 🇺🇦', '🇺🇦', 'cafe\u0301s', 'The 👍🏽', '👍🏽 was']) {
			const result = move(source, target, quote);
			expect(result, quote).not.toBeNull();
			expectOnBoundaries(target, result!);
			expect(collapse(target.slice(result!.start, result!.end))).toBe(quote);
		}
		// A quote that would only match inside a cluster of the target is not taken from there.
		const inside = reanchor(quoteAnchor('an e here', 3, 4), 'an e\u0301 here');
		expect(inside).toMatchObject({ start: 7, end: 8, confidence: 'low' }); // the e of "here", flagged
		expect(reanchor(quoteAnchor('x👨y', 1, 3), `x${family}y`)).toBeNull();
	});

	it('an anchor without context (the whole text) is high when found once', () => {
		const anchor = quoteAnchor('Kyiv', 0, 4);
		expect(reanchor(anchor, 'In Kyiv.')).toMatchObject({ start: 3, end: 7, confidence: 'high' });
		expect(reanchor(anchor, 'Or Kyiv or Kyiv?')).toMatchObject({ confidence: 'low' });
	});

	it('takes its thresholds from the policy', () => {
		const target = ARTICLE.replace('Analysts in Kyiv', 'Analysts in Kiev');
		const { start, end } = find(ARTICLE, 'Analysts in Kyiv');
		const strict = reanchor(quoteAnchor(ARTICLE, start, end), target, { policy: { fuzzyMaxEditRatio: 0.1 } });
		expect(strict).toBeNull();
		expect(ANCHOR_POLICY.fuzzyMaxEditRatio).toBe(0.2);
		expect(Object.isFrozen(ANCHOR_POLICY)).toBe(true);
	});

	it('property: onto the same text, every grapheme-aligned span is exact', () => {
		fc.assert(
			fc.property(textWithGraphemeSpan(40), ({ text, start, end }) => {
				expect(reanchor(quoteAnchor(text, start, end), text, { sourceLength: text.length })).toEqual({
					start,
					end,
					confidence: 'exact',
					reason: 'unchanged'
				});
			}),
			{ numRuns: 500 }
		);
	});

	it('property: with a prefix inserted, the quote is found; when confident, at the shifted place', () => {
		// The inserted text ends in a line feed, after which grapheme segmentation starts afresh (UAX #29
		// GB4), so the old text keeps its boundaries.
		fc.assert(
			fc.property(textWithGraphemeSpan(40), unicodeText(10), ({ text, start, end }, inserted) => {
				const head = `${inserted}\n`;
				const target = head + text;
				const anchor = quoteAnchor(text, start, end);
				const result = reanchor(anchor, target, { sourceLength: text.length });
				expect(result).not.toBeNull();
				expect(target.slice(result!.start, result!.end)).toBe(anchor.exact);
				if (result!.confidence === 'high') expect(result!.start).toBe(start + head.length);
				if (result!.confidence === 'exact') {
					const around = target.slice(result!.start - anchor.prefix.length, result!.end + anchor.suffix.length);
					expect(around).toBe(anchor.prefix + anchor.exact + anchor.suffix);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('property: onto any edited text, results lie on grapheme boundaries with start < end', () => {
		fc.assert(
			fc.property(
				textWithGraphemeSpan(30),
				fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), unicodeText(3)), { maxLength: 4 }),
				({ text, start, end }, edits) => {
					let target = text;
					for (const [at, remove, insert] of edits) {
						const from = at % (target.length + 1);
						target = target.slice(0, from) + insert + target.slice(from + remove);
					}
					const result = reanchor(quoteAnchor(text, start, end), target, { sourceLength: text.length });
					if (result) expectOnBoundaries(target, result);
				}
			),
			{ numRuns: 500 }
		);
	});
});

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so the timing test is repeatable. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A ~100 KB article (CRLF, paragraphs of sentences over a 400-word vocabulary, so words repeat a lot),
 * our LF copy of it with sentences inserted, doubled spaces and single-letter typos, and 2,000 spans
 * of one to four words.
 */
function bigFixture() {
	const next = random(42);
	const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
	const syllables = ['ka', 'lo', 'mi', 'ne', 'sor', 'tu', 'vel', 'dra', 'pen', 'gon', 'is', 'ar', 'ust', 'ri'];
	const common = ['the', 'a', 'of', 'to', 'in', 'and', 'said', 'on', 'for', 'that', 'was', 'is'];
	const vocabulary = [...common];
	while (vocabulary.length < 400) vocabulary.push(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(syllables)).join(''));
	const sentence = () => {
		const words = Array.from({ length: 8 + Math.floor(next() * 12) }, () => pick(vocabulary));
		return `${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
	};
	const paragraphs: string[] = [];
	let length = 0;
	while (length < 100_000) {
		const paragraph = Array.from({ length: 3 + Math.floor(next() * 4) }, sentence).join(' ');
		paragraphs.push(paragraph);
		length += paragraph.length + 4;
	}
	const source = paragraphs.join('\r\n\r\n');
	const target = paragraphs
		.map((paragraph) => {
			let edited = paragraph;
			if (next() < 0.1) edited = `${sentence()} ${edited}`;
			if (next() < 0.1) edited = edited.replace(' ', '  ');
			if (next() < 0.1) {
				const at = Math.floor(next() * edited.length);
				if (/[a-z]/.test(edited[at])) edited = `${edited.slice(0, at)}x${edited.slice(at + 1)}`;
			}
			return edited;
		})
		.join('\n\n');
	const words = [...source.matchAll(/[^\s.]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
	const spans = Array.from({ length: 2000 }, () => {
		const first = Math.floor(next() * (words.length - 4));
		return { start: words[first].start, end: words[first + Math.floor(next() * 4)].end };
	});
	return { source, target, spans };
}

describe('reanchorSpans at scale', () => {
	// No time budget here (other test workers share the machine, so it would be flaky); this checks
	// what re-anchoring finds at the size it is built for.
	it('re-anchors 2,000 spans on a 100 KB text', () => {
		const { source, target, spans } = bigFixture();
		expect(source.length).toBeGreaterThanOrEqual(100_000);
		const results = reanchorSpans(source, target, spans);
		expect(results).toHaveLength(spans.length);
		const tally: Record<string, number> = { exact: 0, high: 0, low: 0, null: 0 };
		for (const { index, result } of results) {
			tally[result?.confidence ?? 'null']++;
			if (result && result.confidence !== 'low') {
				const quote = source.slice(spans[index].start, spans[index].end);
				expect(collapse(target.slice(result.start, result.end))).toBe(collapse(quote));
			}
		}
		expect(tally.high + tally.exact).toBeGreaterThan(1800);
	});
});

function collapse(text: string): string {
	return text.replace(/\s+/g, ' ');
}
