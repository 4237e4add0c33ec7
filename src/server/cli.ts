/**
 * `spanwise serve` and `spanwise team …`: the team server and its administration. Both take
 * `DATABASE_URL` (a PostgreSQL server) or `--data DIR` (the embedded PostgreSQL, default
 * ./spanwise-data) and `--project NAME` (default "default").
 *
 * The embedded database belongs to one process: while `serve` runs on a data folder, it leaves a
 * note there (`server.json`: port, process id and a secret), and `team` commands on that folder are
 * sent to it over loopback with the secret instead of opening the folder themselves.
 */
import { parseArgs } from 'node:util';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../cli/cli';
import { parseInputs, writeOutput } from '../cli/cli';
import { CODECS, codecNamed } from '../lib/core/codecs/formats';
import { ROLES, type Role } from '../lib/core/sync/protocol';
import { migrate } from './migrate';
import { openDatabase, type Database } from './sql';
import { describeIdRenewal } from '../lib/core/merge/unused-ids';
import { Refusal, assign, ensureProject, exportRecords, importRecords, invite, revoke, setProjectSettings } from './store';
import { startServer } from './http';

type Env = Readonly<Record<string, string | undefined>>;

const NOTE = 'server.json';

interface ServerNote {
	readonly port: number;
	readonly pid: number;
	readonly secret: string;
	readonly url: string;
}

function readNote(dataDir: string): ServerNote | null {
	try {
		const note = JSON.parse(readFileSync(join(dataDir, NOTE), 'utf8')) as ServerNote;
		process.kill(note.pid, 0);
		return note;
	} catch {
		return null;
	}
}

/** The built app next to this bundle (build-cli/../build), or in the working folder. */
function findApp(): string | null {
	const here = dirname(fileURLToPath(import.meta.url));
	for (const candidate of [resolve(here, '../build'), resolve(here, '../../build'), resolve('build')]) {
		if (existsSync(join(candidate, 'index.html'))) return candidate;
	}
	return null;
}

async function open(env: Env, dataDir: string): Promise<Database> {
	if (!env.DATABASE_URL) mkdirSync(dataDir, { recursive: true });
	const db = await openDatabase({ url: env.DATABASE_URL, dataDir });
	await migrate(db);
	return db;
}

const OPTIONS = {
	port: { type: 'string' },
	host: { type: 'string' },
	data: { type: 'string' },
	project: { type: 'string' },
	role: { type: 'string' },
	url: { type: 'string' },
	'per-article': { type: 'string' },
	layer: { type: 'string' },
	to: { type: 'string' },
	from: { type: 'string' },
	out: { type: 'string' },
	blind: { type: 'string' }
} as const;

export async function runServerCommand(command: 'serve' | 'team', argv: readonly string[], io: CliIO, env: Env): Promise<number> {
	const fail = (message: string, code = 2) => {
		io.stderr(`spanwise: ${message}\n`);
		return code;
	};
	let parsed;
	try {
		parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
	} catch (error) {
		return fail((error as Error).message);
	}
	const { values, positionals } = parsed;
	const dataDir = resolve(values.data ?? 'spanwise-data');
	const project = values.project ?? 'default';
	if (command === 'serve') return serve(values, dataDir, project, io, env);

	// An embedded database held by a running server: the command goes to it.
	if (!env.DATABASE_URL) {
		const note = readNote(dataDir);
		if (note) {
			try {
				const response = await fetch(`http://127.0.0.1:${note.port}/api/admin`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-spanwise-admin': note.secret },
					body: JSON.stringify({ argv, files: await filesOf(positionals.slice(1), io, argv[0]) })
				});
				const answer = (await response.json()) as { code: number; stdout: string; stderr: string };
				io.stdout(answer.stdout);
				io.stderr(answer.stderr);
				return answer.code;
			} catch (error) {
				return fail(`the server on ${dataDir} (port ${note.port}) did not answer: ${(error as Error).message}`);
			}
		}
	}
	let db: Database;
	try {
		db = await open(env, dataDir);
	} catch (error) {
		return fail(`cannot open the database: ${(error as Error).message}`);
	}
	try {
		return await team(db, positionals, values, project, io, env, note(env, values));
	} finally {
		await db.close();
	}
}

/** The base URL join links start with: --url, SPANWISE_URL, or the local server's. */
function note(env: Env, values: { url?: string; port?: string }): string {
	return (values.url ?? env.SPANWISE_URL ?? `http://127.0.0.1:${values.port ?? 8787}`).replace(/\/+$/, '');
}

/** The files a forwarded `team import` names, read here (the server may not see this folder). */
async function filesOf(paths: readonly string[], io: CliIO, sub: string | undefined): Promise<Record<string, string>> {
	if (sub !== 'import') return {};
	const out: Record<string, string> = {};
	for (const path of paths) out[resolve(path)] = new TextDecoder().decode(await io.readFile(path));
	return out;
}

type Values = { [K in keyof typeof OPTIONS]?: string };

