/** Building and wording the `SerializeReport` of an export (what the format made the codec adapt or leave out). */
import type { LossKind, SerializeReport } from './codec';

/** A report with every counter at zero. */
export function emptySerializeReport(): SerializeReport {
	return { splitTokens: 0, lost: {} };
}

/** Counts `n` things of `kind` the format could not hold (no-op without a report). */
export function reportLoss(report: SerializeReport | undefined, kind: LossKind, n = 1): void {
	if (!report || n === 0) return;
	const lost = (report.lost ??= {});
	lost[kind] = (lost[kind] ?? 0) + n;
}

/** Each loss kind in words: [one, many], after the count. In the order they are listed. */
export const LOSS_WORDS: Readonly<Record<LossKind, readonly [string, string]>> = {
	'relation-note': ['relation note was left out (the format has no place for it)', 'relation notes were left out (the format has no place for them)'],
	'relation-direction': [
		'symmetric relation was written as directed, head → tail (the format has no symmetric links)',
		'symmetric relations were written as directed, head → tail (the format has no symmetric links)'
	],
	'relation-dangling': [
		'relation was left out because one of its ends is not among the spans written',
		'relations were left out because one of their ends is not among the spans written'
	],
	'relation-cross-layer': [
		'relation was left out because its two ends belong to different annotators',
		'relations were left out because their two ends belong to different annotators'
	],
	'relation-merged': [
		'relation was written once for several equal ones (the format keeps no annotator per relation)',
		'relations were written once for several equal ones (the format keeps no annotator per relation)'
	]
};

/**
 * The report in words for a summary ("2 tokens were split …; 1 relation note was left out …"), or ''
 * when nothing was adapted.
 */
export function describeSerializeReport(report: SerializeReport): string {
	const parts: string[] = [];
	const count = (n: number) => n.toLocaleString('en');
	if (report.splitTokens > 0) {
		const n = report.splitTokens;
		parts.push(`${count(n)} token${n === 1 ? ' was' : 's were'} split where a span edge falls inside a word (so every span starts and ends on a token edge)`);
	}
	for (const kind of Object.keys(LOSS_WORDS) as LossKind[]) {
		const n = report.lost?.[kind] ?? 0;
		if (n > 0) parts.push(`${count(n)} ${LOSS_WORDS[kind][n === 1 ? 0 : 1]}`);
	}
	return parts.join('; ');
}
