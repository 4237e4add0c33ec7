/**
 * Reviewing links with no UI: ReviewSession's link candidates from two annotators' layers, accepting
 * one into gold with its ends, the conflict rule (a claim has one source), rejecting, accepting all
 * unanimous, the review order, undo/redo, and relation agreement, over a real (fake-indexeddb) database.
 */
import { describe, expect, it } from 'vitest';
import type { Relation } from '$lib/core/types';
import { createArticles } from '$lib/db/articles';
import { listRelations } from '$lib/db/relations';
import { listRejections } from '$lib/db';
import { freshDb, makeArticle, makeSpan } from '$lib/db/testing';
import { ReviewSession } from './review-session.svelte';
import { fakeWorkspace } from './testing';

//             0         1         2         3         4         5         6         7
//             0123456789012345678901234567890123456789012345678901234567890123456789012345
const TEXT = 'The minister said unemployment fell, and Ana said prices rose by a lot.';
const MINISTER = [4, 12] as const;
const FELL = [18, 35] as const;
const ANA = [41, 44] as const;
const ROSE = [50, 70] as const;

const rel = (id: string, head: string, tail: string, annotator: string): Relation => ({
	id,
	articleId: 'a',
	label: 'source',
	head,
	tail,
	annotator,
	createdAt: 1,
	updatedAt: 1
});

/**
 * Two annotators with the same four spans. Both link “prices rose…” to Ana (unanimous); for
 * “unemployment fell” ann1 says the minister, ann2 says Ana (a conflict: a claim has one source).
 */
async function open() {
	const db = freshDb();
	const layer = (who: string) => [
		makeSpan('a', `${who}-p`, ...MINISTER, 'actor', { annotator: who }),
		makeSpan('a', `${who}-c`, ...FELL, 'claim', { annotator: who }),
		makeSpan('a', `${who}-q`, ...ANA, 'actor', { annotator: who }),
		makeSpan('a', `${who}-d`, ...ROSE, 'claim', { annotator: who })
	];
	const relations = [rel('r1', 'ann1-c', 'ann1-p', 'ann1'), rel('r2', 'ann1-d', 'ann1-q', 'ann1'), rel('r3', 'ann2-c', 'ann2-q', 'ann2'), rel('r4', 'ann2-d', 'ann2-q', 'ann2')];
	await createArticles(db, [{ article: makeArticle('a', TEXT), spans: [...layer('ann1'), ...layer('ann2')], relations }]);
	const { workspace, written } = fakeWorkspace(db, { annotator: 'ann1', errors: 'throw' });
	const review = (await ReviewSession.open(workspace, 'a'))!;
	/** Gold's stored links as `head text → tail text`, once every write is in. */
	const goldLinks = async () => {
		await written();
		const spans = new Map(review.gold.spans.all().map((s) => [s.id, TEXT.slice(s.start, s.end)]));
		return (await listRelations(db, 'a', 'gold')).map((r) => `${spans.get(r.head)} → ${spans.get(r.tail)}`).sort();
	};
	const rejections = async () => {
		await written();
		await new Promise((r) => setTimeout(r, 0));
		return listRejections(db, 'a');
	};
	return { review, goldLinks, rejections };
}

const byTail = (review: ReviewSession, claim: readonly [number, number], actor: readonly [number, number]) =>
	review.relationCandidates.find((c) => c.head.start === claim[0] && c.tail.start === actor[0])!;

