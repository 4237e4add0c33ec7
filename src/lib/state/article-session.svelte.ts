import { untrack } from 'svelte';
import type { AnnotationEdit, Article, Relation, RelationType, Result, Span, SpanEdit } from '$lib/core/types';
import { defaultDisplayMode, type RelationDisplayMode } from '$lib/core/relations/arcs-display';
import { quoted } from '$lib/core/text/isolate';
import { SpanSet } from '$lib/core/spans/span-set';
import { applyAnnotationEdits, isRelationEdit, spanEditsOf } from '$lib/core/spans/edits';
import { removeSpansWithRelations } from '$lib/core/spans/cascade';
import { RelationSet } from '$lib/core/relations/relation-set';
import { relationsBrokenByLabel, typesFitting } from '$lib/core/relations/rules';
import { proposeRelation, proposeRelationChange, proposeRelations, type LinkLayer, type MakeRelation } from '$lib/core/relations/propose';
import { linkTargets } from '$lib/core/relations/targets';
import { LackingLinks, sourceType } from '$lib/core/relations/missing';
import { EditHistory } from '$lib/core/spans/history';
import { snapSelection, nextWordEdge, previousWordEdge } from '$lib/core/text/snap';
import { graphemeCeil, graphemeFloor } from '$lib/core/text/graphemes';
import { serializeArticle } from '$lib/core/codecs/spanwise';
import { exportFileName } from '$lib/core/codecs/filename';
import { newId } from '$lib/core/ids';
import { readArticleSpans, readArticleText, SNAPSHOT_MIN_SPANS } from '$lib/db';
import type { ArticleEditor, EdgeStep, EditorHost } from '$lib/editor';
import { downloadFile } from '$lib/export/download';
import type { Workspace } from './workspace.svelte';

/** From this many spans, an opening makes the span sets in one task and shows them in the next. */
const PREPARE_APART_SPANS = 20_000;

interface PreparedLayer {
	readonly spans: SpanSet;
	readonly others: readonly Span[];
	readonly relations: RelationSet;
	readonly otherRelations: readonly Relation[];
	/** The index of claims without a source, made here for a layer shown a task later; else made when first asked for. */
	readonly lacking: LackingLinks | null;
}

/** What a history step does beyond annotation edits (see ArticleSession.commitStep). */
export interface StepEffect {
	undo(): void;
	redo(): void;
}

/** Told of changes to a session's spans: the edits, or null when all may have changed (a reload). */
export interface SpanListener {
	spansChanged(edits: readonly SpanEdit[] | null): void;
}

/**
 * One open article: its spans and the relations between them, the selected span, undo/redo. Every
 * action becomes a batch of `AnnotationEdit`s (span and relation edits) that is applied here, drawn
 * by the editor incrementally, and persisted by the workspace's saver in its own transaction; one
 * history undoes both. The editor reports intents through `EditorHost`.
 *
 * Relations follow their spans: deleting a span deletes its relations in the same batch (one undo
 * brings both back); moving a span's edges keeps them; relabelling a span removes, in the same batch,
 * the relations whose type no longer allows its new label, and says so (the relabel is what the user
 * asked for; refusing it would make them delete the links by hand first, and undo restores both).
 */
export class ArticleSession implements EditorHost {
	readonly article: Article;
	readonly #workspace: Workspace;
	#spans = $state.raw<SpanSet>(SpanSet.empty);
	/** The relations of this session's layer. */
	#relations = $state.raw<RelationSet>(RelationSet.empty);
	/** The same, as a list (made only when read, once per change). */
	#relationList = $derived(this.#relations.all());
	/** Relations of the other layers of this article: not edited here, but kept for export. */
	#otherRelations = $state.raw<readonly Relation[]>([]);
	#selectedRelationId = $state<string | null>(null);
	/**
	 * The claims with no source, followed edit by edit (built when first asked for; null: to be built).
	 * Not reactive itself: `#lackingChanged` tells readers it moved.
	 */
	#lacking: LackingLinks | null = null;
	#lackingChanged = $state(0);
	#history = $state.raw<EditHistory>(EditHistory.empty);
	#selectedId = $state<string | null>(null);
	#message = $state<string | null>(null);
	#helpOpen = $state(false);
	#editor: ArticleEditor | null = null;
	/** Effects beyond annotation edits of some history steps (decisions on suggestions), by step. */
	readonly #effects = new WeakMap<readonly AnnotationEdit[], StepEffect>();
	/** The suggestions offered in this article (article page only), told of every change to the spans. */
	#suggestions: SpanListener | null = null;

