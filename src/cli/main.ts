/** Entry point of the `spanwise` binary: the real process around `run`. */
import { run } from './cli';
import { nodeIO } from './node-io';

// A reader that stops early (`spanwise convert … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

const code = await run(
	process.argv.slice(2),
	nodeIO({
		stdout: (data) => void process.stdout.write(data),
		stderr: (data) => void process.stderr.write(data)
	}),
	process.env
);
process.exitCode = code;
