/** Entry point of the `spanwise` binary: the real process around `run`. */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { run } from './cli';

const code = await run(process.argv.slice(2), {
	readFile: async (path) => new Uint8Array(await readFile(path)),
	listDir: async (path) => ((await stat(path)).isDirectory() ? readdir(path) : null),
	writeFile: (path, data) => writeFile(path, data, 'utf8'),
	mkdir: async (path) => void (await mkdir(path, { recursive: true })),
	stdout: (data) => void process.stdout.write(data),
	stderr: (data) => void process.stderr.write(data)
});
process.exitCode = code;
