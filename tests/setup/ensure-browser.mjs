// Makes sure a Chromium is available for the end-to-end tests, installing Debian's package when none is.
// Playwright's own browser download does not work everywhere, so Debian's chromium is the fallback.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './browser.mjs';

const found = findChromium();
if (found) {
	console.log(`ensure-browser: using ${found}`);
	process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!hasApt) {
	console.error('ensure-browser: no Chromium found. Install one with `npx playwright install chromium` (or your package manager) and retry.');
	process.exit(1);
}
const sudo = isRoot ? '' : 'sudo ';
console.log('ensure-browser: no Chromium found; installing Debian\'s chromium package…');
try {
	execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
		stdio: 'inherit'
	});
} catch {
	console.error('ensure-browser: apt-get install chromium failed.');
	process.exit(1);
}
const installed = findChromium();
if (!installed) {
	console.error('ensure-browser: chromium was installed but no binary was found.');
	process.exit(1);
}
console.log(`ensure-browser: using ${installed}`);