/** One `team` command on an open database. */
export async function team(db: Database, positionals: readonly string[], values: Values, project: string, io: CliIO, env: Env, baseUrl: string): Promise<number> {
	const fail = (message: string, code = 2) => {
		io.stderr(`spanwise: ${message}\n`);
		return code;
	};
	const [sub, ...args] = positionals;
	try {
		if (sub === 'invite') {
			const [name] = args;
			if (!name) return fail('team invite needs a NAME');
			const role = (values.role ?? 'annotator') as Role;
			if (!ROLES.includes(role)) return fail(`--role must be ${ROLES.join(', ')}, not "${values.role}"`);
			const token = await invite(db, project, name, role);
			io.stdout(`${baseUrl}/api/join/${token}\n`);
			return 0;
		}
		if (sub === 'revoke') {
			const [name] = args;
			if (!name) return fail('team revoke needs a NAME');
			const ended = await revoke(db, project, name);
			io.stdout(`Revoked ${name}: ${ended} session${ended === 1 ? '' : 's'} ended; their join links no longer work.\n`);
			return 0;
		}
		if (sub === 'import') {
			if (args.length === 0) return fail('team import needs a FILE');
			const input = await parseInputs(args, values.from, undefined, io);
			if (typeof input === 'string') return fail(input);
			for (const problem of input.problems) io.stderr(problem + '\n');
			const summary = await importRecords(db, project, input.records);
			for (const problem of summary.problems) io.stderr(`spanwise: ${problem}\n`);
			io.stdout(`Imported ${summary.added} article${summary.added === 1 ? '' : 's'} into ${project} (${summary.spans} spans, ${summary.relations} relations); ${summary.skipped} already there.${describeIdRenewal(summary.spanIdsRenewed, summary.relationIdsRenewed)}\n`);
			return input.problems.length + summary.problems.length > 0 ? 1 : 0;
		}
		if (sub === 'assign') {
			const k = Number(values['per-article'] ?? NaN);
			const { assigned, load } = await assign(db, project, k);
			const who = Object.entries(load).map(([name, n]) => `${name} ${n}`).join(', ');
			io.stdout(`Assigned ${assigned} article slot${assigned === 1 ? '' : 's'}${who ? ` (${who})` : ''}.\n`);
			return 0;
		}
		if (sub === 'export') {
			const target = codecNamed(values.to ?? 'spanwise');
			if (!target) return fail(`unknown format "${values.to}" (known: ${CODECS.map((c) => c.name).join(', ')})`);
			if (target.multiFile && !values.out) return fail(`${target.name} writes several files per article; say --out DIR`);
			const records = await exportRecords(db, project, values.layer ?? 'all');
			await writeOutput(records, target, { out: values.out }, io);
			return 0;
		}
		if (sub === 'settings') {
			const blind = values.blind === undefined ? undefined : values.blind === 'on' ? true : values.blind === 'off' ? false : null;
			if (blind === null) return fail(`--blind must be on or off, not "${values.blind}"`);
			const settings = await setProjectSettings(db, project, { blind });
			io.stdout(`${project}: blind annotation ${settings.blind ? 'on (annotators see only their own layer)' : 'off (annotators may read each other’s layers, not write them)'}.\n`);
			return 0;
		}
		if (sub === 'project') {
			await ensureProject(db, project);
			io.stdout(`Project ${project} is there.\n`);
			return 0;
		}
		return fail(`unknown team command "${sub ?? ''}" (invite, revoke, import, assign, export, settings)`);
	} catch (error) {
		if (error instanceof Refusal) return fail(error.message, 1);
		throw error;
	}
}

async function serve(values: Values, dataDir: string, project: string, io: CliIO, env: Env): Promise<number> {
	const port = Number(values.port ?? 8787);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		io.stderr(`spanwise: --port must be a port number, not "${values.port}"\n`);
		return 2;
	}
	if (!env.DATABASE_URL && readNote(dataDir)) {
		io.stderr(`spanwise: another server is running on ${dataDir}; stop it first (or use DATABASE_URL)\n`);
		return 2;
	}
	const db = await open(env, dataDir).catch((error: Error) => error);
	if (db instanceof Error) {
		io.stderr(`spanwise: cannot open the database: ${db.message}\n`);
		return 2;
	}
	await ensureProject(db, project);
	const secret = randomBytes(24).toString('base64url');
	const admin = async (body: { argv: string[]; files: Record<string, string> }) => {
		let stdout = '';
		let stderr = '';
		const forwarded: CliIO = {
			readFile: async (path) => {
				const text = body.files[resolve(path)];
				if (text === undefined) throw new Error(`${path} was not sent`);
				return new TextEncoder().encode(text);
			},
			listDir: async () => null,
			writeFile: async () => {
				throw new Error('export --out is not available through a running embedded server: stop it, or export to standard output');
			},
			mkdir: async () => {},
			stdout: (d) => void (stdout += d),
			stderr: (d) => void (stderr += d)
		};
		const parsed = parseArgs({ args: body.argv, allowPositionals: true, options: OPTIONS });
		const code = await team(db, parsed.positionals.slice(0), parsed.values, parsed.values.project ?? project, forwarded, env, note(env, { url: parsed.values.url, port: String(running.port) }));
		return { code, stdout, stderr };
	};
	const checkSecret = (given: string) => given.length === secret.length && timingSafeEqual(Buffer.from(given), Buffer.from(secret));
	let running: { port: number };
	const started = await startServer({ db, appDir: findApp(), port, host: values.host, admin: { check: checkSecret, run: admin } }).catch((error: Error) => error);
	if (started instanceof Error) {
		await db.close();
		io.stderr(`spanwise: cannot listen on port ${port}: ${started.message}\n`);
		return 2;
	}
	running = { port: Number(new URL(started.url).port) };
	if (!env.DATABASE_URL) writeFileSync(join(dataDir, NOTE), JSON.stringify({ port: running.port, pid: process.pid, secret, url: started.url } satisfies ServerNote), { mode: 0o600 });
	io.stdout(`Spanwise team server: ${started.url} (project ${project}; ${env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : `embedded PostgreSQL in ${dataDir}`})\n`);
	io.stdout(`Invite someone: npx spanwise team invite NAME --role annotator${values.data ? ` --data ${values.data}` : ''}\n`);
	await new Promise<void>((done) => {
		const stop = () => done();
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	await started.close();
	await db.close();
	if (!env.DATABASE_URL) rmSync(join(dataDir, NOTE), { force: true });
	return 0;
}
