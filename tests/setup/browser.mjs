// Finds a Chromium binary: SPANWISE_CHROMIUM, then Playwright's own download, then the system's.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM_CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium'
];

/** Path of Playwright's bundled Chromium when it has been downloaded, else undefined. */
export function playwrightChromium() {
	try {
		const require = createRequire(import.meta.url);
		const { chromium } = require('playwright-core');
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The Chromium the tests should drive. Returns `{ path, bundled }`-less string for logging;
 * `undefined` when there is none.
 */
export function findChromium() {
	const fromEnv = process.env.SPANWISE_CHROMIUM;
	if (fromEnv && existsSync(fromEnv)) return fromEnv;
	return playwrightChromium() ?? SYSTEM_CANDIDATES.find((p) => existsSync(p));
}
