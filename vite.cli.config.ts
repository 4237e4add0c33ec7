// Builds the `spanwise` command line (src/cli, and the team server in src/server) into Node 20 ES modules: build-cli/spanwise.mjs.
import { defineConfig } from 'vite';

export default defineConfig({
	build: {
		ssr: 'src/cli/main.ts',
		outDir: 'build-cli',
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		rollupOptions: { output: { entryFileNames: 'spanwise.mjs', format: 'es' } }
	},
	// The database clients stay in node_modules (PGlite loads its WebAssembly and data files from there),
	// and so do the suggestion engine's language libraries (large, and loaded only by `suggest`).
	ssr: { noExternal: true, external: ['postgres', '@electric-sql/pglite', 'wink-nlp', 'wink-eng-lite-web-model'], target: 'node' }
});
