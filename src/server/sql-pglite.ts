/** `Database` over the embedded PostgreSQL (PGlite): one process owns its data folder. */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './sql';

function queryable(db: PGlite | Transaction): Queryable {
	return {
		async query<T extends Row>(text: string, params: readonly unknown[] = []) {
			return (await db.query<T>(text, params as unknown[])).rows;
		},
		async exec(text: string) {
			await db.exec(text);
		}
	};
}

export async function openPglite(dataDir: string): Promise<Database> {
	const db = await PGlite.create(dataDir);
	// PGlite runs one statement at a time: transactions queue behind each other, as they would wait on locks.
	return {
		kind: 'pglite',
		...queryable(db),
		transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction((tx) => work(queryable(tx))),
		async listen(channel: string, listener: (payload: string) => void) {
			const stop = await db.listen(channel, listener);
			return async () => stop();
		},
		close: () => db.close()
	};
}
