/**
 * The relation methods of ArticleSession, with no UI: making, retyping, reversing, noting and deleting
 * links, the span delete cascade and relabel rule, all through one undo history and saved to storage.
 */
import { describe, expect, it } from 'vitest';
import type { RelationType } from '$lib/core/types';
import { DEFAULT_RELATION_TYPES } from '$lib/core/relations/defaults';
import { createArticles } from '$lib/db/articles';
import { listRelations } from '$lib/db/relations';
import { freshDb, makeArticle, makeSpan } from '$lib/db/testing';
import { ArticleSession } from './article-session.svelte';
import { fakeWorkspace } from './testing';

const TEXT = 'The minister said unemployment fell to 4.2 percent, and Ana agreed.';
const about: RelationType = { name: 'about', color: '#E69F00', hotkey: 'b', description: 'Any two spans.', headLabels: ['claim'], tailLabels: [], directed: true, onePerHead: false };

/** A session on article "a" (actor p "minister", claim c, figure f, actor q "Ana") over a real (fake-indexeddb) database. */
async function open(types: readonly RelationType[] = DEFAULT_RELATION_TYPES) {
	const db = freshDb();
	const spans = [makeSpan('a', 'p', 4, 12, 'actor'), makeSpan('a', 'c', 13, 50, 'claim'), makeSpan('a', 'f', 39, 50, 'figure'), makeSpan('a', 'q', 56, 59, 'actor')];
	await createArticles(db, [{ article: makeArticle('a', TEXT), spans }]);
	const { workspace, infos, written } = fakeWorkspace(db, { relationTypes: types });
	const session = (await ArticleSession.open(workspace, 'a', 'ann'))!;
	await session.ready;
	const saved = async () => {
		await written();
		return (await listRelations(db, 'a')).map((r) => [r.label, r.head, r.tail]);
	};
	return { session, saved, infos };
}

