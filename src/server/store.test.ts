/**
 * The team server's rules on an embedded PostgreSQL (PGlite, in memory): migrations, join links,
 * sessions and revocation, import and assignment, and pushes — idempotent by client id, refused by
 * revision and by layer, tombstones — with the change feed each role sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationEdit, ArticleRecord, Relation, Span } from '../lib/core/types';
import { parsePush, type PushBatch } from '../lib/core/sync/protocol';
import { MIGRATIONS, migrate } from './migrate';
import { fastPush } from './push-fast';
import { openDatabase, type Database } from './sql';
import { articlePage, articleView, assign, setProjectSettings, changesSince, exportRecords, importRecords, invite, join, projectView, push, revoke, sessionMember, type Member } from './store';

const TEXT = 'The minister said unemployment fell, and Ana said prices rose.';
const now = 1_700_000_000_000;
const span = (id: string, layer: string, start: number, end: number, label: string, articleId = 'a1'): Span => ({ id, articleId, start, end, label, annotator: layer, createdAt: now, updatedAt: now });
const record = (id: string, text = TEXT, spans: Span[] = [], relations: Relation[] = []): ArticleRecord => ({
	article: { id, title: `Article ${id}`, text, source: 'test', meta: {}, status: 'new', createdAt: now, updatedAt: now },
	spans,
	relations
});
let counter = 0;
const batch = (layer: string, baseRevision: number, edits: AnnotationEdit[], articleId = 'a1'): PushBatch => ({ clientId: `c${++counter}`, articleId, layer, baseRevision, edits });

let db: Database;

/** A member signed in through a fresh join link. */
async function signIn(project: string, name: string, role: 'annotator' | 'reviewer' | 'admin'): Promise<Member> {
	const token = await invite(db, project, name, role);
	return (await join(db, token)).member;
}

beforeAll(async () => {
	db = await openDatabase({ dataDir: 'memory://' });
	expect(await migrate(db)).toEqual([1, 2, 3]);
	// Started again on the same database, it applies nothing.
	expect(await migrate(db)).toEqual([]);
	// Starting PGlite (PostgreSQL in WebAssembly) takes seconds on a busy machine.
}, 120_000);
afterAll(() => db.close());

describe('migrations', () => {
	it('a database made by migration 1 gets the UTF-16 length of its articles from migration 2, astral characters counted twice', async () => {
		const old = await openDatabase({ dataDir: 'memory://' });
		try {
			await migrate(old, MIGRATIONS.slice(0, 1));
			const [{ id }] = await old.query<{ id: string }>("INSERT INTO projects (name) VALUES ('m') RETURNING id");
			await old.query("INSERT INTO articles (project_id, id, title, text) VALUES ($1, 'x', 'X', $2)", [id, 'Port 🌊 barrier']);
			expect(await migrate(old)).toEqual([2, 3]);
			const [{ utf16_length }] = await old.query<{ utf16_length: number }>('SELECT utf16_length FROM articles');
			expect(utf16_length).toBe('Port 🌊 barrier'.length);
		} finally {
			await old.close();
		}
	}, 120_000);
});

describe('join links and sessions', () => {
	it('a join link signs in once, then is spent; a revoked member’s session ends', async () => {
		const token = await invite(db, 'p-join', 'ana', 'annotator');
		const { session, member } = await join(db, token);
		expect(member).toMatchObject({ project: 'p-join', name: 'ana', role: 'annotator', blind: true });
		expect(await sessionMember(db, session)).toMatchObject({ name: 'ana' });
		await expect(join(db, token)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/used already/) });
		await expect(join(db, 'not-a-token')).rejects.toMatchObject({ status: 401 });
		expect(await revoke(db, 'p-join', 'ana')).toBe(1);
		expect(await sessionMember(db, session)).toBeNull();
	});

	it('an expired link does not sign in; names and roles are checked', async () => {
		const token = await invite(db, 'p-join', 'ben', 'reviewer', -1000);
		await expect(join(db, token)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/expired/) });
		await expect(invite(db, 'p-join', 'gold', 'annotator')).rejects.toMatchObject({ status: 400 });
		await expect(invite(db, 'p-join', 'carl', 'owner' as 'admin')).rejects.toMatchObject({ status: 400 });
	});
});

