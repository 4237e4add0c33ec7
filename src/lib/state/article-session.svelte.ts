import type { Article, Span, SpanEdit } from '$lib/core/types';
import { quoted } from '$lib/core/text/isolate';
import { SpanSet } from '$lib/core/spans/span-set';
import { applyEdits } from '$lib/core/spans/edits';
import { EditHistory } from '$lib/core/spans/history';
import { snapSelection, nextWordEdge, previousWordEdge } from '$lib/core/text/snap';
import { graphemeCeil, graphemeFloor } from '$lib/core/text/graphemes';
import { serializeArticle } from '$lib/core/codecs/spanwise';
import { exportFileName } from '$lib/core/codecs/filename';
import { newId } from '$lib/core/ids';
import { readArticleSpans, readArticleText, SNAPSHOT_MIN_SPANS } from '$lib/db';
import { watchArticleRow } from '$lib/db/live';
import type { ArticleEditor, EdgeStep, EditorHost } from '$lib/editor';
import { downloadFile } from '$lib/export/download';
import type { Workspace } from './workspace.svelte';

/**
 * One open article: its spans, the selected span, undo/redo. Every action becomes a batch of
 * `SpanEdit`s that is applied here, drawn by the editor incrementally, and persisted by the
 * workspace's saver in its own transaction. The editor reports intents through `EditorHost`.
 */
export class ArticleSession implements EditorHost {
	readonly article: Article;
	readonly #workspace: Workspace;
	#spans = $state.raw<SpanSet>(SpanSet.empty);
	#history = $state.raw<EditHistory>(EditHistory.empty);
	#selectedId = $state<string | null>(null);
	#message = $state<string | null>(null);
	#helpOpen = $state(false);
	#editor: ArticleEditor | null = null;

	/** Spans of the other annotators of this article: not edited here, but kept for export. */
	#others = $state.raw<readonly Span[]>([]);
	/** The stored revision this session's spans correspond to. */
	#revision: number;
	#unwatch: (() => void) | null = null;
	/** The annotator whose layer this session edits. */
	readonly annotator: string;
	/** True until the spans are read (the text is shown first). */
	#loading = $state(true);
	/** Counts reads of the spans: only the latest one is applied. */
	#reads = 0;
	/** Settles once the spans are read (or reading them failed). */
	readonly ready: Promise<void>;

