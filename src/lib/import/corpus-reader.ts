/**
 * Reading corpus files (Spanwise JSONL and the interchange formats) into records, streamed: a file is
 * decoded chunk by chunk and, for line formats, parsed line by line, so a 50 MB file never has to be
 * one string and progress can be reported. Runs in the import worker, and in Node for tests (it uses
 * only Blob streams, TextDecoderStream and the core codecs: no DOM).
 */
import type { Codec, CodecError, FormatName, OffsetUnit, SourceFile } from '$lib/core/codecs/codec';
import { codecNamed, detectCodec } from '$lib/core/codecs/formats';
import { parseSpanwiseLine } from '$lib/core/codecs/spanwise';
import { looksLikeBackupHeader, parseBackupHeader, type BackupHeader } from '$lib/core/codecs/backup';
import type { ArticleRecord } from '$lib/core/types';

export interface CorpusReadOptions {
	readonly annotator: string;
	readonly now: number;
	/** Read every file as this format instead of detecting it. */
	readonly format?: FormatName;
	readonly offsets?: OffsetUnit;
	/** Bytes read so far of all files, and their total size. */
	onProgress?(done: number, total: number): void;
	readonly signal?: AbortSignal;
}

export interface CorpusRead {
	readonly records: ArticleRecord[];
	/** "file.jsonl: line 3: reason", in file and line order. */
	readonly errors: string[];
	/** The format each file was read as. */
	readonly formats: Record<string, FormatName>;
	/** The header of a workspace backup among the files (labels, settings, decisions to restore). */
	readonly backup?: BackupHeader;
}

/** Extensions of files that hold a corpus (records), as opposed to one document (.txt, .md, .html). */
const CORPUS_EXTENSIONS = /\.(jsonl|ndjson|json|jsonld|ann)$/i;

/** Whether `name` is read as a corpus file; a brat `.txt` counts when its `.ann` is among `names`. */
export function isCorpusFile(name: string, names: readonly string[]): boolean {
	if (CORPUS_EXTENSIONS.test(name)) return true;
	const txt = /^(.*)\.txt$/i.exec(name);
	return !!txt && names.some((other) => other.toLowerCase() === `${txt[1]}.ann`.toLowerCase());
}

function describe(file: string, error: CodecError): string {
	return `${error.file ?? file}: line ${error.line}: ${error.message.replace(/^line \d+: /, '')}`;
}

/** Text of a blob, decoded as strict UTF-8 in chunks; calls `onChunk` for each decoded piece. */
async function decodeStream(blob: Blob, onChunk: (text: string, bytes: number) => void, signal?: AbortSignal): Promise<void> {
	const reader = blob.stream().getReader();
	const decoder = new TextDecoder('utf-8', { fatal: true });
	for (;;) {
		signal?.throwIfAborted();
		const { done, value } = await reader.read();
		if (done) break;
		onChunk(decoder.decode(value, { stream: true }), value.byteLength);
	}
	onChunk(decoder.decode(), 0);
}

class NotText extends Error {}

/**
 * Reads `files` as corpus files. Each file's problems are reported by name (and line); one bad file
 * or line spoils nothing else. A `.txt` is paired with the `.ann` of the same name (brat).
 * Rejects only with `signal.reason` when aborted.
 */
