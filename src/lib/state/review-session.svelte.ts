/**
 * Reviewing one article: the annotators' layers over the same text, the candidates they propose
 * with their status, and the gold layer the reviewer settles them into. Accepting a candidate adds
 * it to gold, rejecting records a decision; gold spans can also be edited like any layer (label
 * keys, Delete, moving edges). Every action is saved as it happens and undoable, in one history.
 */
import { buildCandidates, reviewProgress, type Candidate } from '$lib/core/review/candidates';
import { acceptEffect, goldOverlaps, nextAfterDecision, overlapsGold, type GoldOverlap } from '$lib/core/review/settle';
import { GOLD_ANNOTATOR } from '$lib/core/layers';
import { computeAgreement } from '$lib/core/agreement/agreement';
import type { ArticleAgreement } from '$lib/core/agreement/types';
import type { Relation, Span } from '$lib/core/types';
import { buildRelationCandidates, type RelationCandidate, type RelationEnd, type RelationReviewRules } from '$lib/core/review/relation-candidates';
import { goldRelationsOf, relationAcceptPlan } from '$lib/core/review/relation-settle';
import { resolveAgreementRelations } from '$lib/core/agreement/relation-agreement';
import { quoted } from '$lib/core/text/isolate';
import { listRejections, setRejection } from '$lib/db';
import type { ArticleEditor, EdgeStep, EditorHost } from '$lib/editor';
import { ArticleSession } from './article-session.svelte';
import type { Workspace } from './workspace.svelte';

/**
 * One step of the review's history: a change to gold (undone by the gold session's own history),
 * rejections set and withdrawn, and the candidate it was about (the cursor returns there on undo).
 */
