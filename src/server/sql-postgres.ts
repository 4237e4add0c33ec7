/** `Database` over a PostgreSQL server, with postgres.js. */
import postgres from 'postgres';
import { availableParallelism } from 'node:os';
import type { Database, Queryable, Row } from './sql';

type Client = postgres.Sql | postgres.TransactionSql;

function queryable(sql: Client): Queryable {
	return {
		async query<T extends Row>(text: string, params: readonly unknown[] = []) {
			return (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
		},
		async exec(text: string) {
			// No parameters: the simple protocol, which runs several statements.
			await sql.unsafe(text).simple();
		}
	};
}

/**
 * Connections kept to PostgreSQL: twice the cores (SPANWISE_DB_POOL to change it). More only make the
 * transactions queue inside the database on a small machine (measured with npm run bench:server).
 */
const POOL = Number(process.env.SPANWISE_DB_POOL) || Math.max(2, 2 * availableParallelism());

/**
 * libpq's way of naming a Unix socket, `postgres://user@localhost/db?host=/run/postgresql&port=5432`
 * (the socket's folder; PostgreSQL on the same machine, without TCP), as postgres.js options: left in
 * the URL, postgres.js would send `host` and `port` to the server as settings, which it refuses.
 */
export function socketOptions(url: string): { url: string; host?: string; port?: number } {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { url };
	}
	const host = parsed.searchParams.get('host');
	if (!host) return { url };
	const port = parsed.searchParams.get('port');
	if (port !== null && !/^[1-9][0-9]{0,4}$/.test(port)) throw new Error(`DATABASE_URL: the port ${JSON.stringify(port)} is not a port number`);
	parsed.searchParams.delete('host');
	parsed.searchParams.delete('port');
	return { url: parsed.toString(), host, ...(port ? { port: Number(port) } : {}) };
}

export async function openPostgres(address: string): Promise<Database> {
	const { url, ...socket } = socketOptions(address);
	const sql = postgres(url, { ...socket, max: POOL, onnotice: () => {}, idle_timeout: 30, connect_timeout: 10 });
	// Fail now, with the server's message, rather than at the first request.
	await sql.unsafe('SELECT 1');
	return {
		kind: 'postgres',
		...queryable(sql),
		transaction: <T>(work: (tx: Queryable) => Promise<T>) => sql.begin((tx) => work(queryable(tx))) as Promise<T>,
		async listen(channel: string, listener: (payload: string) => void) {
			const subscription = await sql.listen(channel, listener);
			return () => subscription.unlisten();
		},
		close: () => sql.end({ timeout: 5 })
	};
}
