/**
 * The team server over HTTP on a real PostgreSQL (a throwaway cluster, tests/support/postgres-cluster.ts),
 * attacked the way a hostile client would: no session, a revoked one, another annotator's layer, gold
 * as an annotator, oversized and malformed bodies, paths out of the build folder, SQL in ids, join
 * guessing; and the pushes a flaky network makes: the same batch twice, PostgreSQL restarted under
 * the server. Every response carries a Content-Security-Policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startPostgres, type Cluster } from '../../tests/support/postgres-cluster';
import type { Span } from '../lib/core/types';
import { MAX_BODY_BYTES, SESSION_COOKIE, startServer } from './http';
import { migrate } from './migrate';
import { openDatabase, type Database } from './sql';
import { socketOptions } from './sql-postgres';
import { assign, importRecords, invite, revoke } from './store';

const APP = fileURLToPath(new URL('../../tests/fixtures/server-app', import.meta.url));
const TEXT = 'The minister said unemployment fell, and Ana said prices rose.';
const now = 1_700_000_000_000;

let cluster: Cluster;
let db: Database;
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;

/** Signs in through a join link like a browser: the session cookie the server sets. */
async function signIn(name: string, role: 'annotator' | 'reviewer' | 'admin'): Promise<string> {
	const token = await invite(db, 'default', name, role);
	const res = await fetch(`${base}/api/join/${token}`, { redirect: 'manual' });
	expect(res.status).toBe(303);
	const [cookie, marker] = res.headers.getSetCookie();
	expect(cookie).toMatch(/^spanwise_session=.*HttpOnly/);
	expect(cookie).toMatch(/SameSite=Strict/);
	expect(marker).toMatch(/^spanwise_team=1; SameSite=Strict/);
	return cookie.split(';')[0];
}

const span = (id: string, layer: string, start = 4, end = 12): Span => ({ id, articleId: 'a1', start, end, label: 'actor', annotator: layer, createdAt: now, updatedAt: now });
const pushBody = (clientId: string, layer: string, baseRevision: number, id: string) => ({ batches: [{ clientId, articleId: 'a1', layer, baseRevision, edits: [{ type: 'add', span: span(id, layer) }] }] });
const post = (path: string, cookie: string | null, body: unknown) =>
	fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const get = (path: string, cookie: string | null) => fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });

let ana: string;
let ben: string;
let rev: string;

beforeAll(async () => {
	cluster = await startPostgres();
	db = await openDatabase({ url: cluster.url, dataDir: '' });
	await migrate(db);
	server = await startServer({ db, appDir: APP, port: 0, joinLimit: 5 });
	base = server.url;
	await importRecords(db, 'default', [
		{ article: { id: 'a1', title: 'One', text: TEXT, source: 't', meta: {}, status: 'new', createdAt: now, updatedAt: now }, spans: [] },
		{ article: { id: 'a2', title: 'Two', text: TEXT, source: 't', meta: {}, status: 'new', createdAt: now, updatedAt: now }, spans: [] }
	]);
	ana = await signIn('ana', 'annotator');
	ben = await signIn('ben', 'annotator');
	rev = await signIn('rev', 'reviewer');
	await assign(db, 'default', 1);
}, 120_000);

afterAll(async () => {
	await server?.close();
	await db?.close();
	cluster?.stop();
});

