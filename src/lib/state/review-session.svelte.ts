/**
 * Reviewing one article: the annotators' layers over the same text, the candidates they propose
 * with their status, and the gold layer the reviewer settles them into. Accepting a candidate adds
 * it to gold, rejecting records a decision; gold spans can also be edited like any layer (label
 * keys, Delete, moving edges). Every action is saved as it happens and undoable, in one history.
 */
import { buildCandidates, reviewProgress, type Candidate } from '$lib/core/review/candidates';
import { GOLD_ANNOTATOR } from '$lib/core/review/layers';
import { computeAgreement } from '$lib/core/agreement/agreement';
import type { ArticleAgreement } from '$lib/core/agreement/types';
import type { Span } from '$lib/core/types';
import { listRejections, setRejection } from '$lib/db';
import type { ArticleEditor, EdgeStep, EditorHost } from '$lib/editor';
import { ArticleSession } from './article-session.svelte';
import type { Workspace } from './workspace.svelte';

/**
 * One step of the review's history: a change to gold (undone by the gold session's own history)
 * and/or rejections set or withdrawn.
 */
interface Step {
	readonly gold: boolean;
	readonly keys: readonly string[];
	readonly rejected: boolean;
}

export class ReviewSession implements EditorHost {
	readonly gold: ArticleSession;
	/** The annotators under review (everyone with spans here but gold), sorted. */
	readonly annotators: readonly string[];
	readonly #workspace: Workspace;
	#rejected = $state.raw<ReadonlySet<string>>(new Set());
	#visible = $state.raw<ReadonlySet<string>>(new Set());
	#currentKey = $state<string | null>(null);
	#undo: Step[] = [];
	#redo: Step[] = [];
	#editor: ArticleEditor | null = null;

	readonly candidates: readonly Candidate[] = $derived.by(() =>
		buildCandidates(this.gold.others, this.annotators, this.gold.spans.all(), this.#rejected)
	);
	readonly progress = $derived(reviewProgress(this.candidates));
	/** Agreement between the annotators on this article (their layers do not change during a review). */
	readonly agreement: ArticleAgreement = $derived.by(() =>
		computeAgreement({ articles: [{ id: this.gold.article.id, text: this.gold.article.text, spans: this.gold.others }], annotators: this.annotators })
	);

	private constructor(workspace: Workspace, gold: ArticleSession, rejected: Set<string>) {
		this.#workspace = workspace;
		this.gold = gold;
		this.annotators = [...new Set(gold.others.map((s) => s.annotator))].sort();
		this.#rejected = rejected;
		this.#visible = new Set(this.annotators);
	}

	static async open(workspace: Workspace, id: string): Promise<ReviewSession | undefined> {
		const gold = await ArticleSession.open(workspace, id, GOLD_ANNOTATOR);
		if (!gold) return undefined;
		// Candidates are made from every layer: wait for the spans.
		await gold.ready;
		return new ReviewSession(workspace, gold, await listRejections(workspace.db, id));
	}

	get article() {
		return this.gold.article;
	}
	/** Settled: the review session opens once every layer is read. */
	get ready(): Promise<void> {
		return this.gold.ready;
	}
	/** The gold layer's spans: what the editor draws and edits. */
	get spans() {
		return this.gold.spans;
	}
	get current(): Candidate | null {
		return this.candidates.find((c) => c.key === this.#currentKey) ?? null;
	}
	get visible(): ReadonlySet<string> {
		return this.#visible;
	}
	get canUndo(): boolean {
		return this.#undo.length > 0;
	}
	get canRedo(): boolean {
		return this.#redo.length > 0;
	}
	get message(): string | null {
		return this.gold.message;
	}

	/** The spans of one annotator's layer. */
	layer(annotator: string): Span[] {
		return this.gold.others.filter((s) => s.annotator === annotator);
	}

	attach(editor: ArticleEditor | null): void {
		this.#editor = editor;
		this.gold.attach(editor);
		this.#drawOverlays();
		if (editor && this.current) editor.focusRange(this.current);
	}

	/** Shows or hides an annotator's layer under the text. */
	toggleLayer(annotator: string): void {
		const next = new Set(this.#visible);
		if (next.has(annotator)) next.delete(annotator);
		else next.add(annotator);
		this.#visible = next;
		this.#drawOverlays();
	}

	#drawOverlays(): void {
		this.#editor?.setOverlays(this.annotators.map((a) => (this.#visible.has(a) ? this.layer(a) : [])));
	}

	/** Moves to a candidate (by key), marking it in the text. */
	focus(key: string | null): void {
		this.#currentKey = key;
		this.#editor?.focusRange(this.current);
	}

	/** Moves to the next (or previous) unsettled candidate, conflicts only when `conflicts`; wraps around. */
	step(direction: 1 | -1, conflicts = false): void {
		const all = this.candidates;
		const here = this.current ? all.indexOf(this.current) : -1;
		const open = all.map((c, i) => [c, i] as const).filter(([c]) => !c.settled && (!conflicts || c.status === 'conflict'));
		if (open.length === 0) return this.gold.notify(conflicts ? 'No unsettled conflict left.' : 'Every candidate is settled.');
		const after = open.find(([, i]) => i > here);
		const before = open.filter(([, i]) => i < here || here === -1).at(-1);
		const [next] = direction === 1 ? (after ?? open[0]) : (before ?? open[open.length - 1]);
		this.focus(next.key);
	}

	/** Accepts the current candidate (or `key`) into gold; a rejection of it is withdrawn. */
	accept(key = this.#currentKey): void {
		const c = this.candidates.find((x) => x.key === key);
		if (!c) return this.gold.notify('Choose a candidate first (n / p).');
		const gold = this.#changeGold(() => this.gold.addSpans([c]));
		const unreject = c.settled === 'rejected';
		if (unreject) this.#setRejected([c.key], false);
		if (gold || unreject) this.#push({ gold, keys: unreject ? [c.key] : [], rejected: false });
		this.#afterDecision(c);
	}

	/** Rejects the current candidate (or `key`); if gold held it, it is removed from gold. */
	reject(key = this.#currentKey): void {
		const c = this.candidates.find((x) => x.key === key);
		if (!c) return this.gold.notify('Choose a candidate first (n / p).');
		if (c.settled === 'rejected') return this.#afterDecision(c);
		const inGold = this.gold.spans.findDuplicate(c.start, c.end, c.label);
		const gold = inGold ? this.#changeGold(() => this.gold.remove(inGold.id)) : false;
		this.#setRejected([c.key], true);
		this.#push({ gold, keys: [c.key], rejected: true });
		this.#afterDecision(c);
	}

	/** Accepts every unsettled unanimous candidate in one step; returns how many. */
	acceptAllUnanimous(): number {
		const wanted = this.candidates.filter((c) => c.status === 'unanimous' && !c.settled);
		if (wanted.length === 0) {
			this.gold.notify('No unanimous candidate is waiting.');
			return 0;
		}
		if (this.#changeGold(() => this.gold.addSpans(wanted))) this.#push({ gold: true, keys: [], rejected: false });
		this.gold.notify(`Accepted ${wanted.length} unanimous candidate${wanted.length === 1 ? '' : 's'}.`);
		return wanted.length;
	}

	/** After settling `c`, moves on to the next unsettled candidate in text order, if any. */
	#afterDecision(c: Candidate): void {
		const all = this.candidates;
		const from = all.findIndex((x) => x.key === c.key);
		const next = all.slice(from + 1).find((x) => !x.settled) ?? all.find((x) => !x.settled);
		this.focus(next ? next.key : c.key);
	}

	/** Runs a gold change; true if it changed anything. */
	#changeGold(change: () => unknown): boolean {
		const before = this.gold.spans;
		change();
		return this.gold.spans !== before;
	}

	#push(step: Step): void {
		this.#undo.push(step);
		this.#redo = [];
	}

