// `npm run bench`: the performance benchmark (not part of `npm test`). Drives the production build in
// Chromium like the end-to-end tests, one worker, and writes bench/results.json.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The same port as the end-to-end tests (SPANWISE_E2E_PORT), so work trees can run side by side.
const PORT = Number(process.env.SPANWISE_E2E_PORT ?? 4173);

export default defineConfig({
	...base,
	testDir: 'tests/bench',
	fullyParallel: false,
	workers: 1,
	timeout: 900_000,
	expect: { timeout: 120_000 },
	reporter: [['list']],
	// No Playwright trace: it snapshots the DOM around every action, which would be timed with it.
	use: { ...base.use, trace: 'off' },
	webServer: { ...base.webServer, command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`, reuseExistingServer: false } as typeof base.webServer
});