describe('who may do what', () => {
	it('no session, or a made-up one: 401 on every API', async () => {
		for (const path of ['/api/me', '/api/changes?since=0', '/api/articles/a1', '/api/events']) {
			expect((await get(path, null)).status, path).toBe(401);
			expect((await get(path, `${SESSION_COOKIE}=forged`)).status, path).toBe(401);
		}
		expect((await post('/api/push', null, pushBody('x', 'ana', 0, 's'))).status).toBe(401);
	});

	it('an annotator cannot write another’s layer or gold (403), nor open an article not assigned to them (404)', async () => {
		expect((await post('/api/push', ana, pushBody('h1', 'ben', 0, 'evil'))).status).toBe(403);
		const gold = await post('/api/push', ana, pushBody('h2', 'gold', 0, 'evil'));
		expect(gold.status).toBe(403);
		expect((await gold.json()).error).toBe('Only reviewers and admins write gold.');
		const me = await (await get('/api/me', ana)).json();
		const mine = me.articles.map((a: { id: string }) => a.id);
		expect(mine).toHaveLength(1);
		const other = ['a1', 'a2'].find((id) => !mine.includes(id))!;
		expect((await get(`/api/articles/${other}`, ana)).status).toBe(404);
		// A reviewer writes gold.
		expect((await (await post('/api/push', rev, pushBody('r1', 'gold', 0, 'g1'))).json()).results[0].status).toBe('applied');
	});

	it('blind: an annotator never reads another annotator’s spans', async () => {
		const me = await (await get('/api/me', ben)).json();
		const article = me.articles[0].id;
		await post('/api/push', ben, { batches: [{ clientId: 'b1', articleId: article, layer: 'ben', baseRevision: 0, edits: [{ type: 'add', span: { ...span('ben-1', 'ben'), articleId: article } }] }] });
		const changes = await (await get('/api/changes?since=0', ana)).json();
		expect(changes.changes.every((c: { layer: string }) => c.layer === 'ana')).toBe(true);
	});

	it('a revoked member’s session stops working at once', async () => {
		const carl = await signIn('carl', 'annotator');
		expect((await get('/api/me', carl)).status).toBe(200);
		await revoke(db, 'default', 'carl');
		expect((await get('/api/me', carl)).status).toBe(401);
	});
});

describe('importing from the app', () => {
	it('only an admin adds articles; bad records are named, good ones come in', async () => {
		const files = [{ name: 'more.jsonl', content: '{"id":"m1","title":"More","text":"Short text here.","spans":[]}\n{"id":"m2", "title": broken\n' }];
		expect((await post('/api/import', ana, { files })).status).toBe(403);
		expect((await post('/api/import', rev, { files })).status).toBe(403);
		const admin = await signIn('ada', 'admin');
		const res = await post('/api/import', admin, { files });
		expect(res.status).toBe(200);
		const summary = await res.json();
		expect(summary).toMatchObject({ added: 1, skipped: 0 });
		expect(summary.problems[0]).toMatch(/^more\.jsonl:2: /);
		expect((await get('/api/articles/m1', admin)).status).toBe(200);
		expect((await post('/api/import', admin, { files: 'nope' })).status).toBe(400);
	});
});

describe('the label schema', () => {
	it('only an admin sets the project’s labels and relation types; every member then reads them', async () => {
		const labels = [
			{ name: 'actor', color: '#0072B2', hotkey: '1', description: '' },
			{ name: 'place', color: '#009E73', hotkey: '4', description: 'Where it happened.' }
		];
		const put = (cookie: string, body: unknown) => fetch(`${base}/api/schema`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect((await put(ana, { labels, relationTypes: [] })).status).toBe(403);
		const admin = await signIn('adm', 'admin');
		const bad = await put(admin, { labels: [...labels, { ...labels[0] }], relationTypes: [] });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/labels\[2\]\.name: "actor" is used twice/);
		expect((await put(admin, { labels, relationTypes: [] })).status).toBe(200);
		const me = await (await get('/api/me', ana)).json();
		expect(me.labels.map((l: { name: string }) => l.name)).toEqual(['actor', 'place']);
		expect(me.relationTypes).toEqual([]);
	});
});

