/** The CLI's file system I/O on Node, with output going wherever the caller says (the process, or a test). */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import type { CliIO } from './cli';

/** Real files; `stdout` and `stderr` are the caller's (the process streams in `main.ts`, buffers in tests). */
export function nodeIO(output: Pick<CliIO, 'stdout' | 'stderr'>): CliIO {
	return {
		readFile: async (path) => new Uint8Array(await readFile(path)),
		listDir: async (path) => ((await stat(path)).isDirectory() ? readdir(path) : null),
		writeFile: (path, data) => writeFile(path, data, 'utf8'),
		mkdir: async (path) => void (await mkdir(path, { recursive: true })),
		stdout: output.stdout,
		stderr: output.stderr
	};
}