describe('corpus and assignment', () => {
	it('imports articles with their layers once, names an id clash, and assigns K annotators per article, balanced', async () => {
		const summary = await importRecords(db, 'p-corpus', [record('a1', TEXT, [span('s1', 'seed', 4, 12, 'actor')]), record('a2'), record('a3'), record('a4'), record('a5')]);
		expect(summary).toMatchObject({ added: 5, skipped: 0, spans: 1, problems: [] });
		const again = await importRecords(db, 'p-corpus', [record('a1'), record('a2', 'Another text.')]);
		expect(again.added).toBe(0);
		expect(again.skipped).toBe(1);
		expect(again.problems[0]).toMatch(/article "a2".*another text under this id/);
		for (const name of ['ana', 'ben', 'cyd']) await invite(db, 'p-corpus', name, 'annotator');
		const { assigned, load } = await assign(db, 'p-corpus', 2);
		expect(assigned).toBe(10);
		expect(Object.values(load).sort()).toEqual([3, 3, 4]);
		// Already assigned articles keep theirs: nothing more to do.
		expect((await assign(db, 'p-corpus', 2)).assigned).toBe(0);
		await expect(assign(db, 'p-corpus', 4)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/3 annotators/) });
	});
});

describe('ids unique in the project', () => {
	it('renews span and relation ids that another article of the import or of the project has (files numbering them per article), relations following their spans', async () => {
		const brat = (id: string, text = TEXT) =>
			record(id, text, [span('T1', 'seed', 4, 12, 'actor', id), span('T2', 'seed', 18, 35, 'claim', id)], [{ id: 'R1', articleId: id, label: 'source', head: 'T2', tail: 'T1', annotator: 'seed', createdAt: now, updatedAt: now }]);
		const first = await importRecords(db, 'p-ids', [brat('b1'), brat('b2', `${TEXT} Two.`)]);
		expect(first).toMatchObject({ added: 2, spans: 4, relations: 2, spanIdsRenewed: 2, relationIdsRenewed: 1, problems: [] });
		// A later import meets the ids already stored.
		const later = await importRecords(db, 'p-ids', [brat('b3', `${TEXT} Three.`)]);
		expect(later).toMatchObject({ added: 1, spanIdsRenewed: 2, relationIdsRenewed: 1 });
		const reviewer = await signIn('p-ids', 'rev', 'reviewer');
		const articles = await articlePage(db, reviewer, '', 10);
		expect(articles.map((a) => a.id)).toEqual(['b1', 'b2', 'b3']);
		const layers = articles.map((a) => a.layers[0]);
		const spanIds = layers.flatMap((l) => l.spans.map((x) => x.id));
		expect(new Set(spanIds).size).toBe(6);
		expect(layers[0].spans.map((x) => x.id).sort()).toEqual(['T1', 'T2']);
		expect(new Set(layers.flatMap((l) => l.relations.map((r) => r.id))).size).toBe(3);
		for (const layer of layers) {
			const [relation] = layer.relations;
			// Each relation still joins its own article's claim to its actor.
			expect(layer.spans.find((x) => x.id === relation.head)?.label).toBe('claim');
			expect(layer.spans.find((x) => x.id === relation.tail)?.label).toBe('actor');
		}
		// Importing the first file again skips its articles and renews nothing.
		expect(await importRecords(db, 'p-ids', [brat('b1')])).toMatchObject({ added: 0, skipped: 1, spanIdsRenewed: 0, relationIdsRenewed: 0 });
	});
});

