/**
 * Migrations: numbered SQL files (`migrations/NNN_name.sql`), applied at start in number order, each
 * in its own transaction with its row in `schema_migrations`. A server started twice at once applies
 * each migration once (an advisory lock serialises them).
 */
import type { Database } from './sql';
import m001 from './migrations/001_init.sql?raw';
import m002 from './migrations/002_utf16_length.sql?raw';
import m003 from './migrations/003_ids_by_project.sql?raw';

export interface Migration {
	readonly version: number;
	readonly name: string;
	readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{ version: 1, name: '001_init', sql: m001 },
	{ version: 2, name: '002_utf16_length', sql: m002 },
	{ version: 3, name: '003_ids_by_project', sql: m003 }
];

/** Arbitrary, fixed: the advisory lock migrations hold. */
const LOCK = 7_345_981;

/** Applies the migrations `db` lacks; returns the versions applied now. Throws when the database is newer than this server. */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
	await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
	const applied: number[] = [];
	for (const migration of migrations) {
		const done = await db.transaction(async (tx) => {
			await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
			const found = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
			if (found.length > 0) return false;
			await tx.exec(migration.sql);
			await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
			return true;
		});
		if (done) applied.push(migration.version);
	}
	const [{ newest }] = await db.query<{ newest: number | null }>('SELECT max(version) AS newest FROM schema_migrations');
	const known = Math.max(0, ...migrations.map((m) => m.version));
	if (newest !== null && newest > known) throw new Error(`The database has schema version ${newest}; this Spanwise knows up to ${known}. Use a newer Spanwise.`);
	return applied;
}
