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

export async function openPostgres(url: string): Promise<Database> {
	const sql = postgres(url, { max: POOL, onnotice: () => {}, idle_timeout: 30, connect_timeout: 10 });
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
