import { TextFinder, matchFrom, type TextMatch } from '$lib/core/text/find';

/** What find needs of the editor. */
export interface FindTarget {
	showMatches(matches: readonly TextMatch[], current: number): void;
	/** Selects [start, end) in the text and scrolls it into view (`center`: to the middle). */
	setSelection(start: number, end: number, center?: boolean): void;
	selectionOffsets(): { start: number; end: number };
	focus(): void;
}

/**
 * Find in one article: the query, its matches, and which one is current. The browser's own find
 * cannot reach lines that are not laid out (content-visibility), so the app searches the text.
 * Going to a match selects it in the text and hands the keyboard back to the editor, so the next
 * label key tags it.
 */
export class ArticleFind {
	readonly #finder: TextFinder;
	#target: FindTarget | null = null;
	#open = $state(false);
	#query = $state('');
	#matches = $state.raw<readonly TextMatch[]>([]);
	#current = $state(-1);
	/** Bumped on every open, so the box can take the focus again when it is already open. */
	#opened = $state(0);

	constructor(text: string) {
		this.#finder = new TextFinder(text);
	}

	attach(target: FindTarget | null): void {
		this.#target = target;
	}

	get isOpen(): boolean {
		return this.#open;
	}
	get opened(): number {
		return this.#opened;
	}
	get query(): string {
		return this.#query;
	}
	get count(): number {
		return this.#matches.length;
	}
	/** Index of the current match, -1 for none. */
	get current(): number {
		return this.#current;
	}

	/** "3 of 12", "No matches", or nothing before a query is typed. */
	get summary(): string {
		if (this.#query === '') return '';
		if (this.#matches.length === 0) return 'No matches';
		return this.#current >= 0 ? `${this.#current + 1} of ${this.#matches.length}` : `${this.#matches.length} matches`;
	}

	open(): void {
		this.#open = true;
		this.#opened++;
		this.#draw();
	}

	/** Closes the box, clears the drawn matches and gives the keyboard back to the text. */
	close(): void {
		this.#open = false;
		this.#target?.showMatches([], -1);
		this.#target?.focus();
	}

	/** Searches as the user types; the current match is the first one from the caret on. */
	setQuery(query: string): void {
		this.#query = query;
		this.#matches = this.#finder.find(query);
		const from = this.#target?.selectionOffsets().start ?? 0;
		this.#current = matchFrom(this.#matches, from, 1);
		this.#draw();
	}

	/**
	 * Selects the next (1) or previous (-1) match from the selection in the text, and hands the
	 * keyboard to the editor. Returns false when there is nothing to go to.
	 */
	go(direction: 1 | -1): boolean {
		const target = this.#target;
		if (!target || this.#matches.length === 0) return false;
		const { start, end } = target.selectionOffsets();
		const here = this.#matches[this.#current];
		// On the current match (selected, or tagged: the caret at its end): the one after or before it;
		// from elsewhere, the first one at or after the selection (or the last one before it).
		const onMatch = here !== undefined && start >= here.start && end <= here.end;
		const from = onMatch ? (direction === 1 ? here.start + 1 : here.start) : start;
		this.#current = matchFrom(this.#matches, from, direction);
		const match = this.#matches[this.#current];
		this.#draw();
		target.setSelection(match.start, match.end, true);
		target.focus();
		return true;
	}

	#draw(): void {
		this.#target?.showMatches(this.#open ? this.#matches : [], this.#current);
	}
}