describe('bad input', () => {
	it('an oversized body is 413, malformed JSON 400, a bad batch 400 naming what is wrong', async () => {
		expect((await post('/api/push', ana, 'x'.repeat(MAX_BODY_BYTES + 10))).status).toBe(413);
		const notJson = await post('/api/push', ana, '{"batches": [');
		expect(notJson.status).toBe(400);
		expect((await notJson.json()).error).toMatch(/not JSON/);
		const bad = await post('/api/push', ana, { batches: [{ clientId: 'z', articleId: 'a1', layer: 'ana', baseRevision: 0, edits: [{ type: 'add', span: { ...span('s', 'ana'), end: 'far' } }] }] });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/^batches\[0\]\.edits\[0\]\.span\.end: /);
	});

	it('SQL in an id is only an id', async () => {
		const res = await get(`/api/articles/${encodeURIComponent("a1' OR '1'='1")}`, rev);
		expect(res.status).toBe(404);
		expect((await get('/api/me', rev)).status).toBe(200);
	});

	it('static files never leave the build folder; HTML and API carry a CSP', async () => {
		for (const path of ['/../server-secret.txt', '/%2e%2e/server-secret.txt', '/..%2fserver-secret.txt', '/%2e%2e%2f%2e%2e%2fpackage.json', '/_app/../../server-secret.txt']) {
			const res = await fetch(`${base}${path}`);
			expect(res.status, path).not.toBe(200);
			expect(await res.text(), path).not.toContain('secret');
		}
		const page = await fetch(`${base}/`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-security-policy')).toBe("default-src 'self'; script-src 'self' 'sha256-test'; frame-ancestors 'none'");
		expect((await fetch(`${base}/_app/immutable/x.js`)).headers.get('cache-control')).toMatch(/immutable/);
		expect((await get('/api/me', ana)).headers.get('content-security-policy')).toMatch(/default-src 'none'/);
	});

	it('join guesses are rate-limited per address: after 5 failed tries in a minute, even a good link waits', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await fetch(`${base}/api/join/guess-${i}`, { redirect: 'manual' })).status);
		expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
		const token = await invite(db, 'default', 'dora', 'annotator');
		expect((await fetch(`${base}/api/join/${token}`, { redirect: 'manual' })).status).toBe(429);
		await db.query('DELETE FROM join_attempts');
		expect((await fetch(`${base}/api/join/${token}`, { redirect: 'manual' })).status).toBe(303);
	});
});

describe('connecting', () => {
	it('a libpq socket URL (?host=FOLDER&port=N) reaches the same PostgreSQL without TCP; the URL sent on has neither', async () => {
		expect(socketOptions('postgres://u@localhost/db?host=%2Frun%2Fpostgresql&port=5433&sslmode=disable')).toEqual({ url: 'postgres://u@localhost/db?sslmode=disable', host: '/run/postgresql', port: 5433 });
		expect(socketOptions('postgres://u@db.example:5432/db')).toEqual({ url: 'postgres://u@db.example:5432/db' });
		expect(() => socketOptions('postgres://u@localhost/db?host=/run/postgresql&port=54x')).toThrow('DATABASE_URL: the port "54x" is not a port number');
		const other = await openDatabase({ url: cluster.socketUrl, dataDir: '' });
		try {
			const [row] = await other.query<{ n: string; socket: string | null }>("SELECT count(*) AS n, inet_server_addr()::text AS socket FROM articles");
			expect(Number(row.n)).toBeGreaterThanOrEqual(2);
			// No server address: the connection is a Unix socket's.
			expect(row.socket).toBeNull();
		} finally {
			await other.close();
		}
	});
});

describe('a flaky network and a restarted database', () => {
	it('the same batch pushed twice is applied once; after PostgreSQL restarts the server carries on', async () => {
		const me = await (await get('/api/me', ana)).json();
		const article = me.articles[0].id;
		const body = { batches: [{ clientId: 'flaky-1', articleId: article, layer: 'ana', baseRevision: 0, edits: [{ type: 'add', span: { ...span('ana-f', 'ana'), articleId: article } }] }] };
		const [first, second] = await Promise.all([post('/api/push', ana, body), post('/api/push', ana, body)]);
		const statuses = [(await first.json()).results[0].status, (await second.json()).results[0].status].sort();
		expect(statuses).toEqual(['applied', 'duplicate']);

		cluster.restart();
		let after: Response | null = null;
		// The first request after the restart may meet a dropped connection; the client retries.
		for (let i = 0; i < 5 && after?.status !== 200; i++) after = await post('/api/push', ana, body).catch(() => null);
		expect(after?.status).toBe(200);
		expect((await after!.json()).results[0].status).toBe('duplicate');
		const view = await (await get(`/api/articles/${article}`, ana)).json();
		expect(view.layers.find((l: { layer: string }) => l.layer === 'ana').spans.filter((s: { id: string }) => s.id === 'ana-f')).toHaveLength(1);
	});
});
