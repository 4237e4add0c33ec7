/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temporary folder (as the `postgres` user
 * when running as root, which initdb refuses), `pg_ctl start` on a free loopback port, and `stop()`
 * that shuts it down and removes the folder whatever happened. Needs Debian's `postgresql` package
 * (`npm test` installs it when missing: tests/setup/ensure-browser.mjs).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from './team-server';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder holding initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<version>/bin. */
export function postgresBin(): string | null {
	for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
	for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
	return null;
}

export interface Cluster {
	/** postgres://postgres@127.0.0.1:PORT/postgres */
	readonly url: string;
	/** The same server through its Unix socket (libpq's `?host=` folder form). */
	readonly socketUrl: string;
	readonly port: number;
	/** Stops it (fast) and starts it again on the same port and data. */
	restart(): void;
	stop(): void;
}

export async function startPostgres(): Promise<Cluster> {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed (initdb not found): apt-get install -y postgresql — npm test installs it when missing');
	const asRoot = process.getuid?.() === 0;
	const dir = mkdtempSync(join(tmpdir(), 'spanwise-pg-'));
	const data = join(dir, 'data');
	const run = (cmd: string, args: string[]) =>
		asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
		chownSync(dir, uid, gid);
		chmodSync(dir, 0o700);
	}
	const port = await freePort();
	const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`, 'start']);
	const stop = () => {
		try {
			run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} catch {
			// Not running.
		}
	};
	try {
		run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C']);
		start();
	} catch (error) {
		stop();
		rmSync(dir, { recursive: true, force: true });
		const e = error as { stderr?: Buffer; message: string };
		throw new Error(`could not start PostgreSQL: ${e.stderr?.toString() || e.message}`);
	}
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		socketUrl: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
		port,
		restart() {
			stop();
			start();
		},
		stop() {
			stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