describe('ReviewSession links', () => {
	it('compares the annotators’ links: the shared one is unanimous, two sources of one claim conflict', async () => {
		const { review } = await open();
		const c = review.relationCandidates;
		expect(c.map((x) => [TEXT.slice(x.head.start, x.head.end), TEXT.slice(x.tail.start, x.tail.end), x.annotators.join('+'), x.status])).toEqual([
			['unemployment fell', 'minister', 'ann1', 'conflict'],
			['unemployment fell', 'Ana', 'ann2', 'conflict'],
			['prices rose by a lot', 'Ana', 'ann1+ann2', 'unanimous']
		]);
		expect(c.every((x) => x.settled === null && !x.headInGold && !x.tailInGold)).toBe(true);
		expect(review.relationProgress).toEqual({ candidates: 3, settled: 0, conflicts: 2, conflictsSettled: 0 });
	});

	it('accepting a link brings its ends into gold with it and rejects the other source, in one undo step', async () => {
		const { review, goldLinks, rejections } = await open();
		const minister = byTail(review, FELL, MINISTER);
		const ana = byTail(review, FELL, ANA);
		review.accept(minister.key);
		expect(review.message).toMatch(/Accepted the source link “.unemployment fell.” → “.minister.”; both its ends came into gold with it; the other side of its conflict is rejected \(1\)/);
		expect(review.gold.spans.all().map((s) => TEXT.slice(s.start, s.end)).sort()).toEqual(['minister', 'unemployment fell']);
		expect(await goldLinks()).toEqual(['unemployment fell → minister']);
		expect(byTail(review, FELL, MINISTER).settled).toBe('accepted');
		expect(byTail(review, FELL, ANA).settled).toBe('rejected');
		expect((await rejections()).has(ana.key)).toBe(true);

		// Changing one's mind: accepting the other side takes the first out of gold (one source per claim).
		review.accept(ana.key);
		expect(await goldLinks()).toEqual(['unemployment fell → Ana']);
		expect(byTail(review, FELL, MINISTER).settled).toBe('rejected');

		review.undo();
		expect(await goldLinks()).toEqual(['unemployment fell → minister']);
		review.undo();
		expect(await goldLinks()).toEqual([]);
		expect(review.gold.spans.all()).toEqual([]);
		expect((await rejections()).size).toBe(0);
		review.redo();
		expect(await goldLinks()).toEqual(['unemployment fell → minister']);
		expect(review.gold.spans.all()).toHaveLength(2);
	});

	it('rejects a unanimous link only when confirmed; rejecting an accepted link leaves its ends in gold', async () => {
		const { review, goldLinks } = await open();
		const shared = byTail(review, ROSE, ANA);
		review.reject(shared.key);
		expect(review.message).toMatch(/Every annotator \(2\) made the source link .*Shift\+X/);
		expect(byTail(review, ROSE, ANA).settled).toBeNull();
		review.accept(shared.key);
		expect(await goldLinks()).toEqual(['prices rose by a lot → Ana']);
		review.reject(shared.key, { unanimous: true });
		expect(await goldLinks()).toEqual([]);
		expect(review.gold.spans.all()).toHaveLength(2);
		expect(byTail(review, ROSE, ANA).settled).toBe('rejected');
		review.undo();
		expect(await goldLinks()).toEqual(['prices rose by a lot → Ana']);
	});

	it('accepts all unanimous spans and then the unanimous links between them, undone as one step', async () => {
		const { review, goldLinks } = await open();
		expect(review.acceptAllUnanimous()).toBe(5);
		expect(review.message).toMatch(/Accepted 4 unanimous candidates and 1 unanimous link\./);
		expect(await goldLinks()).toEqual(['prices rose by a lot → Ana']);
		review.undo();
		expect(await goldLinks()).toEqual([]);
		expect(review.gold.spans.all()).toEqual([]);
	});

	it('walks the spans first, then the links, with j / k order', async () => {
		const { review } = await open();
		review.acceptAllUnanimous();
		review.focus(null);
		review.step(1);
		expect(review.currentRelation?.key).toBe(byTail(review, FELL, MINISTER).key);
		review.step(1);
		expect(review.currentRelation?.key).toBe(byTail(review, FELL, ANA).key);
		review.step(1);
		expect(review.currentRelation?.key).toBe(byTail(review, FELL, MINISTER).key);
		review.accept();
		expect(review.gold.relations).toHaveLength(2);
		review.step(1);
		expect(review.message).toBe('Every candidate is settled.');
	});

	it('counts the links in the article’s agreement: one of two sources matched', async () => {
		const { review } = await open();
		const links = review.agreement.relations!;
		expect(links.types.source.exact.f1).toBeCloseTo(0.5);
		expect(links.pairs).toHaveLength(1);
	});
});
