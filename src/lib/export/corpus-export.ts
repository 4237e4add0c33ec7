/**
 * Exporting the corpus in any format, as parts of a Blob: records are read from IndexedDB in batches
 * and serialized chunk by chunk by the format's codec, so no single giant string is ever built.
 * Multi-file formats (brat) are packed into a .zip. Runs in the export worker.
 */
import { zipSync, strToU8 } from 'fflate';
import type { FormatName, OffsetUnit, SerializeReport } from '$lib/core/codecs/codec';
import { emptySerializeReport } from '$lib/core/codecs/serialize-report';
import { codecNamed } from '$lib/core/codecs/formats';
import type { ArticleRecord } from '$lib/core/types';
import { forEachArticle, readWorkspaceExtras, type SpanwiseDB } from '$lib/db';
import { serializeBackupHeader } from '$lib/core/codecs/backup';

export interface CorpusExportOptions {
	readonly format: FormatName;
	readonly ids?: readonly string[];
	readonly offsets?: OffsetUnit;
	/** File name without extension (a multi-file format's .zip gets the format's name added unless it is in there). */
	readonly baseName: string;
	/** Only this annotator's spans (one layer). */
	readonly annotator?: string;
	/** A backup of the whole workspace: a header line with labels, settings and decisions first (spanwise only). */
	readonly backup?: boolean;
	onProgress?(done: number, total: number): void;
	readonly signal?: AbortSignal;
}

export interface CorpusExport {
	readonly blob: Blob;
	readonly fileName: string;
	readonly articles: number;
	/** What the format made the export adapt (Prodigy: tokens cut at span edges), for the summary. */
	readonly report: SerializeReport;
}

/** MIME type of each single-file format's output. */
const TYPES: Record<string, string> = { jsonl: 'application/x-ndjson', json: 'application/json', jsonld: 'application/ld+json' };

/** Reads the articles (all, or `ids`) and serializes them in `format`. Rejects with `signal.reason` when aborted. */
export async function exportCorpus(db: SpanwiseDB, opts: CorpusExportOptions): Promise<CorpusExport> {
	const codec = codecNamed(opts.format);
	if (!codec) throw new RangeError(`Unknown export format ${JSON.stringify(opts.format)}`);
	const records: ArticleRecord[] = [];
	const layer = opts.annotator;
	const report = emptySerializeReport();
	const serializeOptions = { offsets: opts.offsets, baseName: opts.baseName, report };
	// Line formats are serialized article by article as they are read (the next batch is read meanwhile).
	const streamed: string[] | null = codec.perRecord && !codec.multiFile ? [] : null;
	let count = 0;
	await forEachArticle(
		db,
		(article, spans, relations) => {
			const layerRelations = layer === undefined ? relations : relations.filter((r) => r.annotator === layer);
			const record: ArticleRecord = {
				article,
				spans: layer === undefined ? spans : spans.filter((s) => s.annotator === layer),
				...(layerRelations.length > 0 ? { relations: layerRelations } : {})
			};
			count += 1;
			if (streamed) for (const chunk of codec.serialize([record], serializeOptions)) streamed.push(chunk.data);
			else records.push(record);
		},
		{ ids: opts.ids, signal: opts.signal, onProgress: opts.onProgress }
	);
	opts.signal?.throwIfAborted();
	if (!codec.multiFile) {
		const parts: string[] = [];
		if (opts.backup) parts.push(serializeBackupHeader({ created_at: new Date().toISOString(), ...(await readWorkspaceExtras(db)) }) + '\n');
		if (streamed) for (const data of streamed) parts.push(data);
		else for (const chunk of codec.serialize(records, serializeOptions)) parts.push(chunk.data);
		const blob = new Blob(parts, { type: TYPES[codec.extension] ?? 'text/plain' });
		return { blob, fileName: `${opts.baseName}.${codec.extension}`, articles: count, report };
	}
	const files: Record<string, string[]> = {};
	for (const chunk of codec.serialize(records, serializeOptions)) (files[chunk.file] ??= []).push(chunk.data);
	const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, parts]) => [name, strToU8(parts.join(''))])));
	return { blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName: opts.baseName.includes(codec.name) ? `${opts.baseName}.zip` : `${opts.baseName}-${codec.name}.zip`, articles: records.length, report };
}
