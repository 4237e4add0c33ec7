/**
 * The server process killed in the middle of a push (SIGKILL, no goodbye), then started again on the
 * same PostgreSQL: the push that was cut off left nothing half-written, and sending it again applies
 * every batch exactly once. Runs the built command line (`npm test` builds it first).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type Cluster } from '../../tests/support/postgres-cluster';
import { freePort, serve as startServe } from '../../tests/support/team-server';

const CLI = 'build-cli/spanwise.mjs';
const TEXT = 'The minister said unemployment fell, and Ana said prices rose by a lot this year.';
let cluster: Cluster;
let server: ChildProcess | null = null;
let port = 0;

const env = () => ({ ...process.env, DATABASE_URL: cluster.url });

async function serve(): Promise<void> {
	server = await startServe(CLI, port, [], env());
}

beforeAll(async () => {
	expect(existsSync(CLI), 'build the command line first (npm run build:cli)').toBe(true);
	cluster = await startPostgres();
	port = await freePort();
	await serve();
}, 120_000);

afterAll(() => {
	server?.kill('SIGKILL');
	cluster?.stop();
});

it('a push cut off by killing the server leaves nothing half-written; sent again, every batch is applied once', async () => {
	const base = `http://127.0.0.1:${port}`;
	const team = (...args: string[]) => execFileSync('node', [CLI, 'team', ...args, '--url', base], { env: env(), encoding: 'utf8' }).trim();
	const lines = JSON.stringify({ id: 'k1', title: 'Kill', text: TEXT, spans: [], format: 'spanwise/1', offset_unit: 'codepoint' });
	const file = join(mkdtempSync(join(tmpdir(), 'spanwise-kill-')), 'k.jsonl');
	writeFileSync(file, lines + '\n');
	team('import', file);
	const link = team('invite', 'ana', '--role', 'annotator');
	team('assign', '--per-article', '1');
	const joined = await fetch(link, { redirect: 'manual' });
	const cookie = joined.headers.getSetCookie()[0].split(';')[0];
	// 400 batches of one edit each, on revisions 0, 1, 2, … of ana's layer.
	const batches = Array.from({ length: 400 }, (_, i) => ({
		clientId: `kill-${i}`,
		articleId: 'k1',
		layer: 'ana',
		baseRevision: i,
		edits: [{ type: 'add', span: { id: `s${i}`, articleId: 'k1', start: i % 60, end: (i % 60) + 5, label: 'actor', annotator: 'ana', createdAt: 1, updatedAt: 1 } }]
	}));
	const push = () => fetch(`${base}/api/push`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ batches }) });

	const cut = push().then(
		() => 'answered',
		() => 'cut off'
	);
	await new Promise((r) => setTimeout(r, 150));
	server!.kill('SIGKILL');
	await new Promise((r) => server!.once('exit', r));
	const outcome = await cut;
	await serve();
	const count = async () => {
		const view = (await (await fetch(`${base}/api/articles/k1`, { headers: { cookie } })).json()) as { layers: { layer: string; revision: number; spans: unknown[] }[] };
		return view.layers.find((l) => l.layer === 'ana') ?? { revision: 0, spans: [] };
	};
	const before = await count();
	// All or nothing: the push is one transaction (unless it was answered before the kill).
	expect(outcome === 'answered' ? [400] : [0]).toContain(before.spans.length);
	const again = (await (await push()).json()) as { results: { status: string }[] };
	expect(again.results.every((r) => r.status === 'applied' || r.status === 'duplicate')).toBe(true);
	const after = await count();
	expect(after.spans).toHaveLength(400);
	expect(after.revision).toBe(400);
	const third = (await (await push()).json()) as { results: { status: string }[] };
	expect(new Set(third.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
	expect((await count()).spans).toHaveLength(400);
}, 120_000);
