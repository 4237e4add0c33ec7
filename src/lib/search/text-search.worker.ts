/**
 * Full-text search of the library off the main thread: article texts are immutable, so each is read
 * from IndexedDB once, folded (lower case, no accents) and kept; a query then scans them here.
 */
import { foldForSearch } from '$lib/core/articles/library-query';
import { listTextIds, openDatabase, readTexts, type SpanwiseDB } from '$lib/db';

export type SearchRequest = { readonly dbName: string; readonly query: string; readonly serial: number };
export type SearchResponse = { readonly serial: number; readonly ids: string[] } | { readonly serial: number; readonly error: string };

const scope = self as unknown as { postMessage(message: SearchResponse): void; onmessage: ((e: MessageEvent<SearchRequest>) => void) | null };
const folded = new Map<string, string>();
let db: SpanwiseDB | null = null;
let latest = 0;

async function refresh(database: SpanwiseDB): Promise<void> {
	const ids = new Set(await listTextIds(database));
	for (const id of folded.keys()) if (!ids.has(id)) folded.delete(id);
	const missing = [...ids].filter((id) => !folded.has(id));
	for (let i = 0; i < missing.length; i += 500) {
		for (const row of await readTexts(database, missing.slice(i, i + 500))) folded.set(row.id, foldForSearch(row.text));
	}
}

scope.onmessage = async ({ data }) => {
	latest = data.serial;
	try {
		db ??= openDatabase(data.dbName);
		await refresh(db);
		if (data.serial !== latest) return;
		const words = foldForSearch(data.query).split(/\s+/).filter(Boolean);
		const ids: string[] = [];
		if (words.length > 0) for (const [id, text] of folded) if (words.every((w) => text.includes(w))) ids.push(id);
		scope.postMessage({ serial: data.serial, ids });
	} catch (error) {
		scope.postMessage({ serial: data.serial, error: (error as Error).message ?? String(error) });
	}
};
