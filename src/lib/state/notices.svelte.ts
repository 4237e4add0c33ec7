/** A message for the user: what happened, and maybe one thing to do about it. */
export interface Notice {
	readonly id: number;
	readonly kind: 'info' | 'success' | 'error';
	readonly text: string;
	/** Extra lines (per-file or per-line problems). */
	readonly details?: readonly string[];
	readonly action?: { readonly label: string; readonly run: () => void };
	/** The page it arose on (path and query), or null for one that concerns the whole app. */
	readonly page: string | null;
}

export interface NoticeOptions {
	details?: readonly string[];
	action?: Notice['action'];
	/** Milliseconds before it goes by itself; 0: until dismissed. Default: errors 0, others 8 s (12 s with an action). */
	timeout?: number;
	/** 'app': shown on every page (a storage failure); default 'page': only where it arose. */
	scope?: 'page' | 'app';
}

/**
 * The messages shown in the notice area. Errors stay until dismissed; the rest fade after a while
 * (long enough to read and to click Undo). Each belongs to the page where it arose: leaving the
 * page hides it, coming back shows it again if it is still there.
 */
export class Notices {
	#all = $state.raw<readonly Notice[]>([]);
	#page = $state<string>('');
	#next = 1;

	/** The notices of the current page, and the app-wide ones. */
	get items(): readonly Notice[] {
		return this.#all.filter((n) => n.page === null || n.page === this.#page);
	}

	/** The page being shown (path and query); notices shown from now on belong to it. */
	setPage(page: string): void {
		this.#page = page;
	}

	show(kind: Notice['kind'], text: string, options: NoticeOptions = {}): number {
		const id = this.#next++;
		const page = options.scope === 'app' ? null : this.#page;
		// At most five per page: the oldest of that page goes first.
		const same = this.#all.filter((n) => n.page === page);
		const drop = same.length >= 5 ? same[0].id : -1;
		this.#all = [...this.#all.filter((n) => n.id !== drop), { id, kind, text, details: options.details, action: options.action, page }];
		const timeout = options.timeout ?? (kind === 'error' ? 0 : options.action ? 12_000 : 8_000);
		if (timeout > 0) setTimeout(() => this.dismiss(id), timeout);
		return id;
	}

	info(text: string, options?: NoticeOptions): number {
		return this.show('info', text, options);
	}

	error(text: string, options?: NoticeOptions): number {
		return this.show('error', text, options);
	}

	dismiss(id: number): void {
		this.#all = this.#all.filter((n) => n.id !== id);
	}
}
