// `npm run bench:server`: the team server's benchmark (not part of `npm test`). No browser: simulated
// annotators push to `spanwise serve` on a throwaway PostgreSQL; the figures go to bench/results.json.
import { defineConfig } from '@playwright/test';

export default defineConfig({
	testDir: 'tests/bench-server',
	fullyParallel: false,
	workers: 1,
	timeout: 900_000,
	reporter: [['list']]
});
