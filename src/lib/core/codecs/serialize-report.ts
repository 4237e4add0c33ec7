/** Building and wording the `SerializeReport` of an export (what the format made the codec adapt). */
import type { SerializeReport } from './codec';

/** A report with every counter at zero. */
export function emptySerializeReport(): SerializeReport {
	return { splitTokens: 0 };
}

/** The report in words for a summary ("; 2 tokens split at span edges"), or '' when nothing was adapted. */
export function describeSerializeReport(report: SerializeReport): string {
	if (report.splitTokens === 0) return '';
	const n = report.splitTokens;
	return `${n.toLocaleString('en')} token${n === 1 ? ' was' : 's were'} split where a span edge falls inside a word (so every span starts and ends on a token edge)`;
}
