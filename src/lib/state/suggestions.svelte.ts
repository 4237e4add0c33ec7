/**
 * The suggestions offered in one open article, and the keys that work through them: `j` / `k` walk
 * them in text order, `a` accepts the current one into the labeller's layer, `x` rejects it, a label
 * key accepts it with that label, `Shift+A` accepts every one of its label, `m` proposes the other
 * mentions of a span. Every accept or reject is one step of the article's undo history and is saved
 * at once; a decided suggestion is not offered again (per article, source and labeller).
 *
 * Suggestions come from storage (imported predictions, mentions, and what the recognizers and pattern
 * files made before) and from the suggestion engine (a worker), asked for what storage lacks.
 */
import type { AnnotationEdit, Relation, Span, SpanEdit } from '$lib/core/types';
import { OfferCollector, firstOfferFrom, offerKey, standingOf, type OfferStanding, type OfferedSuggestion } from '$lib/core/suggest/board';
import { packSuggestions, packedCount } from '$lib/core/suggest/packed';
import { findMentions, MENTIONS_SOURCE } from '$lib/core/suggest/mentions';
import { describeGroup, sourceGroup, suggestionOn } from '$lib/core/suggest/settings';
import { SPEAKER_RELATION, type Suggestion } from '$lib/core/suggest/types';
import { typesFitting } from '$lib/core/relations/rules';
import { quoted } from '$lib/core/text/isolate';
import { newId } from '$lib/core/ids';
import { addSuggestions, readSuggestionDecisions, readSuggestions, setSuggestionDecisions, writeSuggestions, type SuggestionRow } from '$lib/db';
import type { SuggestionMark } from '$lib/editor';
import { suggestionsAsRecord } from '$lib/core/suggest/to-records';
import { serializeArticle } from '$lib/core/codecs/spanwise';
import { exportFileName } from '$lib/core/codecs/filename';
import { downloadFile } from '$lib/export/download';
import type { ArticleSession, SpanListener } from './article-session.svelte';
import type { Workspace } from './workspace.svelte';

/** Suggestions collected between two yields to the page (a slice well under 50 ms on a slow machine). */
const REBUILD_SLICE = 1500;

/** An offer as shown, standing `standing`. */
function shownOf(offer: OfferedSuggestion, standing: Exclude<OfferStanding, 'hidden'>): ShownSuggestion {
	return { offer, standing, id: offer.key, start: offer.start, end: offer.end, label: offer.label, correction: standing === 'correction' };
}

