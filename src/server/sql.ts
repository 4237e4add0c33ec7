/**
 * The one way server code talks to PostgreSQL: parameterised queries ($1, $2 …) and transactions,
 * over a real server (postgres.js, `DATABASE_URL`) or the embedded one (PGlite, a data folder). The
 * same SQL and migrations run on both. This folder is the only importer of the database clients.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
	/** Runs one statement with its parameters; the rows it returns. */
	query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
	/** Runs a script of several statements without parameters (a migration). */
	exec(text: string): Promise<void>;
}

export interface Database extends Queryable {
	/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
	transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Calls `listener` with each payload NOTIFYed on `channel`; resolves to a function that stops it. */
	listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
	/** What it is: `postgres` or `pglite`. */
	readonly kind: 'postgres' | 'pglite';
	close(): Promise<void>;
}

/** Opens `DATABASE_URL` when given, else the embedded PostgreSQL in `dataDir` (`memory://` keeps it in memory). */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Database> {
	if (options.url) {
		const { openPostgres } = await import('./sql-postgres');
		return openPostgres(options.url);
	}
	const { openPglite } = await import('./sql-pglite');
	return openPglite(options.dataDir);
}
