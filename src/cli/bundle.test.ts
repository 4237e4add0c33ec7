/**
 * One smoke test of the `spanwise` binary as users run it: `src/cli/bin.mjs` loading the bundle in a
 * child process. The bundle is built here first (as `npm run build:cli` does; it takes well under a
 * second), so this passes on a fresh clone and always tests the current source.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the built spanwise binary', () => {
	it('validates a file, and exits 2 on an unknown command', async () => {
		await build({ root, configFile: join(root, 'vite.cli.config.ts'), logLevel: 'error' });
		const spanwise = (...args: string[]) =>
			spawnSync(process.execPath, [join(root, 'src/cli/bin.mjs'), ...args], { encoding: 'utf8', cwd: root });

		const good = spanwise('validate', join(root, 'tests/fixtures/cli/good.jsonl'));
		expect(good.stderr).toBe('');
		expect(good.stdout).toBe('spanwise: 2 good records, 3 spans; valid\n');
		expect(good.status).toBe(0);

		const bogus = spanwise('bogus');
		expect(bogus.status).toBe(2);
		expect(bogus.stderr).toContain('Usage:');
	}, 60_000);
});
