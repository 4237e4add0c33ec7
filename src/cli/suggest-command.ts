/**
 * `spanwise suggest` (pre-annotate a corpus with the app's own suggestion engine) and `spanwise
 * patterns` (write a pattern file from annotated data). Loaded only for these commands: the
 * recognizers' language models are large.
 */
import { parseArgs } from 'node:util';
import { runSuggestions, type SuggestRequest } from '../lib/core/suggest/engine';
import { parsePatternFile } from '../lib/core/suggest/patterns';
import { patternsFromRecords } from '../lib/core/suggest/pattern-file';
import { suggestionsAsRecord } from '../lib/core/suggest/to-records';
import type { Suggestion } from '../lib/core/suggest/types';
import { codecNamed } from '../lib/core/codecs/formats';
import { GOLD_ANNOTATOR } from '../lib/core/layers';
import { parseInputs, type CliIO } from './cli';

function baseName(path: string): string {
	return path.split(/[\\/]/).pop() ?? path;
}

/** Runs `suggest` or `patterns`; resolves to the exit code (0 fine, 1 bad input lines, 2 usage or I/O error). */
export async function runSuggestCommand(command: 'suggest' | 'patterns', rest: readonly string[], io: CliIO): Promise<number> {
	const fail = (message: string) => {
		io.stderr(`spanwise: ${message}\n`);
		return 2;
	};
	let parsed;
	try {
		parsed = parseArgs({
			args: [...rest],
			allowPositionals: true,
			options: {
				from: { type: 'string' },
				patterns: { type: 'string', multiple: true },
				'no-builtin': { type: 'boolean', default: false },
				labels: { type: 'string' },
				layer: { type: 'string' },
				out: { type: 'string' }
			}
		});
	} catch (error) {
		return fail((error as Error).message);
	}
	const { values, positionals } = parsed;
	if (positionals.length === 0) return fail(`${command} needs an input file`);
	const input = await parseInputs(positionals, values.from, undefined, io);
	if (typeof input === 'string') return fail(input);
	for (const problem of input.problems) io.stderr(problem + '\n');
	let bad = input.problems.length > 0;

	if (command === 'patterns') {
		const layer = values.layer ?? GOLD_ANNOTATOR;
		const text = patternsFromRecords(input.records, layer);
		if (text === '') {
			const layers = [...new Set(input.records.flatMap((r) => r.spans.map((s) => s.annotator)))].sort();
			return fail(`no spans of the layer "${layer}" in the input${layers.length > 0 ? ` (its layers: ${layers.join(', ')}; say --layer NAME)` : ''}`);
		}
		if (values.out) await io.writeFile(values.out, text);
		else io.stdout(text);
		io.stderr(`spanwise: ${text.trimEnd().split('\n').length} pattern(s) from the layer "${layer}"${values.out ? ` written to ${values.out}` : ''}\n`);
		return bad ? 1 : 0;
	}

	const patterns: { name: string; text: string }[] = [];
	for (const path of values.patterns ?? []) {
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(await io.readFile(path));
		} catch (error) {
			return fail(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
		}
		const name = baseName(path);
		const { patterns: loaded, errors } = parsePatternFile(text, name);
		for (const error of errors) io.stderr(`${path}:${error.line}: ${error.message.replace(/^line \d+: /, '')}\n`);
		if (errors.length > 0) bad = true;
		if (loaded.length === 0) return fail(`${path}: no pattern can be read`);
		patterns.push({ name, text });
	}
	const labels = values.labels
		?.split(',')
		.map((l) => l.trim())
		.filter(Boolean);
	if (values['no-builtin'] && patterns.length === 0) return fail('--no-builtin leaves nothing to suggest with; give --patterns FILE');
	const request: SuggestRequest = { builtin: values['no-builtin'] ? null : {}, patterns, ...(labels && labels.length > 0 ? { labels } : {}) };
	const counts = new Map<string, number>();
	const records = input.records.map((record) => {
		const bySource = runSuggestions(record.article.text, request);
		const all: Suggestion[] = Object.values(bySource).flat();
		for (const s of all) counts.set(s.source, (counts.get(s.source) ?? 0) + 1);
		return suggestionsAsRecord(record.article, all);
	});
	const codec = codecNamed('spanwise');
	if (!codec) return fail('the spanwise format is missing');
	const data = [...codec.serialize(records, { baseName: 'suggestions' })].map((c) => c.data).join('');
	if (values.out) await io.writeFile(values.out, data);
	else io.stdout(data);
	const total = [...counts.values()].reduce((a, b) => a + b, 0);
	const bySource = [...counts].map(([source, n]) => `${source}: ${n}`).join(', ');
	io.stderr(`spanwise: ${total} suggestion(s) for ${records.length} article(s)${bySource ? ` (${bySource})` : ''}${values.out ? `, written to ${values.out}` : ''}\n`);
	return bad ? 1 : 0;
}
