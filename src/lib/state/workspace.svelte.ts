import { SuggestSettings } from './suggest-settings.svelte';
import { predictionSource } from '$lib/core/layers';
import { getContext, setContext } from 'svelte';
import { quoted } from '$lib/core/text/isolate';
import type { AnnotationEdit, ArticleRecord, ArticleStatus, Label, RelationType } from '$lib/core/types';
import { DEFAULT_LABELS, nextLabelColor } from '$lib/core/labels/defaults';
import { DEFAULT_RELATION_TYPES, checkRelationType } from '$lib/core/relations/defaults';
import { parseThemeChoice, type ThemeChoice } from '$lib/core/theme/themes';
import { exportFileName, safeFileName, type ExportScope } from '$lib/core/codecs/filename';
import { parseTitle } from '$lib/core/articles/title';
import { relationSummary, renewedDetails, renewedSummary } from '$lib/core/merge/report';
import { describeIdRenewal } from '$lib/core/merge/unused-ids';
import {
	openDatabase,
	schemaProblem,
	listLabels,
	saveLabels,
	renameLabel,
	readSetting,
	writeSetting,
	seedIfEmpty,
	createArticles,
	updateArticleStatus,
	updateArticleTitle,
	countLabelSpans,
	deleteLabel,
	undoLabelDeletion,
	destroyArticle,
	restoreArticle,
	commitEdits,
	listRelationTypes,
	saveRelationTypes,
	renameRelationType,
	deleteRelationType,
	undoRelationTypeDeletion,
	listAnnotators,
	renameAnnotator,
	type SpanwiseDB,
	type ArticleRow
} from '$lib/db';
import { watchArticles, type ArticleChanges } from '$lib/db/live';
import { followStatuses } from '$lib/core/articles/work-list';
import { readRawDatabase } from '$lib/db/raw-export';
import type { FileImport } from '$lib/import/import-files';
import { isCorpusFile } from '$lib/import/corpus-reader';
import { CorpusImport } from './corpus-import.svelte';
import { downloadFile } from '$lib/export/download';
import type { ExportMessage, ExportRequest } from '$lib/export/export.worker';
import type { FormatName } from '$lib/core/codecs/codec';
import { describeSerializeReport } from '$lib/core/codecs/serialize-report';
import { sampleCorpus } from '$lib/samples/sample-corpus';
import { Notices } from './notices.svelte';
import { Saver, type SaveStatus } from './saver';
import { SnapshotKeeper } from './snapshots';
import { Journal, replayJournal } from './journal';
import { LibraryState } from './library-state.svelte';
import { TeamSync, teamCookiePresent } from '$lib/sync/team-sync.svelte';

/** The name new users work under until they give theirs; the sample corpus's spans are theirs. */
export const DEFAULT_ANNOTATOR = 'annotator';

/**
 * The user's workspace: the database, labels, who is annotating, preferences, the library list,
 * and the one place annotation edits are persisted from (`saver`).
 */
export class Workspace {
	readonly db: SpanwiseDB;
	readonly dbName: string;
	readonly notices = new Notices();
	/** The library's filter, sort, counts layer and work list, kept for this tab across pages. */
	readonly library = new LibraryState(typeof sessionStorage === 'undefined' ? null : sessionStorage);
	/** Suggestion sources: preferences, pattern files, the engine, corpus-wide pre-annotation. */
	readonly suggest = new SuggestSettings(() => this.db);
	#corpusImport = $state.raw<CorpusImport | null>(null);
	#exportWorker = $state.raw<Worker | null>(null);
	#cancelExport: (() => void) | null = null;
	/** The revision each article reached with this tab's last committed edit. */
	readonly #committed = new Map<string, number>();
	readonly #conflictListeners = new Set<(articleId: string) => void>();
	readonly #journal = new Journal(typeof localStorage === 'undefined' ? null : localStorage);
	#ready = $state(false);
	#fatal = $state<string | null>(null);
	#labels = $state.raw<readonly Label[]>(DEFAULT_LABELS);
	#relationTypes = $state.raw<readonly RelationType[]>(DEFAULT_RELATION_TYPES);
	#annotator = $state(DEFAULT_ANNOTATOR);
	#annotatorChosen = $state(true);
	#lastBackupAt = $state<number | null>(null);
	#blocked = $state(false);
	#snapWords = $state(true);
	#theme = $state<ThemeChoice>('system');
	#articles = $state.raw<readonly ArticleRow[]>([]);
	/** The same rows by id: changed in place with the list (read through `articleRow`). */
	readonly #rowsById = new Map<string, ArticleRow>();
	/**
	 * Each article's status, by id: a new map only when an article comes, goes or changes status, so
	 * what depends on statuses alone (the article page's "x of N done") is not worked out again on
	 * every save (each save changes its article's row).
	 */
	#statuses = $state.raw<ReadonlyMap<string, ArticleStatus>>(new Map());
	#articlesLoaded = $state(false);
	#saveStatus = $state.raw<SaveStatus>({ kind: 'saved' });
	#busy = $state<string | null>(null);
	#persisted = $state<boolean | null>(null);
	readonly saver: Saver;
	/** Keeps long articles' span snapshots current (see SnapshotKeeper). */
	readonly snapshots: SnapshotKeeper;
	#unwatch: (() => void) | null = null;
	/** The team server this browser is bound to (null: none, the app is on its own). */
	#team = $state.raw<TeamSync | null>(null);

