/**
 * The `spanwise` command line: convert between formats, validate files (and, later, agreement).
 * Built from the same core codecs as the app. `run` takes arguments and I/O as parameters, so it is
 * tested without spawning a process; `main.ts` wires it to the real process.
 */
import { parseArgs } from 'node:util';
import type { Codec, CodecError, OffsetUnit, RelationTypeHint, SourceFile } from '../lib/core/codecs/codec';
import { CODECS, codecNamed, detectCodec } from '../lib/core/codecs/formats';
import { describeSerializeReport, emptySerializeReport } from '../lib/core/codecs/serialize-report';
import type { ArticleRecord } from '../lib/core/types';
import { agreementReport, agreementTable } from './agreement-command';

/** What the CLI needs from the outside world. */
export interface CliIO {
	readFile(path: string): Promise<Uint8Array>;
	/** Entries of a directory, or null when `path` is not a directory. */
	listDir(path: string): Promise<string[] | null>;
	writeFile(path: string, data: string): Promise<void>;
	mkdir(path: string): Promise<void>;
	stdout(data: string): void;
	stderr(data: string): void;
}

const FORMAT_LIST = CODECS.map((c) => c.name).join(', ');

export const USAGE = `Usage:
  spanwise convert --from FORMAT --to FORMAT [--offsets utf16|codepoint] [--out DIR] [--skip-bad] FILE...
  spanwise validate [--from FORMAT] [--offsets utf16|codepoint] FILE...
  spanwise agreement [--from FORMAT] [--offsets utf16|codepoint] [--table] FILE...
  spanwise formats
  spanwise suggest [--patterns FILE]... [--no-builtin] [--labels actor,figure] [--from FORMAT] INPUT... [--out FILE]
  spanwise patterns [--layer gold|NAME] [--from FORMAT] INPUT... [--out FILE]
  spanwise serve [--port 8787] [--host 127.0.0.1] [--data DIR] [--project NAME]
  spanwise team invite NAME --role annotator|reviewer|admin [--url URL]
  spanwise team revoke NAME
  spanwise team import [--from FORMAT] FILE...
  spanwise team assign --per-article K
  spanwise team export [--layer gold|NAME|all] [--to FORMAT] [--out DIR]
  spanwise team settings [--blind on|off]

Formats: ${FORMAT_LIST}. --from is detected from the files when left out.
convert writes to standard output (brat, several files per article, needs --out DIR).
Bad records are listed on standard error as FILE:LINE: reason, and the exit code is 1;
without --skip-bad nothing is written then, with it the good records are converted anyway.
--to prodigy cuts a token where a span edge falls inside it, and says how many on standard error.
Relations travel with their spans between any two formats; what the target format cannot hold
(relation notes, symmetric types, links between two annotators' spans…) is counted on standard error.
--to brat also writes an annotation.conf declaring the labels and relation types.
--offsets sets the unit of the offsets read and written by the foreign format
(defaults: doccano utf16, every other format codepoint).
agreement compares annotators: one file per annotator (spans without an annotator take the
file's name) or one file with several; prints {"labels", "overall", "pairs"} as JSON, or a
table with --table. Exact and overlap precision/recall/F1, Cohen's and Fleiss' kappa and
Krippendorff's alpha_u: see the README for the definitions. When the files have relations,
"relations" adds relation F1 per type, exact (both ends the same spans) and by overlap.
suggest pre-annotates: it writes canonical JSONL whose spans are the suggestions of the built-in
recognizers and the pattern files (Prodigy / spaCy patterns.jsonl), each span's annotator naming its
source (builtin, patterns:FILE); importing the file brings them in as suggestions. patterns writes a
pattern file with one phrase pattern per distinct span text and label of a layer (default gold).
serve runs the team server (the app and its API) on PostgreSQL: DATABASE_URL when set, else an
embedded PostgreSQL in --data (default ./spanwise-data). team commands take the same DATABASE_URL /
--data and --project (default "default"); with the embedded database they go through the running
server when there is one.
`;