	private constructor(
		workspace: Workspace,
		article: Article,
		annotator: string,
		revision: number,
		spans: Promise<{ spans: Span[]; revision: number; stale: boolean } | undefined>
	) {
		this.#workspace = workspace;
		this.article = article;
		this.annotator = annotator;
		this.#revision = revision;
		const read = ++this.#reads;
		this.ready = spans.then(
			(found) => {
				if (read !== this.#reads) return;
				if (found) this.#show(found.spans, found.revision);
				this.#loading = false;
				// Read from thousands of rows: remake its snapshot, so the next opening reads one.
				if (found?.stale) this.#workspace.snapshots.schedule(this.article.id, 0);
			},
			(error) => {
				this.#workspace.notices.error(`Could not read the spans of this article: ${(error as Error).message}`);
				this.notify('The spans could not be read. Nothing was changed; reload the page to try again.');
			}
		);
	}

	/** True while the spans are being read: the text is shown, tagging waits. */
	get loading(): boolean {
		return this.#loading;
	}

	/** Shows `spans` as read from storage at `revision` (undo history starts afresh). */
	#show(spans: readonly Span[], revision: number): void {
		this.#revision = revision;
		this.#spans = SpanSet.from(spans.filter((s) => s.annotator === this.annotator));
		this.#others = spans.filter((s) => s.annotator !== this.annotator);
		this.#history = EditHistory.empty;
		if (this.#selectedId && !this.#spans.has(this.#selectedId)) this.#selectedId = null;
		this.#editor?.sync(this.#spans, null);
	}

	get others(): readonly Span[] {
		return this.#others;
	}

	/** The other annotators of this article with their span counts, by name. */
	get otherAnnotators(): { name: string; spans: number }[] {
		const counts = new Map<string, number>();
		for (const span of this.others) counts.set(span.annotator, (counts.get(span.annotator) ?? 0) + 1);
		return [...counts].map(([name, spans]) => ({ name, spans })).sort((a, b) => (a.name < b.name ? -1 : 1));
	}

	/**
	 * Loads an article with its spans, editing the layer of `annotator` (default: who the user works
	 * as); undefined when there is no such article.
	 */
	static async open(workspace: Workspace, id: string, annotator = workspace.annotator): Promise<ArticleSession | undefined> {
		// A long article's text is shown (and laid out) while its spans, which take longer to read,
		// are on their way; `ready` says when they are in. The spans are asked for once the text is in
		// (storage answers in turn: a long span read asked first would hold the text back), and the
		// session is handed out a task later, so that the request has left before the editor is built.
		const found = await readArticleText(workspace.db, id);
		if (!found) return undefined;
		const spans = readArticleSpans(workspace.db, id);
		await new Promise((resolve) => setTimeout(resolve, 0));
		return new ArticleSession(workspace, found.article, annotator, found.revision, spans);
	}

	get spans(): SpanSet {
		return this.#spans;
	}
	get selectedId(): string | null {
		return this.#selectedId;
	}
	get selected(): Span | null {
		return this.#selectedId ? (this.#spans.get(this.#selectedId) ?? null) : null;
	}
	get canUndo(): boolean {
		return this.#history.canUndo;
	}
	get canRedo(): boolean {
		return this.#history.canRedo;
	}
	/** The last short message for the user (cleared by the next action). */
	get message(): string | null {
		return this.#message;
	}
	get helpOpen(): boolean {
		return this.#helpOpen;
	}
	set helpOpen(open: boolean) {
		this.#helpOpen = open;
	}

	/**
	 * Links the editor view; the session drives what it draws. While linked, the session follows the
	 * article in storage: a change made in another tab reloads it (and says so), and so does an edit
	 * of this tab that storage refused because another tab changed the same span first.
	 */
	attach(editor: ArticleEditor | null): void {
		this.#editor = editor;
		this.#unwatch?.();
		this.#unwatch = null;
		if (!editor) return;
		const stopRow = watchArticleRow(
			this.#workspace.db,
			this.article.id,
			(row) => this.#storedRevision(row?.revision),
			(error) => this.#workspace.notices.error(`This article could not be followed: ${(error as Error).message}`)
		);
		const stopConflicts = this.#workspace.onConflict((id) => {
			if (id === this.article.id) void this.reload('Your last change was not saved: another tab had changed the same span. This is the latest version.');
		});
		this.#unwatch = () => {
			stopRow();
			stopConflicts();
		};
	}

	#storedRevision(revision: number | undefined): void {
		if (revision === undefined) return this.notify('This article was deleted in another tab. Export it now if you want to keep it.');
		if (revision === this.#revision) return;
		// A long article changed: its snapshot is remade once the edits settle.
		if (this.#spans.size + this.#others.length >= SNAPSHOT_MIN_SPANS) this.#workspace.snapshots.schedule(this.article.id);
		// Our own writes: caught up (or still writing), nothing to reload.
		if (revision === this.#workspace.committedRevision(this.article.id) || this.#workspace.saver.pending > 0) {
			this.#revision = revision;
			return;
		}
		void this.reload('Updated with changes made in another tab.');
	}

	/** Reads the article's spans from storage again (undo history starts afresh), and says why. */
	async reload(message: string): Promise<void> {
		const read = ++this.#reads;
		const found = await readArticleSpans(this.#workspace.db, this.article.id);
		if (!found || read !== this.#reads) return;
		this.#show(found.spans, found.revision);
		this.#loading = false;
		if (found.stale) this.#workspace.snapshots.schedule(this.article.id);
		this.notify(message);
	}

	// —— EditorHost ——

	labelForKey(key: string): string | undefined {
		return this.#workspace.labelForKey(key);
	}

	/** Tags [start, end) with `label`, snapped per the workspace policy (raw: graphemes only). */
	tag(start: number, end: number, label: string, raw = false): void {
		if (this.#loading) return this.notify('Still reading this article’s spans: tag again in a moment.');
		const snapped = snapSelection(this.article.text, start, end, { words: this.#workspace.snapWords && !raw });
		if (!snapped) return this.notify('Nothing to tag: the selection is only whitespace.');
		const duplicate = this.#spans.findDuplicate(snapped.start, snapped.end, label);
		if (duplicate) {
			this.notify(`Already tagged as ${quoted(label)}: ${quoted(this.textOf(duplicate, 60))}.`);
			return;
		}
		const now = Date.now();
		const span: Span = {
			id: newId('s'),
			articleId: this.article.id,
			start: snapped.start,
			end: snapped.end,
			label,
			annotator: this.annotator,
			createdAt: now,
			updatedAt: now
		};
		// The new span is not selected: the next label key must not relabel it by surprise. The text
		// selection collapses to its end, where the next tag usually starts from (in the same editor
		// update as the new span, unscrolled: the text was just selected, so it is in view).
		this.#commit([{ type: 'add', span }], span.end);
		this.#message = null;
	}

	/**
	 * Adds spans at exactly these offsets (no snapping: they come from another layer), as one undoable
	 * step; those the layer already has are skipped. Returns how many were added.
	 */
	addSpans(specs: readonly { start: number; end: number; label: string }[]): number {
		if (this.#loading) return 0;
		const now = Date.now();
		const edits: SpanEdit[] = [];
		const seen = new Set<string>();
		for (const { start, end, label } of specs) {
			const key = `${start}:${end}:${label}`;
			if (seen.has(key) || this.#spans.findDuplicate(start, end, label)) continue;
			seen.add(key);
			edits.push({
				type: 'add',
				span: { id: newId('s'), articleId: this.article.id, start, end, label, annotator: this.annotator, createdAt: now, updatedAt: now }
			});
		}
		if (edits.length > 0) this.#commit(edits);
		return edits.length;
	}

	/**
	 * Removes the spans `remove` (by id) and adds spans at exactly `add`'s offsets, as one undoable
	 * step (a review settling a conflict: its accepted side in, the other sides out). Spans the layer
	 * already has are not added again. Returns whether anything changed.
	 */
	replaceSpans(remove: readonly string[], add: readonly { start: number; end: number; label: string }[]): boolean {
		if (this.#loading) return false;
		const now = Date.now();
		const edits: SpanEdit[] = [];
		const gone = new Set<string>();
		for (const id of remove) {
			const span = this.#spans.get(id);
			if (!span || gone.has(id)) continue;
			gone.add(id);
			edits.push({ type: 'remove', span });
		}
		const seen = new Set<string>();
		for (const { start, end, label } of add) {
			const key = `${start}:${end}:${label}`;
			const there = this.#spans.findDuplicate(start, end, label);
			if (seen.has(key) || (there && !gone.has(there.id))) continue;
			seen.add(key);
			edits.push({
				type: 'add',
				span: { id: newId('s'), articleId: this.article.id, start, end, label, annotator: this.annotator, createdAt: now, updatedAt: now }
			});
		}
		if (edits.length > 0) this.#commit(edits);
		return edits.length > 0;
	}

	/** Tags the editor's current selection (the label buttons). */
	tagSelection(label: string): void {
		const editor = this.#editor;
		if (!editor) return;
		const selected = this.selected;
		const { start, end } = editor.selectionOffsets();
		if (selected && (start === end || (start === selected.start && end === selected.end))) this.relabel(selected.id, label);
		else if (start < end) this.tag(start, end, label);
		else this.notify('Select some text first, then choose a label.');
		editor.focus();
	}

	relabel(id: string, label: string): void {
		const span = this.#spans.get(id);
		if (!span || span.label === label) return;
		if (this.#spans.findDuplicate(span.start, span.end, label)) {
			return this.notify(`There is already a ${label} span over exactly this text.`);
		}
		const edits: SpanEdit[] = [{ type: 'update', before: span, after: { ...span, label, updatedAt: Date.now() } }];
		this.#commit(edits);
		this.select(id, false);
		const step = this.#history.lastDone;
		this.#workspace.notices.info(`Relabelled ${quoted(this.textOf(span, 60))}: ${span.label} → ${label}.`, {
			action: { label: 'Undo', run: () => this.#undoRelabel(step, id, span.label, label) }
		});
	}

	/**
	 * The Undo of a relabel notice: undoes that step when it is still the last one, else (other
	 * actions came after it, or a review records the edits) relabels the span back as a new step,
	 * if it still has that label.
	 */
	#undoRelabel(step: readonly SpanEdit[] | undefined, id: string, from: string, to: string): void {
		const span = this.#spans.get(id);
		if (!span || span.label !== to) return this.notify('That span has changed since; nothing was undone.');
		// A review keeps its own history around this session's: relabel back through it, so it is recorded there.
		const host = this.#editor?.host;
		if (host && host !== this) host.relabel(id, from);
		else if (step && this.#history.lastDone === step) this.undo();
		else this.relabel(id, from);
		this.#editor?.focus();
	}

	remove(id: string): void {
		const span = this.#spans.get(id);
		if (!span) return;
		this.#commit([{ type: 'remove', span }]);
		this.select(null);
	}

	select(id: string | null, reveal = true): void {
		this.#selectedId = id && this.#spans.has(id) ? id : null;
		this.#editor?.select(this.#selectedId, reveal);
	}

	/** Selects a span from outside the editor (the side panel) and hands the keyboard to the editor. */
	reveal(id: string): void {
		this.select(id);
		this.#editor?.focus();
	}

	spanReleased(): void {
		this.#selectedId = null;
	}

	/**
	 * Moves one edge of a span to the next or previous word edge (or by one character, skipping white
	 * space so the span never starts or ends with it), keeping it non-empty and unique.
	 */
	moveEdge(id: string, edge: 'start' | 'end', direction: -1 | 1, step: EdgeStep = 'word'): void {
		const span = this.#spans.get(id);
		if (!span) return;
		const moved = step === 'character' ? this.#movedByCharacter(span, edge, direction) : this.#movedEdge(span, edge, direction);
		if (!moved) return this.notify(`The ${edge} cannot move further that way.`);
		if (this.#spans.findDuplicate(moved.start, moved.end, span.label)) {
			return this.notify(`A ${span.label} span over that text exists already.`);
		}
		this.#commit([{ type: 'update', before: span, after: { ...span, ...moved, updatedAt: Date.now() } }]);
		this.select(id, false);
	}

	#movedByCharacter(span: Span, edge: 'start' | 'end', direction: -1 | 1): { start: number; end: number } | null {
		const text = this.article.text;
		const step = (i: number) => (direction === 1 ? (i >= text.length ? i : graphemeCeil(text, i + 1)) : i <= 0 ? i : graphemeFloor(text, i - 1));
		// The character just inside the edge must not be white space.
		const blank = (i: number) => /\s/.test(edge === 'end' ? text[i - 1] ?? '' : text[i] ?? '');
		let pos = edge === 'start' ? span.start : span.end;
		do {
			const next = step(pos);
			if (next === pos || next < 0 || next > text.length) return null;
			pos = next;
		} while (blank(pos) && pos > 0 && pos < text.length);
		const range = edge === 'start' ? { start: pos, end: span.end } : { start: span.start, end: pos };
		return range.start < range.end ? range : null;
	}

	#movedEdge(span: Span, edge: 'start' | 'end', direction: -1 | 1): { start: number; end: number } | null {
		const text = this.article.text;
		const step = direction === 1 ? nextWordEdge : previousWordEdge;
		let pos = edge === 'start' ? span.start : span.end;
		for (let tries = 0; tries < 64; tries++) {
			const next = step(text, pos);
			if (next === pos) return null;
			pos = next;
			const range = edge === 'start' ? { start: pos, end: span.end } : { start: span.start, end: pos };
			if (range.start >= range.end) return null;
			const snapped = snapSelection(text, range.start, range.end, { words: true });
			if (!snapped) continue;
			const changed = edge === 'start' ? snapped.start : snapped.end;
			const before = edge === 'start' ? span.start : span.end;
			if (direction === 1 ? changed > before : changed < before) {
				return edge === 'start' ? { start: snapped.start, end: span.end } : { start: span.start, end: snapped.end };
			}
		}
		return null;
	}

	undo(): void {
		const step = this.#history.undo();
		if (!step) return this.notify('Nothing to undo.');
		this.#history = step.history;
		this.#applyAndSave(step.edits);
		this.#selectAfter(step.edits);
	}

	redo(): void {
		const step = this.#history.redo();
		if (!step) return this.notify('Nothing to redo.');
		this.#history = step.history;
		this.#applyAndSave(step.edits);
		this.#selectAfter(step.edits);
	}

	showHelp(): void {
		this.#helpOpen = true;
	}

	notify(message: string): void {
		this.#message = message;
	}

	// —— helpers ——

	/** The text a span covers, shortened for messages and lists. */
	textOf(span: Span, max = 120): string {
		const text = this.article.text.slice(span.start, span.end).replace(/\s+/g, ' ');
		if (text.length <= max) return text;
		const cut = Array.from(text).slice(0, max).join('');
		return cut + '…';
	}

	/**
	 * Downloads this article as canonical JSONL with the spans of one layer (`layer`: an annotator, or
	 * "gold") or of all (undefined), as they are in memory (works even when saving fails). `title` is the
	 * article's current title when it was edited after opening. The file name says what it holds.
	 */
	exportJsonl(options: { layer?: string; title?: string } = {}): void {
		const article = options.title === undefined ? this.article : { ...this.article, title: options.title };
		const all = [...this.#spans.all(), ...this.others];
		const spans = options.layer === undefined ? all : all.filter((s) => s.annotator === options.layer);
		const line = serializeArticle(article, spans);
		const name = exportFileName({ format: 'jsonl', scope: { kind: 'article', title: article.title }, layer: options.layer, date: new Date(), extension: 'jsonl' });
		downloadFile(name, [line + '\n']);
		const whose = options.layer === undefined ? 'all layers' : `${quoted(options.layer)}’s layer`;
		this.#workspace.notices.show('success', `Exported ${quoted(article.title)} (${whose}, ${spans.length} span${spans.length === 1 ? '' : 's'}) to ${quoted(name)}.`);
	}

	/**
	 * Sets the note of span `id` (trimmed; empty removes it) as one undoable edit, saved like any other.
	 * Returns false when there is no such span in this layer.
	 */
	setNote(id: string, note: string): boolean {
		const span = this.#spans.get(id);
		if (!span) return false;
		const text = note.trim();
		if ((span.note ?? '') === text) return true;
		const { note: _old, ...rest } = span;
		const after: Span = text === '' ? { ...rest, updatedAt: Date.now() } : { ...rest, note: text, updatedAt: Date.now() };
		this.#commit([{ type: 'update', before: span, after }]);
		this.notify(text === '' ? 'Note removed.' : 'Note saved.');
		return true;
	}

	/** Records `edits` as one undo step, shows and saves them; `caret`: collapse the text selection there. */
	#commit(edits: readonly SpanEdit[], caret?: number): void {
		this.#history = this.#history.push([...edits]);
		this.#applyAndSave(edits, caret);
	}

	#applyAndSave(edits: readonly SpanEdit[], caret?: number): void {
		this.#spans = applyEdits(this.#spans, edits);
		if (this.#selectedId && !this.#spans.has(this.#selectedId)) this.#selectedId = null;
		this.#editor?.sync(this.#spans, edits, caret);
		void this.#workspace.persistEdits(this.article.id, edits);
	}

	/** After undo/redo, select what the step touched last if it still exists. */
	#selectAfter(edits: readonly SpanEdit[]): void {
		const last = edits[edits.length - 1];
		// A span brought back (redo of a tag, undo of a delete) is shown, not selected: like a new
		// span, it is relabelled only once the user selects it.
		if (last?.type === 'add') {
			this.select(null);
			if (this.#spans.has(last.span.id)) this.#editor?.setSelection(last.span.end);
			return;
		}
		const id = last ? (last.type === 'update' ? last.after.id : last.span.id) : null;
		this.select(id && this.#spans.has(id) ? id : null, true);
	}
}