	constructor(dbName = 'spanwise') {
		this.dbName = dbName;
		this.db = openDatabase(dbName);
		this.saver = new Saver(
			(articleId, edits) => this.#commit(articleId, edits, Date.now()),
			(status) => {
				// Say it once, when saving starts failing: what happened and what to do.
				if (status.kind === 'failed' && this.#saveStatus.kind !== 'failed') {
					this.notices.error(`Your last changes are not saved: ${status.message}`, {
						scope: 'app',
						action: { label: 'Retry', run: () => void this.saver.retry() }
					});
				}
				this.#saveStatus = status;
			},
			(articleId) => this.#conflictListeners.forEach((listener) => listener(articleId)),
			this.#journal
		);
		this.snapshots = new SnapshotKeeper(dbName, () => this.saver.pending);
	}

	get ready() {
		return this.#ready;
	}
	/** True while another tab keeps the database from opening (an older version of Spanwise). */
	get blocked() {
		return this.#blocked;
	}
	/** Set when the database cannot be used at all: the app shows a recovery screen. */
	get fatal() {
		return this.#fatal;
	}
	get labels() {
		return this.#labels;
	}
	get annotator() {
		return this.#annotator;
	}
	/** False until the user has said who they are (the first-run question). */
	get annotatorChosen() {
		return this.#annotatorChosen;
	}
	get snapWords() {
		return this.#snapWords;
	}
	/** Light, dark, or following the system (Settings → Appearance). */
	get theme(): ThemeChoice {
		return this.#theme;
	}
	get articles() {
		return this.#articles;
	}
	/** The library row of article `id` (undefined: none), in O(1); changes with `articles`. */
	articleRow(id: string): ArticleRow | undefined {
		void this.#articles;
		return this.#rowsById.get(id);
	}
	/**
	 * Calls `listener` with article `id`'s row each time it changes in storage — from this tab, another
	 * tab or a worker (undefined: deleted) — as the library list learns of it (one read for both).
	 * Not called with the row as it is now. Returns the function that stops it.
	 */
	followArticleRow(id: string, listener: (row: ArticleRow | undefined) => void): () => void {
		let set = this.#rowFollowers.get(id);
		if (!set) this.#rowFollowers.set(id, (set = new Set()));
		set.add(listener);
		return () => {
			set.delete(listener);
			if (set.size === 0 && this.#rowFollowers.get(id) === set) this.#rowFollowers.delete(id);
		};
	}
	readonly #rowFollowers = new Map<string, Set<(row: ArticleRow | undefined) => void>>();

	/** Every article's status by id (see `#statuses`). */
	get statuses(): ReadonlyMap<string, ArticleStatus> {
		return this.#statuses;
	}
	get articlesLoaded() {
		return this.#articlesLoaded;
	}
	get saveStatus() {
		return this.#saveStatus;
	}
	/** What long work is under way ("Importing 3 files…"), or null. */
	get busy() {
		return this.#busy;
	}
	/** The corpus import under way (reading, waiting for the user's choice, or writing), if any. */
	get corpusImport() {
		return this.#corpusImport;
	}
	/** Whether the browser granted persistent storage (null: not known yet). */
	get persisted() {
		return this.#persisted;
	}

	/** Opens the database, seeds the samples on first run, loads labels and settings. */
	async init(): Promise<void> {
		try {
			// Another tab holding an older version of the database open keeps this one from upgrading:
			// say so (the open goes on by itself once that tab lets go).
			this.db.on('blocked', () => {
				this.#blocked = true;
			});
			await this.db.open();
			this.#blocked = false;
			const problem = schemaProblem(this.db);
			if (problem) {
				this.db.close();
				this.#fatal = `The stored data was written by a different version of Spanwise and cannot be used as it is (${problem}). It has not been changed.`;
				return;
			}
			// Opened from a team server that signed this browser in: edits from now on also go to its outbox.
			if (teamCookiePresent()) this.#team = new TeamSync(this.db, { onError: (m) => this.notices.error(m) });
			if (!this.#team) await seedIfEmpty(this.db, sampleCorpus(Date.now(), DEFAULT_ANNOTATOR));
			await this.#replayJournal();
			this.#labels = await listLabels(this.db);
			this.#relationTypes = await listRelationTypes(this.db);
			const chosen = await readSetting<string | null>(this.db, 'annotator', null);
			this.#annotator = chosen ?? DEFAULT_ANNOTATOR;
			this.#annotatorChosen = chosen !== null;
			this.#snapWords = await readSetting(this.db, 'snapWords', true);
			this.#theme = parseThemeChoice(await readSetting<unknown>(this.db, 'theme', 'system'));
			this.#lastBackupAt = await readSetting<number | null>(this.db, 'lastBackupAt', null);
			await this.suggest.load();
		} catch (error) {
			this.#fatal = `The local database could not be opened: ${(error as Error)?.message ?? error}`;
			return;
		}
		this.#watch();
		this.#ready = true;
		this.#requestPersistence();
		if (this.#team) void this.#startTeam(this.#team);
	}

	async #importToProject(team: TeamSync, files: readonly File[]): Promise<void> {
		this.#busy = `Adding ${files.length} file${files.length === 1 ? '' : 's'} to the project ${quoted(team.member?.project ?? '')}…`;
		try {
			const summary = await team.importToProject(await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() }))));
			const n = summary.added;
			this.notices.show(
				summary.problems.length > 0 ? 'error' : 'success',
				`Added ${n} article${n === 1 ? '' : 's'} to the project (${summary.spans} spans, ${summary.relations} relations); ${summary.skipped} already there.${describeIdRenewal(summary.spanIdsRenewed ?? 0, summary.relationIdsRenewed ?? 0)}${summary.problems.length > 0 ? ` Not added: ${summary.problems.slice(0, 5).join('; ')}${summary.problems.length > 5 ? ` …and ${summary.problems.length - 5} more` : ''}` : ''}`
			);
		} catch (error) {
			this.notices.error(`The files could not be added to the project: ${(error as Error).message}. Nothing was changed.`);
		} finally {
			this.#busy = null;
		}
	}

	/** The team server, when this browser is bound to one: its member, and the sync status. */
	get team(): TeamSync | null {
		return this.#team;
	}

	/** Signs in to the team server and pulls: you annotate as the member the join link named, with the project's labels. */
	async #startTeam(team: TeamSync): Promise<void> {
		const member = await team.start({
			// The project's schema, taken as it is (not shared back).
			onSchema: async (labels, types) => {
				if (labels.length > 0) {
					await saveLabels(this.db, labels);
					this.#labels = labels;
				}
				await saveRelationTypes(this.db, types);
				this.#relationTypes = types;
			}
		});
		if (member && member.name !== this.#annotator) await this.setAnnotator(member.name);
	}

	/**
	 * Writes the edits a page journaled but could not commit before it went away (reload, navigation,
	 * closing). An edit that did commit after all, or that another tab has since overtaken, is refused
	 * by the conflict check and skipped; one that cannot be written now is journaled again.
	 */
	async #replayJournal(): Promise<void> {
		const { written, failed } = await replayJournal(this.#journal, (articleId, edits, at) => this.#commit(articleId, edits, at));
		if (written > 0) this.notices.info(`Saved ${written} change${written === 1 ? '' : 's'} made just before the page last closed.`);
		if (failed.length > 0) this.notices.error(`Some unsaved changes could not be written yet: ${failed[0]}`);
	}

	/** Keeps the library list live (this tab, other tabs, the import worker). */
	#watch(): void {
		this.#unwatch?.();
		this.#unwatch = watchArticles(
			this.db,
			(rows, changed) => {
				this.#followRows(rows, changed);
				this.#articles = rows;
				this.#articlesLoaded = true;
				for (const id of changed ? changed.ids : [...this.#rowFollowers.keys()]) {
					const row = this.#rowsById.get(id);
					for (const listener of [...(this.#rowFollowers.get(id) ?? [])]) listener(row);
				}
			},
			(error) => this.notices.error(`The library could not be read: ${(error as Error).message}`)
		);
	}

	/** Brings the by-id map and the statuses up to date with a new list (`changed`: its changed rows; null: all). */
	#followRows(rows: readonly ArticleRow[], changed: ArticleChanges | null): void {
		if (changed === null) {
			this.#rowsById.clear();
			for (const row of rows) this.#rowsById.set(row.id, row);
		} else {
			changed.ids.forEach((id, i) => {
				const row = changed.rows[i];
				if (row) this.#rowsById.set(id, row);
				else this.#rowsById.delete(id);
			});
		}
		this.#statuses = followStatuses(this.#statuses, rows, changed);
	}

	/** Labels and preferences as stored (after an import that may have restored a backup). */
	async #reloadPreferences(): Promise<void> {
		this.#labels = await listLabels(this.db);
		this.#relationTypes = await listRelationTypes(this.db);
		const chosen = await readSetting<string | null>(this.db, 'annotator', null);
		if (chosen !== null) {
			this.#annotator = chosen;
			this.#annotatorChosen = true;
		}
		this.#snapWords = await readSetting(this.db, 'snapWords', this.#snapWords);
		this.#theme = parseThemeChoice(await readSetting<unknown>(this.db, 'theme', this.#theme));
		this.#lastBackupAt = await readSetting<number | null>(this.db, 'lastBackupAt', this.#lastBackupAt);
		await this.suggest.load();
	}

	async #requestPersistence(): Promise<void> {
		try {
			if (navigator.storage?.persist) this.#persisted = await navigator.storage.persist();
		} catch {
			this.#persisted = false;
		}
	}

	destroy(): void {
		this.#unwatch?.();
		this.snapshots.destroy();
		this.suggest.destroy();
		this.db.close();
	}

	/** The label a key tags with (label keys are case-sensitive as typed). */
	labelForKey(key: string): string | undefined {
		return this.#labels.find((l) => l.hotkey !== '' && l.hotkey === key)?.name;
	}

	labelNamed(name: string): Label | undefined {
		return this.#labels.find((l) => l.name === name);
	}

	/** The relation types, in their order (the Settings page edits them with `setRelationTypes`). */
	get relationTypes(): readonly RelationType[] {
		return this.#relationTypes;
	}

	/** The relation type a key picks (case-sensitive as typed), if any. */
	relationTypeForKey(key: string): RelationType | undefined {
		return this.#relationTypes.find((t) => t.hotkey !== '' && t.hotkey === key);
	}

	relationTypeNamed(name: string): RelationType | undefined {
		return this.#relationTypes.find((t) => t.name === name);
	}

	/** Replaces the relation type list (check each with `checkRelationType` first); relations keep their type names. */
	async setRelationTypes(types: readonly RelationType[]): Promise<void> {
		await saveRelationTypes(this.db, types);
		this.#relationTypes = types;
		this.#shareSchema();
	}

	/**
	 * Saves relation type `from` as `type` (renaming its links when the name changed), after the same
	 * checks as every type (name, key, colour, labels). Returns the reason it was refused, or null.
	 */
	async updateRelationType(from: string, type: RelationType): Promise<string | null> {
		const problem = checkRelationType(type, this.#relationTypes, this.labels, from);
		if (problem) return problem;
		if (type.name !== from) await this.renameRelationType(from, type.name);
		await this.setRelationTypes(this.#relationTypes.map((t) => (t.name === type.name || t.name === from ? type : t)));
		return null;
	}

	/** Adds a relation type `name` on key `hotkey`: any labels at either end, directed, several per head. */
	async addRelationType(name: string, hotkey: string): Promise<string | null> {
		const type: RelationType = {
			name: name.trim(),
			hotkey,
			color: nextLabelColor(this.#relationTypes.map((t) => t.color)),
			description: '',
			headLabels: [],
			tailLabels: [],
			directed: true,
			onePerHead: false
		};
		const problem = checkRelationType(type, this.#relationTypes, this.labels);
		if (problem) return problem;
		await this.setRelationTypes([...this.#relationTypes, type]);
		return null;
	}

	/** Renames a relation type and every relation that has it; returns how many relations changed. */
	/**
	 * Renames and deletions that rewrite many stored spans at once do not go through the outbox yet: in a
	 * team project they are refused (the server's spans would no longer match this browser's).
	 */
	#teamRefusal(what: string): string | null {
		return this.#team ? `In a team project, ${what} is not available yet: it would change spans here that the team server does not know of. Nothing was changed.` : null;
	}

	async renameRelationType(from: string, to: string): Promise<number> {
		const refused = this.#teamRefusal('renaming a relation type');
		if (refused) throw new RangeError(refused);
		const changed = await renameRelationType(this.db, from, to);
		this.#relationTypes = await listRelationTypes(this.db);
		return changed;
	}

	/**
	 * Deletes relation type `name`, and with `withRelations` its relations in every article, with a
	 * notice whose Undo puts them back. Returns whether it was deleted.
	 */
	async deleteRelationType(name: string, withRelations: boolean): Promise<boolean> {
		const refused = this.#teamRefusal('deleting a relation type');
		if (refused) {
			this.notices.error(refused);
			return false;
		}
		try {
			const deletion = await deleteRelationType(this.db, name, withRelations);
			this.#relationTypes = await listRelationTypes(this.db);
			const n = deletion.relations.length;
			const links = withRelations ? ` and its ${n} link${n === 1 ? '' : 's'}` : '; its links keep the name';
			this.notices.info(`Deleted the relation type ${quoted(name)}${links}.`, {
				timeout: 20000,
				scope: 'app',
				action: {
					label: 'Undo',
					run: () => {
						undoRelationTypeDeletion(this.db, deletion).then(
							async () => {
								this.#relationTypes = await listRelationTypes(this.db);
								this.notices.info(`Restored the relation type ${quoted(name)}${withRelations ? ` and its links` : ''}.`);
							},
							(error) => this.notices.error(`The relation type could not be restored: ${(error as Error).message}`)
						);
					}
				}
			});
			return true;
		} catch (error) {
			this.notices.error(`The relation type ${quoted(name)} was not deleted: ${(error as Error).message}`);
			return false;
		}
	}

	async setLabels(labels: readonly Label[]): Promise<void> {
		await saveLabels(this.db, labels);
		this.#labels = labels;
		this.#shareSchema();
	}

	/**
	 * An admin of a team project: the labels and relation types as they are here become the project's.
	 * (Everyone else's browser takes the project's at every sync.)
	 */
	#shareSchema(): void {
		const team = this.#team;
		if (team?.member?.role !== 'admin') return;
		team.pushSchema(this.#labels, this.#relationTypes).catch((error) => this.notices.error(`The labels could not be shared with the project: ${(error as Error).message}`));
	}

	/** Renames a label and every span that has it; returns how many spans changed. */
	async renameLabel(from: string, to: string): Promise<number> {
		const refused = this.#teamRefusal('renaming a label');
		if (refused) throw new RangeError(refused);
		const changed = await renameLabel(this.db, from, to);
		this.#labels = await listLabels(this.db);
		this.#shareSchema();
		// Relation types name labels as their allowed ends: the rename follows there.
		this.#relationTypes = await listRelationTypes(this.db);
		return changed;
	}

	/** Switches who you annotate as (several annotators can share one browser); spans keep their names. */
	async setAnnotator(name: string): Promise<void> {
		await writeSetting(this.db, 'annotator', name);
		this.#annotator = name;
		this.#annotatorChosen = true;
	}

	/** Renames an annotator: their spans follow; if it is you, you keep working under the new name. */
	async renameAnnotator(from: string, to: string): Promise<number> {
		const refused = this.#teamRefusal('renaming an annotator');
		if (refused) throw new RangeError(refused);
		const changed = await renameAnnotator(this.db, from, to);
		if (from === this.#annotator) await this.setAnnotator(to);
		return changed;
	}

	/** Who has spans here, with how many articles each. */
	listAnnotators(): Promise<{ name: string; articles: number }[]> {
		return listAnnotators(this.db);
	}

	async setSnapWords(on: boolean): Promise<void> {
		this.#snapWords = on;
		await writeSetting(this.db, 'snapWords', on);
	}

	async setTheme(choice: ThemeChoice): Promise<void> {
		this.#theme = choice;
		await writeSetting(this.db, 'theme', choice);
	}

	/** Writes one batch of edits and remembers the revision it produced (see committedRevision). */
	async #commit(articleId: string, edits: readonly AnnotationEdit[], at: number): Promise<void> {
		const team = this.#team;
		this.#committed.set(articleId, await commitEdits(this.db, articleId, edits, at, { outbox: team !== null }));
		team?.kick();
	}

	/** The revision this tab's last committed edit of article `id` produced (undefined: none yet). */
	committedRevision(id: string): number | undefined {
		return this.#committed.get(id);
	}

	/** Hears of edits refused because another tab changed the same spans first; returns the unsubscribe. */
	onConflict(listener: (articleId: string) => void): () => void {
		this.#conflictListeners.add(listener);
		return () => this.#conflictListeners.delete(listener);
	}

	/** Persists a batch of span and relation edits (in order, one transaction each). */
	persistEdits(articleId: string, edits: readonly AnnotationEdit[]): Promise<void> {
		return this.saver.save(articleId, edits);
	}

	/**
	 * Imports files (chooser, drop or paste) and reports what came in and what did not, per file.
	 * Documents (.txt, .md, .html) are read here; corpus files (JSONL, JSON, brat) go to a corpus
	 * import that streams and writes them in a worker, with progress, a review of bad records and
	 * duplicates, and Cancel.
	 */
	async importFiles(files: readonly File[]): Promise<FileImport[]> {
		if (files.length === 0) return [];
		const names = files.map((f) => f.name);
		const corpus = files.filter((f) => isCorpusFile(f.name, names));
		// An admin of a team project adds corpus files to the project itself; everyone else imports into this browser.
		const team = this.#team;
		// (A model's output taken as suggestions stays in this browser: suggestions are not synced.)
		if (corpus.length > 0 && team?.member?.role === 'admin' && !this.importAsSuggestions) void this.#importToProject(team, corpus);
		else if (corpus.length > 0) this.#startCorpusImport(corpus);
		files = files.filter((f) => !corpus.includes(f));
		if (files.length === 0) return [];
		this.#busy = `Reading ${files.length} file${files.length === 1 ? '' : 's'}…`;
		try {
			// The document readers (Markdown's parser among them) load with the first import, not with the app.
			const { importFiles } = await import('$lib/import/import-files');
			const results = await importFiles(files, { annotator: this.#annotator, now: Date.now() });
			await this.#store(results);
			return results;
		} finally {
			this.#busy = null;
		}
	}

	/** The next import takes every span as a model's suggestion (`prediction:<file name>`), not as anyone's work. */
	importAsSuggestions = $state(false);

	#startCorpusImport(files: readonly File[]): void {
		if (this.#corpusImport) {
			this.notices.error(`An import is already under way; ${files.map((f) => f.name).join(', ')} ${files.length === 1 ? 'was' : 'were'} not imported. Try again when it has finished.`);
			return;
		}
		const asSuggestions = this.importAsSuggestions ? predictionSource(files[0].name.replace(/\.[^.]+$/, '')) : undefined;
		this.#corpusImport = new CorpusImport(files, {
			dbName: this.dbName,
			annotator: this.#annotator,
			...(asSuggestions ? { asSuggestions } : {}),
			onWriting: () => {
				// The list is reloaded once at the end rather than after every chunk the worker writes.
				this.#unwatch?.();
				this.#unwatch = null;
			},
			onFinish: ({ report, message, ok, details: extra = [] }) => {
				const review = this.#corpusImport?.review;
				this.#corpusImport = null;
				this.#watch();
				if (report) void this.#reloadPreferences();
				const bad = review && review.errorCount > 0
					? [...review.errors, ...(review.errorCount > review.errors.length ? [`…and ${review.errorCount - review.errors.length} more`] : [])]
					: [];
				const all = [...bad, ...extra.slice(0, 50)];
				const details = all.length > 0 ? all : undefined;
				if (ok && details) this.notices.info(message, { details, timeout: 0 });
				else if (ok) this.notices.show('success', message);
				else this.notices.error(message, { details });
			}
		});
	}

	/** Imports text pasted into the library as a new article (title = first line). */
	async importPastedText(text: string): Promise<void> {
		const file = new File([text], 'pasted text.txt', { type: 'text/plain' });
		await this.importFiles([file]);
	}

	async #store(results: readonly FileImport[]): Promise<void> {
		const records: ArticleRecord[] = results.flatMap((r) => r.records);
		const errors = results.flatMap((r) => r.errors);
		const notes = results.flatMap((r) => r.notes);
		if (records.length > 0) {
			try {
				const report = await createArticles(this.db, records, {
					onProgress: (done, total) => (this.#busy = `Saving ${done} of ${total} articles…`)
				});
				this.#labels = await listLabels(this.db);
				this.#relationTypes = await listRelationTypes(this.db);
				const parts = [`Imported ${report.added} article${report.added === 1 ? '' : 's'}`];
				if (report.merged > 0) parts.push(`merged ${report.merged} already in the library (${report.spansAdded} new spans, ${report.spansSkipped} already there)`);
				const renewed = renewedSummary(report);
				if (renewed) parts.push(renewed);
				const linked = relationSummary(report);
				if (linked) parts.push(linked);
				this.notices.show(errors.length ? 'info' : 'success', parts.join('; ') + '.', { details: [...renewedDetails(report, 10), ...report.relationsDropped, ...notes] });
			} catch (error) {
				this.notices.error(`Nothing was imported: ${(error as Error).message}`);
				return;
			}
		}
		if (errors.length > 0) {
			const failed = results.filter((r) => r.errors.length > 0).length;
			this.notices.error(`${failed} file${failed === 1 ? '' : 's'} had problems${records.length ? ' (the rest was imported)' : ''}:`, {
				details: errors.slice(0, 50).concat(errors.length > 50 ? [`…and ${errors.length - 50} more`] : [])
			});
		}
	}

	/** Sets an article's status; returns whether it was saved (a failure is shown). */
	async setStatus(id: string, status: ArticleStatus): Promise<boolean> {
		try {
			// This tab's own write: an open article seeing the new revision need not reload its spans.
			this.#committed.set(id, await updateArticleStatus(this.db, id, status));
			return true;
		} catch (error) {
			this.notices.error(`Could not change the status: ${(error as Error).message}`);
			return false;
		}
	}

	/**
	 * Sets an article's title from what the user typed; returns null when saved, else what was wrong
	 * (an empty or overlong title, or a failed write), for the form to show.
	 */
	async setTitle(id: string, input: string): Promise<string | null> {
		const parsed = parseTitle(input);
		if (parsed.error !== undefined) return parsed.error;
		try {
			this.#committed.set(id, await updateArticleTitle(this.db, id, parsed.ok));
			return null;
		} catch (error) {
			return `The title could not be saved: ${(error as Error).message}`;
		}
	}

	/** How many spans (all annotators) have label `name`: what deleting it would touch. */
	countLabelSpans(name: string): Promise<number> {
		return countLabelSpans(this.db, name);
	}

	/**
	 * Deletes label `name`, deleting its spans (`relabelTo` null) or giving them another label, and
	 * offers Undo, which puts the label and its spans back. Returns false (and says why) if it failed.
	 */
	async deleteLabel(name: string, relabelTo: string | null): Promise<boolean> {
		const refused = this.#teamRefusal('deleting a label');
		if (refused) {
			this.notices.error(refused);
			return false;
		}
		// An empty label table means "the default labels": the last label stays.
		if (this.#labels.length <= 1) {
			this.notices.error(`The label ${quoted(name)} is the only one left: add another label before deleting it.`);
			return false;
		}
		try {
			const deletion = await deleteLabel(this.db, name, relabelTo);
			this.#labels = await listLabels(this.db);
			this.#shareSchema();
			const n = deletion.removed.length + deletion.relabelled.length;
			const spans = `${n} span${n === 1 ? '' : 's'}`;
			const what = relabelTo === null
				? `Deleted the label ${quoted(name)} and its ${spans}.`
				: `Deleted the label ${quoted(name)}; its ${spans} are now ${quoted(relabelTo)}${deletion.removed.length ? ` (${deletion.removed.length} that would have doubled a ${quoted(relabelTo)} span deleted)` : ''}.`;
			// The whole library changed, not just this page: the notice (and its Undo) follows the user.
			this.notices.info(what, {
				timeout: 20000,
				scope: 'app',
				action: {
					label: 'Undo',
					run: () => {
						undoLabelDeletion(this.db, deletion).then(
							async () => {
								this.#labels = await listLabels(this.db);
								this.#shareSchema();
								this.notices.info(`Restored the label ${quoted(name)} and its ${spans}.`);
							},
							(error) => this.notices.error(`Could not undo: ${(error as Error).message}`)
						);
					}
				}
			});
			return true;
		} catch (error) {
			this.notices.error(`Could not delete the label ${quoted(name)}: ${(error as Error).message}`);
			return false;
		}
	}

	/** Deletes an article, offering Undo (which restores it exactly). */
	async deleteArticle(id: string): Promise<void> {
		const record = await destroyArticle(this.db, id);
		if (!record) return;
		this.notices.info(`Deleted ${quoted(record.article.title)}.`, {
			timeout: 15000,
			action: {
				label: 'Undo',
				run: () => {
					restoreArticle(this.db, record).then(
						() => this.notices.info(`Restored ${quoted(record.article.title)}.`),
						(error) => this.notices.error(`Could not restore: ${(error as Error).message}`)
					);
				}
			}
		});
	}

	/**
	 * The base name (no extension) of an export of `ids` (all when undefined; one id: named by its
	 * title) in `format`, of `annotator`'s layer or all layers: `spanwise-prodigy-all-2026-12-01`.
	 */
	exportBaseName(format: FormatName, ids?: readonly string[], annotator?: string): string {
		let scope: ExportScope = { kind: 'all' };
		if (ids?.length === 1) scope = { kind: 'article', title: this.#articles.find((a) => a.id === ids[0])?.title ?? '' };
		else if (ids) scope = { kind: 'selection', count: ids.length };
		return exportFileName({ format: format === 'spanwise' ? 'jsonl' : format, scope, layer: annotator, date: new Date(), extension: '' });
	}

	/** Exports articles as canonical JSONL (all of them, or `ids`). */
	exportJsonl(ids?: readonly string[], fileTitle?: string): Promise<void> {
		return this.exportCorpus('spanwise', ids, fileTitle);
	}

	/**
	 * Exports articles (all, or `ids`; only `annotator`'s spans when given) in `format`, read and serialized in a worker with progress
	 * (Cancel stops it), and downloads the result.
	 */
	exportCorpus(format: FormatName, ids?: readonly string[], fileTitle?: string, annotator?: string, backup = false): Promise<void> {
		if (this.#exportWorker) {
			this.notices.error('An export is already under way.');
			return Promise.resolve();
		}
		const baseName = fileTitle ? safeFileName(fileTitle, 'x').replace(/\.x$/, '') : this.exportBaseName(format, ids, annotator);
		const worker = new Worker(new URL('../export/export.worker.ts', import.meta.url), { type: 'module' });
		this.#exportWorker = worker;
		this.#busy = 'Exporting…';
		return new Promise((resolve) => {
			const finish = () => {
				worker.terminate();
				this.#exportWorker = null;
				this.#busy = null;
				resolve();
			};
			this.#cancelExport = () => {
				finish();
				this.notices.info('Export cancelled.');
			};
			worker.onmessage = ({ data }: MessageEvent<ExportMessage>) => {
				if (data.type === 'progress') this.#busy = `Exporting ${data.done.toLocaleString('en')} of ${data.total.toLocaleString('en')} articles…`;
				else if (data.type === 'done') {
					downloadFile(data.fileName, [data.blob], data.blob.type);
					if (backup) void this.#noteBackup();
					const adapted = describeSerializeReport(data.report);
					this.notices.show('success', `Exported ${data.articles} article${data.articles === 1 ? '' : 's'} to ${data.fileName}.${adapted ? ` ${adapted[0].toUpperCase()}${adapted.slice(1)}.` : ''}`);
					finish();
				} else {
					this.notices.error(`Export failed: ${data.message}`);
					finish();
				}
			};
			worker.onerror = (event) => {
				this.notices.error(`Export failed: ${event.message || 'the export worker stopped'}`);
				finish();
			};
			const request: ExportRequest = { dbName: this.dbName, format, ids: ids ? [...ids] : undefined, baseName, annotator, backup };
			worker.postMessage(request);
		});
	}

	/**
	 * Backs up everything (articles, spans, labels, settings, review decisions) as one JSONL file that
	 * Import restores into an empty browser exactly.
	 */
	backUpEverything(): Promise<void> {
		return this.exportCorpus('spanwise', undefined, `spanwise-backup-${new Date().toISOString().slice(0, 10)}`, undefined, true);
	}

	/** When the last backup was made (ms), or null: for the reminder. */
	get lastBackupAt() {
		return this.#lastBackupAt;
	}

	async #noteBackup(): Promise<void> {
		this.#lastBackupAt = Date.now();
		await writeSetting(this.db, 'lastBackupAt', this.#lastBackupAt);
	}

	/**
	 * Downloads everything the database holds, read with the plain IndexedDB API: the way out when
	 * Spanwise cannot open its storage (the recovery screen).
	 */
	async downloadRaw(): Promise<void> {
		try {
			const raw = await readRawDatabase(this.dbName);
			downloadFile(`spanwise-raw-${new Date().toISOString().slice(0, 10)}.json`, [JSON.stringify({ database: this.dbName, ...raw }, null, 1)], 'application/json');
		} catch (error) {
			this.notices.error(`The raw copy could not be made: ${(error as Error).message}`);
		}
	}

	/** Stops the export under way, if any. */
	cancelBusy(): void {
		this.#cancelExport?.();
	}

	/** Whether the long work under way can be cancelled. */
	get busyCancellable(): boolean {
		return this.#exportWorker !== null;
	}
}

const KEY = Symbol('spanwise-workspace');

/** Makes the workspace available to the components below. */
export function setWorkspace(workspace: Workspace): Workspace {
	return setContext(KEY, workspace);
}

/** The workspace set by the layout. */
export function getWorkspace(): Workspace {
	const workspace = getContext<Workspace | undefined>(KEY);
	if (!workspace) throw new RangeError('getWorkspace() called outside the app layout');
	return workspace;
}