	/** Spans of the other annotators of this article: not edited here, but kept for export. */
	#others = $state.raw<readonly Span[]>([]);
	/** The stored revision this session's spans correspond to. */
	#revision: number;
	#unwatch: (() => void) | null = null;
	/** The annotator whose layer this session edits. */
	readonly annotator: string;
	/** `textHash(article.text)`, as stored with the article (hashing a long text again costs ~30 ms). */
	readonly textHash: string;
	/** True until the spans are read (the text is shown first). */
	#loading = $state(true);
	/** Counts reads of the spans: only the latest one is applied. */
	#reads = 0;
	/** Settles once the spans are read (or reading them failed). */
	readonly ready: Promise<void>;

	private constructor(
		workspace: Workspace,
		article: Article,
		textHash: string,
		annotator: string,
		revision: number,
		spans: Promise<{ spans: Span[]; relations: Relation[]; revision: number; stale: boolean } | undefined>
	) {
		this.#workspace = workspace;
		this.article = article;
		this.textHash = textHash;
		this.annotator = annotator;
		this.#revision = revision;
		const read = ++this.#reads;
		this.ready = spans.then(
			async (found) => {
				if (read !== this.#reads) return;
				if (found) {
					// Many spans: their sets are made in this task and shown in the next, where the side
					// panel and the editor draw them (one task for both was ~250 ms at 100,000 spans on a slow VM).
					const apart = found.spans.length >= PREPARE_APART_SPANS;
					const layer = this.#prepare(found.spans, found.relations, apart);
					if (apart) await new Promise((resolve) => setTimeout(resolve, 0));
					if (read !== this.#reads) return;
					this.#apply(layer, found.revision);
				}
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

	/** Shows `spans` and `relations` as read from storage at `revision` (undo history starts afresh). */
	#show(spans: readonly Span[], revision: number, relations: readonly Relation[]): void {
		this.#apply(this.#prepare(spans, relations), revision);
	}

	/** This session's layer and the others', as sets, from what storage holds (`withLacking`: with the index of claims without a source). */
	#prepare(spans: readonly Span[], relations: readonly Relation[], withLacking = false): PreparedLayer {
		const mine = SpanSet.from(spans.filter((s) => s.annotator === this.annotator));
		const myRelations = RelationSet.from(relations.filter((r) => r.annotator === this.annotator));
		return {
			spans: mine,
			others: spans.filter((s) => s.annotator !== this.annotator),
			relations: myRelations,
			otherRelations: relations.filter((r) => r.annotator !== this.annotator),
			lacking: withLacking ? new LackingLinks(sourceType(this.#workspace.relationTypes), mine, myRelations) : null
		};
	}

	#apply(layer: PreparedLayer, revision: number): void {
		this.#revision = revision;
		this.#spans = layer.spans;
		this.#others = layer.others;
		this.#relations = layer.relations;
		this.#otherRelations = layer.otherRelations;
		this.#history = EditHistory.empty;
		// Made with the relation types of that moment (or not yet): #unsourced makes it if they changed since.
		this.#lacking = layer.lacking;
		this.#lackingChanged++;
		this.#suggestions?.spansChanged(null);
		if (this.#selectedId && !this.#spans.has(this.#selectedId)) this.#selectedId = null;
		if (this.#selectedRelationId && !this.#relations.has(this.#selectedRelationId)) this.#selectedRelationId = null;
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
		return new ArticleSession(workspace, found.article, found.textHash, annotator, found.revision, spans);
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
		// (Told by the workspace's library list, which reads a changed row once for everyone.)
		const stopRow = this.#workspace.followArticleRow(this.article.id, (row) => this.#storedRevision(row?.revision));
		// A change the list learnt of between the reading and now (a newer revision than the one read).
		const known = this.#workspace.articleRow(this.article.id);
		if (known && known.revision > this.#revision) this.#storedRevision(known.revision);
		const stopConflicts = this.#workspace.onConflict((id) => {
			if (id === this.article.id) void this.reload('Your last change was not saved: another tab had changed the same span or link. This is the latest version.');
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
		void this.reload(this.#workspace.team ? 'Updated with changes from the team server (or another tab).' : 'Updated with changes made in another tab.');
	}

	/** Reads the article's spans from storage again (undo history starts afresh), and says why. */
	async reload(message: string): Promise<void> {
		const read = ++this.#reads;
		const found = await readArticleSpans(this.#workspace.db, this.article.id);
		if (!found || read !== this.#reads) return;
		this.#show(found.spans, found.revision, found.relations);
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
		const edits = this.#additions(specs);
		if (edits.length > 0) this.#commit(edits);
		return edits.length;
	}

	/**
	 * Add edits for spans at exactly `specs`' offsets (fresh ids, now), each once, leaving out those
	 * `has` says the layer already has (default: an equal span of this layer).
	 */
	#additions(specs: readonly { start: number; end: number; label: string }[], has = (start: number, end: number, label: string) => this.#spans.findDuplicate(start, end, label) !== undefined): SpanEdit[] {
		const now = Date.now();
		const edits: SpanEdit[] = [];
		const seen = new Set<string>();
		for (const { start, end, label } of specs) {
			const key = `${start}:${end}:${label}`;
			if (seen.has(key) || has(start, end, label)) continue;
			seen.add(key);
			edits.push({ type: 'add', span: { id: newId('s'), articleId: this.article.id, start, end, label, annotator: this.annotator, createdAt: now, updatedAt: now } });
		}
		return edits;
	}

	/**
	 * Removes the spans `remove` (by id) and adds spans at exactly `add`'s offsets, as one undoable
	 * step (a review settling a conflict: its accepted side in, the other sides out). Spans the layer
	 * already has are not added again. Returns whether anything changed.
	 */
	replaceSpans(remove: readonly string[], add: readonly { start: number; end: number; label: string }[]): boolean {
		if (this.#loading) return false;
		const gone = new Set<string>();
		const removed: Span[] = [];
		for (const id of remove) {
			const span = this.#spans.get(id);
			if (!span || gone.has(id)) continue;
			gone.add(id);
			removed.push(span);
		}
		// Spans removed take their relations with them, in this same step.
		const edits: AnnotationEdit[] = removeSpansWithRelations(removed, this.#relations);
		edits.push(
			...this.#additions(add, (start, end, label) => {
				const there = this.#spans.findDuplicate(start, end, label);
				return there !== undefined && !gone.has(there.id);
			})
		);
		if (edits.length > 0) this.#commit(edits);
		return edits.length > 0;
	}

	// —— relations ——

	/**
	 * The link being made: from `head`, with `candidate` the span `]` / `[` walked to (previewed), and
	 * `tail` the other end once picked when several types fit (the user then picks one by its key).
	 */
	#linking = $state.raw<{ readonly head: string; readonly candidate: string | null; readonly tail: string | null } | null>(null);
	get linking() {
		return this.#linking;
	}

	/** How the links are drawn: the user's choice for this article, or (null) the default for its count. */
	#linkDisplay = $state<RelationDisplayMode | null>(null);
	get linkDisplay(): RelationDisplayMode {
		return this.#linkDisplay ?? defaultDisplayMode(this.#relationList.length);
	}
	set linkDisplay(mode: RelationDisplayMode) {
		this.#linkDisplay = mode;
	}

	/** Starts a link from span `headId` (default: the selected span): the span where it starts is the head. */
	startLink(headId?: string): void {
		const head = headId ? this.#spans.get(headId) : this.selected;
		if (!head) return this.notify('Select a span first (click it, or Enter at the caret), then press r to link it.');
		if (this.linkTargets(head.id).length === 0) {
			const heads = this.relationTypes.filter((t) => t.headLabels.length === 0 || t.headLabels.includes(head.label));
			const full = heads.filter((t) => t.onePerHead && this.#relations.outgoing(head.id).some((r) => r.label === t.name));
			return this.notify(
				heads.length === 0
					? `No link type starts at a ${head.label} span.`
					: full.length === heads.length
						? `This ${head.label} already has its ${full.map((t) => t.name).join(' and ')} link: select that link (click it) to retype, reverse (Shift+R) or remove it (Delete).`
						: `Nothing in this article can be the other end of a link from this ${head.label} span yet.`
			);
		}
		this.#linking = { head: head.id, candidate: null, tail: null };
		this.notify(`Linking from ${quoted(this.textOf(head, 40))}: click the other end, or ] / [ to walk to it and Enter. Escape cancels.`);
	}

	/** Walks to the next (1) or previous (−1) span the link may end at, nearest first, and previews it. */
	stepLink(direction: 1 | -1): void {
		const linking = this.#linking;
		if (!linking) return;
		const targets = this.linkTargets(linking.head);
		if (targets.length === 0) return this.notify('No span can be the other end of this link.');
		const at = linking.candidate ? targets.findIndex((t) => t.id === linking.candidate) : -1;
		const next = at < 0 ? (direction === 1 ? targets[0] : targets[targets.length - 1]) : targets[(at + direction + targets.length) % targets.length];
		this.#linking = { ...linking, candidate: next.id, tail: null };
		this.#editor?.focusRange({ start: next.start, end: next.end });
		this.notify(`Link to ${quoted(this.textOf(next, 40))} (${next.label})? Enter links it; ] / [ walk on; Escape cancels.`);
	}

	/** Ends the link being made at `tailId` (default: the span walked to), typed `typeName` or by the one type that fits. */
	finishLink(tailId?: string, typeName?: string): void {
		const linking = this.#linking;
		if (!linking) return;
		const tail = tailId ?? linking.tail ?? linking.candidate;
		if (!tail) return this.notify('Pick the other end first: click it, or ] / [ to walk to it.');
		if (!typeName) {
			const fitting = this.typesFitting(linking.head, tail);
			if (fitting.length > 1) {
				this.#linking = { ...linking, tail };
				return this.notify(`Which link? ${fitting.map((t) => `${t.hotkey ? `${t.hotkey}: ` : ''}${t.name}`).join(', ')} (Escape cancels).`);
			}
		}
		const made = this.addRelation(linking.head, tail, typeName);
		if (made.error !== undefined) return this.notify(made.error);
		this.#linking = null;
		this.#editor?.focusRange(null);
		this.#notifyLinked(made.ok);
	}

	#notifyLinked(relation: Relation): void {
		const head = this.#spans.get(relation.head);
		const end = this.#spans.get(relation.tail);
		this.notify(`Linked (${relation.label}): ${head ? quoted(this.textOf(head, 30)) : '?'} → ${end ? quoted(this.textOf(end, 30)) : '?'}. Shift+R reverses it, Delete removes it.`);
	}

	/**
	 * An Alt-drag from the spans `from` (those under the press, inner to outer) to the spans `to` (under
	 * the release): a link from one of the first to one of the second, the first pair whose labels
	 * some type allows (so nested spans are each reachable). One type fitting: linked at once; several:
	 * the user picks one by its key. False when no type fits any pair: then the drag was a raw
	 * selection (Alt also selects without snapping), and it stays one.
	 */
	relationDrag(from: readonly Span[], to: readonly Span[]): boolean {
		const types = this.#workspace.relationTypes;
		const pairs = from.flatMap((h) => to.filter((t) => t.id !== h.id && typesFitting(types, h.label, t.label).length > 0).map((t) => [h, t] as const));
		if (pairs.length === 0) return false;
		this.#linking = null;
		let refusal: string | null = null;
		for (const [head, tail] of pairs) {
			if (typesFitting(types, head.label, tail.label).length > 1) {
				this.#linking = { head: head.id, candidate: null, tail: null };
				this.finishLink(tail.id);
				return true;
			}
			const made = this.addRelation(head.id, tail.id);
			if (made.ok) return this.#notifyLinked(made.ok), true;
			refusal ??= made.error;
		}
		this.notify(refusal ?? 'No link made.');
		return true;
	}

	cancelLink(): void {
		if (!this.#linking) return;
		this.#linking = null;
		this.#editor?.focusRange(null);
		this.notify('No link made.');
	}

	/**
	 * The relation keys, asked by the editor before its own: while a link is being made (`]` / `[`,
	 * Enter, a type's key, Escape), on a selected relation (its type's key retypes it, Shift+R reverses
	 * it, Delete removes it, Escape lets it go), and `r` on a selected span. True when the key was taken.
	 */
	relationKey(event: KeyboardEvent): boolean {
		if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
		const key = event.key;
		if (this.#linking) {
			if (key === ']' || key === '[') return this.stepLink(key === ']' ? 1 : -1), true;
			if (key === 'Enter') return this.finishLink(), true;
			if (key === 'Escape') return this.cancelLink(), true;
			const type = this.relationTypeForKey(key);
			if (type) return this.finishLink(undefined, type.name), true;
			return key === 'r';
		}
		const relation = this.selectedRelation;
		if (relation) {
			if (key === 'R' && event.shiftKey) {
				const done = this.reverseRelation(relation.id);
				return this.notify(done.error ?? 'Link reversed.'), true;
			}
			if (key === 'Delete' || key === 'Backspace') return this.deleteRelation(relation.id), this.notify('Link removed.'), true;
			if (key === 'Escape') return this.selectRelation(null), true;
			const type = this.relationTypeForKey(key);
			if (type && !event.shiftKey) {
				const done = this.retypeRelation(relation.id, type.name);
				return this.notify(done.error ?? `Link retyped as ${type.name}.`), true;
			}
		}
		if (key === 'r') return this.startLink(), true;
		return false;
	}

	/** A click on span `id` while a link is being made ends it there. True when it did. */
	relationClick(id: string): boolean {
		if (!this.#linking) return false;
		if (id === this.#linking.head) return true;
		this.finishLink(id);
		return true;
	}

	/** The link under a pointer or key in the drawing: selected, the keyboard back in the text. */
	pickRelation(id: string): void {
		this.selectRelation(id);
		this.#editor?.focus();
	}

	/** The relations of this session's layer (a new list after each change; the same list otherwise). */
	get relations(): readonly Relation[] {
		return this.#relationList;
	}

	/** The relations of this layer, indexed by span (`outgoing`, `incoming`, `touching`, `isLinked`). */
	get relationSet(): RelationSet {
		return this.#relations;
	}

	/** Relations of the other layers of this article (read only here). */
	get otherRelations(): readonly Relation[] {
		return this.#otherRelations;
	}

	/** The relation types of the workspace, in their order. */
	get relationTypes(): readonly RelationType[] {
		return this.#workspace.relationTypes;
	}

	/** Relations at span `spanId`: those it heads (`outgoing`) and those it is the tail of (`incoming`). */
	relationsOf(spanId: string): { outgoing: Relation[]; incoming: Relation[] } {
		return { outgoing: this.#relations.outgoing(spanId), incoming: this.#relations.incoming(spanId) };
	}

	/** The claims of this layer with no `source` link, in text order (`limit`: the first so many). */
	claimsWithoutSource(limit = Infinity): Span[] {
		return this.#unsourced().first(this.#spans, limit);
	}

	/** How many claims of this layer have no `source` link: O(1) per edit, however long the article. */
	get claimsWithoutSourceCount(): number {
		return this.#unsourced().size;
	}

	/** The index of claims without a source, built on first use and again when the types change. */
	#unsourced(): LackingLinks {
		void this.#lackingChanged;
		const type = sourceType(this.#workspace.relationTypes);
		if (!this.#lacking || this.#lacking.type !== type) this.#lacking = new LackingLinks(type, untrack(() => this.#spans), untrack(() => this.#relations));
		return this.#lacking;
	}

	/** The types whose label rules allow a link from span `headId` to span `tailId` (empty when either is not in this layer). */
	typesFitting(headId: string, tailId: string): RelationType[] {
		const head = this.#spans.get(headId);
		const tail = this.#spans.get(tailId);
		return head && tail ? typesFitting(this.#workspace.relationTypes, head.label, tail.label) : [];
	}

	get selectedRelationId(): string | null {
		return this.#selectedRelationId;
	}
	get selectedRelation(): Relation | null {
		return this.#selectedRelationId ? (this.#relations.get(this.#selectedRelationId) ?? null) : null;
	}
	/** Selects a relation of this layer (null, or an id not in it: none). */
	selectRelation(id: string | null): void {
		this.#selectedRelationId = id && this.#relations.has(id) ? id : null;
	}

	/**
	 * Links span `headId` (where the link starts) to span `tailId` with the type named `typeName`, or,
	 * with none given, with the one type whose label rules fit the two spans. One undoable step, saved
	 * like any other. The error says why nothing was made: a span not in this layer, no such type, no
	 * type or several types fitting (naming them with their keys, so the user can pick one), or the
	 * rule of the type that refuses the link (labels, self-link, one per head, duplicate).
	 */
	addRelation(headId: string, tailId: string, typeName?: string): Result<Relation> {
		if (this.#loading) return { error: 'Still reading this article’s spans: link again in a moment.' };
		const made = proposeRelation(this.#linkLayer(), headId, tailId, typeName, this.#makeRelation);
		if (made.error !== undefined) return made;
		this.#commit([{ type: 'add-relation', relation: made.ok }]);
		this.#selectedRelationId = made.ok.id;
		this.#message = null;
		return made;
	}

	/**
	 * The spans a link started at span `headId` may end at (some type fits and allows it), nearest
	 * first: what `]` / `[` walk while a link is being made.
	 */
	linkTargets(headId: string): Span[] {
		return linkTargets(this.#linkLayer(), headId);
	}

	/** The relation type a key picks (as typed), if any: what the editor asks while a link is being made or one is selected. */
	relationTypeForKey(key: string): RelationType | undefined {
		return this.#workspace.relationTypes.find((t) => t.hotkey !== '' && t.hotkey === key);
	}

	/**
	 * Adds relations between spans of this layer as one undoable step (a review settling links into
	 * gold: their ends already accepted there). Each must fit its type's rules; one this layer already
	 * has is skipped, one refused is named in `refused` ("head → tail (type): why"). Returns how many
	 * were added.
	 */
	addRelations(specs: readonly { readonly head: string; readonly tail: string; readonly label: string }[]): { added: number; refused: string[] } {
		if (this.#loading) return { added: 0, refused: specs.map((s) => `${s.head} → ${s.tail} (${s.label}): the spans are still being read`) };
		const { relations, refused } = proposeRelations(this.#linkLayer(), specs, this.#makeRelation);
		if (relations.length > 0) this.#commit(relations.map((relation): AnnotationEdit => ({ type: 'add-relation', relation })));
		return { added: relations.length, refused };
	}

	/**
	 * A review settling one link into this layer, as one undoable step: the relations `removeRelations`
	 * (ids) leave, spans at exactly `addEnds`' offsets are added where the layer lacks them (a link needs
	 * its two ends here), and the spans equal to `link`'s ends are linked with its type. Nothing changes
	 * when the type's rules refuse the link; the error says why. `ok` is whether anything changed (false:
	 * the layer already had all of it).
	 */
	settleRelation(
		removeRelations: readonly string[],
		addEnds: readonly { start: number; end: number; label: string }[],
		link: { readonly label: string; readonly head: { start: number; end: number; label: string }; readonly tail: { start: number; end: number; label: string } }
	): Result<boolean> {
		if (this.#loading) return { error: 'Still reading this article’s spans: try again in a moment.' };
		const edits: AnnotationEdit[] = [];
		for (const id of new Set(removeRelations)) {
			const relation = this.#relations.get(id);
			if (relation) edits.push({ type: 'remove-relation', relation });
		}
		edits.push(...this.#additions(addEnds));
		const after = applyAnnotationEdits({ spans: this.#spans, relations: this.#relations }, edits);
		const head = after.spans.findDuplicate(link.head.start, link.head.end, link.head.label);
		const tail = after.spans.findDuplicate(link.tail.start, link.tail.end, link.tail.label);
		if (!head || !tail) return { error: `The ${link.label} link needs both its ends in ${quoted(this.annotator)}’s layer.` };
		const layer: LinkLayer = { spans: after.spans, relations: after.relations, types: this.#workspace.relationTypes, annotator: this.annotator };
		const { relations, refused } = proposeRelations(layer, [{ head: head.id, tail: tail.id, label: link.label }], this.#makeRelation);
		if (refused.length > 0) return { error: `Not linked: ${refused[0].slice(refused[0].indexOf(': ') + 2)}.` };
		for (const relation of relations) edits.push({ type: 'add-relation', relation });
		if (edits.length > 0) this.#commit(edits);
		return { ok: edits.length > 0 };
	}

	/** Gives relation `id` the type named `name`, if that type's rules allow its two ends. One undoable step. */
	retypeRelation(id: string, name: string): Result<Relation> {
		const relation = this.#relations.get(id);
		if (!relation) return { error: 'That link is not in this layer any more.' };
		if (relation.label === name) return { ok: relation };
		return this.#changeRelation(relation, { label: name });
	}

	/** Swaps the head and tail of relation `id` (the link then starts at its other end), if its type's rules allow it. One undoable step. */
	reverseRelation(id: string): Result<Relation> {
		const relation = this.#relations.get(id);
		if (!relation) return { error: 'That link is not in this layer any more.' };
		return this.#changeRelation(relation, { head: relation.tail, tail: relation.head });
	}

	/** Deletes relation `id` as one undoable step; false when there is no such relation in this layer. */
	deleteRelation(id: string): boolean {
		const relation = this.#relations.get(id);
		if (!relation) return false;
		this.#commit([{ type: 'remove-relation', relation }]);
		if (this.#selectedRelationId === id) this.#selectedRelationId = null;
		return true;
	}

	/** Sets the note of relation `id` (trimmed; empty removes it) as one undoable edit. False when there is no such relation. */
	noteRelation(id: string, note: string): boolean {
		const relation = this.#relations.get(id);
		if (!relation) return false;
		const text = note.trim();
		if ((relation.note ?? '') === text) return true;
		const { note: _old, ...rest } = relation;
		const after: Relation = text === '' ? { ...rest, updatedAt: Date.now() } : { ...rest, note: text, updatedAt: Date.now() };
		this.#commit([{ type: 'update-relation', before: relation, after }]);
		this.notify(text === '' ? 'Note removed.' : 'Note saved.');
		return true;
	}

	#linkLayer(): LinkLayer {
		return { spans: this.#spans, relations: this.#relations, types: this.#workspace.relationTypes, annotator: this.annotator };
	}

	/** A new relation of this layer (fresh id, now). */
	readonly #makeRelation: MakeRelation = (label, head, tail) => {
		const now = Date.now();
		return { id: newId('r'), articleId: this.article.id, label, head: head.id, tail: tail.id, annotator: this.annotator, createdAt: now, updatedAt: now };
	};

	#changeRelation(relation: Relation, change: Partial<Pick<Relation, 'label' | 'head' | 'tail'>>): Result<Relation> {
		const changed = proposeRelationChange(this.#linkLayer(), relation, change, Date.now());
		if (changed.error !== undefined) return changed;
		this.#commit([{ type: 'update-relation', before: relation, after: changed.ok }]);
		this.#selectedRelationId = relation.id;
		return changed;
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
		// Links whose type does not allow the new label go, in the same step (undo brings them back).
		const broken = relationsBrokenByLabel(span, label, this.#relations.touching(id), (other) => this.#spans.get(other), this.#workspace.relationTypes);
		const edits: AnnotationEdit[] = [
			...broken.map((relation): AnnotationEdit => ({ type: 'remove-relation', relation })),
			{ type: 'update', before: span, after: { ...span, label, updatedAt: Date.now() } }
		];
		this.#commit(edits);
		this.select(id, false);
		const step = this.#history.lastDone;
		const unlinked = broken.length === 0 ? '' : ` Removed ${broken.length === 1 ? 'its link' : `${broken.length} of its links`} that the new label does not allow (${[...new Set(broken.map((r) => r.label))].map(quoted).join(', ')}).`;
		this.#workspace.notices.info(`Relabelled ${quoted(this.textOf(span, 60))}: ${span.label} → ${label}.${unlinked}`, {
			action: { label: 'Undo', run: () => this.#undoRelabel(step, id, span.label, label) }
		});
	}

	/**
	 * The Undo of a relabel notice: undoes that step when it is still the last one, else (other
	 * actions came after it, or a review records the edits) relabels the span back as a new step,
	 * if it still has that label.
	 */
	#undoRelabel(step: readonly AnnotationEdit[] | undefined, id: string, from: string, to: string): void {
		const span = this.#spans.get(id);
		if (!span || span.label !== to) return this.notify('That span has changed since; nothing was undone.');
		// A review keeps its own history around this session's: relabel back through it, so it is recorded there.
		const host = this.#editor?.host;
		if (host && host !== this) host.relabel(id, from);
		else if (step && this.#history.lastDone === step) this.undo();
		else this.relabel(id, from);
		this.#editor?.focus();
	}

	/** Removes span `id` with its relations, as one undoable step (one undo brings both back). */
	remove(id: string): void {
		const span = this.#spans.get(id);
		if (!span) return;
		this.#commit(removeSpansWithRelations([span], this.#relations));
		this.select(null);
	}

	/** `remove`, under the name the relation work uses for it. */
	deleteSpan(id: string): void {
		this.remove(id);
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
		const batch = this.#history.lastDone;
		const step = this.#history.undo();
		if (!step) return this.notify('Nothing to undo.');
		this.#history = step.history;
		if (step.edits.length > 0) {
			this.#applyAndSave(step.edits);
			this.#selectAfter(step.edits);
		}
		if (batch) this.#effects.get(batch)?.undo();
	}

	redo(): void {
		const batch = this.#history.lastUndone;
		const step = this.#history.redo();
		if (!step) return this.notify('Nothing to redo.');
		this.#history = step.history;
		if (step.edits.length > 0) {
			this.#applyAndSave(step.edits);
			this.#selectAfter(step.edits);
		}
		if (batch) this.#effects.get(batch)?.redo();
	}

	/**
	 * Records `edits` (possibly none) as one undo step that also has an effect outside the spans
	 * (decisions on suggestions): `effect.redo` has just been done by the caller; undo and redo of the
	 * step run `effect.undo` / `effect.redo` after the edits. Returns the edits' ids as applied.
	 */
	commitStep(edits: readonly AnnotationEdit[], effect: StepEffect, caret?: number): void {
		this.#history = this.#history.push([...edits], true);
		const step = this.#history.lastDone;
		if (step) this.#effects.set(step, effect);
		if (edits.length > 0) this.#applyAndSave(edits, caret);
	}

	/** New span edits for spans at exactly `specs`' offsets in this layer (fresh ids), leaving out those it has. */
	spanAdditions(specs: readonly { start: number; end: number; label: string }[]): SpanEdit[] {
		return this.#additions(specs);
	}

	/** Whom to tell of every change to this layer's spans (null: a reload, all may have changed). */
	listen(listener: SpanListener | null): void {
		this.#suggestions = listener;
	}

	/** The editor this session draws in, if attached (for what is drawn beside spans). */
	get editor(): ArticleEditor | null {
		return this.#editor;
	}

	/** Suggestion keys, when the article page offers suggestions (see EditorHost.suggestionKey). */
	suggestionKey(event: KeyboardEvent, hasSelection: boolean): boolean {
		return this.#suggestionKeys?.(event, hasSelection) ?? false;
	}
	#suggestionKeys: ((event: KeyboardEvent, hasSelection: boolean) => boolean) | null = null;
	/** Hands the suggestion keys to `handler` (null: none). */
	setSuggestionKeys(handler: ((event: KeyboardEvent, hasSelection: boolean) => boolean) | null): void {
		this.#suggestionKeys = handler;
	}

	showHelp(): void {
		this.#helpOpen = true;
	}

	notify(message: string): void {
		this.#message = message;
	}

	// —— helpers ——

	/** The text a span covers, shortened for messages and lists. */
	textOf(span: Pick<Span, 'start' | 'end'>, max = 120): string {
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
		const allRelations = [...this.#relations.all(), ...this.#otherRelations];
		const relations = options.layer === undefined ? allRelations : allRelations.filter((r) => r.annotator === options.layer);
		const line = serializeArticle(article, spans, relations);
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
	#commit(edits: readonly AnnotationEdit[], caret?: number): void {
		this.#history = this.#history.push([...edits]);
		this.#applyAndSave(edits, caret);
	}

	#applyAndSave(edits: readonly AnnotationEdit[], caret?: number): void {
		const before = this.#spans;
		const next = applyAnnotationEdits({ spans: before, relations: this.#relations }, edits);
		this.#spans = next.spans;
		this.#relations = next.relations;
		if (this.#lacking) {
			this.#lacking.update(edits, next.spans, next.relations);
			this.#lackingChanged++;
		}
		if (this.#selectedId && !this.#spans.has(this.#selectedId)) this.#selectedId = null;
		if (this.#selectedRelationId && !this.#relations.has(this.#selectedRelationId)) this.#selectedRelationId = null;
		// The editor draws spans; a relation-only step leaves them as they are.
		if (next.spans !== before) {
			const spanEdits = spanEditsOf(edits);
			this.#editor?.sync(this.#spans, spanEdits, caret);
			this.#suggestions?.spansChanged(spanEdits);
		}
		void this.#workspace.persistEdits(this.article.id, edits);
	}

	/** After undo/redo, select what the step touched last if it still exists. */
	#selectAfter(all: readonly AnnotationEdit[]): void {
		const edits = spanEditsOf(all);
		if (edits.length === 0) {
			// A relation step: select the relation it touched last, if it is still there.
			const last = all[all.length - 1];
			this.selectRelation(last && isRelationEdit(last) ? (last.type === 'update-relation' ? last.after.id : last.relation.id) : null);
			return;
		}
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
