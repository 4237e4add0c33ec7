/** TeamSync against a scripted server: what it pushes, what it drops, and the status it shows. */
import { describe, expect, it } from 'vitest';
import { createArticles } from '$lib/db/articles';
import { commitEdits } from '$lib/db/commit';
import { countOutbox } from '$lib/db';
import { freshDb, makeArticle, makeSpan } from '$lib/db/testing';
import { TeamSync } from './team-sync.svelte';

const TEXT = 'The minister said unemployment fell.';

/** A server that knows ana (an annotator) and applies every batch it is sent, recording the pushes. */
function scriptedServer() {
	const pushes: { layer: string }[][] = [];
	let revision = 0;
	const fetch = async (path: string | URL | Request, init?: RequestInit): Promise<Response> => {
		const url = String(path);
		const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
		if (url === '/api/me') return json({ project: 'p', name: 'ana', role: 'annotator', blind: true, labels: [], relationTypes: [], articles: [], seq: 0 });
		if (url.startsWith('/api/changes')) return json({ changes: [], seq: 0 });
		if (url === '/api/push') {
			const { batches } = JSON.parse(String(init?.body)) as { batches: { clientId: string; layer: string }[] };
			pushes.push(batches);
			return json({ results: batches.map((b) => ({ clientId: b.clientId, status: 'applied', seq: ++revision, revision })) });
		}
		return new Response('{}', { status: 404 });
	};
	return { fetch: fetch as typeof globalThis.fetch, pushes };
}

describe('TeamSync', () => {
	it('pushes the member’s own batches and drops, saying so, those of a layer the member may not write', async () => {
		const db = freshDb();
		await createArticles(db, [{ article: makeArticle('a', TEXT), spans: [] }]);
		await commitEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 's1', 4, 12, 'actor', { annotator: 'ana' }) }], 1, { outbox: true });
		await commitEdits(db, 'a', [{ type: 'add', span: makeSpan('a', 'g1', 4, 12, 'actor', { annotator: 'gold' }) }], 2, { outbox: true });
		const server = scriptedServer();
		const errors: string[] = [];
		const sync = new TeamSync(db, { fetch: server.fetch, onError: (m) => errors.push(m) });
		expect(await sync.start()).toMatchObject({ name: 'ana', role: 'annotator' });
		expect(server.pushes.flat().map((b) => b.layer)).toEqual(['ana']);
		expect(errors).toEqual(['1 change to gold stays in this browser only: as annotator ana you do not write that layer in the team project.']);
		expect(await countOutbox(db)).toBe(0);
		expect(sync.status).toBe('Synced');
		sync.stop();
	});
});