/** Lets the page handle input and paint before the next slice of work. */
function yieldToPage(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The keys the session takes (see the shortcut table, context article). */
const SUGGESTION_KEYS: ReadonlySet<string> = new Set(['j', 'k', 'a', 'x', 'A', 'm']);


/** An offer as the page shows it; also what the editor draws (a SuggestionMark). */
export interface ShownSuggestion extends SuggestionMark {
	readonly offer: OfferedSuggestion;
	readonly standing: Exclude<OfferStanding, 'hidden'>;
}

/** A row of the suggestions panel: one source group and label, with how many are offered. */
export interface SuggestionGroupRow {
	readonly group: string;
	readonly name: string;
	readonly label: string;
	readonly count: number;
}

export class SuggestionSession implements SpanListener {
	readonly #workspace: Workspace;
	readonly #session: ArticleSession;
	readonly #hash: string;
	#rows = $state.raw<readonly SuggestionRow[]>([]);
	/** This labeller's decisions: `${source}|${key}`. */
	#decided = $state.raw<ReadonlySet<string>>(new Set());
	/** Every offer, in text order (decided and switched-off ones left out): remade a slice at a time. */
	#offers = $state.raw<readonly OfferedSuggestion[]>([]);
	/**
	 * How each offer stands against the labeller's spans (by key). Replaced when the offers are made
	 * again; changed in place as spans change (`#restand`, which patches `#shown` to match).
	 */
	#standing = $state.raw<Map<string, OfferStanding>>(new Map());
	/** The offers not hidden, in text order: made whole with the offers (`#reshow`), patched as spans change. */
	#shown = $state.raw<readonly ShownSuggestion[]>([]);

	/** Makes `#shown` whole from the offers and their standings (after either was replaced). */
	#reshow(): void {
		const standing = this.#standing;
		const out: ShownSuggestion[] = [];
		for (const offer of this.#offers) {
			const s = standing.get(offer.key) ?? 'suggestion';
			if (s !== 'hidden') out.push(shownOf(offer, s));
		}
		this.#shown = out;
	}
	/** Each offer's place in `#offers`, by key (made when first needed for these offers). */
	#places: { offers: readonly OfferedSuggestion[]; at: Map<string, number> } | null = null;
	#currentKey = $state<string | null>(null);
	#busy = $state<string | null>(null);
	/** The span tagged last in this article (what `m` proposes the mentions of, with none selected). */
	#lastTagged: string | null = null;
	#closed = false;
	/** Counts rebuilds of the offers: a newer one makes an older one stop. */
	#builds = 0;
	/**
	 * The span edits made while the offers are being rebuilt (null: no rebuild under way): the standings
	 * of the offers they overlap are made again when it ends — not the whole rebuild again, which on a long
	 * article (slices for seconds) a labeller tagging meanwhile would otherwise keep restarting.
	 */
	#movedDuringBuild: SpanEdit[] | null = null;
	/** The preferences and labels the offers were last built with. */
	#builtWith: { prefs: unknown; labels: unknown } | null = null;

	constructor(workspace: Workspace, session: ArticleSession) {
		this.#workspace = workspace;
		this.#session = session;
		this.#hash = session.textHash;
		session.listen(this);
		session.setSuggestionKeys((event, hasSelection) => this.key(event, hasSelection));
		// The engine's worker loads its language model while the article is read and painted.
		workspace.suggest.warm?.();
	}

	/** Reads what storage has, then asks the engine for what is missing. */
	async load(): Promise<void> {
		const db = this.#workspace.db;
		const id = this.#session.article.id;
		const [rows, decisions] = await Promise.all([readSuggestions(db, id, this.#hash), readSuggestionDecisions(db, id, this.#session.annotator)]);
		if (this.#closed) return;
		this.#rows = rows;
		this.#decided = new Set(decisions.map((d) => `${d.source}|${d.key}`));
		await this.#session.ready;
		await this.#rebuild();
		await this.refresh();
	}

	/**
	 * Makes the offers again from the rows, decisions, preferences and labels, a slice at a time
	 * (yielding between slices so the page stays responsive); a newer rebuild makes this one stop.
	 */
	async #rebuild(): Promise<void> {
		const build = ++this.#builds;
		const decided = this.#decided;
		const prefs = this.#workspace.suggest.prefs;
		const labelList = this.#workspace.labels;
		const labels = new Set(labelList.map((l) => l.name));
		this.#builtWith = { prefs, labels: labelList };
		this.#movedDuringBuild = [];
		const spans = () => this.#session.spans;
		const collector = new OfferCollector(
			this.#rows.map((r) => r.packed),
			(source, key) => decided.has(`${source}|${key}`),
			(source, label) => labels.has(label) && suggestionOn(prefs, source, label),
			(offer) => standingOf(offer, spans())
		);
		while (!collector.step(REBUILD_SLICE)) {
			await yieldToPage();
			if (build !== this.#builds || this.#closed) return;
		}
		if (build !== this.#builds || this.#closed) return;
		// Decisions made while it ran take their offers out (the collector saw the decisions of its start).
		const now = this.#decided;
		this.#offers = now === decided ? collector.offers : collector.offers.filter((o) => !o.sources.some((source) => now.has(`${source}|${o.key}`)));
		this.#standing = collector.standing;
		this.#reshow();
		// Edits made meanwhile may have moved spans under offers already collected.
		const moved = this.#movedDuringBuild ?? [];
		this.#movedDuringBuild = null;
		if (moved.length > 0) this.#restand(moved);
	}

	/** The preferences or labels changed (the page tells): the offers are made again if they differ. */
	reconsider(prefs: unknown, labels: unknown): void {
		if (!this.#builtWith || (this.#builtWith.prefs === prefs && this.#builtWith.labels === labels)) return;
		void this.#rebuild();
	}

	/** Runs the sources whose stored suggestions are missing or were made by an older maker (or settings). */
	async refresh(): Promise<void> {
		const wanted = this.#workspace.suggest.makers();
		const missing = wanted.filter((w) => !this.#rows.some((r) => r.source === w.source && r.maker === w.maker));
		if (missing.length === 0 || this.#closed) return;
		this.#busy = 'Finding suggestions…';
		try {
			const made = await this.#workspace.suggest.run(this.#session.article.text, missing.map((m) => m.source));
			if (this.#closed) return;
			const now = Date.now();
			const fresh: SuggestionRow[] = missing.map((m) => ({ articleId: this.#session.article.id, source: m.source, textHash: this.#hash, maker: m.maker, packed: made[m.source] ?? packSuggestions(m.source, []), madeAt: now }));
			const replaced = new Set(fresh.map((r) => r.source));
			this.#rows = [...this.#rows.filter((r) => !replaced.has(r.source)), ...fresh];
			// Shown first, stored after (a write failure loses only what can be made again).
			await this.#rebuild();
			// For the benchmark: when the engine's suggestions of a freshly opened article are in.
			performance.mark('spanwise:suggestions-ready', { detail: { count: fresh.reduce((n, r) => n + packedCount(r.packed), 0) } });
			await Promise.all(fresh.map((row) => writeSuggestions(this.#workspace.db, row)));
		} catch (error) {
			this.#workspace.notices.error(`Suggestions could not be made for this article: ${(error as Error).message}`);
		} finally {
			this.#busy = null;
		}
	}

	close(): void {
		this.#closed = true;
		this.#session.listen(null);
		this.#session.setSuggestionKeys(null);
		cancelAnimationFrame(this.#drawFrame);
		this.#session.editor?.setSuggestions([]);
	}

	/** What is being done ("Finding suggestions…"), or null. */
	get busy(): string | null {
		return this.#busy;
	}

	/** The offers shown, in text order. */
	get shown(): readonly ShownSuggestion[] {
		return this.#shown;
	}

	/** The current suggestion (walked to with j / k), if it is still offered. */
	get current(): ShownSuggestion | null {
		const key = this.#currentKey;
		return key === null ? null : (this.#shown.find((s) => s.offer.key === key) ?? null);
	}

	/** The panel's rows: shown offers by source group and label. */
	get groups(): SuggestionGroupRow[] {
		return this.#groups;
	}
	#groups = $derived.by(() => {
		// Counted by source, then label (no string made per suggestion: there may be 20,000).
		const bySource = new Map<string, Map<string, number>>();
		for (const { offer } of this.#shown) {
			let labels = bySource.get(offer.source);
			if (!labels) bySource.set(offer.source, (labels = new Map()));
			labels.set(offer.label, (labels.get(offer.label) ?? 0) + 1);
		}
		const rows = new Map<string, SuggestionGroupRow>();
		for (const [source, labels] of bySource) {
			const group = sourceGroup(source);
			for (const [label, count] of labels) {
				const id = `${group}|${label}`;
				rows.set(id, { group, name: describeGroup(group), label, count: (rows.get(id)?.count ?? 0) + count });
			}
		}
		return [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.label < b.label ? -1 : 1));
	});

	// —— the spans changed ——

	spansChanged(edits: readonly SpanEdit[] | null): void {
		for (const edit of edits ?? []) if (edit.type === 'add') this.#lastTagged = edit.span.id;
		if (edits === null) {
			void this.#rebuild();
			return;
		}
		// (A loop, not push(...edits): accepting a whole label can be tens of thousands of edits.)
		if (this.#movedDuringBuild) for (const edit of edits) this.#movedDuringBuild.push(edit);
		this.#restand(edits);
	}

	/**
	 * Makes the standings of the offers that `edits` overlap again, against the spans now, and patches
	 * the shown list where they changed: O(offers overlapping the edits), not a pass over every offer
	 * (which on a long article, with tens of thousands of offers, cost every tag a few ms and as much again
	 * in garbage collection).
	 */
	#restand(edits: readonly SpanEdit[]): void {
		// Only offers that overlap a changed span can change their standing.
		const offers = this.#offers;
		const spans = this.#session.spans;
		const standing = this.#standing;
		const changed = new Map<string, { offer: OfferedSuggestion; now: OfferStanding }>();
		const longest = this.#longest;
		for (const edit of edits) {
			const ranges = edit.type === 'update' ? [edit.before, edit.after] : [edit.span];
			for (const range of ranges) {
				for (let i = firstOfferFrom(offers, range.start - longest); i < offers.length && offers[i].start < range.end; i++) {
					const offer = offers[i];
					if (offer.end <= range.start) continue;
					const now = standingOf(offer, spans);
					if (now === (changed.get(offer.key)?.now ?? standing.get(offer.key))) continue;
					changed.set(offer.key, { offer, now });
				}
			}
		}
		if (changed.size === 0) return;
		for (const { offer, now } of changed.values()) standing.set(offer.key, now);
		const place = this.#placeOf(offers);
		const shown = this.#shown.slice();
		for (const { offer, now } of changed.values()) {
			const at = place(offer.key);
			let lo = 0;
			let hi = shown.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (place(shown[mid].offer.key) < at) lo = mid + 1;
				else hi = mid;
			}
			const here = lo < shown.length && shown[lo].offer.key === offer.key;
			if (now === 'hidden') {
				if (here) shown.splice(lo, 1);
			} else if (here) shown[lo] = shownOf(offer, now);
			else shown.splice(lo, 0, shownOf(offer, now));
		}
		this.#shown = shown;
	}

	/** Looks up offers' places in `offers` (the current offers), by key. */
	#placeOf(offers: readonly OfferedSuggestion[]): (key: string) => number {
		if (this.#places?.offers !== offers) this.#places = { offers, at: new Map(offers.map((o, i) => [o.key, i])) };
		const at = this.#places.at;
		return (key) => at.get(key) ?? -1;
	}

	/** The longest offer's length (for range queries), kept with the offers it was measured on. */
	get #longest(): number {
		const offers = this.#offers;
		if (this.#longestOf !== offers) {
			this.#longestOf = offers;
			this.#longestLength = offers.reduce((n, o) => Math.max(n, o.end - o.start), 0);
		}
		return this.#longestLength;
	}
	#longestOf: readonly OfferedSuggestion[] | null = null;
	#longestLength = 0;

	/** Draws the shown offers (the current one marked) in the editor. */
	draw(): void {
		const shown = this.#shown;
		// In the next frame, a task of its own: drawing measures the text, which needs layout.
		cancelAnimationFrame(this.#drawFrame);
		this.#drawFrame = requestAnimationFrame(() => {
			const editor = this.#session.editor;
			if (editor && !this.#closed) editor.setSuggestions(shown);
		});
	}
	#drawFrame = 0;

	// —— walking ——

	/** Makes the next (1) or previous (−1) offer current, from the current one or from the caret. */
	step(direction: 1 | -1): void {
		const shown = this.#shown;
		if (shown.length === 0) return this.#session.notify(this.#busy ?? 'No suggestions in this article.');
		const at = this.#currentKey === null ? -1 : shown.findIndex((s) => s.offer.key === this.#currentKey);
		let next: number;
		if (at >= 0) next = (at + direction + shown.length) % shown.length;
		else {
			const caret = this.#session.editor?.selectionOffsets().start ?? 0;
			const from = shown.findIndex((s) => s.offer.start >= caret);
			next = direction === 1 ? (from < 0 ? 0 : from) : (from <= 0 ? shown.length - 1 : from - 1);
		}
		this.#goTo(shown[next]);
	}

	/** Makes the offer with `key` current (the panel's list). */
	focus(key: string): void {
		const found = this.#shown.find((s) => s.offer.key === key);
		if (found) this.#goTo(found);
		this.#session.editor?.focus();
	}

	#goTo(target: ShownSuggestion | undefined): void {
		if (!target) {
			this.#currentKey = null;
			this.#session.editor?.focusRange(null);
			return;
		}
		this.#currentKey = target.offer.key;
		this.#session.select(null);
		this.#session.editor?.focusRange({ start: target.offer.start, end: target.offer.end });
		const i = this.#shown.indexOf(target);
		const what = target.standing === 'correction' ? `${target.offer.label} (overlaps a span of another label)` : target.offer.label;
		this.#session.notify(
			`Suggestion ${i + 1} of ${this.#shown.length}: ${quoted(this.#textOf(target.offer))} as ${what}${target.offer.why ? `, by ${target.offer.why}` : ''}. a accepts, x rejects, a label key accepts it with that label.`
		);
	}

	/** Lets go of the current offer. */
	clear(): void {
		if (this.#currentKey === null) return;
		this.#currentKey = null;
		this.#session.editor?.focusRange(null);
	}

	// —— deciding ——

	/** Accepts the current offer into the layer (with `label` instead of its own, when given). */
	accept(label?: string): void {
		const current = this.current;
		if (!current) return this.#session.notify('Press j to go to a suggestion first.');
		const made = this.#decide([current.offer], 'accepted', label);
		if (made) this.#session.notify(`Accepted ${quoted(this.#textOf(current.offer, 50))} as ${label ?? current.offer.label}.`);
		this.#after(current.offer);
	}

	/** Rejects the current offer: it is not offered again. */
	reject(): void {
		const current = this.current;
		if (!current) return this.#session.notify('Press j to go to a suggestion first.');
		this.#decide([current.offer], 'rejected');
		this.#session.notify(`Rejected ${quoted(this.#textOf(current.offer, 50))} (${current.offer.label}). Undo brings it back.`);
		this.#after(current.offer);
	}

	/** Accepts every shown offer of `label` (of source group `group`, when given) as one step; returns how many. */
	acceptAll(label: string, group?: string): number {
		const offers = this.#shown.filter((s) => s.offer.label === label && (group === undefined || sourceGroup(s.offer.source) === group)).map((s) => s.offer);
		if (offers.length === 0) {
			this.#session.notify(`No ${label} suggestions to accept.`);
			return 0;
		}
		this.#decide(offers, 'accepted');
		this.#session.notify(`Accepted ${offers.length} ${label} suggestion${offers.length === 1 ? '' : 's'}${group ? ` of ${describeGroup(group)}` : ''}. Undo takes them back out.`);
		if (this.#currentKey !== null && !this.#shown.some((s) => s.offer.key === this.#currentKey)) this.clear();
		return offers.length;
	}

	/**
	 * One step: the offers' spans added to the layer (accepted; a claim's speaker too, linked as its
	 * source, when the source type allows it) and the decisions recorded for each of their sources.
	 */
	#decide(offers: readonly OfferedSuggestion[], decision: 'accepted' | 'rejected', label?: string): boolean {
		const session = this.#session;
		const edits: AnnotationEdit[] = [];
		if (decision === 'accepted') {
			const specs = offers.map((o) => ({ start: o.start, end: o.end, label: label ?? o.label }));
			const added = session.spanAdditions(specs);
			edits.push(...added);
			edits.push(...this.#speakerEdits(offers, added, label));
		}
		const changes = offers.flatMap((o) => o.sources.map((source) => ({ articleId: session.article.id, annotator: session.annotator, source, key: o.key })));
		const apply = (on: boolean) => {
			const next = new Set(this.#decided);
			for (const c of changes) {
				if (on) next.add(`${c.source}|${c.key}`);
				else next.delete(`${c.source}|${c.key}`);
			}
			this.#decided = next;
			// Deciding takes offers out at once; taking a decision back (undo) makes them again.
			if (on) {
				const gone = new Set(changes.map((c) => c.key));
				this.#offers = this.#offers.filter((o) => !gone.has(o.key));
				this.#reshow();
			} else void this.#rebuild();
			setSuggestionDecisions(this.#workspace.db, changes.map((c) => ({ ...c, decision: on ? decision : null }))).catch((error: Error) =>
				this.#workspace.notices.error(`Your decision on a suggestion could not be saved: ${error.message}`)
			);
		};
		session.commitStep(edits, { undo: () => apply(false), redo: () => apply(true) });
		apply(true);
		return edits.length > 0;
	}

	/** For accepted claims with a speaker: the speaker as an actor span (unless the layer has it) and the source link. */
	#speakerEdits(offers: readonly OfferedSuggestion[], added: readonly SpanEdit[], label?: string): AnnotationEdit[] {
		const session = this.#session;
		const type = this.#workspace.relationTypes.find((t) => t.name === SPEAKER_RELATION);
		if (!type) return [];
		const edits: AnnotationEdit[] = [];
		// The spans this step adds, by range and label (thousands when a whole label is accepted).
		const newSpans = new Map<string, Span>();
		for (const e of added) if (e.type === 'add') newSpans.set(offerKey(e.span), e.span);
		for (const offer of offers) {
			const claimLabel = label ?? offer.label;
			if (!offer.speaker) continue;
			const claim = newSpans.get(offerKey({ start: offer.start, end: offer.end, label: claimLabel }));
			if (!claim) continue;
			const actorLabel = type.tailLabels[0] ?? 'actor';
			if (!typesFitting([type], claim.label, actorLabel).length) continue;
			const speakerKey = offerKey({ ...offer.speaker, label: actorLabel });
			let actor: Span | undefined = session.spans.findDuplicate(offer.speaker.start, offer.speaker.end, actorLabel) ?? newSpans.get(speakerKey);
			if (!actor) {
				const [add] = session.spanAdditions([{ start: offer.speaker.start, end: offer.speaker.end, label: actorLabel }]);
				if (!add || add.type !== 'add') continue;
				edits.push(add);
				newSpans.set(speakerKey, add.span);
				actor = add.span;
			}
			const now = Date.now();
			const relation: Relation = { id: newId('r'), articleId: session.article.id, label: type.name, head: claim.id, tail: actor.id, annotator: session.annotator, createdAt: now, updatedAt: now };
			edits.push({ type: 'add-relation', relation });
		}
		return edits;
	}

	/** After deciding `offer`: the next offer after it becomes current (none left: none). */
	#after(offer: OfferedSuggestion): void {
		const shown = this.#shown;
		if (shown.length === 0) {
			this.clear();
			return;
		}
		const i = shown.findIndex((s) => s.offer.start > offer.start || (s.offer.start === offer.start && s.offer.end < offer.end));
		this.#currentKey = (shown[i < 0 ? 0 : i] ?? shown[0]).offer.key;
		const next = this.current;
		if (next) this.#session.editor?.focusRange({ start: next.offer.start, end: next.offer.end });
	}

	// —— mentions ——

	/**
	 * Proposes every other mention of the selected span's text (else of the span tagged last) in this
	 * article, as suggestions of its label; returns how many were new.
	 */
	async mentions(): Promise<number> {
		const session = this.#session;
		if (this.#closed) return 0;
		const span = session.selected ?? (this.#lastTagged ? session.spans.get(this.#lastTagged) : undefined);
		if (!span) {
			session.notify('Tag or select a span first, then press m for its other mentions.');
			return 0;
		}
		const text = session.article.text;
		const phrase = text.slice(span.start, span.end);
		const found = findMentions(text, phrase, span.label, { caseMode: this.#workspace.suggest.prefs.mentionsCase, except: span.start });
		const added = await addSuggestions(this.#workspace.db, session.article.id, MENTIONS_SOURCE, this.#hash, 'mentions', found);
		const row = (await readSuggestions(this.#workspace.db, session.article.id, this.#hash)).find((r) => r.source === MENTIONS_SOURCE);
		if (this.#closed) return added;
		if (row) this.#rows = [...this.#rows.filter((r) => r.source !== MENTIONS_SOURCE), row];
		await this.#rebuild();
		if (this.#closed) return added;
		const offered = this.#shown.filter((s) => s.offer.sources.includes(MENTIONS_SOURCE) && offerKey(s.offer) !== offerKey(span) && s.offer.label === span.label && text.slice(s.offer.start, s.offer.end).toLowerCase() === phrase.toLowerCase());
		// The first is current (a accepts it); the message says what was found.
		if (offered.length > 0) this.#goTo(offered[0]);
		session.notify(
			offered.length === 0
				? `No other mentions of ${quoted(this.#textOf(span, 40))} to tag.`
				: `${offered.length} other mention${offered.length === 1 ? '' : 's'} of ${quoted(this.#textOf(span, 40))}: a accepts the first, j walks them, Shift+A accepts all ${span.label} suggestions.`
		);
		return added;
	}

	/** Tag all mentions in the whole corpus: the selected (or last tagged) span's text, in every article. */
	async mentionsInCorpus(): Promise<void> {
		const session = this.#session;
		const span = session.selected ?? (this.#lastTagged ? session.spans.get(this.#lastTagged) : undefined);
		if (!span) return session.notify('Tag or select a span first, then look for its mentions in the corpus.');
		const phrase = session.article.text.slice(span.start, span.end);
		try {
			const { added, articles, cancelled } = await this.#workspace.suggest.mentionsInCorpus(phrase, span.label, { articleId: session.article.id, start: span.start });
			const rows = await readSuggestions(this.#workspace.db, session.article.id, this.#hash);
			if (!this.#closed) {
				this.#rows = rows;
				await this.#rebuild();
			}
			this.#workspace.notices.show(
				cancelled ? 'info' : 'success',
				`${cancelled ? 'Cancelled. ' : ''}${added} new mention suggestion${added === 1 ? '' : 's'} of ${quoted(this.#textOf(span, 40))} (${span.label}) in ${articles} article${articles === 1 ? '' : 's'}: each article offers its own.`
			);
		} catch (error) {
			this.#workspace.notices.error(`Mentions could not be found in the corpus: ${(error as Error).message}`);
		}
	}

	// —— keys ——

	/** The suggestion keys (see the file comment); true when taken. */
	key(event: KeyboardEvent, hasSelection: boolean): boolean {
		if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
		// A label bound to one of these keys before they were reserved keeps it: the label wins.
		if (SUGGESTION_KEYS.has(event.key) && this.#workspace.labelForKey(event.key)) return false;
		switch (event.key) {
			case 'j':
				return this.step(1), true;
			case 'k':
				return this.step(-1), true;
			case 'a':
				return this.accept(), true;
			case 'x':
				return this.reject(), true;
			case 'A': {
				// Caps Lock gives "A" without Shift: not a reason to accept a whole label.
				if (!event.shiftKey) return false;
				const current = this.current;
				if (!current) return this.#session.notify('Press j to go to a suggestion first: Shift+A accepts every suggestion of its label.'), true;
				this.acceptAll(current.offer.label);
				return true;
			}
			case 'm':
				return void this.mentions(), true;
			case 'Escape':
				if (this.#currentKey === null) return false;
				this.clear();
				return true;
		}
		// A label key with a suggestion current (and no text selected, no span selected) accepts it with that
		// label, while the caret is still where walking put it; once the user has moved on, it lets it go.
		const label = this.#currentKey !== null && !hasSelection && !this.#session.selected ? this.#workspace.labelForKey(event.key) : undefined;
		const current = this.current;
		if (label && current) {
			const caret = this.#session.editor?.selectionOffsets().start;
			if (caret === undefined || caret === current.offer.start) return this.accept(label), true;
			this.clear();
		}
		return false;
	}

	/** Downloads the suggestions offered now as canonical JSONL: each span's annotator is its source. */
	exportJsonl(title?: string): void {
		const session = this.#session;
		const article = title === undefined ? session.article : { ...session.article, title };
		const record = suggestionsAsRecord(article, this.#shown.map((s) => s.offer));
		const line = serializeArticle(record.article, record.spans, record.relations ?? []);
		const name = exportFileName({ format: 'jsonl', scope: { kind: 'article', title: article.title }, layer: 'suggestions', date: new Date(), extension: 'jsonl' });
		downloadFile(name, [line + '\n']);
		this.#workspace.notices.show('success', `Exported ${record.spans.length} suggestion${record.spans.length === 1 ? '' : 's'} of ${quoted(article.title)} to ${quoted(name)}.`);
	}

	#textOf(s: Pick<Suggestion, 'start' | 'end'>, max = 60): string {
		return this.#session.textOf(s, max);
	}
}
