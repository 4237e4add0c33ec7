/**
 * The team server over HTTP: the built app and its API from one origin. Every API request is
 * authorised from its session cookie (none → 401, not allowed → 403/404); bodies have a size limit
 * (413); static files never leave the build folder; join attempts are rate-limited per address; HTML
 * carries the app's own Content-Security-Policy as a header too, and the API a closed one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parsePush } from '../lib/core/sync/protocol';
import { writeRefusal } from '../lib/core/sync/access';
import type { Label, RelationType } from '../lib/core/types';
import { detectCodec } from '../lib/core/codecs/formats';
import type { Database } from './sql';
import { CHANGES_CHANNEL, Refusal, articlePage, importRecords, setSchema, joinAllowed, joinFailed, articleView, changesSince, join as joinProject, projectView, push, sessionMember, type Member } from './store';

export const SESSION_COOKIE = 'spanwise_session';
/** Largest request body: a push of a few thousand edits. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Largest import an admin sends from the app. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2'
};

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export interface ServerOptions {
	readonly db: Database;
	/** The built app (`build/`); null serves the API only. */
	readonly appDir: string | null;
	/** Join attempts allowed per address and minute. */
	readonly joinLimit?: number;
	/** Secure cookies (behind TLS). */
	readonly secureCookies?: boolean;
	/** `team` commands sent by the CLI on this machine (embedded database): loopback only, with the server's secret. */
	readonly admin?: {
		check(secret: string): boolean;
		run(body: { argv: string[]; files: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }>;
	};
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function cookie(req: IncomingMessage, name: string): string | null {
	for (const part of (req.headers.cookie ?? '').split(';')) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return decodeURIComponent(v.join('='));
	}
	return null;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, {
		'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-security-policy': API_CSP,
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer',
		...headers
	});
	res.end(text);
}

/** Reads a JSON body of at most `limit` bytes; a Refusal-like error with 413 or 400 otherwise. */
async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > limit) throw new HttpError(413, `The request body is larger than ${limit} bytes.`);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new HttpError(413, `The request body is larger than ${limit} bytes.`);
		chunks.push(chunk as Buffer);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch (error) {
		throw new HttpError(400, `The request body is not JSON: ${(error as Error).message}`);
	}
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