describe('ArticleSession relations', () => {
	it('links a claim to its actor with the one fitting type, saved, and undone and redone through the history', async () => {
		const { session, saved } = await open();
		expect(session.claimsWithoutSourceCount).toBe(1);
		const made = session.addRelation('c', 'p');
		expect(made.error).toBeUndefined();
		expect(session.claimsWithoutSourceCount).toBe(0);
		expect(made.ok).toMatchObject({ label: 'source', head: 'c', tail: 'p', annotator: 'ann', articleId: 'a' });
		expect(session.relations).toHaveLength(1);
		expect(session.selectedRelationId).toBe(made.ok!.id);
		expect(session.relationsOf('p')).toEqual({ outgoing: [], incoming: [made.ok] });
		expect(await saved()).toEqual([['source', 'c', 'p']]);
		session.undo();
		expect(session.relations).toEqual([]);
		expect(session.claimsWithoutSource().map((s) => s.id)).toEqual(['c']);
		expect(await saved()).toEqual([]);
		session.redo();
		expect(session.claimsWithoutSourceCount).toBe(0);
		expect(await saved()).toEqual([['source', 'c', 'p']]);
	});

	it('refuses with a message naming the rule, and makes nothing', async () => {
		const { session, saved } = await open();
		expect(session.addRelation('p', 'c').error).toMatch(/No relation type links a “.actor.” span to a “.claim.” span\. A “.source.” link goes the other way/);
		expect(session.addRelation('c', 'f', 'source').error).toMatch(/ends at a “.actor.” span, not at a “.figure.” span/);
		expect(session.addRelation('c', 'p', 'nope').error).toMatch(/no relation type “.nope.”/);
		expect(session.addRelation('c', 'zz').error).toMatch(/no span “.zz.”/);
		session.addRelation('c', 'p');
		expect(session.addRelation('c', 'q').error).toMatch(/has a “.source.” already/);
		expect(session.addRelation('c', 'p', 'source').error).toMatch(/already/);
		expect(session.relations).toHaveLength(1);
		expect(await saved()).toHaveLength(1);
	});

	it('asks which type when several fit, naming them with their keys', async () => {
		const { session } = await open([...DEFAULT_RELATION_TYPES, about]);
		expect(session.typesFitting('c', 'p').map((t) => t.name)).toEqual(['source', 'about']);
		expect(session.addRelation('c', 'p').error).toBe('Choose the type of this link: “\u2068source\u2069” (key s), “\u2068about\u2069” (key b).');
		expect(session.addRelation('c', 'p', 'about').ok?.label).toBe('about');
		// Only "about" fits claim → figure: made at once.
		expect(session.addRelation('c', 'f').ok?.label).toBe('about');
	});

	it('retypes, reverses and notes a relation, each one undoable step', async () => {
		const { session, saved } = await open([...DEFAULT_RELATION_TYPES, about]);
		const id = session.addRelation('c', 'p', 'about').ok!.id;
		expect(session.retypeRelation(id, 'source').ok?.label).toBe('source');
		expect(await saved()).toEqual([['source', 'c', 'p']]);
		// Reversing a source would start it at the actor: refused by the label rule.
		expect(session.reverseRelation(id).error).toMatch(/starts at a “.claim.” span/);
		session.retypeRelation(id, 'about');
		expect(session.noteRelation(id, '  paraphrase ')).toBe(true);
		expect(session.relations[0].note).toBe('paraphrase');
		session.undo();
		expect(session.relations[0].note).toBeUndefined();
		session.undo();
		expect(session.relations[0].label).toBe('source');
		expect(await saved()).toEqual([['source', 'c', 'p']]);
	});

	it('reverses a link whose type allows both ways', async () => {
		const { session, saved } = await open([{ ...about, headLabels: [], directed: false }]);
		const id = session.addRelation('p', 'q').ok!.id;
		expect(session.reverseRelation(id).ok).toMatchObject({ head: 'q', tail: 'p' });
		expect(await saved()).toEqual([['about', 'q', 'p']]);
		expect(session.deleteRelation(id)).toBe(true);
		expect(session.deleteRelation(id)).toBe(false);
		expect(await saved()).toEqual([]);
	});

	it('deleting a span deletes its relations in the same step; one undo brings both back', async () => {
		const { session, saved } = await open([...DEFAULT_RELATION_TYPES, about]);
		expect(session.addRelation('c', 'p', 'source').ok).toBeDefined();
		expect(session.addRelation('c', 'f').ok).toBeDefined();
		expect(session.claimsWithoutSource()).toEqual([]);
		session.deleteSpan('c');
		expect(session.spans.has('c')).toBe(false);
		expect(session.relations).toEqual([]);
		expect(await saved()).toEqual([]);
		session.undo();
		expect(session.spans.has('c')).toBe(true);
		expect(session.relations.map((r) => r.tail).sort()).toEqual(['f', 'p']);
		expect((await saved()).length).toBe(2);
	});

	it('moving a span’s edge keeps its relations', async () => {
		const { session, saved } = await open();
		session.addRelation('c', 'p');
		session.moveEdge('p', 'start', -1);
		expect(session.spans.get('p')!.start).toBeLessThan(4);
		expect(session.relationsOf('p').incoming).toHaveLength(1);
		expect(await saved()).toEqual([['source', 'c', 'p']]);
	});

	it('relabelling a span removes the links its new label breaks, says so, and undo restores both', async () => {
		const { session, saved, infos } = await open();
		session.addRelation('c', 'p');
		session.relabel('p', 'figure');
		expect(session.spans.get('p')!.label).toBe('figure');
		expect(session.relations).toEqual([]);
		expect(infos.at(-1)).toMatch(/Removed its link that the new label does not allow \(“.source.”\)/);
		expect(await saved()).toEqual([]);
		expect(session.claimsWithoutSource().map((s) => s.id)).toEqual(['c']);
		session.undo();
		expect(session.spans.get('p')!.label).toBe('actor');
		expect(session.relations).toHaveLength(1);
		expect(await saved()).toEqual([['source', 'c', 'p']]);
	});

	it('adds several relations as one step (settling links into gold), skipping those there and naming those refused', async () => {
		const { session, saved } = await open([...DEFAULT_RELATION_TYPES, about]);
		session.addRelation('c', 'p', 'source');
		const result = session.addRelations([
			{ head: 'c', tail: 'p', label: 'source' },
			{ head: 'c', tail: 'f', label: 'about' },
			{ head: 'c', tail: 'q', label: 'source' },
			{ head: 'c', tail: 'zz', label: 'about' }
		]);
		expect(result.added).toBe(1);
		expect(result.refused).toEqual([expect.stringMatching(/^c → q \(source\): .*has a “.source.” already/), expect.stringMatching(/^c → zz \(about\): an end is not in/)]);
		expect((await saved()).length).toBe(2);
		session.undo();
		expect(session.relations.map((r) => r.label)).toEqual(['source']);
		expect(session.relationTypeForKey('b')?.name).toBe('about');
		// The claim has its source: what it may still link to is what "about" allows, nearest first (the figure inside it, then the actors by distance).
		expect(session.linkTargets('c').map((s) => s.id)).toEqual(['f', 'p', 'q']);
	});

	it('an Alt-drag links the first pair of spans under press and release that a type allows; none fitting leaves it a selection', async () => {
		const { session, saved } = await open();
		const span = (id: string) => session.spans.get(id)!;
		// Pressed on the figure inside the claim (figure, then claim), released on the minister: claim → actor.
		expect(session.relationDrag([span('f'), span('c')], [span('p')])).toBe(true);
		expect(session.message).toMatch(/^Linked \(source\)/);
		expect(await saved()).toEqual([['source', 'c', 'p']]);
		// actor → actor: no type fits, so the drag stays a raw selection, and nothing is said.
		session.notify('');
		expect(session.relationDrag([span('p')], [span('q')])).toBe(false);
		expect(session.message).toBe('');
		// The claim has its source: the gesture is a link, refused with the rule's reason.
		expect(session.relationDrag([span('c')], [span('q')])).toBe(true);
		expect(session.message).toMatch(/has a “.source.” already/);
		session.undo();
		expect(await saved()).toEqual([]);
	});

	it('an Alt-drag between spans that several types fit asks for the type, and its key makes it', async () => {
		const { session } = await open([...DEFAULT_RELATION_TYPES, about]);
		const span = (id: string) => session.spans.get(id)!;
		expect(session.relationDrag([span('c')], [span('q')])).toBe(true);
		expect(session.message).toMatch(/^Which link\? s: source, b: about/);
		expect(session.linking).toMatchObject({ head: 'c', tail: 'q' });
		session.finishLink(undefined, 'about');
		expect(session.relations.map((r) => [r.label, r.head, r.tail])).toEqual([['about', 'c', 'q']]);
	});
});

