/**
 * SuggestionSession with no UI: offers from storage, walking, accepting (with the speaker's link),
 * rejecting, accepting all of a label, a label key, undo and redo of each, and mentions; the layer's
 * spans and the decisions saved.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGEST_PREFS } from '$lib/core/suggest/settings';
import { DEFAULT_LABELS } from '$lib/core/labels/defaults';
import { textHash } from '$lib/core/text/hash';
import { createArticles } from '$lib/db/articles';
import { listRelations } from '$lib/db/relations';
import { addSuggestions, readSuggestionDecisions } from '$lib/db/suggestions';
import { freshDb, makeArticle, makeSpan } from '$lib/db/testing';
import type { Workspace } from './workspace.svelte';
import { ArticleSession } from './article-session.svelte';
import { SuggestionSession, type ShownSuggestion } from './suggestions.svelte';
import { fakeWorkspace } from './testing';

const TEXT = 'NATO said the cost was $5 billion. Later NATO met Ana, and NATO agreed.';
const at = (quote: string, from = 0) => {
	const start = TEXT.indexOf(quote, from);
	return { start, end: start + quote.length };
};

async function open() {
	const db = freshDb();
	// The layer (ann) has "Ana" as an actor already.
	await createArticles(db, [{ article: makeArticle('a', TEXT), spans: [makeSpan('a', 's-ana', at('Ana').start, at('Ana').end, 'actor')] }]);
	const hash = textHash(TEXT);
	await addSuggestions(db, 'a', 'prediction:m', hash, 'import', [
		{ ...at('the cost was $5 billion'), label: 'claim', source: 'prediction:m', speaker: at('NATO') },
		{ ...at('$5 billion'), label: 'figure', source: 'prediction:m' },
		{ ...at('NATO', 30), label: 'actor', source: 'prediction:m' },
		{ ...at('Ana'), label: 'actor', source: 'prediction:m' },
		{ ...at('Ana'), label: 'claim', source: 'prediction:m' }
	]);
	const { workspace, infos, written } = fakeWorkspace(db);
	const labels = DEFAULT_LABELS;
	Object.assign(workspace as unknown as Record<string, unknown>, {
		labels,
		labelForKey: (key: string) => labels.find((l) => l.hotkey === key)?.name,
		suggest: { prefs: DEFAULT_SUGGEST_PREFS, makers: () => [], run: async () => ({}) }
	});
	const session = (await ArticleSession.open(workspace as Workspace, 'a', 'ann'))!;
	await session.ready;
	const suggestions = new SuggestionSession(workspace as Workspace, session);
	await suggestions.load();
	const spans = () => session.spans.all().map((s) => `${s.label}:${TEXT.slice(s.start, s.end)}`);
	const decisions = async () => {
		await written();
		await new Promise((resolve) => setTimeout(resolve, 20));
		return (await readSuggestionDecisions(db, 'a', 'ann')).map((d) => `${d.key}=${d.decision}`).sort();
	};
	return { db, session, suggestions, spans, decisions, written, infos, workspace: workspace as Workspace };
}

/** A key press as the session reads it (Node has no KeyboardEvent). */
const key = (k: string) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: k !== k.toLowerCase(), isComposing: false }) as KeyboardEvent;

