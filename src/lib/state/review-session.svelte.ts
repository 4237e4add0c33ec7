/**
 * Reviewing one article: the annotators' layers over the same text, the candidates they propose
 * with their status, and the gold layer the reviewer settles them into. Accepting a candidate adds
 * it to gold, rejecting records a decision; gold spans can also be edited like any layer (label
 * keys, Delete, moving edges). Every action is saved as it happens and undoable, in one history.
 */
import { buildCandidates, reviewProgress, type Candidate } from '$lib/core/review/candidates';
import { acceptEffect, goldOverlaps, nextAfterDecision, overlapsGold, type GoldOverlap } from '$lib/core/review/settle';
import { GOLD_ANNOTATOR } from '$lib/core/review/layers';
import { computeAgreement } from '$lib/core/agreement/agreement';
import type { ArticleAgreement } from '$lib/core/agreement/types';
import type { Span } from '$lib/core/types';
import { listRejections, setRejection } from '$lib/db';
import type { ArticleEditor, EdgeStep, EditorHost } from '$lib/editor';
import { ArticleSession } from './article-session.svelte';
import type { Workspace } from './workspace.svelte';

/**
 * One step of the review's history: a change to gold (undone by the gold session's own history),
 * rejections set and withdrawn, and the candidate it was about (the cursor returns there on undo).
 */
interface Step {
	readonly gold: boolean;
	readonly rejected: readonly string[];
	readonly unrejected: readonly string[];
	readonly focus?: string;
}

const NO_REJECTIONS = { rejected: [], unrejected: [] } as const;

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
	/** Pairs of gold spans of one label that overlap: gold should say which one is meant. */
	readonly overlaps: readonly GoldOverlap[] = $derived.by(() => goldOverlaps(this.gold.spans.all()));
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

	/**
	 * Accepts the current candidate (or `key`) into gold, settling its conflict: the candidates that
	 * contradict it are rejected (and leave gold if they were in it), all in one undo step. A rejection
	 * of it is withdrawn. When gold holds a span of its label over part of it that is none of those
	 * (one tagged or moved by hand), nothing happens unless `overlap` confirms both are meant (its ✓
	 * button): gold gets overlapping spans of one label only by the reviewer's explicit choice.
	 */
	accept(key = this.#currentKey, opts: { overlap?: boolean } = {}): void {
		const c = this.candidates.find((x) => x.key === key);
		if (!c) return this.gold.notify('Choose a candidate first (j / k, or n / p for conflicts).');
		const { others, leaveGold } = acceptEffect(this.candidates, c.key);
		const leaving = leaveGold.flatMap((o) => this.gold.spans.findDuplicate(o.start, o.end, o.label)?.id ?? []);
		const staying = this.gold.spans.all().filter((s) => !leaving.includes(s.id));
		if (c.settled !== 'accepted' && !opts.overlap && overlapsGold(staying, c)) {
			this.focus(c.key);
			const other = staying.find((s) => overlapsGold([s], c)) as Span;
			return this.gold.notify(`Gold already has ${c.label} “${this.gold.textOf(other, 60)}” over part of this: edit that span, or click ✓ to keep both.`);
		}
		const gold = this.#changeGold(() => this.gold.replaceSpans(leaving, [c]));
		const rejected = others.filter((o) => o.settled !== 'rejected').map((o) => o.key);
		const unrejected = c.settled === 'rejected' ? [c.key] : [];
		this.#setRejected(rejected, true);
		this.#setRejected(unrejected, false);
		if (gold || rejected.length > 0 || unrejected.length > 0) this.#push({ gold, rejected, unrejected, focus: c.key });
		if (others.length > 0) {
			const n = others.length;
			this.gold.notify(`Accepted ${c.label} “${this.#quote(c)}”; the other side${n === 1 ? '' : 's'} of its conflict ${n === 1 ? 'is' : 'are'} rejected (${n}).`);
		}
		this.#afterDecision(c);
	}

	/**
	 * Rejects the current candidate (or `key`); if gold held it, it is removed from gold. A unanimous
	 * candidate (every annotator proposed it) is rejected only when `unanimous` confirms it (Shift+X,
	 * or its own ✗ button): a rhythm of `x` presses stops on it instead of rejecting it unseen.
	 */
	reject(key = this.#currentKey, opts: { unanimous?: boolean } = {}): void {
		const c = this.candidates.find((x) => x.key === key);
		if (!c) return this.gold.notify('Choose a candidate first (j / k, or n / p for conflicts).');
		if (c.settled === 'rejected') return this.#afterDecision(c);
		if (c.status === 'unanimous' && !opts.unanimous) {
			this.focus(c.key);
			const n = c.annotators.length;
			return this.gold.notify(`Every annotator (${n}) proposed ${c.label} “${this.#quote(c)}”: press Shift+X to reject it, or a to accept it.`);
		}
		const inGold = this.gold.spans.findDuplicate(c.start, c.end, c.label);
		const gold = inGold ? this.#changeGold(() => this.gold.remove(inGold.id)) : false;
		this.#setRejected([c.key], true);
		this.#push({ gold, rejected: [c.key], unrejected: [], focus: c.key });
		this.#afterDecision(c);
	}

	/**
	 * Accepts every unsettled unanimous candidate in one step; returns how many. Those that would
	 * overlap a gold span of their label (made by hand) are left for the reviewer to decide.
	 */
	acceptAllUnanimous(): number {
		const gold = this.gold.spans.all();
		const waiting = this.candidates.filter((c) => c.status === 'unanimous' && !c.settled);
		const wanted = waiting.filter((c) => !overlapsGold(gold, c));
		const left = waiting.length - wanted.length;
		const leftNote = left > 0 ? ` ${left} left for you: ${left === 1 ? 'it overlaps a gold span' : 'they overlap gold spans'} of ${left === 1 ? 'its' : 'their'} label.` : '';
		if (wanted.length === 0) {
			this.gold.notify(`No unanimous candidate is waiting.${leftNote}`);
			return 0;
		}
		if (this.#changeGold(() => this.gold.addSpans(wanted))) this.#push({ gold: true, ...NO_REJECTIONS });
		this.gold.notify(`Accepted ${wanted.length} unanimous candidate${wanted.length === 1 ? '' : 's'}.${leftNote}`);
		if (this.current?.settled) this.#afterDecision(this.current);
		return wanted.length;
	}

	/** After settling `c`: the next unsettled candidate of its conflict, else the next one in text order. */
	#afterDecision(c: Candidate): void {
		const next = nextAfterDecision(this.candidates, c.key);
		this.focus(next ? next.key : c.key);
	}

	#quote(c: Candidate): string {
		const t = this.gold.article.text.slice(c.start, c.end).replace(/\s+/g, ' ');
		return t.length > 60 ? `${t.slice(0, 60)}…` : t;
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
		if (this.#changeGold(change)) this.#push({ gold: true, ...NO_REJECTIONS });
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
		this.#setRejected(step.rejected, false);
		this.#setRejected(step.unrejected, true);
		this.#redo.push(step);
		if (step.focus) this.focus(step.focus);
	}

	redo(): void {
		const step = this.#redo.pop();
		if (!step) return this.gold.notify('Nothing to redo.');
		if (step.gold) this.gold.redo();
		this.#setRejected(step.rejected, true);
		this.#setRejected(step.unrejected, false);
		this.#undo.push(step);
		const decided = this.candidates.find((c) => c.key === step.focus);
		if (decided) this.#afterDecision(decided);
	}
}
