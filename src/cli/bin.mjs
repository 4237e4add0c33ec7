#!/usr/bin/env node
// The `spanwise` command: runs the CLI bundle that `npm run build` writes.
import { existsSync } from 'node:fs';

const bundle = new URL('../../build-cli/spanwise.mjs', import.meta.url);
if (!existsSync(bundle)) {
	console.error('spanwise: the command line is not built yet; run `npm run build` in the Spanwise checkout first.');
	process.exit(2);
}
await import(bundle.href);