describe('a large import', () => {
	it('goes in chunks, each article with its layers as the first changes of the feed; a chunk with an edit that does not fit goes article by article', async () => {
		const many = Array.from({ length: 450 }, (_, i) => {
			const id = `m${String(i).padStart(3, '0')}`;
			const spans = [span(`${id}-1`, 'ana', 4, 12, 'actor', id), span(`${id}-2`, 'ana', 18, 35, 'claim', id), span(`${id}-3`, 'gold', 4, 12, 'actor', id)];
			const relations: Relation[] = [{ id: `${id}-r`, articleId: id, label: 'source', head: `${id}-2`, tail: `${id}-1`, annotator: 'ana', createdAt: now, updatedAt: now }];
			return record(id, `${TEXT} ${i}`, spans, relations);
		});
		const summary = await importRecords(db, 'p-many', [...many, record('m000', `${TEXT} 0`)]);
		expect(summary).toMatchObject({ added: 450, skipped: 1, spans: 1350, relations: 450, problems: [] });
		const reviewer = await signIn('p-many', 'rev', 'reviewer');
		const [first] = await articlePage(db, reviewer, 'm448', 5);
		expect(first.id).toBe('m449');
		expect(first.layers.map((l) => [l.layer, l.revision, l.spans.length, l.relations.length])).toEqual([
			['ana', 1, 2, 1],
			['gold', 1, 1, 0]
		]);
		expect((await changesSince(db, reviewer, 0, 2000)).length).toBe(900);
		// An article whose span runs past its text: its chunk is written article by article, and the import says why.
		const bad = record('z2', TEXT, [span('z2-1', 'ana', 4, 400, 'actor', 'z2')]);
		await expect(importRecords(db, 'p-many', [record('z1'), bad])).rejects.toThrow(/z2-1|past|length|text/i);
		const after = await articlePage(db, reviewer, 'y', 10);
		expect(after.map((a) => a.id)).toEqual(['z1']);
	});
});

