// `npm run bench`: the performance benchmark (not part of `npm test`). Drives the production build in
// Chromium like the end-to-end tests, one worker, and writes bench/results.json.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
	...base,
	testDir: 'tests/bench',
	fullyParallel: false,
	workers: 1,
	timeout: 900_000,
	expect: { timeout: 120_000 },
	reporter: [['list']],
	webServer: { ...base.webServer, command: 'npm run preview', reuseExistingServer: false } as typeof base.webServer
});
