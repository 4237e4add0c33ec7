/** Running `spanwise serve` (the built command line) for tests and the server benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port free on loopback right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Starts `node <cli> serve --port PORT …args` with `env`; resolves once it printed its URL. Rejects
 * with what it printed when it exits before that. SERVE_NODE_ARGS adds options to that node (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server under `npm run bench:server`).
 */
export function serve(cli: string, port: number, args: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
	const child = spawn('node', [...(process.env.SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean), cli, 'serve', '--port', String(port), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d) => {
			out += String(d);
			if (out.includes('Spanwise team server:')) resolve(child);
		});
		child.stderr!.on('data', (d) => (out += String(d)));
		child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
	});
}
