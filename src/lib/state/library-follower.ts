/**
 * Tells a view that reads from the database when the library has changed under it (an annotator's work
 * arriving from the team server, another tab, an import), so that it reads again. The library's first
 * list is not a change: the view has just read what it holds. Taken for one, it made the review page
 * read the whole session twice on every opening (the second read beside the first one's agreement worker).
 */
export class LibraryFollower<T> {
	#seen: T | undefined;
	#started = false;

	/** Whether `rows` (the library's list, `loaded` once it has been read) is a change since the last call. */
	changed(rows: T, loaded: boolean): boolean {
		if (!loaded) return false;
		if (!this.#started) {
			this.#started = true;
			this.#seen = rows;
			return false;
		}
		if (rows === this.#seen) return false;
		this.#seen = rows;
		return true;
	}
}
