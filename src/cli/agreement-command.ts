/**
 * `spanwise agreement FILE...`: agreement between annotators from their exports. Each file is read
 * in its own format (detected, or --from); spans without an annotator take the file's base name, so
 * one file per annotator works for formats that carry no annotator (doccano, brat). Articles are
 * matched by id, else by identical text; a copy whose text differs is re-anchored by quote. Relations
 * come along with their spans; a type any file marks symmetric is matched either way round.
 */
import { computeAgreement } from '../lib/core/agreement/agreement';
import type { AgreementRelation, AgreementReport, Figures, RelationAgreement, RelationFigures } from '../lib/core/agreement/types';
import { resolveAgreementRelations } from '../lib/core/agreement/relation-agreement';
import { formatFigure } from '../lib/core/agreement/present';
import { reanchorRecordSpans } from '../lib/core/anchoring/records';
import type { Codec, OffsetUnit, SourceFile } from '../lib/core/codecs/codec';
import { codecNamed, detectCodec } from '../lib/core/codecs/formats';
import type { Span } from '../lib/core/types';

export interface AgreementFiles {
	readonly files: readonly SourceFile[];
	readonly from?: string;
	readonly offsets?: OffsetUnit;
}

/** Reads the files into agreement input; problems are "FILE:LINE: reason". */
export function agreementInput({ files, from, offsets }: AgreementFiles): {
	articles: { id: string; text: string; spans: Span[]; relations: AgreementRelation[] }[];
	problems: string[];
	/** Relation types some file marks symmetric. */
	symmetric: Set<string>;
} {
	const byId = new Map<string, { id: string; text: string; spans: Span[]; relations: AgreementRelation[] }>();
	const symmetric = new Set<string>();
	const byText = new Map<string, string>();
	const problems: string[] = [];
	for (const file of files) {
		const codec: Codec | undefined = from ? codecNamed(from) : detectCodec(file);
		if (!codec) {
			problems.push(`${file.name}: cannot tell its format; say --from`);
			continue;
		}
		const base = (file.name.split(/[\\/]/).pop() ?? file.name).replace(/\.[^.]+$/, '');
		const parsed = codec.parse([file], { now: 0, annotator: base, source: file.name, offsets });
		for (const e of parsed.errors) problems.push(`${e.file ?? file.name}:${e.line}: ${e.message.replace(/^line \d+: /, '')}`);
		for (const hint of parsed.relationTypes ?? []) if (!hint.directed) symmetric.add(hint.name);
		for (const { article, spans, relations = [] } of parsed.records) {
			const key = byId.has(article.id) ? article.id : byText.get(article.text);
			const entry = key === undefined ? undefined : byId.get(key);
			if (!entry) {
				byId.set(article.id, { id: article.id, text: article.text, spans: [...spans], relations: resolveAgreementRelations(spans, relations) });
				byText.set(article.text, article.id);
			} else if (entry.text === article.text) {
				entry.spans.push(...spans);
				entry.relations.push(...resolveAgreementRelations(spans, relations));
			} else {
				const moved = reanchorRecordSpans(article.text, entry.text, spans);
				if (!moved) problems.push(`${file.name}: article "${article.id}" has the id of another article but a different text; left out`);
				else {
					entry.spans.push(...moved.spans);
					// Relations whose ends could not be placed are left out with them (named above).
					entry.relations.push(...resolveAgreementRelations(moved.spans, relations));
					for (const u of moved.unplaced) problems.push(`${file.name}: article "${article.id}": a ${u.span.label} span could not be placed: ${u.reason}`);
				}
			}
		}
	}
	return { articles: [...byId.values()], problems, symmetric };
}

function row(name: string, f: Figures): string[] {
	return [name, formatFigure(f.exact.f1), formatFigure(f.overlap.f1), formatFigure(f.cohen_kappa), formatFigure(f.fleiss_kappa), formatFigure(f.krippendorff_alpha_u)];
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n') + '\n';
}

/** The report as a readable table: per label and overall, then pairs. */
export function agreementTable(report: AgreementReport): string {
	const head = ['label', 'exact_f1', 'overlap_f1', 'cohen_kappa', 'fleiss_kappa', 'alpha_u'];
	const rows = [head, ...Object.entries(report.labels).map(([name, f]) => row(name, f)), row('overall (micro)', report.overall.micro), row('overall (macro)', report.overall.macro)];
	let out = `annotators: ${report.annotators.join(', ')}\n\n` + table(rows);
	if (report.pairs.length > 0) {
		const pairRows = [['pair', 'exact_p', 'exact_r', 'exact_f1', 'overlap_f1', 'cohen_kappa']];
		for (const p of report.pairs) {
			const o = p.overall;
			pairRows.push([`${p.a} / ${p.b}`, formatFigure(o.exact.precision), formatFigure(o.exact.recall), formatFigure(o.exact.f1), formatFigure(o.overlap.f1), formatFigure(o.cohen_kappa)]);
		}
		out += '\n' + table(pairRows);
	}
	if (report.relations) out += '\n' + relationTable(report.relations);
	return out;
}

function relationRow(name: string, f: RelationFigures): string[] {
	return [name, formatFigure(f.exact.precision), formatFigure(f.exact.recall), formatFigure(f.exact.f1), formatFigure(f.overlap.f1)];
}

/** The relation figures as a table: per type and overall, then pairs. */
function relationTable(relations: RelationAgreement): string {
	const rows = [
		['relation type', 'exact_p', 'exact_r', 'exact_f1', 'overlap_f1'],
		...Object.entries(relations.types).map(([name, f]) => relationRow(name, f)),
		relationRow('overall (micro)', relations.overall.micro),
		relationRow('overall (macro)', relations.overall.macro)
	];
	let out = table(rows);
	if (relations.pairs.length > 0) {
		out += '\n' + table([['relation pair', 'exact_p', 'exact_r', 'exact_f1', 'overlap_f1'], ...relations.pairs.map((p) => relationRow(`${p.a} / ${p.b}`, p.overall))]);
	}
	return out;
}

/** Computes the report for the files; `json` is what `spanwise agreement` prints without --table. */
export function agreementReport(input: AgreementFiles): { report: AgreementReport; problems: string[] } {
	const { articles, problems, symmetric } = agreementInput(input);
	return { report: computeAgreement({ articles, symmetricRelations: symmetric }), problems };
}