function joinPath(dir: string, name: string): string {
	return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function baseName(path: string): string {
	return path.split(/[\\/]/).pop() ?? path;
}

function decode(bytes: Uint8Array, path: string): string | { error: string } {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { error: `${path}: not UTF-8 text (a binary file, or text in another encoding)` };
	}
}

/** Reads the named files (a directory stands for the files in it), decoded as UTF-8. */
async function readSources(paths: readonly string[], io: CliIO): Promise<{ files: SourceFile[]; problems: string[] }> {
	const files: SourceFile[] = [];
	const problems: string[] = [];
	for (const path of paths) {
		const entries = await io.listDir(path).catch(() => null);
		const names = entries ? entries.sort().map((e) => joinPath(path, e)) : [path];
		for (const name of names) {
			try {
				const content = decode(await io.readFile(name), name);
				if (typeof content === 'string') files.push({ name, content });
				else problems.push(content.error);
			} catch (error) {
				problems.push(`${name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
			}
		}
	}
	return { files, problems };
}

function describeError(error: CodecError, fallbackFile: string): string {
	const message = error.message.replace(/^line \d+: /, '');
	return `${error.file ?? fallbackFile}:${error.line}: ${message}`;
}

export interface Parsed {
	readonly codec: Codec;
	readonly records: ArticleRecord[];
	readonly problems: string[];
	/** What the files say of relation types (symmetric or not), passed on to the target format. */
	readonly relationTypes?: readonly RelationTypeHint[];
}

export async function parseInputs(
	paths: readonly string[],
	from: string | undefined,
	offsets: OffsetUnit | undefined,
	io: CliIO
): Promise<Parsed | string> {
	if (paths.length === 0) return 'no input file given';
	const { files, problems } = await readSources(paths, io);
	if (files.length === 0) return { codec: CODECS[0], records: [], problems } as Parsed;
	const codec = from ? codecNamed(from) : detectCodec(files[0]);
	if (!codec) return from ? `unknown format "${from}" (known: ${FORMAT_LIST})` : `cannot tell the format of ${files[0].name}; say --from`;
	const result = codec.parse(files, { now: Date.now(), annotator: 'annotator', source: baseName(files[0].name), offsets });
	for (const error of result.errors) problems.push(describeError(error, files[0].name));
	return { codec, records: result.records, problems, relationTypes: result.relationTypes };
}

function parseOffsets(value: string | undefined): OffsetUnit | undefined | { error: string } {
	if (value === undefined) return undefined;
	if (value === 'utf16' || value === 'codepoint') return value;
	return { error: `--offsets must be utf16 or codepoint, not "${value}"` };
}

/**
 * Runs the command line; resolves to the exit code (0 fine, 1 bad records, 2 usage or I/O error).
 * `serve` resolves when the server stops. `env` gives `DATABASE_URL` (and `SPANWISE_URL`).
 */
export async function run(argv: readonly string[], io: CliIO, env: Readonly<Record<string, string | undefined>> = {}): Promise<number> {
	const [command, ...rest] = argv;
	const fail = (message: string) => {
		io.stderr(`spanwise: ${message}\n`);
		return 2;
	};
	if (!command || command === '--help' || command === '-h' || command === 'help') {
		io.stdout(USAGE);
		return command ? 0 : 2;
	}
	if (command === 'formats') {
		for (const c of CODECS) io.stdout(`${c.name.padEnd(12)} ${c.title}; offsets ${c.defaultOffsets}; a round trip loses ${c.loses}\n`);
		return 0;
	}
	if (command === 'serve' || command === 'team') {
		// The team server and its database clients load only for these commands.
		const { runServerCommand } = await import('../server/cli');
		return runServerCommand(command, rest, io, env);
	}
	if (command === 'suggest' || command === 'patterns') {
		const { runSuggestCommand } = await import('./suggest-command');
		return runSuggestCommand(command, rest, io);
	}
	if (command !== 'convert' && command !== 'validate' && command !== 'agreement') return fail(`unknown command "${command}"\n${USAGE}`);

	let parsed;
	try {
		parsed = parseArgs({
			args: [...rest],
			allowPositionals: true,
			options: {
				from: { type: 'string' },
				to: { type: 'string' },
				offsets: { type: 'string' },
				out: { type: 'string' },
				'skip-bad': { type: 'boolean', default: false },
				table: { type: 'boolean', default: false }
			}
		});
	} catch (error) {
		return fail(`${(error as Error).message}\n${USAGE}`);
	}
	const { values, positionals } = parsed;
	const offsets = parseOffsets(values.offsets);
	if (typeof offsets === 'object') return fail(offsets.error);

	if (command === 'agreement') {
		if (positionals.length === 0) return fail('no input file given');
		const { files, problems: readProblems } = await readSources(positionals, io);
		const { report, problems } = agreementReport({ files, from: values.from, offsets });
		for (const problem of [...readProblems, ...problems]) io.stderr(problem + '\n');
		if (values.table) io.stdout(agreementTable(report));
		else {
			const relations = report.relations ? { relations: report.relations } : {};
			io.stdout(JSON.stringify({ labels: report.labels, overall: report.overall, pairs: report.pairs, annotators: report.annotators, ...relations }, null, 2) + '\n');
		}
		return readProblems.length + problems.length > 0 ? 1 : 0;
	}

	if (command === 'validate') {
		const input = await parseInputs(positionals, values.from, offsets, io);
		if (typeof input === 'string') return fail(input);
		for (const problem of input.problems) io.stderr(problem + '\n');
		const spans = input.records.reduce((n, r) => n + r.spans.length, 0);
		const relations = input.records.reduce((n, r) => n + (r.relations?.length ?? 0), 0);
		const verdict = input.problems.length === 0 ? 'valid' : `${input.problems.length} bad`;
		io.stdout(`${input.codec.name}: ${input.records.length} good records, ${spans} spans${relations > 0 ? `, ${relations} relations` : ''}; ${verdict}\n`);
		return input.problems.length === 0 ? 0 : 1;
	}

	if (!values.to) return fail('convert needs --to FORMAT');
	const target = codecNamed(values.to);
	if (!target) return fail(`unknown format "${values.to}" (known: ${FORMAT_LIST})`);
	if (target.multiFile && !values.out) return fail(`${target.name} writes several files per article; say --out DIR`);
	const input = await parseInputs(positionals, values.from, offsets, io);
	if (typeof input === 'string') return fail(input);
	for (const problem of input.problems) io.stderr(problem + '\n');
	const bad = input.problems.length > 0;
	if (bad && !values['skip-bad']) {
		io.stderr(`spanwise: ${input.problems.length} bad record(s); nothing written (--skip-bad converts the good ones)\n`);
		return 1;
	}
	await writeOutput(input.records, target, { offsets, out: values.out, relationTypes: input.relationTypes }, io);
	return bad ? 1 : 0;
}

/** Writes `records` in `target`'s format to standard output, or as files into `out`; says on standard error what the format had to adapt. */
export async function writeOutput(
	records: readonly ArticleRecord[],
	target: Codec,
	options: { offsets?: OffsetUnit; out?: string; relationTypes?: readonly RelationTypeHint[] },
	io: CliIO
): Promise<void> {
	const { offsets, relationTypes } = options;
	const report = emptySerializeReport();
	const chunks = target.serialize(records, { offsets, baseName: 'export', report, relationTypes });
	const values = { out: options.out };
	if (values.out) {
		await io.mkdir(values.out);
		const byFile = new Map<string, string[]>();
		for (const chunk of chunks) {
			let parts = byFile.get(chunk.file);
			if (!parts) byFile.set(chunk.file, (parts = []));
			parts.push(chunk.data);
		}
		for (const [file, parts] of byFile) await io.writeFile(joinPath(values.out, file), parts.join(''));
		io.stderr(`spanwise: wrote ${byFile.size} file(s) to ${values.out}\n`);
	} else {
		for (const chunk of chunks) io.stdout(chunk.data);
	}
	const adapted = describeSerializeReport(report);
	if (adapted) io.stderr(`spanwise: ${adapted}\n`);
}
