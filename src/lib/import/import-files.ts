import type { ArticleRecord } from '$lib/core/types';
import { parsePlainText, looksBinary } from '$lib/core/codecs/plain-text';
import { markdownToText } from '$lib/core/codecs/markdown';
import { parseSpanwiseJsonl } from '$lib/core/codecs/spanwise';
import { newId } from '$lib/core/ids';
import { htmlToText } from './html';
import { quoted } from '$lib/core/text/isolate';

/** The formats a dropped or chosen file can be read as. */
export type ImportFormat = 'text' | 'markdown' | 'html' | 'spanwise';

/** What came of one file. `errors` name the file (and line); the file's good records still come in. */
export interface FileImport {
	readonly fileName: string;
	readonly format: ImportFormat | null;
	readonly records: readonly ArticleRecord[];
	readonly errors: readonly string[];
	readonly notes: readonly string[];
}

export interface ImportContext {
	readonly annotator: string;
	readonly now: number;
}

const BY_EXTENSION: Record<string, ImportFormat> = {
	txt: 'text',
	text: 'text',
	md: 'markdown',
	markdown: 'markdown',
	html: 'html',
	htm: 'html',
	xhtml: 'html',
	jsonl: 'spanwise',
	ndjson: 'spanwise'
};

/**
 * The format of a file: by its extension, checked against its content. A `.txt` holding JSONL is
 * still text (the user said text); content decides only when the extension says nothing.
 */
export function detectFormat(fileName: string, content: string): ImportFormat {
	const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
	const known = BY_EXTENSION[ext];
	if (known) return known;
	const head = content.replace(/^\uFEFF/, '').trimStart().slice(0, 512);
	if (head.startsWith('{')) return 'spanwise';
	if (/^<(!doctype html|html|head|body|article|p|h1)\b/i.test(head)) return 'html';
	return 'text';
}

/** Decodes bytes as UTF-8, refusing anything that is not (a PDF or an image renamed .txt, Latin-1…). */
export function decodeUtf8(bytes: ArrayBuffer): { text: string } | { error: string } {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return { error: 'it is not UTF-8 text (a binary file, or text in another encoding)' };
	}
}

function article(fileName: string, title: string, text: string, ctx: ImportContext): ArticleRecord {
	return {
		article: {
			id: newId('a'),
			title: title || fileName,
			text,
			source: fileName,
			meta: {},
			status: 'new',
			createdAt: ctx.now,
			updatedAt: ctx.now
		},
		spans: []
	};
}

/** Reads one file's content in the given format. Never throws on bad content. */
export function importContent(fileName: string, content: string, ctx: ImportContext): FileImport {
	const format = detectFormat(fileName, content);
	const fail = (reason: string): FileImport => ({ fileName, format, records: [], errors: [`${fileName}: ${reason}`], notes: [] });
	if (content.replace(/^\uFEFF/, '').trim() === '') return fail('the file is empty');
	if (format !== 'spanwise' && looksBinary(content)) return fail('it looks like a binary file, not text');
	switch (format) {
		case 'text': {
			const { title, text, lineEndingsNormalised, skippedLines } = parsePlainText(content);
			const notes = lineEndingsNormalised ? [`${fileName}: line endings were normalised to \\n`] : [];
			if (skippedLines > 0) {
				notes.push(`${fileName}: titled ${quoted(title)}, skipping ${skippedLines === 1 ? '1 line' : `${skippedLines} lines`} above it that ${skippedLines === 1 ? 'looks' : 'look'} like page furniture; edit the title in the library or the article view`);
			}
			return { fileName, format, records: [article(fileName, title, text, ctx)], errors: [], notes };
		}
		case 'markdown': {
			const { title, text } = markdownToText(content);
			if (!text.trim()) return fail('the Markdown has no text');
			return { fileName, format, records: [article(fileName, title, text, ctx)], errors: [], notes: [] };
		}
		case 'html': {
			const { title, text } = htmlToText(content);
			if (!text.trim()) return fail('the HTML has no readable text');
			return { fileName, format, records: [article(fileName, title, text, ctx)], errors: [], notes: [] };
		}
		case 'spanwise': {
			const { records, errors } = parseSpanwiseJsonl(content, { now: ctx.now, annotator: ctx.annotator, source: fileName });
			return {
				fileName,
				format,
				records,
				errors: errors.map((e) => `${fileName}: line ${e.line}: ${e.message.replace(/^line \d+: /, '')}`),
				notes: []
			};
		}
	}
}

/** Reads files (from the chooser, a drop, or a paste). Each file is read on its own: one bad file spoils nothing. */
export async function importFiles(files: readonly File[], ctx: ImportContext): Promise<FileImport[]> {
	const results: FileImport[] = [];
	for (const file of files) {
		let bytes: ArrayBuffer;
		try {
			bytes = await file.arrayBuffer();
		} catch (error) {
			results.push({ fileName: file.name, format: null, records: [], errors: [`${file.name}: could not be read (${(error as Error).message})`], notes: [] });
			continue;
		}
		const decoded = decodeUtf8(bytes);
		if ('error' in decoded) {
			results.push({ fileName: file.name, format: null, records: [], errors: [`${file.name}: ${decoded.error}`], notes: [] });
			continue;
		}
		results.push(importContent(file.name, decoded.text, ctx));
	}
	return results;
}