describe('pushes and the change feed', () => {
	let ana: Member;
	let ben: Member;
	let rev: Member;
	beforeAll(async () => {
		await importRecords(db, 'p-edit', [record('a1'), record('a2')]);
		ana = await signIn('p-edit', 'ana', 'annotator');
		ben = await signIn('p-edit', 'ben', 'annotator');
		rev = await signIn('p-edit', 'rev', 'reviewer');
		await assign(db, 'p-edit', 2);
	}, 60_000);

	it('applies a batch once: the same client id again changes nothing', async () => {
		const b = batch('ana', 0, [{ type: 'add', span: span('ana-1', 'ana', 4, 12, 'actor') }]);
		const [first] = await push(db, ana, [b]);
		expect(first).toMatchObject({ status: 'applied', revision: 1 });
		const [second] = await push(db, ana, [b]);
		expect(second).toMatchObject({ status: 'duplicate', revision: 1 });
		const view = await articleView(db, ana, 'a1');
		expect(view.layers).toEqual([expect.objectContaining({ layer: 'ana', kind: 'annotator', revision: 1, spans: [expect.objectContaining({ id: 'ana-1' })] })]);
	});

	it('refuses a batch made on another revision (the same annotator in two browsers), and keeps the server’s', async () => {
		const [stale] = await push(db, ana, [batch('ana', 0, [{ type: 'add', span: span('ana-2', 'ana', 18, 35, 'claim') }])]);
		expect(stale).toMatchObject({ status: 'stale', revision: 1 });
		expect((await articleView(db, ana, 'a1')).layers[0].spans.map((s) => s.id)).toEqual(['ana-1']);
	});

	it('refuses writing another annotator’s layer, or gold as an annotator; a reviewer writes gold', async () => {
		const [other] = await push(db, ana, [batch('ben', 0, [{ type: 'add', span: span('x', 'ben', 0, 3, 'actor') }])]);
		expect(other).toMatchObject({ status: 'refused', message: expect.stringMatching(/cannot write ben/) });
		const [gold] = await push(db, ana, [batch('gold', 0, [{ type: 'add', span: span('g', 'gold', 0, 3, 'actor') }])]);
		expect(gold).toMatchObject({ status: 'refused', message: 'Only reviewers and admins write gold.' });
		const [byReviewer] = await push(db, rev, [batch('gold', 0, [{ type: 'add', span: span('g1', 'gold', 4, 12, 'actor') }])]);
		expect(byReviewer).toMatchObject({ status: 'applied' });
	});

	it('refuses edits that do not fit what the layer holds, as a whole batch', async () => {
		const [outside] = await push(db, ana, [batch('ana', 1, [{ type: 'add', span: span('ana-3', 'ana', 0, 3, 'actor') }, { type: 'add', span: span('ana-4', 'ana', 50, 500, 'claim') }])]);
		expect(outside).toMatchObject({ status: 'refused', message: expect.stringMatching(/edits\[1\]: span ana-4 ends at 500, after the text's end/) });
		const [missing] = await push(db, ana, [batch('ana', 1, [{ type: 'remove', span: span('nope', 'ana', 0, 3, 'actor') }])]);
		expect(missing).toMatchObject({ status: 'refused', message: expect.stringMatching(/span nope is not there/) });
		// Nothing of the refused batches stayed: ana-3 is not there, the revision did not move.
		const view = await articleView(db, ana, 'a1');
		expect(view.layers[0]).toMatchObject({ revision: 1, spans: [expect.objectContaining({ id: 'ana-1' })] });
	});

	it('a deleted span stays as a tombstone the feed reports; its relations go with it', async () => {
		const claim = span('ana-c', 'ana', 18, 35, 'claim');
		const relation: Relation = { id: 'ana-r', articleId: 'a1', label: 'source', head: 'ana-c', tail: 'ana-1', annotator: 'ana', createdAt: now, updatedAt: now };
		const results = await push(db, ana, [
			batch('ana', 1, [{ type: 'add', span: claim }, { type: 'add-relation', relation }]),
			batch('ana', 2, [{ type: 'remove', span: span('ana-1', 'ana', 4, 12, 'actor') }])
		]);
		expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
		const view = await articleView(db, ana, 'a1');
		expect(view.layers[0].spans.map((s) => s.id)).toEqual(['ana-c']);
		expect(view.layers[0].relations).toEqual([]);
		const feed = await changesSince(db, ana, 0);
		expect(feed.at(-1)).toMatchObject({ layer: 'ana', revision: 3, edits: [{ type: 'remove', span: { id: 'ana-1' } }] });
	});

	it('blind annotation: an annotator’s feed and articles hold only their own layer; a reviewer sees every layer', async () => {
		await push(db, ben, [batch('ben', 0, [{ type: 'add', span: span('ben-1', 'ben', 41, 44, 'actor') }])]);
		expect(new Set((await changesSince(db, ana, 0)).map((c) => c.layer))).toEqual(new Set(['ana']));
		expect((await articleView(db, ana, 'a1')).layers.map((l) => l.layer)).toEqual(['ana']);
		expect(new Set((await changesSince(db, rev, 0)).map((c) => c.layer))).toEqual(new Set(['ana', 'ben', 'gold']));
		expect((await articleView(db, rev, 'a1')).layers.map((l) => [l.layer, l.kind])).toEqual([
			['ana', 'annotator'],
			['ben', 'annotator'],
			['gold', 'gold']
		]);
		const seen = await projectView(db, ana);
		expect(seen).toMatchObject({ name: 'ana', role: 'annotator', articles: [{ id: 'a1' }, { id: 'a2' }] });
		expect(seen.labels.map((l) => l.name)).toEqual(['actor', 'claim', 'figure']);
	});

	it('with blind annotation relaxed, an annotator reads the other annotators’ layers (not gold), and still writes only their own', async () => {
		expect(await setProjectSettings(db, 'p-edit', { blind: false })).toEqual({ blind: false });
		const open = { ...ana, blind: false };
		expect((await articleView(db, open, 'a1')).layers.map((l) => l.layer)).toEqual(['ana', 'ben']);
		expect(new Set((await changesSince(db, open, 0)).map((c) => c.layer))).toEqual(new Set(['ana', 'ben']));
		const [write] = await push(db, open, [batch('ben', 1, [{ type: 'add', span: span('x2', 'ben', 0, 3, 'actor') }])]);
		expect(write.status).toBe('refused');
		expect(await setProjectSettings(db, 'p-edit', { blind: true })).toEqual({ blind: true });
	});

	it('pages through the articles a member may open, each with the layers they may read', async () => {
		const first = await articlePage(db, rev, '', 1);
		expect(first.map((a) => a.id)).toEqual(['a1']);
		expect(first[0].layers.map((l) => l.layer)).toEqual(['ana', 'ben', 'gold']);
		expect((await articlePage(db, rev, 'a1', 10)).map((a) => a.id)).toEqual(['a2']);
		const mine = await articlePage(db, ana, '', 10);
		expect(mine.map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(mine[0].layers.map((l) => l.layer)).toEqual(['ana']);
		expect(mine[0].layers[0].spans.map((x) => x.id)).toEqual(['ana-c']);
	});

	it('exports the project’s layers as records', async () => {
		const all = await exportRecords(db, 'p-edit', 'all');
		expect(all.find((r) => r.article.id === 'a1')!.spans.map((s) => s.annotator).sort()).toEqual(['ana', 'ben', 'gold']);
		const gold = await exportRecords(db, 'p-edit', 'gold');
		expect(gold.find((r) => r.article.id === 'a1')!.spans.map((s) => s.id)).toEqual(['g1']);
	});
});

describe('the two ways a push is written', () => {
	it('a span removed in a later push takes the stored relations at either end with it, and leaves the others, on both paths', async () => {
		for (const [project, fast] of [['p-cascade-fast', true], ['p-cascade-slow', false]] as const) {
			await importRecords(db, project, [record('a1'), record('a2')]);
			const who = await signIn(project, 'ana', 'annotator');
			await assign(db, project, 1);
			const rel = (id: string, head: string, tail: string, articleId = 'a1'): Relation => ({ id, articleId, label: 'source', head, tail, annotator: 'ana', createdAt: now, updatedAt: now });
			const spans = (articleId: string, p: string) => [span(`${p}p`, 'ana', 4, 12, 'actor', articleId), span(`${p}c`, 'ana', 18, 35, 'claim', articleId), span(`${p}d`, 'ana', 36, 40, 'claim', articleId), span(`${p}q`, 'ana', 41, 44, 'actor', articleId)];
			const add = (articleId: string, p: string) => [...spans(articleId, p).map((x) => ({ type: 'add' as const, span: x })), { type: 'add-relation' as const, relation: rel(`${p}r1`, `${p}c`, `${p}p`, articleId) }, { type: 'add-relation' as const, relation: rel(`${p}r2`, `${p}d`, `${p}q`, articleId) }];
			await push(db, who, [
				{ clientId: `${project}-1`, articleId: 'a1', layer: 'ana', baseRevision: 0, edits: add('a1', '') },
				{ clientId: `${project}-2`, articleId: 'a2', layer: 'ana', baseRevision: 0, edits: add('a2', 'x') }
			]);
			const [removed] = await push(db, who, [{ clientId: `${project}-3`, articleId: 'a1', layer: 'ana', baseRevision: 1, edits: [{ type: 'remove', span: span('p', 'ana', 4, 12, 'actor') }] }], { fast });
			expect(removed).toMatchObject({ status: 'applied', revision: 2 });
			expect((await articleView(db, who, 'a1')).layers[0].relations.map((r) => r.id)).toEqual(['r2']);
			expect((await articleView(db, who, 'a2')).layers[0].relations.map((r) => r.id).sort()).toEqual(['xr1', 'xr2']);
		}
	});

	it('the fast path (one set of statements per push) and the batch-by-batch path leave the same data and feed', async () => {
		const views = [];
		for (const [project, fast] of [['p-fast', true], ['p-slow', false]] as const) {
			await importRecords(db, project, [record('a1'), record('a2')]);
			const who = await signIn(project, 'ana', 'annotator');
			await assign(db, project, 1);
			const rel = (id: string, head: string, tail: string): Relation => ({ id, articleId: 'a1', label: 'source', head, tail, annotator: 'ana', createdAt: now, updatedAt: now });
			const at = (n: number) => ({ clientId: `${project}-${n}`, articleId: 'a1', layer: 'ana' });
			const results = await push(
				db,
				who,
				[
					{ ...at(1), baseRevision: 0, edits: [{ type: 'add', span: span('p', 'ana', 4, 12, 'actor') }, { type: 'add', span: span('c', 'ana', 18, 35, 'claim') }] },
					{ ...at(2), baseRevision: 1, edits: [{ type: 'add-relation', relation: rel('r', 'c', 'p') }] },
					{ ...at(3), baseRevision: 2, edits: [{ type: 'update', before: span('c', 'ana', 18, 35, 'claim'), after: { ...span('c', 'ana', 13, 35, 'claim'), updatedAt: now + 1 } }] },
					{ ...at(4), baseRevision: 3, edits: [{ type: 'add', span: span('q', 'ana', 41, 44, 'actor') }, { type: 'remove', span: span('p', 'ana', 4, 12, 'actor') }] },
					{ clientId: `${project}-5`, articleId: 'a2', layer: 'ana', baseRevision: 0, edits: [{ type: 'add', span: span('z', 'ana', 0, 3, 'actor', 'a2') }] }
				],
				{ fast }
			);
			expect(results.map((r) => [r.status, 'revision' in r ? r.revision : null])).toEqual([
				['applied', 1],
				['applied', 2],
				['applied', 3],
				['applied', 4],
				['applied', 1]
			]);
			const view = await articleView(db, who, 'a1');
			const feed = (await changesSince(db, who, 0)).map((c) => [c.articleId, c.revision, c.edits.length]);
			views.push({ layers: view.layers, feed });
		}
		expect(views[0]).toEqual(views[1]);
		// The removed span took its relation with it.
		expect(views[0].layers[0].spans.map((s) => s.id)).toEqual(['c', 'q']);
		expect(views[0].layers[0].relations).toEqual([]);
		// The fast path takes such a push itself, and leaves to the slow one what it cannot vouch for.
		const who = await signIn('p-fast', 'ana', 'annotator');
		const lengths = new Map([['a1', TEXT.length]]);
		const fresh = { clientId: 'p-fast-6', articleId: 'a1', layer: 'ana', baseRevision: 4, edits: [{ type: 'add', span: span('w', 'ana', 0, 3, 'actor') }] as AnnotationEdit[] };
		const stale = { ...fresh, clientId: 'p-fast-7', baseRevision: 2 };
		const misfit = { ...fresh, clientId: 'p-fast-8', baseRevision: 4, edits: [{ type: 'remove', span: span('nope', 'ana', 0, 3, 'actor') }] as AnnotationEdit[] };
		// As push() runs it: a null rolls the transaction back.
		const tryFast = (batch: PushBatch) =>
			db
				.transaction(async (tx) => {
					const done = await fastPush(tx, who.projectId, 'ana', [batch], lengths);
					if (!done) throw new Error('slow');
					return done;
				})
				.catch((error: Error) => (error.message === 'slow' ? null : Promise.reject(error)));
		for (const batch of [stale, misfit]) expect(await tryFast(batch)).toBeNull();
		expect(await tryFast(fresh)).toEqual([expect.objectContaining({ status: 'applied', revision: 5 })]);
	});
});

describe('the push body', () => {
	it('is checked at the boundary, naming what is wrong by its path', () => {
		expect(parsePush({ batches: [{ clientId: 'c', articleId: 'a', layer: 'ana', baseRevision: 0, edits: [{ type: 'add', span: { ...span('s', 'ana', 0, 3, 'actor'), start: '0' } }] }] }).error).toMatch(
			/^batches\[0\]\.edits\[0\]\.span\.start: /
		);
		expect(parsePush({ batches: [{ clientId: 'c', articleId: 'a1', layer: 'ana', baseRevision: 0, edits: [{ type: 'add', span: span('s', 'ben', 0, 3, 'actor') }] }] }).error).toMatch(/belongs to layer "ben", not the batch's "ana"/);
		expect(parsePush({ batches: [{ clientId: 'c', articleId: 'a1', layer: 'ana', baseRevision: 0, edits: [{ type: 'add', span: span('s', 'ana', 5, 3, 'actor') }] }] }).error).toMatch(/must end after it starts/);
		expect(parsePush({ batches: [], extra: 1 }).error).toBeDefined();
		expect(parsePush({ batches: [] }).ok).toEqual([]);
	});
});
