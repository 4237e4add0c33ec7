/**
 * The team server under load, as `npm run bench:server` measures it: `spanwise serve` (the built CLI)
 * on a real PostgreSQL started for the run, 20 simulated annotators each pushing 1,000 edits in the
 * batches the app sends (one undo step per batch, several batches per push), all at once. Measured:
 * sustained edits per second, push latency (p99), and how long a change takes to be seen by a
 * reviewer's client (its event stream says so, and it pulls the change). The server reaches PostgreSQL
 * as a one-machine install would, through its Unix socket (`server_*`), and once more over loopback TCP
 * (`server_push_tcp_*`), as it would a database on another machine.
 */
import { expect, test } from '@playwright/test';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type Cluster } from '../support/postgres-cluster';
import { freePort, serve } from '../support/team-server';
import { metric, type Metric } from '../bench/measure';

const ANNOTATORS = Number(process.env.BENCH_ANNOTATORS ?? 20);
const EDITS = Number(process.env.BENCH_EDITS ?? 1000);
/** Batches per push: what the app's outbox sends after a short burst of work. */
const PER_PUSH = 10;
const ARTICLES = 200;

let cluster: Cluster;
let server: ChildProcess;
let base = '';
let dir = '';
const metrics: Record<string, Metric> = {};
const notes: Record<string, string> = {};

const CLI = 'build-cli/spanwise.mjs';
const team = (...args: string[]) => execFileSync('node', [CLI, 'team', ...args, '--url', base], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: cluster.url } }).trim();

async function signIn(link: string): Promise<string> {
	const res = await fetch(link, { redirect: 'manual' });
	expect(res.status).toBe(303);
	return res.headers.getSetCookie()[0].split(';')[0];
}

async function setUp(transport: 'socket' | 'tcp'): Promise<void> {
	cluster = await startPostgres();
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	server = await serve(CLI, port, [], { ...process.env, DATABASE_URL: transport === 'socket' ? cluster.socketUrl : cluster.url });
	dir = mkdtempSync(join(tmpdir(), 'spanwise-server-bench-'));
	const sentence = 'The minister said on Tuesday that the programme would cost 4.2 billion euros over five years. ';
	const lines = Array.from({ length: ARTICLES }, (_, i) => JSON.stringify({ id: `b${i}`, title: `Bench article ${i}`, text: sentence.repeat(20), spans: [], format: 'spanwise/1', offset_unit: 'codepoint' }));
	writeFileSync(join(dir, 'corpus.jsonl'), lines.join('\n') + '\n');
	team('import', join(dir, 'corpus.jsonl'));
}

function tearDown(): void {
	server?.kill('SIGTERM');
	cluster?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = '';
}

test.beforeAll(() => {
	expect(existsSync(CLI), 'npm run build:cli first').toBe(true);
});

test.afterEach(tearDown);

