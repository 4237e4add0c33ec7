import { describe, expect, it } from 'vitest';
import { computeAgreement } from './agreement';
import { tokenOffsets } from './token-grid';
import type { AgreementArticle, AgreementSpan } from './types';

/** Mulberry32: a small seeded generator, so the input is the same on every run. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = 'the minister said on tuesday that unemployment rose by four percent while officials in kyiv and brussels disputed figures claimed opposition'.split(' ');
const LABELS = ['actor', 'claim', 'figure'];
const ANNOTATORS = ['ana', 'ben', 'cy'];

/**
 * `articles` articles of about `length` characters: lowercase words and single spaces, so the
 * tokens (one per word) are known without tokenizing. Each annotator has `spansEach` spans, one in
 * each of as many slots of the text; ben and cy copy ana's span (60%), move a boundary (25%) or
 * mark something else in the slot (15%).
 */
function session(articles: number, length: number, spansEach: number, seed: number): AgreementArticle[] {
	const next = random(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
	const result: AgreementArticle[] = [];
	for (let n = 0; n < articles; n++) {
		const words: string[] = [];
		const offsets: number[] = [];
		let position = 0;
		while (position < length) {
			const word = pick(WORDS);
			if (words.length > 0) position++;
			offsets.push(position, position + word.length);
			words.push(word);
			position += word.length;
		}
		const text = words.join(' ');
		const tokens = Int32Array.from(offsets);
		const slot = Math.floor(words.length / spansEach);
		const spans: AgreementSpan[] = [];
		const make = (annotator: string, s: number, label: string, first: number, last: number): AgreementSpan => {
			const low = s * slot;
			const high = low + slot - 1;
			const a = Math.max(low, Math.min(first, last, high));
			const b = Math.min(high, Math.max(first, last, low));
			return { annotator, label, start: tokens[2 * a], end: tokens[2 * b + 1] };
		};
		for (let s = 0; s < spansEach; s++) {
			const first = s * slot + Math.floor(next() * (slot / 2));
			const last = first + Math.floor(next() * (slot / 2));
			const label = pick(LABELS);
			spans.push(make('ana', s, label, first, last));
			for (const annotator of ANNOTATORS.slice(1)) {
				const roll = next();
				if (roll < 0.6) spans.push(make(annotator, s, label, first, last));
				else if (roll < 0.85) spans.push(make(annotator, s, label, first + Math.floor(next() * 5) - 2, last + Math.floor(next() * 5) - 2));
				else spans.push(make(annotator, s, pick(LABELS), s * slot + Math.floor(next() * slot), s * slot + Math.floor(next() * slot)));
			}
		}
		result.push({ id: `article-${n}`, text, spans, tokens });
	}
	return result;
}

describe('computeAgreement performance', () => {
	it('handles 3 annotators × 1,000 articles of 5,000 characters with 40 spans each without blowing up (the 1 s budget is measured by npm run bench)', () => {
		const articles = session(1000, 5000, 40, 20260101);
		// The generator's tokens are the tokenizer's (checked on a few articles: tokenizing all of
		// them takes seconds, see token-grid.ts).
		for (const article of articles.slice(0, 3)) expect(article.tokens).toEqual(tokenOffsets(article.text));
		expect(articles.reduce((sum, a) => sum + a.spans.length, 0)).toBe(3 * 1000 * 40);

		const report = computeAgreement({ articles });

		expect(report.pairs).toHaveLength(3);
		expect(report.overall.micro.fleiss_kappa).not.toBeNull();
		for (const label of LABELS) expect(report.labels[label].krippendorff_alpha_u).not.toBeNull();
	});
});
