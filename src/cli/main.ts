/** Entry point of the `spanwise` binary: the real process around `run`. */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { run } from './cli';

// A reader that stops early (`spanwise convert … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

const code = await run(process.argv.slice(2), {
	readFile: async (path) => new Uint8Array(await readFile(path)),
	listDir: async (path) => ((await stat(path)).isDirectory() ? readdir(path) : null),
	writeFile: (path, data) => writeFile(path, data, 'utf8'),
	mkdir: async (path) => void (await mkdir(path, { recursive: true })),
	stdout: (data) => void process.stdout.write(data),
	stderr: (data) => void process.stderr.write(data)
});
process.exitCode = code;