test.afterAll(() => {
	if (Object.keys(metrics).length === 0) return;
	const previous = existsSync('bench/results.json') ? JSON.parse(readFileSync('bench/results.json', 'utf8')) : {};
	const results = {
		...previous,
		machine: { ...previous.machine, platform: `${platform()} ${release()}`, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
		date: new Date().toISOString(),
		metrics: { ...previous.metrics, ...metrics },
		notes: { ...previous.notes, ...notes }
	};
	mkdirSync('bench', { recursive: true });
	writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
	console.log(['', ...Object.entries(metrics).map(([name, m]) => `${name.padEnd(28)} ${String(m.median).padStart(10)} ${String(m.p95).padStart(10)} ${m.unit}`), '', 'written to bench/results.json'].join('\n'));
});

for (const transport of ['socket', 'tcp'] as const) {
	test(`${ANNOTATORS} annotators pushing ${EDITS} edits each, and a reviewer watching (PostgreSQL over ${transport === 'socket' ? 'its Unix socket' : 'loopback TCP'})`, async () => {
		await setUp(transport);
		const names = Array.from({ length: ANNOTATORS }, (_, i) => `ann${String(i).padStart(2, '0')}`);
		const links = names.map((name) => team('invite', name, '--role', 'annotator'));
		const reviewerLink = team('invite', 'rev', '--role', 'reviewer');
		team('assign', '--per-article', '2');
		const cookies = await Promise.all(links.map(signIn));
		const reviewer = await signIn(reviewerLink);

		// The reviewer's client: the event stream, and the time each change number was first announced.
		const announced = new Map<number, number>();
		let newest = 0;
		const stream = await fetch(`${base}/api/events`, { headers: { cookie: reviewer } });
		const reader = stream.body!.getReader();
		let reading = true;
		const decoder = new TextDecoder();
		void (async () => {
			let buffer = '';
			while (reading) {
				const { value, done } = await reader.read();
				if (done) break;
				buffer += decoder.decode(value, { stream: true });
				for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
					const event = buffer.slice(0, at);
					buffer = buffer.slice(at + 2);
					const seq = /data: (\d+)/.exec(event);
					if (seq) {
						const n = Number(seq[1]);
						newest = Math.max(newest, n);
						if (!announced.has(n)) announced.set(n, performance.now());
					}
				}
			}
		})();

		const latencies: number[] = [];
		const visible: Promise<number>[] = [];
		let applied = 0;
		const started = performance.now();
		await Promise.all(
			names.map(async (name, a) => {
				const me = (await (await fetch(`${base}/api/me`, { headers: { cookie: cookies[a] } })).json()) as { articles: { id: string }[] };
				const articles = me.articles.map((x) => x.id);
				const revision = new Map<string, number>();
				let made = 0;
				while (made < EDITS) {
					const batches: { clientId: string; articleId: string; layer: string; baseRevision: number; edits: unknown[] }[] = [];
					for (let b = 0; b < PER_PUSH && made < EDITS; b++, made++) {
						const articleId = articles[made % articles.length];
						const start = (made * 7) % 1800;
						const id = `${name}-${made}`;
						const pending = batches.filter((x) => x.articleId === articleId).length;
						batches.push({
							clientId: `${id}-batch`,
							articleId,
							layer: name,
							baseRevision: (revision.get(articleId) ?? 0) + pending,
							edits: [{ type: 'add', span: { id, articleId, start, end: start + 12, label: 'actor', annotator: name, createdAt: 1, updatedAt: 1 } }]
						});
					}
					const t0 = performance.now();
					const res = await fetch(`${base}/api/push`, { method: 'POST', headers: { cookie: cookies[a], 'content-type': 'application/json' }, body: JSON.stringify({ batches }) });
					const { results } = (await res.json()) as { results: { status: string; revision: number; seq: number; articleId?: string }[] };
					latencies.push(performance.now() - t0);
					results.forEach((r, i) => {
						if (r.status === 'applied') {
							applied++;
							revision.set(batches[i].articleId, r.revision);
						}
					});
					// One annotator's changes are followed to the reviewer: announced, then pulled.
					if (a === 0) {
						const seq = Math.max(...results.map((r) => r.seq ?? 0));
						visible.push(
							(async () => {
								while (newest < seq) await new Promise((r) => setTimeout(r, 2));
								await fetch(`${base}/api/changes?since=${seq - 1}`, { headers: { cookie: reviewer } }).then((r) => r.json());
								return performance.now() - t0;
							})()
						);
					}
				}
			})
		);
		const seconds = (performance.now() - started) / 1000;
		const seen = await Promise.all(visible);
		reading = false;
		await reader.cancel().catch(() => {});
		expect(applied).toBe(ANNOTATORS * EDITS);
		const name = transport === 'socket' ? 'server_push' : 'server_push_tcp';
		metrics[`${name}_edits_per_s`] = metric([applied / seconds], 'count');
		metrics[`${name}_ms`] = { ...metric(latencies, 'ms'), p99: Math.round([...latencies].sort((x, y) => x - y)[Math.floor(latencies.length * 0.99)] * 100) / 100 } as Metric;
		metrics[transport === 'socket' ? 'server_visible_ms' : 'server_visible_tcp_ms'] = metric(seen, 'ms');
		notes.server =
			`server_*: ${ANNOTATORS} simulated annotators, each pushing ${EDITS} one-edit batches ${PER_PUSH} to a push, all at once, to spanwise serve on PostgreSQL (a cluster started for the run, fsync off) on this machine, through its Unix socket (server_*_tcp_*: the same over loopback TCP, on a cluster of its own); ` +
			'server_push_edits_per_s: edits applied over the whole run; server_push_ms: per push (p99 in "p99"); server_visible_ms: from one annotator starting a push until a reviewer client has the event and has pulled the change';
	});
}
