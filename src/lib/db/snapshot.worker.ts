/**
 * Remakes a long article's span snapshot off the main thread: reading thousands of span rows and
 * writing them as one row costs the page nothing. Derived data only: a failure is reported, never
 * fatal, and the next opening reads the rows as before.
 */
import { openDatabase } from './database';
import { refreshSnapshot } from './articles';

export interface SnapshotRequest {
	readonly dbName: string;
	readonly articleId: string;
}
export type SnapshotReply = { readonly ok: true; readonly made: boolean } | { readonly ok: false; readonly message: string };

const scope = self as unknown as { postMessage(message: SnapshotReply): void; onmessage: ((e: MessageEvent<SnapshotRequest>) => void) | null };

scope.onmessage = async ({ data }) => {
	const db = openDatabase(data.dbName);
	try {
		scope.postMessage({ ok: true, made: await refreshSnapshot(db, data.articleId) });
	} catch (error) {
		scope.postMessage({ ok: false, message: (error as Error).message ?? String(error) });
	} finally {
		db.close();
	}
};