/** Starts the HTTP server; resolves once it listens (port 0: any free port) with its address. */
export async function startServer(options: ServerOptions & { port: number; host?: string }): Promise<{ server: Server; url: string; close(): Promise<void> }> {
	const { db } = options;
	const appDir = options.appDir ? resolve(options.appDir) : null;
	// Live updates: one LISTEN for the process, fanned out to each project's open event streams.
	const streams = new Map<number, Set<ServerResponse>>();
	const unlisten = await db.listen(CHANGES_CHANNEL, (payload) => {
		const [project, what] = payload.split(':');
		const event = what === 'schema' ? 'event: schema\ndata: 1' : `event: change\ndata: ${Number(what)}`;
		for (const res of streams.get(Number(project)) ?? []) res.write(`${event}\n\n`);
	});
	const heartbeat = setInterval(() => {
		for (const set of streams.values()) for (const res of set) res.write(': ok\n\n');
	}, 25_000);

	async function member(req: IncomingMessage): Promise<Member> {
		const token = cookie(req, SESSION_COOKIE);
		const found = token ? await sessionMember(db, token) : null;
		if (!found) throw new Refusal(401, 'Not signed in: open your join link again, or ask for a new one.');
		return found;
	}

	async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const path = url.pathname;
		if (req.method === 'GET' && path.startsWith('/api/join/')) {
			const address = req.socket.remoteAddress ?? '?';
			if (!(await joinAllowed(db, address, options.joinLimit))) return send(res, 429, 'Too many failed join attempts from here: wait a minute.');
			const { session } = await joinProject(db, decodeURIComponent(path.slice('/api/join/'.length))).catch(async (error) => {
				await joinFailed(db, address);
				throw error;
			});
			const secure = options.secureCookies ? '; Secure' : '';
			// The session is HttpOnly; a second, readable cookie only tells the app it was opened from a team server.
			return send(res, 303, 'Signed in.', {
				location: '/',
				'set-cookie': [
					`${SESSION_COOKIE}=${encodeURIComponent(session)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000${secure}`,
					`spanwise_team=1; SameSite=Strict; Path=/; Max-Age=31536000${secure}`
				]
			});
		}
		if (req.method === 'POST' && path === '/api/admin') {
			const secret = req.headers['x-spanwise-admin'];
			if (!options.admin || !LOOPBACK.has(req.socket.remoteAddress ?? '') || typeof secret !== 'string' || !options.admin.check(secret)) return send(res, 403, { error: 'Not allowed.' });
			const body = (await readJson(req, 64 * 1024 * 1024)) as { argv?: unknown; files?: unknown };
			if (!Array.isArray(body.argv) || !body.argv.every((a) => typeof a === 'string')) return send(res, 400, { error: 'argv must be a list of strings' });
			return send(res, 200, await options.admin.run({ argv: body.argv as string[], files: (body.files ?? {}) as Record<string, string> }));
		}
		const who = await member(req);
		if (req.method === 'GET' && path === '/api/me') return send(res, 200, await projectView(db, who));
		if (req.method === 'GET' && path === '/api/articles') {
			const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
			return send(res, 200, { articles: await articlePage(db, who, url.searchParams.get('after') ?? '', limit) });
		}
		if (req.method === 'GET' && path.startsWith('/api/articles/')) return send(res, 200, await articleView(db, who, decodeURIComponent(path.slice('/api/articles/'.length))));
		if (req.method === 'POST' && path === '/api/push') {
			const parsed = parsePush(await readJson(req));
			if (parsed.error !== undefined) return send(res, 400, { error: parsed.error });
			// A layer this member may never write is a matter of role, not of data: the whole push is refused.
			const refusal = parsed.ok.map((b) => writeRefusal(who, b.layer)).find((r) => r !== null);
			if (refusal) return send(res, 403, { error: refusal });
			return send(res, 200, { results: await push(db, who, parsed.ok) });
		}
		if (req.method === 'PUT' && path === '/api/schema') {
			if (who.role !== 'admin') return send(res, 403, { error: 'Only admins change the project’s labels and relation types.' });
			const body = (await readJson(req)) as { labels?: Label[]; relationTypes?: RelationType[] };
			await setSchema(db, who.projectId, body.labels ?? [], body.relationTypes ?? []);
			return send(res, 200, { ok: true });
		}
		if (req.method === 'POST' && path === '/api/import') {
			if (who.role !== 'admin') return send(res, 403, { error: 'Only admins add articles to the project.' });
			const body = (await readJson(req, MAX_IMPORT_BYTES)) as { files?: unknown };
			const files = Array.isArray(body.files) ? body.files : null;
			if (!files || !files.every((f) => typeof f?.name === 'string' && typeof f?.content === 'string')) return send(res, 400, { error: 'files must be a list of {name, content}' });
			const codec = detectCodec(files[0]);
			if (!codec) return send(res, 400, { error: `cannot tell the format of ${files[0].name}` });
			const parsed = codec.parse(files, { now: Date.now(), annotator: who.name, source: files[0].name });
			const summary = await importRecords(db, who.project, parsed.records, who.name);
			const problems = [...parsed.errors.map((e) => `${e.file ?? files[0].name}:${e.line}: ${e.message.replace(/^line \d+: /, '')}`), ...summary.problems];
			return send(res, 200, { ...summary, problems });
		}
		if (req.method === 'GET' && path === '/api/changes') {
			const since = Number(url.searchParams.get('since') ?? 0);
			if (!Number.isInteger(since) || since < 0) return send(res, 400, { error: '`since` must be a whole number of at least 0' });
			const changes = await changesSince(db, who, since);
			return send(res, 200, { changes, seq: changes.at(-1)?.seq ?? since });
		}
		if (req.method === 'GET' && path === '/api/events') {
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'content-security-policy': API_CSP, 'x-content-type-options': 'nosniff' });
			res.write(': ok\n\n');
			const set = streams.get(who.projectId) ?? streams.set(who.projectId, new Set()).get(who.projectId)!;
			set.add(res);
			req.on('close', () => set.delete(res));
			return;
		}
		send(res, 404, { error: `No such API: ${req.method} ${path}` });
	}

	async function file(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		if (!appDir || (req.method !== 'GET' && req.method !== 'HEAD')) return send(res, 404, 'Not found.');
		let path: string;
		try {
			path = decodeURIComponent(url.pathname);
		} catch {
			return send(res, 400, 'Bad path.');
		}
		if (path.includes('\0')) return send(res, 400, 'Bad path.');
		const candidates = path.endsWith('/') ? [join(path, 'index.html')] : [path, `${path}.html`];
		for (const candidate of candidates) {
			const full = resolve(appDir, '.' + normalize('/' + candidate));
			// Never outside the build folder, whatever the path says.
			if (full !== appDir && !full.startsWith(appDir + sep)) return send(res, 404, 'Not found.');
			const info = await stat(full).catch(() => null);
			if (!info?.isFile()) continue;
			const body = await readFile(full);
			const type = TYPES[extname(full)] ?? 'application/octet-stream';
			const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
			if (type.startsWith('text/html')) {
				// The app's own policy (its meta tag, with the hashes of its inline script), as a header too.
				const csp = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(body.toString('utf8'))?.[1];
				headers['content-security-policy'] = `${csp ?? "default-src 'self'"}; frame-ancestors 'none'`;
				headers['cache-control'] = 'no-cache';
			} else if (full.includes(`${sep}immutable${sep}`)) headers['cache-control'] = 'public, max-age=31536000, immutable';
			res.writeHead(200, headers);
			res.end(req.method === 'HEAD' ? undefined : body);
			return;
		}
		send(res, 404, 'Not found.');
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const handle = url.pathname.startsWith('/api/') ? api(req, res, url) : file(req, res, url);
		handle.catch((error) => {
			if (res.headersSent) return res.end();
			if (error instanceof Refusal || error instanceof HttpError) return send(res, error.status, { error: error.message });
			console.error(error);
			send(res, 500, { error: 'The server could not do that; it has been logged.' });
		});
	});
	await new Promise<void>((ok, fail) => {
		server.once('error', fail);
		server.listen(options.port, options.host ?? '127.0.0.1', () => ok());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	return {
		server,
		url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
		async close() {
			clearInterval(heartbeat);
			for (const set of streams.values()) for (const res of set) res.end();
			await new Promise<void>((ok) => server.close(() => ok()));
			await unlisten();
		}
	};
}
