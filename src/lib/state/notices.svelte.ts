/** A message for the user: what happened, and maybe one thing to do about it. */
export interface Notice {
	readonly id: number;
	readonly kind: 'info' | 'success' | 'error';
	readonly text: string;
	/** Extra lines (per-file or per-line problems). */
	readonly details?: readonly string[];
	readonly action?: { readonly label: string; readonly run: () => void };
}

/**
 * The messages shown in the notice area. Errors stay until dismissed; the rest fade after a while
 * (long enough to read and to click Undo).
 */
export class Notices {
	#items = $state.raw<readonly Notice[]>([]);
	#next = 1;

	get items(): readonly Notice[] {
		return this.#items;
	}

	show(kind: Notice['kind'], text: string, options: { details?: readonly string[]; action?: Notice['action']; timeout?: number } = {}): number {
		const id = this.#next++;
		this.#items = [...this.#items.slice(-4), { id, kind, text, details: options.details, action: options.action }];
		const timeout = options.timeout ?? (kind === 'error' ? 0 : 8000);
		if (timeout > 0) setTimeout(() => this.dismiss(id), timeout);
		return id;
	}

	info(text: string, options?: Parameters<Notices['show']>[2]): number {
		return this.show('info', text, options);
	}

	error(text: string, options?: Parameters<Notices['show']>[2]): number {
		return this.show('error', text, options);
	}

	dismiss(id: number): void {
		this.#items = this.#items.filter((n) => n.id !== id);
	}
}
