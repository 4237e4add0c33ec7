import { defineConfig, devices } from '@playwright/test';
// @ts-expect-error plain JS helper shared with the install script
import { findChromium, playwrightChromium } from './tests/setup/browser.mjs';

// Playwright's own Chromium when it is installed; otherwise a system Chromium (Debian's on CI).
const bundled: string | undefined = playwrightChromium();
const executablePath: string | undefined = bundled ? undefined : findChromium();
// SPANWISE_E2E_PORT lets several work trees run their end-to-end tests side by side.
const PORT = Number(process.env.SPANWISE_E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	forbidOnly: true,
	timeout: 30_000,
	expect: { timeout: 5_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	outputDir: 'test-results',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		acceptDownloads: true
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run'
					]
				}
			}
		}
	],
	webServer: {
		command: `npm run build && vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