interface Step {
	/** How many steps of the gold session's own history it made (undone one by one). */
	readonly gold: number;
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
	/** The review rules of the relation types: which are symmetric, which allow one link per head. */
	readonly relationRules: RelationReviewRules = $derived.by(() => {
		const types = this.gold.relationTypes;
		return { symmetric: new Set(types.filter((t) => !t.directed).map((t) => t.name)), onePerHead: new Set(types.filter((t) => t.onePerHead).map((t) => t.name)) };
	});
	/** The links the annotators propose, compared across them, and where each stands against gold. */
	readonly relationCandidates: readonly RelationCandidate[] = $derived.by(() =>
		buildRelationCandidates({
			spans: this.gold.others,
			relations: this.gold.otherRelations,
			annotators: this.annotators,
			goldSpans: this.gold.spans.all(),
			goldRelations: this.gold.relations,
			rejected: this.#rejected,
			rules: this.relationRules
		})
	);
	readonly relationProgress = $derived(reviewProgress(this.relationCandidates));
	/** Pairs of gold spans of one label that overlap: gold should say which one is meant. */
	readonly overlaps: readonly GoldOverlap[] = $derived.by(() => goldOverlaps(this.gold.spans.all()));
	/** Agreement between the annotators on this article (their layers do not change during a review). */
	readonly agreement: ArticleAgreement = $derived.by(() =>
		computeAgreement({
			articles: [{ id: this.gold.article.id, text: this.gold.article.text, spans: this.gold.others, relations: resolveAgreementRelations(this.gold.others, this.gold.otherRelations) }],
			annotators: this.annotators,
			symmetricRelations: this.relationRules.symmetric
		})
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
	/** The link candidate the cursor is on (the cursor is on a span candidate or a link candidate). */
	get currentRelation(): RelationCandidate | null {
		return this.relationCandidates.find((c) => c.key === this.#currentKey) ?? null;
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

	/** Moves to a candidate or link candidate (by key), marking it in the text (a link: its head). */
	focus(key: string | null): void {
		this.#currentKey = key;
		const link = this.currentRelation;
		this.#editor?.focusRange(link ? link.head : this.current);
	}

	/** Every candidate in review order: the spans in text order, then the links in text order. */
	get #all(): readonly (Candidate | RelationCandidate)[] {
		return [...this.candidates, ...this.relationCandidates];
	}

	/**
	 * Moves to the next (or previous) unsettled candidate, conflicts only when `conflicts`; wraps
	 * around. The spans come first, then the links (a link is settled best once its ends are).
	 */
	step(direction: 1 | -1, conflicts = false): void {
		const all = this.#all;
		const here = all.findIndex((c) => c.key === this.#currentKey);
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
		if (this.relationCandidates.some((x) => x.key === key)) return this.acceptRelation(key as string);
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
		if (this.relationCandidates.some((x) => x.key === key)) return this.rejectRelation(key as string, opts);
		const c = this.candidates.find((x) => x.key === key);
		if (!c) return this.gold.notify('Choose a candidate first (j / k, or n / p for conflicts).');
		if (c.settled === 'rejected') return this.#afterDecision(c);
		if (c.status === 'unanimous' && !opts.unanimous) {
			this.focus(c.key);
			const n = c.annotators.length;
			return this.gold.notify(`Every annotator (${n}) proposed ${c.label} “${this.#quote(c)}”: press Shift+X to reject it, or a to accept it.`);
		}
		const inGold = this.gold.spans.findDuplicate(c.start, c.end, c.label);
		const gold = inGold ? this.#changeGold(() => this.gold.remove(inGold.id)) : 0;
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
		const spanSteps = this.#changeGold(() => this.gold.addSpans(wanted));
		// Then the unanimous links whose two ends gold now has (a link needs its ends in gold).
		const links = this.relationCandidates.filter((c) => c.status === 'unanimous' && !c.settled && c.headInGold && c.tailInGold);
		const spanOf = (e: RelationEnd) => this.gold.spans.findDuplicate(e.start, e.end, e.label);
		let linked = 0;
		let refused: string[] = [];
		const linkSteps = this.#changeGold(() => {
			const done = this.gold.addRelations(links.flatMap((c) => {
				const head = spanOf(c.head);
				const tail = spanOf(c.tail);
				return head && tail ? [{ head: head.id, tail: tail.id, label: c.label }] : [];
			}));
			linked = done.added;
			refused = done.refused;
		});
		const waitingLinks = this.relationCandidates.filter((c) => c.status === 'unanimous' && !c.settled).length;
		const linkNote = linked > 0 ? ` and ${linked} unanimous link${linked === 1 ? '' : 's'}` : '';
		const waitNote = waitingLinks > 0 ? ` ${waitingLinks} unanimous link${waitingLinks === 1 ? ' waits' : 's wait'} for you${refused.length > 0 ? ` (${refused.length} refused by the type rules against gold)` : ': their ends are not in gold'}.` : '';
		if (spanSteps + linkSteps === 0) {
			this.gold.notify(`No unanimous candidate is waiting.${leftNote}${waitNote}`);
			return 0;
		}
		this.#push({ gold: spanSteps + linkSteps, ...NO_REJECTIONS });
		this.gold.notify(`Accepted ${wanted.length} unanimous candidate${wanted.length === 1 ? '' : 's'}${linkNote}.${leftNote}${waitNote}`);
		const here = this.current ?? this.currentRelation;
		if (here?.settled) this.#afterDecision(here);
		return wanted.length + linked;
	}

	/**
	 * Accepts link candidate `key` into gold: its ends come into gold with it when gold lacks them, and
	 * the links that contradict it (the same ends with another type, the reverse link, another source of
	 * the same claim) are rejected and leave gold, all in one undo step. When the type's rules refuse it
	 * against gold as it stands (a link made there by hand), nothing changes and the message says why.
	 */
	acceptRelation(key: string): void {
		const c = this.relationCandidates.find((x) => x.key === key);
		const plan = relationAcceptPlan(this.relationCandidates, key);
		if (!c || !plan) return this.gold.notify('Choose a link candidate first.');
		const leaving = goldRelationsOf(
			plan.leaveGold.map((o) => o.key),
			this.gold.spans.all(),
			this.gold.relations,
			this.relationRules
		).map((r) => r.id);
		let error: string | undefined;
		const gold = this.#changeGold(() => {
			error = this.gold.settleRelation(leaving, plan.addEnds, c).error;
		});
		if (error) {
			this.focus(c.key);
			return this.gold.notify(error);
		}
		const rejected = plan.others.filter((o) => o.settled !== 'rejected').map((o) => o.key);
		const unrejected = c.settled === 'rejected' ? [c.key] : [];
		this.#setRejected(rejected, true);
		this.#setRejected(unrejected, false);
		if (gold || rejected.length > 0 || unrejected.length > 0) this.#push({ gold, rejected, unrejected, focus: c.key });
		const ends = plan.addEnds.length;
		const notes = [
			ends > 0 ? `${ends === 1 ? 'its end' : 'both its ends'} came into gold with it` : '',
			plan.others.length > 0 ? `the other side${plan.others.length === 1 ? '' : 's'} of its conflict ${plan.others.length === 1 ? 'is' : 'are'} rejected (${plan.others.length})` : ''
		].filter(Boolean);
		this.gold.notify(`Accepted the ${c.label} link ${this.#linkText(c)}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`);
		this.#afterDecision(c);
	}

	/**
	 * Rejects link candidate `key`; if gold held it, it leaves gold (its ends stay). A unanimous one is
	 * rejected only when `unanimous` confirms it, as for spans.
	 */
	rejectRelation(key: string, opts: { unanimous?: boolean } = {}): void {
		const c = this.relationCandidates.find((x) => x.key === key);
		if (!c) return this.gold.notify('Choose a link candidate first.');
		if (c.settled === 'rejected') return this.#afterDecision(c);
		if (c.status === 'unanimous' && !opts.unanimous) {
			this.focus(c.key);
			return this.gold.notify(`Every annotator (${c.annotators.length}) made the ${c.label} link ${this.#linkText(c)}: press Shift+X to reject it, or a to accept it.`);
		}
		const inGold = goldRelationsOf([c.key], this.gold.spans.all(), this.gold.relations, this.relationRules);
		// Each removal is one step of gold's history.
		const gold = inGold.filter((r) => this.gold.deleteRelation(r.id)).length;
		this.#setRejected([c.key], true);
		this.#push({ gold, rejected: [c.key], unrejected: [], focus: c.key });
		this.#afterDecision(c);
	}

	/** “head” → “tail” of a link candidate, shortened. */
	#linkText(c: RelationCandidate): string {
		const text = (e: RelationEnd) => {
			const t = this.gold.article.text.slice(e.start, e.end).replace(/\s+/g, ' ');
			return quoted(t.length > 40 ? `${t.slice(0, 40)}…` : t);
		};
		return `${text(c.head)} → ${text(c.tail)}`;
	}

	/**
	 * After settling `c`: the next unsettled candidate of its conflict, else the next one in review
	 * order (spans, then links).
	 */
	#afterDecision(c: Candidate | RelationCandidate): void {
		if ('start' in c) {
			const next = nextAfterDecision(this.candidates, c.key);
			if (next) return this.focus(next.key);
		}
		const all = this.#all;
		const from = all.findIndex((x) => x.key === c.key);
		const rotated = [...all.slice(from + 1), ...all.slice(0, from + 1)];
		const open = (x: Candidate | RelationCandidate) => x.settled === null && x.key !== c.key;
		const group = new Set(c.conflictsWith);
		const next = rotated.find((x) => open(x) && group.has(x.key)) ?? rotated.find(open);
		this.focus(next ? next.key : c.key);
	}

	#quote(c: Candidate): string {
		const t = this.gold.article.text.slice(c.start, c.end).replace(/\s+/g, ' ');
		return t.length > 60 ? `${t.slice(0, 60)}…` : t;
	}

	/** Runs a gold change; 1 if it changed anything (one step of gold's history), else 0. */
	#changeGold(change: () => unknown): number {
		const before = [this.gold.spans, this.gold.relationSet];
		change();
		return this.gold.spans !== before[0] || this.gold.relationSet !== before[1] ? 1 : 0;
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

	// —— the gold layer's links, drawn and edited in the text like on the article page ——

	get relations(): readonly Relation[] {
		return this.gold.relations;
	}
	get relationTypes() {
		return this.gold.relationTypes;
	}
	get selectedId(): string | null {
		return this.gold.selectedId;
	}
	get selectedRelationId(): string | null {
		return this.gold.selectedRelationId;
	}
	get linking() {
		return this.gold.linking;
	}
	get linkDisplay() {
		return this.gold.linkDisplay;
	}
	pickRelation(id: string): void {
		this.gold.pickRelation(id);
	}
	reveal(id: string): void {
		this.gold.reveal(id);
	}
	/** Link keys on gold (r, ] / [, Shift+R, Delete on a link): each change is one step of the review's history. */
	relationKey(event: KeyboardEvent): boolean {
		let taken = false;
		this.#editGold(() => (taken = this.gold.relationKey(event)));
		return taken;
	}
	relationClick(id: string): boolean {
		let taken = false;
		this.#editGold(() => (taken = this.gold.relationClick(id)));
		return taken;
	}
	relationDrag(from: readonly Span[], to: readonly Span[]): boolean {
		let taken = false;
		this.#editGold(() => (taken = this.gold.relationDrag(from, to)));
		return taken;
	}

	#editGold(change: () => unknown): void {
		const gold = this.#changeGold(change);
		if (gold) this.#push({ gold, ...NO_REJECTIONS });
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
		for (let i = 0; i < step.gold; i++) this.gold.undo();
		this.#setRejected(step.rejected, false);
		this.#setRejected(step.unrejected, true);
		this.#redo.push(step);
		if (step.focus) this.focus(step.focus);
	}

	redo(): void {
		const step = this.#redo.pop();
		if (!step) return this.gold.notify('Nothing to redo.');
		for (let i = 0; i < step.gold; i++) this.gold.redo();
		this.#setRejected(step.rejected, true);
		this.#setRejected(step.unrejected, false);
		this.#undo.push(step);
		const decided = this.#all.find((c) => c.key === step.focus);
		if (decided) this.#afterDecision(decided);
	}
}