describe('ArticleSession opening an article with many spans', () => {
	it('shows them all once ready (their sets made a task before they are shown), with the claims that lack a source counted', async () => {
		const db = freshDb();
		const n = 20_500;
		// One-character spans; every fourth a claim, linked to the actor before it when i % 8 === 3.
		const labels = ['actor', 'figure', 'actor', 'claim'];
		const spans = Array.from({ length: n }, (_, i) => makeSpan('big', `s${i}`, i, i + 1, labels[i % 4], { annotator: i % 1000 === 0 ? 'mate' : 'ann' }));
		const relations = spans.filter((_, i) => i % 8 === 3).map((claim, k) => ({ id: `r${k}`, articleId: 'big', label: 'source', head: claim.id, tail: `s${Number(claim.id.slice(1)) - 1}`, annotator: 'ann', createdAt: 1, updatedAt: 1 }));
		await createArticles(db, [{ article: makeArticle('big', 'x'.repeat(n + 5)), spans, relations }]);
		const { workspace } = fakeWorkspace(db);
		const session = (await ArticleSession.open(workspace, 'big', 'ann'))!;
		expect(session.loading).toBe(true);
		await session.ready;
		expect(session.loading).toBe(false);
		const mine = spans.filter((s) => s.annotator === 'ann');
		expect(session.spans.size).toBe(mine.length);
		expect(session.others).toHaveLength(n - mine.length);
		expect(session.relations).toHaveLength(relations.length);
		const claims = mine.filter((s) => s.label === 'claim');
		expect(session.claimsWithoutSourceCount).toBe(claims.length - relations.length);
	}, 60_000);
});
