import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		pool: 'threads',
		maxWorkers: 2,
		// A safety net for a loaded machine, not a budget: the heaviest scale tests take seconds there.
		testTimeout: 60_000
	}
});