describe('SuggestionSession', () => {
	it('offers what the layer lacks: one over a span of its label is hidden, one over another label is a correction', async () => {
		const { suggestions } = await open();
		const shown = suggestions.shown.map((s) => `${s.offer.label}:${TEXT.slice(s.offer.start, s.offer.end)}:${s.standing}`);
		expect(shown).toEqual(['claim:the cost was $5 billion:suggestion', 'figure:$5 billion:suggestion', 'actor:NATO:suggestion', 'claim:Ana:correction']);
	});

	it('accepts by keyboard into the layer with the claim’s speaker linked, and undo takes both back out and offers it again', async () => {
		const { session, suggestions, spans, decisions, db, written } = await open();
		expect(suggestions.key(key('j'), false)).toBe(true);
		expect(suggestions.current?.offer.label).toBe('claim');
		suggestions.key(key('a'), false);
		expect(spans()).toEqual(['actor:NATO', 'claim:the cost was $5 billion', 'actor:Ana']);
		await written();
		expect((await listRelations(db, 'a')).map((r) => r.label)).toEqual(['source']);
		expect(await decisions()).toEqual([`${at('the cost was $5 billion').start}:${at('the cost was $5 billion').end}:claim=accepted`]);
		// The next one is current: the figure inside the claim.
		expect(suggestions.current?.offer.label).toBe('figure');
		session.undo();
		expect(spans()).toEqual(['actor:Ana']);
		expect(await decisions()).toEqual([]);
		expect(suggestions.shown.some((s) => s.offer.label === 'claim' && s.offer.start === at('the cost was $5 billion').start)).toBe(true);
		session.redo();
		expect(spans()).toEqual(['actor:NATO', 'claim:the cost was $5 billion', 'actor:Ana']);
		expect(await decisions()).toHaveLength(1);
	});

	it('rejects (not offered again, undo brings it back) and accepts with another label by its key', async () => {
		const { session, suggestions, spans, decisions } = await open();
		suggestions.step(1);
		suggestions.step(1);
		expect(suggestions.current?.offer.label).toBe('figure');
		suggestions.key(key('x'), false);
		expect(suggestions.shown.map((s) => s.offer.label)).not.toContain('figure');
		expect(await decisions()).toEqual([`${at('$5 billion').start}:${at('$5 billion').end}:figure=rejected`]);
		expect(spans()).toEqual(['actor:Ana']);
		session.undo();
		expect(suggestions.shown.map((s) => s.offer.label)).toContain('figure');
		// The current one is the actor NATO now; key 3 (figure) accepts it as a figure.
		suggestions.focus(suggestions.shown.find((s) => s.offer.label === 'actor')!.offer.key);
		expect(suggestions.key(key('3'), false)).toBe(true);
		expect(spans()).toContain('figure:NATO');
		// With text selected, a label key is the editor's (it tags the selection).
		suggestions.step(1);
		expect(suggestions.key(key('1'), true)).toBe(false);
	});

	it('accepts every offer of a label as one step', async () => {
		const { session, suggestions, spans } = await open();
		expect(suggestions.acceptAll('claim')).toBe(2);
		expect(spans().filter((s) => s.startsWith('claim:'))).toEqual(['claim:the cost was $5 billion', 'claim:Ana']);
		session.undo();
		expect(spans()).toEqual(['actor:Ana']);
		expect(suggestions.shown.filter((s) => s.offer.label === 'claim')).toHaveLength(2);
	});

	it('hides an offer once the labeller tags the same thing, and shows it again when the span goes', async () => {
		const { session, suggestions } = await open();
		const nato = at('NATO', 30);
		session.tag(nato.start, nato.end, 'actor');
		expect(suggestions.shown.some((s) => s.offer.start === nato.start)).toBe(false);
		session.undo();
		expect(suggestions.shown.some((s) => s.offer.start === nato.start)).toBe(true);
	});

	it('proposes the other mentions of the span tagged last', async () => {
		const { session, suggestions } = await open();
		const first = at('NATO');
		session.tag(first.start, first.end, 'actor');
		await suggestions.mentions();
		const mentions = suggestions.shown.filter((s) => s.offer.sources.includes('mentions')).map((s) => s.offer.start);
		// The second NATO is also a prediction (one offer, two sources); the third is new.
		expect(mentions).toEqual([at('NATO', 30).start, at('NATO', 50).start]);
		expect(suggestions.current?.offer.start).toBe(at('NATO', 30).start);
	});

	it('keeps a decision made while the offers are being made again (undo, then redo at once)', async () => {
		const { db, session, suggestions } = await open();
		// Enough suggestions that making the offers takes several slices.
		const many = Array.from({ length: 4000 }, (_, i) => ({ start: i % 60, end: (i % 60) + 1 + Math.floor(i / 60), label: 'figure', source: 'patterns:p.jsonl' })).filter((s) => s.end <= TEXT.length);
		await addSuggestions(db, 'a', 'patterns:p.jsonl', textHash(TEXT), 'import', many);
		await suggestions.load();
		const before = suggestions.shown.length;
		expect(before).toBeGreaterThan(1500);
		suggestions.step(1);
		const rejected = suggestions.current!.offer.key;
		suggestions.reject();
		expect(suggestions.shown.some((s) => s.offer.key === rejected)).toBe(false);
		session.undo();
		session.redo();
		// Let the rebuild the undo started finish.
		for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0));
		expect(suggestions.shown.some((s) => s.offer.key === rejected)).toBe(false);
		expect(suggestions.shown.length).toBe(before - 1);
	});

	it('a span tagged while the offers are being made again gives the offers it overlaps their standing, once the making ends', async () => {
		const { db, session, suggestions, workspace } = await open();
		const many = Array.from({ length: 4000 }, (_, i) => ({ start: i % 60, end: (i % 60) + 1 + Math.floor(i / 60), label: 'figure', source: 'patterns:p.jsonl' })).filter((s) => s.end <= TEXT.length);
		await addSuggestions(db, 'a', 'patterns:p.jsonl', textHash(TEXT), 'import', many);
		await suggestions.load();
		const offerAt = (start: number, end: number) => suggestions.shown.find((s) => s.offer.label === 'figure' && s.offer.start === start && s.offer.end === end);
		expect(offerAt(0, 3)).toBeDefined();
		expect(offerAt(3, 5)).toBeDefined();
		// The making starts again (as after a reload) and runs in slices; a span is tagged after k of them,
		// so some tags land while offers already collected have their standing.
		for (let k = 0; k < 8; k++) {
			suggestions.spansChanged(null);
			for (let t = 0; t < k; t++) await new Promise((resolve) => setTimeout(resolve, 0));
			session.tag(k * 6, k * 6 + 3, 'figure', true);
			for (let t = 0; t < 50; t++) await new Promise((resolve) => setTimeout(resolve, 0));
			// An offer over a span of its own label is not shown; one beside it is.
			expect(offerAt(k * 6, k * 6 + 3), `tagged after ${k} slices`).toBeUndefined();
			expect(offerAt(k * 6 + 3, k * 6 + 5)).toBeDefined();
		}
		// Deleting and relabelling patch the shown list too; it is what offers made afresh would show.
		const [first, second] = session.spans.all().filter((s) => s.label === 'figure');
		session.deleteSpan(first.id);
		session.relabel(second.id, 'actor');
		const described = (list: readonly ShownSuggestion[]) => list.map((s) => `${s.offer.key}:${s.standing}`);
		const patched = described(suggestions.shown);
		const fresh = new SuggestionSession(workspace, session);
		await fresh.load();
		expect(patched).toEqual(described(fresh.shown));
		expect(patched.length).toBeGreaterThan(100);
	});
});