export async function readCorpus(files: readonly File[], opts: CorpusReadOptions): Promise<CorpusRead> {
	const records: ArticleRecord[] = [];
	const errors: string[] = [];
	const formats: Record<string, FormatName> = {};
	let backup: BackupHeader | undefined;
	const total = files.reduce((n, f) => n + f.size, 0);
	let done = 0;
	const progress = (bytes: number) => {
		done += bytes;
		opts.onProgress?.(done, total);
	};
	const forced = opts.format ? codecNamed(opts.format) : undefined;
	const names = files.map((f) => f.name);
	const brat = files.filter((f) => /\.ann$/i.test(f.name) || (/\.txt$/i.test(f.name) && isCorpusFile(f.name, names)));
	const single = files.filter((f) => !brat.includes(f));

	for (const file of single) {
		try {
			const got = await readOne(file, forced, opts, progress);
			records.push(...got.records);
			errors.push(...got.errors);
			if (got.format) formats[file.name] = got.format;
			backup ??= got.backup;
		} catch (error) {
			if (opts.signal?.aborted) throw opts.signal.reason;
			errors.push(`${file.name}: ${error instanceof NotText ? error.message : `could not be read (${(error as Error).message})`}`);
		}
	}
	if (brat.length > 0) {
		const sources: SourceFile[] = [];
		for (const file of brat) {
			let content = '';
			try {
				await decodeStream(file, (text, bytes) => ((content += text), progress(bytes)), opts.signal);
				sources.push({ name: file.name, content });
			} catch (error) {
				if (opts.signal?.aborted) throw opts.signal.reason;
				errors.push(`${file.name}: it is not UTF-8 text (${(error as Error).message})`);
			}
		}
		const codec = codecNamed('brat');
		if (codec) {
			const result = codec.parse(sources, { now: opts.now, annotator: opts.annotator, source: '', offsets: opts.offsets });
			records.push(...result.records);
			errors.push(...result.errors.map((e) => describe(sources[0]?.name ?? 'brat', e)));
			for (const s of sources) formats[s.name] = 'brat';
		}
	}
	return { records, errors, formats, ...(backup ? { backup } : {}) };
}

async function readOne(
	file: File,
	forced: Codec | undefined,
	opts: CorpusReadOptions,
	progress: (bytes: number) => void
): Promise<{ records: ArticleRecord[]; errors: string[]; format: FormatName | null; backup?: BackupHeader }> {
	const records: ArticleRecord[] = [];
	const errors: string[] = [];
	let codec = forced;
	let buffer = '';
	let lineNo = 0;
	let first = true;
	let whole = '';
	const parseOpts = { now: opts.now, annotator: opts.annotator, source: file.name };

	let backup: BackupHeader | undefined;
	const takeLine = (raw: string) => {
		lineNo += 1;
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (!/\S/.test(line)) return;
		if (lineNo === 1 && looksLikeBackupHeader(line)) {
			const header = parseBackupHeader(line);
			if (header.ok) backup = header.ok;
			else errors.push(`${file.name}: ${header.error}`);
			return;
		}
		const result = parseSpanwiseLine(line, lineNo, parseOpts);
		if (result.ok) records.push(result.ok);
		else errors.push(`${file.name}: ${result.error}`);
	};

	try {
		await decodeStream(
			file,
			(text, bytes) => {
				if (first && text.length > 0) {
					first = false;
					if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
					if (text.slice(0, 4096).includes('\u0000')) throw new NotText('it looks like a binary file, not text');
					codec ??= detectCodec({ name: file.name, content: text });
					if (!codec) throw new NotText('its format is not one Spanwise reads (Spanwise, Prodigy, doccano, Label Studio, brat or W3C)');
				}
				if (codec?.name === 'spanwise') {
					buffer += text;
					const lines = buffer.split('\n');
					buffer = lines.pop() ?? '';
					for (const line of lines) takeLine(line);
				} else {
					whole += text;
				}
				progress(bytes);
			},
			opts.signal
		);
	} catch (error) {
		if (error instanceof NotText || opts.signal?.aborted) throw error;
		if (error instanceof TypeError) throw new NotText('it is not UTF-8 text (a binary file, or text in another encoding)');
		throw error;
	}
	if (!codec) return { records, errors: [`${file.name}: the file is empty`], format: null };
	if (codec.name === 'spanwise') {
		if (buffer) takeLine(buffer);
		if (records.length === 0 && errors.length === 0 && !backup) errors.push(`${file.name}: the file is empty`);
	} else {
		if (!/\S/.test(whole)) return { records, errors: [`${file.name}: the file is empty`], format: codec.name };
		const result = codec.parse([{ name: file.name, content: whole }], { ...parseOpts, offsets: opts.offsets });
		records.push(...result.records);
		errors.push(...result.errors.map((e) => describe(file.name, e)));
	}
	return { records, errors, format: codec.name, ...(backup ? { backup } : {}) };
}
