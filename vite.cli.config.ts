// Builds the `spanwise` command line (src/cli) into one Node 20 ES module: build-cli/spanwise.mjs.
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
	ssr: { noExternal: true, target: 'node' }
});
