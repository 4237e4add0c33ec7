// Makes sure what the tests need is on the machine: a Chromium for the end-to-end tests and
// PostgreSQL (initdb, pg_ctl) for the team server's tests, installing Debian's packages (chromium,
// postgresql) for whatever is missing. Playwright's own browser download does not work everywhere,
// so Debian's chromium is the fallback.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './browser.mjs';

/** initdb's folder: on PATH, or Debian's /usr/lib/postgresql/<version>/bin (as tests/support/postgres-cluster.ts finds it). */
function findPostgres() {
	for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb'))) return dir;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
	return null;
}

const missing = [];
if (!findChromium()) missing.push('chromium');
if (!findPostgres()) missing.push('postgresql');
if (missing.length > 0) {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!existsSync('/usr/bin/apt-get')) {
		console.error(`ensure-browser: missing ${missing.join(' and ')}. Install ${missing.includes('chromium') ? 'a Chromium (`npx playwright install chromium`)' : ''}${missing.length > 1 ? ' and ' : ''}${missing.includes('postgresql') ? 'PostgreSQL (initdb and pg_ctl on PATH)' : ''} with your package manager, and retry.`);
		process.exit(1);
	}
	const sudo = isRoot ? '' : 'sudo ';
	console.log(`ensure-browser: installing Debian's ${missing.join(' and ')}…`);
	try {
		execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
	} catch {
		console.error(`ensure-browser: apt-get install ${missing.join(' ')} failed.`);
		process.exit(1);
	}
}
const chromium = findChromium();
const postgres = findPostgres();
if (!chromium) {
	console.error('ensure-browser: chromium was installed but no binary was found.');
	process.exit(1);
}
if (!postgres) {
	console.error('ensure-browser: postgresql was installed but initdb was not found.');
	process.exit(1);
}
console.log(`ensure-browser: using ${chromium}; PostgreSQL from ${postgres}`);
