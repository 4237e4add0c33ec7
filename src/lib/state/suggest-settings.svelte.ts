/**
 * The workspace's suggestion sources: preferences (sources on or off per label, the recognizers'
 * choices), the pattern files imported in Settings, the engine (a worker, made on first use), and
 * corpus-wide pre-annotation with progress and Cancel.
 */
import { builtinMaker, BUILTIN_SOURCE, patternSource } from '$lib/core/suggest/sources';
import type { SuggestRequest } from '$lib/core/suggest/engine';
import { DEFAULT_SUGGEST_PREFS, preannotationWorkers, readSuggestPrefs, type SuggestPrefs } from '$lib/core/suggest/settings';
import { parsePatternFile } from '$lib/core/suggest/patterns';
import { packSuggestions, type PackedSuggestions } from '$lib/core/suggest/packed';
import type { RecordError } from '$lib/core/types';
import { textHash } from '$lib/core/text/hash';
import { articlesWithoutSuggestions, listTextIds, readSetting, readTexts, removeSuggestionSource, writeSetting, writeSuggestions, type SpanwiseDB } from '$lib/db';
import { SuggestEngineClient, dropPrestartedWorker } from '$lib/suggest/engine-client';
import type { MentionsWorkerReply, MentionsWorkerRequest } from '$lib/suggest/mentions.worker';

/** A pattern file as stored: its text, read again when used (the good lines load; bad ones were reported). */
export interface PatternFile {
	readonly name: string;
	readonly text: string;
	/** How many patterns loaded, and the problems of the lines that did not. */
	readonly patterns: number;
	readonly errors: readonly RecordError[];
	readonly importedAt: number;
}

/** Largest pattern file kept (a settings row holds it). */
const MAX_PATTERN_FILE = 5_000_000;

export class SuggestSettings {
	readonly #db: () => SpanwiseDB;
	#prefs = $state.raw<SuggestPrefs>(DEFAULT_SUGGEST_PREFS);
	#files = $state.raw<readonly PatternFile[]>([]);
	#engine: SuggestEngineClient | null = null;
	/** Corpus-wide pre-annotation in progress: how far, or null. */
	#corpus = $state.raw<{ done: number; total: number } | null>(null);
	#cancelled = false;

	constructor(db: () => SpanwiseDB) {
		this.#db = db;
	}

	async load(): Promise<void> {
		const db = this.#db();
		this.#prefs = readSuggestPrefs(await readSetting<unknown>(db, 'suggestPrefs', null));
		const files = await readSetting<unknown>(db, 'patternFiles', []);
		this.#files = Array.isArray(files) ? files.filter((f): f is PatternFile => typeof f?.name === 'string' && typeof f?.text === 'string') : [];
		// A worker started with the app (on an article's address) is not wanted when every source is off.
		if (this.makers().length === 0) dropPrestartedWorker();
	}

	get prefs(): SuggestPrefs {
		return this.#prefs;
	}