	#setRejected(keys: readonly string[], rejected: boolean): void {
		if (keys.length === 0) return;
		const next = new Set(this.#rejected);
		for (const key of keys) {
			if (rejected) next.add(key);
			else next.delete(key);
		}
		this.#rejected = next;
		const id = this.gold.article.id;
		Promise.all(keys.map((key) => setRejection(this.#workspace.db, id, key, rejected))).catch((error) =>
			this.#workspace.notices.error(`A review decision could not be saved: ${(error as Error).message}`)
		);
	}

	// —— EditorHost: gold edits through the editor, recorded in the review's history ——

	labelForKey(key: string): string | undefined {
		return this.gold.labelForKey(key);
	}
	tag(start: number, end: number, label: string, raw: boolean): void {
		this.#editGold(() => this.gold.tag(start, end, label, raw));
	}
	relabel(id: string, label: string): void {
		this.#editGold(() => this.gold.relabel(id, label));
	}
	remove(id: string): void {
		this.#editGold(() => this.gold.remove(id));
	}
	moveEdge(id: string, edge: 'start' | 'end', direction: -1 | 1, step?: EdgeStep): void {
		this.#editGold(() => this.gold.moveEdge(id, edge, direction, step));
	}

	#editGold(change: () => unknown): void {
		if (this.#changeGold(change)) this.#push({ gold: true, keys: [], rejected: false });
	}
	select(id: string | null): void {
		this.gold.select(id);
	}
	spanReleased(): void {
		this.gold.spanReleased();
	}
	showHelp(): void {
		this.gold.showHelp();
	}
	notify(message: string): void {
		this.gold.notify(message);
	}

	undo(): void {
		const step = this.#undo.pop();
		if (!step) return this.gold.notify('Nothing to undo.');
		if (step.gold) this.gold.undo();
		this.#setRejected(step.keys, !step.rejected);
		this.#redo.push(step);
	}

	redo(): void {
		const step = this.#redo.pop();
		if (!step) return this.gold.notify('Nothing to redo.');
		if (step.gold) this.gold.redo();
		this.#setRejected(step.keys, step.rejected);
		this.#undo.push(step);
	}
}
