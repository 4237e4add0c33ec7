/** Preferences and flags, one value per key. */
import type { SpanwiseDB } from './database';

/** Returns the value stored under `key` (as stored, not validated), or `fallback` when there is none. */
export async function readSetting<T>(db: SpanwiseDB, key: string, fallback: T): Promise<T> {
	const row = await db.settings.get(key);
	return row === undefined ? fallback : (row.value as T);
}

/** Stores `value` (anything IndexedDB can clone) under `key`, replacing what was there. */
export async function writeSetting(db: SpanwiseDB, key: string, value: unknown): Promise<void> {
	await db.settings.put({ key, value });
}
