/**
 * Writing a pattern file from annotations: the span texts of one layer as Prodigy / spaCy EntityRuler
 * phrase patterns, so what a labeller tagged once is suggested wherever it comes again.
 */
import { escapeLineSeparators } from '../codecs/json';
import type { ArticleRecord } from '../types';

const BLANK = /^\p{White_Space}*$/u;

/**
 * patterns.jsonl text with one phrase pattern, `{"label":…,"pattern":…}`, per distinct label and span
 * text among the spans of `layer` (the text as it stands in the article, not trimmed), sorted by label
 * then text (code unit order, so the file is the same on every machine); spans that are empty or only
 * white space are left out. Every line ends in a newline; no spans give "".
 */
export function patternsFromRecords(records: readonly ArticleRecord[], layer: string): string {
	const byKey = new Map<string, { label: string; text: string }>();
	for (const { article, spans } of records) {
		for (const span of spans) {
			if (span.annotator !== layer) continue;
			const text = article.text.slice(span.start, span.end);
			if (BLANK.test(text)) continue;
			byKey.set(JSON.stringify([span.label, text]), { label: span.label, text });
		}
	}
	const entries = [...byKey.values()].sort((a, b) => compare(a.label, b.label) || compare(a.text, b.text));
	return entries.map((entry) => `${escapeLineSeparators(JSON.stringify({ label: entry.label, pattern: entry.text }))}\n`).join('');
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