	async setPrefs(prefs: SuggestPrefs): Promise<void> {
		this.#prefs = prefs;
		await writeSetting(this.#db(), 'suggestPrefs', prefs);
	}

	get patternFiles(): readonly PatternFile[] {
		return this.#files;
	}

	/**
	 * Reads a patterns.jsonl file and keeps it (replacing one of the same name). Lines that cannot be
	 * read are reported by number; the others load. Returns the stored file, or an error for a file
	 * that has no pattern at all or is too large (nothing is changed then).
	 */
	async importPatternFile(name: string, text: string): Promise<{ ok: PatternFile } | { error: string }> {
		if (text.length > MAX_PATTERN_FILE) return { error: `${name} is larger than ${MAX_PATTERN_FILE / 1_000_000} MB.` };
		const parsed = parsePatternFile(text, name);
		if (parsed.patterns.length === 0) {
			const first = parsed.errors.slice(0, 3).map((e) => e.message).join('; ');
			return { error: `${name} has no pattern that can be read${first ? `: ${first}` : ' (it is empty)'}.` };
		}
		const file: PatternFile = { name, text, patterns: parsed.patterns.length, errors: parsed.errors.slice(0, 50), importedAt: Date.now() };
		const files = [...this.#files.filter((f) => f.name !== name), file];
		await writeSetting(this.#db(), 'patternFiles', files);
		// Its earlier matches were made by the old text: they are made again when articles open.
		await removeSuggestionSource(this.#db(), patternSource(name));
		this.#files = files;
		return { ok: file };
	}

	/** Removes a pattern file and its suggestions (decisions on them stay, should it come back). */
	async removePatternFile(name: string): Promise<void> {
		const files = this.#files.filter((f) => f.name !== name);
		await writeSetting(this.#db(), 'patternFiles', files);
		await removeSuggestionSource(this.#db(), patternSource(name));
		this.#files = files;
	}

	/** The engine's sources that are on, each with the maker its stored suggestions must have. */
	makers(): { source: string; maker: string }[] {
		const prefs = this.#prefs;
		const on = (source: string) => !prefs.off.includes(source);
		const out: { source: string; maker: string }[] = [];
		if (on(BUILTIN_SOURCE)) out.push({ source: BUILTIN_SOURCE, maker: builtinMaker(this.#builtinOptions()) });
		for (const file of this.#files) if (on(patternSource(file.name))) out.push({ source: patternSource(file.name), maker: `patterns-${textHash(file.text)}` });
		return out;
	}

	#builtinOptions() {
		return { personTitle: this.#prefs.personTitle, countNoun: this.#prefs.countNoun };
	}

	#request(sources: readonly string[]): SuggestRequest {
		return {
			builtin: sources.includes(BUILTIN_SOURCE) ? this.#builtinOptions() : null,
			patterns: this.#files.filter((f) => sources.includes(patternSource(f.name))).map((f) => ({ name: f.name, text: f.text }))
		};
	}

	/** Starts the engine's worker ahead of need (an article is opening) when a source of it is on. */
	warm(): void {
		if (this.makers().length === 0) return;
		this.#engine ??= new SuggestEngineClient();
		this.#engine.warm();
	}

	/** Runs the engine's `sources` over `text` in the worker: suggestions by source, packed. */
	run(text: string, sources: readonly string[]): Promise<Record<string, PackedSuggestions>> {
		this.#engine ??= new SuggestEngineClient();
		return this.#engine.run(text, this.#request(sources));
	}

	// —— the whole corpus ——

	get corpusProgress(): { done: number; total: number } | null {
		return this.#corpus;
	}

	/**
	 * Makes the engine's suggestions for every article that lacks current ones, in workers (the
	 * engine's own and, on a machine with more cores, more of them, each taking the next article),
	 * stored as each article is done, so a Cancel keeps what was made. Returns how many articles
	 * were done, and whether it was cancelled.
	 */
	async preannotateCorpus(): Promise<{ done: number; total: number; cancelled: boolean }> {
		const db = this.#db();
		const makers = this.makers();
		this.#cancelled = false;
		const ids = await listTextIds(db);
		const todo = new Map<string, string[]>();
		for (const { source, maker } of makers) for (const id of await articlesWithoutSuggestions(db, ids, source, maker)) todo.set(id, [...(todo.get(id) ?? []), source]);
		const list = [...todo];
		this.#corpus = { done: 0, total: list.length };
		this.#preannotating = true;
		this.#engine ??= new SuggestEngineClient();
		const lanes = Math.min(list.length, preannotationWorkers(globalThis.navigator?.hardwareConcurrency));
		this.#helpers = Array.from({ length: Math.max(0, lanes - 1) }, () => new SuggestEngineClient());
		const engines = [this.#engine, ...this.#helpers];
		let next = 0;
		let done = 0;
		const lane = async (engine: SuggestEngineClient) => {
			while (!this.#cancelled && next < list.length) {
				const [id, sources] = list[next++];
				const [row] = await readTexts(db, [id]);
				if (!row) continue;
				const made = await engine.run(row.text, this.#request(sources));
				const hash = textHash(row.text);
				const now = Date.now();
				for (const source of sources) {
					const maker = makers.find((m) => m.source === source)?.maker ?? '';
					await writeSuggestions(db, { articleId: id, source, textHash: hash, maker, packed: made[source] ?? packSuggestions(source, []), madeAt: now });
				}
				done += 1;
				this.#corpus = { done, total: list.length };
			}
		};
		try {
			// Every lane runs to its end (a failed one stops the others at their next article) before the result is known.
			const stopOthers = (error: unknown) => {
				this.#cancelled = true;
				throw error;
			};
			const ends = await Promise.allSettled(engines.map((engine) => lane(engine).catch(stopOthers)));
			const failed = ends.find((e): e is PromiseRejectedResult => e.status === 'rejected');
			if (failed && !this.#stoppedByUser) throw failed.reason;
		} finally {
			for (const helper of this.#helpers) helper.cancel();
			this.#helpers = [];
			this.#corpus = null;
			this.#preannotating = false;
		}
		const cancelled = this.#stoppedByUser;
		this.#stoppedByUser = false;
		return { done, total: list.length, cancelled };
	}

	/**
	 * "Tag all mentions" in the whole corpus: every whole-token occurrence of `phrase` in every article
	 * becomes a `mentions` suggestion of `label` (except the span at `except`), found and stored by a
	 * worker (`mentions.worker.ts`), so the page stays free however large the corpus. Progress as
	 * `corpusProgress`; Cancel keeps what was found. Returns how many suggestions were new, in how
	 * many articles.
	 */
	async mentionsInCorpus(phrase: string, label: string, except: { articleId: string; start: number }): Promise<{ added: number; articles: number; cancelled: boolean }> {
		const dbName = this.#db().name;
		this.#corpus = { done: 0, total: 0 };
		const worker = this.#makeMentionsWorker();
		this.#mentionsWorker = worker;
		try {
			return await new Promise((resolve, reject) => {
				worker.onmessage = ({ data }: MessageEvent<MentionsWorkerReply>) => {
					if (data.type === 'progress') this.#corpus = { done: data.done, total: data.total };
					else if (data.type === 'done') resolve({ added: data.added, articles: data.articles, cancelled: data.stopped });
					else reject(new Error(data.message));
				};
				worker.onerror = (event) => {
					event.preventDefault();
					reject(new Error(event.message || 'the mention search stopped'));
				};
				const request: MentionsWorkerRequest = { type: 'search', dbName, search: { phrase, label, caseMode: this.#prefs.mentionsCase, except } };
				worker.postMessage(request);
			});
		} finally {
			worker.terminate();
			this.#mentionsWorker = null;
			this.#corpus = null;
		}
	}
	#mentionsWorker: Worker | null = null;
	#makeMentionsWorker(): Worker {
		return new Worker(new URL('../suggest/mentions.worker.ts', import.meta.url), { type: 'module' });
	}

	/**
	 * Stops corpus-wide work (articles done so far keep their suggestions). Pre-annotation's article
	 * in the worker is dropped too (the worker starts again when next needed); a mention search
	 * stops after its batch.
	 */
	cancelCorpus(): void {
		this.#cancelled = true;
		const stop: MentionsWorkerRequest = { type: 'stop' };
		this.#mentionsWorker?.postMessage(stop);
		if (this.#preannotating) {
			this.#stoppedByUser = true;
			this.#engine?.cancel();
			for (const helper of this.#helpers) helper.cancel();
		}
	}
	#preannotating = false;
	/** Cancel was pressed during the pre-annotation running now. */
	#stoppedByUser = false;
	/** The pre-annotation's workers besides the engine's own, while it runs. */
	#helpers: SuggestEngineClient[] = [];

	destroy(): void {
		this.#engine?.cancel();
		this.#engine = null;
	}
}
