/** `Database` over a PostgreSQL server, with postgres.js. */
import postgres from 'postgres';
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

export async function openPostgres(url: string): Promise<Database> {
	const sql = postgres(url, { max: 10, onnotice: () => {}, idle_timeout: 30, connect_timeout: 10 });
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
