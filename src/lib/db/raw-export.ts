/**
 * A raw copy of the database, read with the plain IndexedDB API at whatever version it has: for
 * when Spanwise cannot open it (a newer or damaged schema), so nothing stored is ever out of reach.
 */

/** Every object store of database `name` (but the derived snapshots) as `{store: rows[]}`, with the version it was found at. */
export function readRawDatabase(name: string, factory: IDBFactory = indexedDB): Promise<{ version: number; stores: Record<string, unknown[]> }> {
	return new Promise((resolve, reject) => {
		const request = factory.open(name);
		request.onerror = () => reject(request.error ?? new Error('the database could not be opened'));
		request.onblocked = () => reject(new Error('another tab is holding the database; close other Spanwise tabs and try again'));
		request.onupgradeneeded = () => {
			// There was no database: do not create one.
			request.transaction?.abort();
		};
		request.onsuccess = () => {
			const db = request.result;
			// Snapshots repeat what `spans` holds (derived, see database.ts): left out of the copy.
			const names = Array.from(db.objectStoreNames).filter((n) => n !== 'snapshots');
			const stores: Record<string, unknown[]> = {};
			if (names.length === 0) {
				db.close();
				return resolve({ version: db.version, stores });
			}
			const tx = db.transaction(names, 'readonly');
			for (const store of names) {
				const all = tx.objectStore(store).getAll();
				all.onsuccess = () => (stores[store] = all.result);
			}
			tx.oncomplete = () => {
				db.close();
				resolve({ version: db.version, stores });
			};
			tx.onerror = () => reject(tx.error ?? new Error('the database could not be read'));
		};
	});
}
