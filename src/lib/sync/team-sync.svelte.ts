/**
 * The browser's side of the team server: the local IndexedDB stays the store the app works on, and
 * this keeps it in step with the server. Edits go to the outbox with the edits themselves (see
 * commitEdits' `outbox`); this pushes them in batches when online, pulls the articles this member
 * may see and the change feed after the last number seen (woken by the server's event stream), and
 * says where things stand: a status starting with `Synced`, `Syncing` or `Offline`.
 *
 * A batch the server refuses as stale (made on an older revision of its layer: the same annotator in
 * another browser got there first) is dropped with the rest of that layer's waiting batches, and the
 * layer is replaced by the server's version, saying so. Network failures leave the outbox as it is
 * and retry with backoff: offline work is complete work.
 */
import type { AnnotationEdit, Article, Label, Relation, RelationType, Span } from '$lib/core/types';
import { writeRefusal } from '$lib/core/sync/access';
import type { BatchResult, Change, LayerKind, Role } from '$lib/core/sync/protocol';
import {
	applyPulledEdits,
	countOutbox,
	hasArticle,
	hasPendingBatches,
	serverCopies,
	layerRevision,
	listOutbox,
	readSetting,
	removeFromOutbox,
	setLayerRevision,
	writeServerArticle,
	writeServerArticles,
	writeSetting,
	type SpanwiseDB
} from '$lib/db';

export interface TeamMember {
	readonly project: string;
	readonly name: string;
	readonly role: Role;
	readonly blind: boolean;
}

/** What the server says of an admin's import into the project (the renewal counts are missing from servers before ids were made project-unique). */
export interface ProjectImportSummary {
	readonly added: number;
	readonly skipped: number;
	readonly spans: number;
	readonly relations: number;
	readonly spanIdsRenewed?: number;
	readonly relationIdsRenewed?: number;
	readonly problems: string[];
}

interface MeResponse extends TeamMember {
	readonly labels: Label[];
	readonly relationTypes: RelationType[];
	readonly articles: { id: string; title: string }[];
	readonly seq: number;
}

interface ServerArticle {
	readonly id: string;
	readonly title: string;
	readonly text: string;
	readonly meta: Record<string, unknown>;
	readonly layers: { layer: string; kind: LayerKind; revision: number; spans: Span[]; relations: Relation[] }[];
}

/** Whether this page was opened from a team server that signed this browser in (its readable marker cookie). */
export function teamCookiePresent(): boolean {
	return typeof document !== 'undefined' && /(?:^|;\s*)spanwise_team=/.test(document.cookie);
}

type Phase = 'syncing' | 'synced' | 'offline' | 'signed-out';

/** Articles per page of a pull: the most the server gives at once. */
const PULL_PAGE = 500;

export class TeamSync {
	readonly #db: SpanwiseDB;
	readonly #fetch: typeof fetch;
	readonly #onError: (message: string) => void;
	#phase = $state<Phase>('syncing');
	#waiting = $state(0);
	#progress = $state<string | null>(null);
	#member = $state.raw<TeamMember | null>(null);
	#pushing: Promise<void> | null = null;
	#again = false;
	#retry = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#events: EventSource | null = null;
	#stopped = false;
	#onSchema: ((labels: readonly Label[], types: readonly RelationType[]) => Promise<void>) | undefined;

	constructor(db: SpanwiseDB, options: { fetch?: typeof fetch; onError: (message: string) => void }) {
		this.#db = db;
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
		this.#onError = options.onError;
	}

	get member(): TeamMember | null {
		return this.#member;
	}
	get waiting(): number {
		return this.#waiting;
	}
	/** `Synced`, `Syncing…` (with what), `Offline — N changes waiting`, or signed out. */
	get status(): string {
		const n = this.#waiting;
		const waiting = `${n} change${n === 1 ? '' : 's'} waiting`;
		if (this.#phase === 'signed-out') return `Offline — signed out of the team server (${waiting}): open your join link again`;
		if (this.#phase === 'offline') return `Offline — ${waiting}`;
		if (this.#phase === 'syncing' || n > 0) return `Syncing${this.#progress ? ` ${this.#progress}` : n > 0 ? ` (${waiting})` : '…'}`;
		return 'Synced';
	}

	/**
	 * Signs in with the session cookie, pulls what this member may see (the project's labels and
	 * relation types to `onSchema`), then keeps pushing and pulling.
	 */
	async start(hooks: { onSchema?: (labels: readonly Label[], types: readonly RelationType[]) => Promise<void> } = {}): Promise<TeamMember | null> {
		this.#waiting = await countOutbox(this.#db);
		this.#onSchema = hooks.onSchema;
		if (typeof window !== 'undefined') window.addEventListener('online', this.#wake);
		try {
			const me = await this.#get<MeResponse>('/api/me');
			if (!me) return null;
			this.#member = { project: me.project, name: me.name, role: me.role, blind: me.blind };
			await writeSetting(this.#db, 'team', this.#member);
			await hooks.onSchema?.(me.labels, me.relationTypes);
			await this.#pullArticles(me);
			await this.#pullChanges();
			this.#listen();
			await this.push();
			if (this.#waiting === 0) this.#phase = 'synced';
		} catch (error) {
			this.#offline(error);
		}
		return this.#member;
	}

	/** An admin adds corpus files to the project (the server reads them with the same codecs); then this browser pulls them. */
	async importToProject(files: readonly { name: string; content: string }[]): Promise<ProjectImportSummary> {
		const summary = await this.#post<ProjectImportSummary>('/api/import', { files });
		if (!summary) throw new Error('the team server gave no answer');
		const me = await this.#get<MeResponse>('/api/me');
		if (me) await this.#pullArticles(me);
		return summary;
	}

	async #pullSchema(): Promise<void> {
		const me = await this.#get<MeResponse>('/api/me');
		if (me) await this.#onSchema?.(me.labels, me.relationTypes);
	}

	/** An admin's labels and relation types become the project's (every browser takes them). */
	async pushSchema(labels: readonly Label[], types: readonly RelationType[]): Promise<void> {
		const res = await this.#fetch('/api/schema', { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ labels, relationTypes: types }) });
		await this.#answer(res);
	}

	stop(): void {
		this.#stopped = true;
		this.#events?.close();
		if (this.#timer) clearTimeout(this.#timer);
		if (typeof window !== 'undefined') window.removeEventListener('online', this.#wake);
	}

	/** An edit was committed (and queued): push soon. */
	kick(): void {
		this.#waiting++;
		queueMicrotask(() => void this.push());
	}

	readonly #wake = () => {
		this.#retry = 0;
		void this.push().then(() => this.#pullChanges()).catch((error) => this.#offline(error));
	};

	/** Pushes the outbox until it is empty (one push at a time; a kick during one runs another after it). */
	push(): Promise<void> {
		if (this.#pushing) {
			this.#again = true;
			return this.#pushing;
		}
		this.#pushing = (async () => {
			try {
				do {
					this.#again = false;
					await this.#pushOnce();
				} while (this.#again || (await countOutbox(this.#db)) > 0);
				this.#retry = 0;
				if (this.#phase !== 'signed-out') this.#phase = 'synced';
			} catch (error) {
				this.#offline(error);
			} finally {
				this.#waiting = await countOutbox(this.#db);
				this.#pushing = null;
			}
		})();
		return this.#pushing;
	}

	async #pushOnce(): Promise<void> {
		let rows = await listOutbox(this.#db, 200);
		if (rows.length === 0) return;
		// A layer this member may never write (gold, as an annotator; someone else's): the server would
		// refuse the whole push, so such batches are dropped here, saying so, and the rest goes.
		const member = this.#member;
		if (member) {
			const forbidden = rows.filter((r) => writeRefusal(member, r.layer) !== null);
			if (forbidden.length > 0) {
				await removeFromOutbox(this.#db, forbidden.map((r) => r.clientId));
				const layers = [...new Set(forbidden.map((r) => r.layer))].join(', ');
				this.#onError(`${forbidden.length} change${forbidden.length === 1 ? '' : 's'} to ${layers} ${forbidden.length === 1 ? 'stays' : 'stay'} in this browser only: as ${member.role} ${member.name} you do not write ${forbidden.length === 1 ? 'that layer' : 'those layers'} in the team project.`);
				rows = rows.filter((r) => !forbidden.includes(r));
				if (rows.length === 0) return;
			}
		}
		this.#phase = 'syncing';
		// Each layer's batches in order, each on the revision the one before it makes.
		const next = new Map<string, number>();
		const batches = [];
		for (const row of rows) {
			const key = `${row.articleId}\u0000${row.layer}`;
			const base = next.get(key) ?? (await layerRevision(this.#db, row.articleId, row.layer));
			next.set(key, base + 1);
			batches.push({ clientId: row.clientId, articleId: row.articleId, layer: row.layer, baseRevision: base, edits: row.edits });
		}
		const answer = await this.#post<{ results: BatchResult[] }>('/api/push', { batches });
		if (!answer) return;
		const done: string[] = [];
		const staleLayers = new Set<string>();
		for (const [i, result] of answer.results.entries()) {
			const row = rows[i];
			const key = `${row.articleId}\u0000${row.layer}`;
			if (result.status === 'applied' || result.status === 'duplicate') {
				done.push(row.clientId);
				await setLayerRevision(this.#db, row.articleId, row.layer, result.revision);
			} else if (result.status === 'stale') {
				staleLayers.add(key);
			} else if (result.status === 'refused') {
				done.push(row.clientId);
				this.#onError(`The team server refused a change to “${row.articleId}”: ${result.message}`);
			}
		}
		await removeFromOutbox(this.#db, done);
		for (const key of staleLayers) {
			const [articleId, layer] = key.split('\u0000');
			const dropped = rows.filter((r) => r.articleId === articleId && r.layer === layer).map((r) => r.clientId);
			await removeFromOutbox(this.#db, dropped);
			await this.#pullArticle(articleId);
			this.#onError(`${dropped.length} change${dropped.length === 1 ? '' : 's'} to ${layer}’s layer of “${articleId}” ${dropped.length === 1 ? 'was' : 'were'} not kept: the team server had a newer version (from another browser). This is the server’s version.`);
		}
	}

	/** The articles this member may see that this browser has not pulled yet, in pages, with progress. */
	async #pullArticles(me: MeResponse): Promise<void> {
		const ids = me.articles.map((a) => a.id);
		const pulled = await serverCopies(this.#db, ids);
		const missing = new Set(ids.filter((id) => !pulled.has(id)));
		if (missing.size === 0) return;
		let done = 0;
		const fetchPage = (after: string): Promise<{ articles: ServerArticle[] } | null> => this.#get<{ articles: ServerArticle[] }>(`/api/articles?after=${encodeURIComponent(after)}&limit=${PULL_PAGE}`);
		this.#progress = `0 of ${missing.size} articles…`;
		let next: Promise<{ articles: ServerArticle[] } | null> | null = fetchPage('');
		while (next) {
			const page: { articles: ServerArticle[] } | null = await next;
			if (!page || page.articles.length === 0) break;
			const wanted: ServerArticle[] = page.articles.filter((found) => missing.has(found.id));
			// The next page is asked for while this one is written: the server and the browser's storage work at once.
			next = done + wanted.length < missing.size && page.articles.length === PULL_PAGE ? fetchPage(page.articles[page.articles.length - 1].id) : null;
			// The page in one write (a transaction per chunk, not two per article).
			await writeServerArticles(this.#db, wanted.map((found) => ({ article: this.#articleOf(found), layers: found.layers })));
			done += wanted.length;
			this.#progress = `${done} of ${missing.size} articles…`;
		}
		this.#progress = null;
	}

	async #pullArticle(id: string): Promise<void> {
		const found = await this.#get<ServerArticle>(`/api/articles/${encodeURIComponent(id)}`);
		if (found) await this.#store(found);
	}

	/** Writes an article as the server sent it. */
	async #store(found: ServerArticle): Promise<void> {
		await writeServerArticle(this.#db, this.#articleOf(found), found.layers);
	}

	/** The article row of an article as the server sent it (its source and status ride in `meta`). */
	#articleOf(found: ServerArticle): Article {
		const now = Date.now();
		const meta = { ...found.meta };
		const source = typeof meta.source === 'string' ? meta.source : 'team server';
		const status = typeof meta.status === 'string' ? (meta.status as Article['status']) : 'new';
		delete meta.source;
		delete meta.status;
		return { id: found.id, title: found.title, text: found.text, source, meta, status, createdAt: now, updatedAt: now };
	}

	/** Applies the feed after the last change seen; a change that does not fit here refetches its article. */
	async #pullChanges(): Promise<void> {
		let since = await readSetting<number>(this.#db, 'team:seq', 0);
		for (;;) {
			const page = await this.#get<{ changes: Change[]; seq: number }>(`/api/changes?since=${since}`);
			if (!page) return;
			for (const change of page.changes) await this.#applyChange(change);
			since = page.seq;
			await writeSetting(this.#db, 'team:seq', since);
			if (page.changes.length < 1000) return;
		}
	}

	async #applyChange(change: Change): Promise<void> {
		const local = await layerRevision(this.#db, change.articleId, change.layer);
		// Ours (pushed from here), or already in a copy fetched whole.
		if (change.revision <= local) return;
		const pending = await hasPendingBatches(this.#db, change.articleId, change.layer);
		const known = await hasArticle(this.#db, change.articleId);
		if (known && !pending && change.revision === local + 1 && (await applyPulledEdits(this.#db, change.articleId, change.edits as AnnotationEdit[]))) {
			await setLayerRevision(this.#db, change.articleId, change.layer, change.revision);
			return;
		}
		// A gap, a new article, or a change that does not fit what this browser holds: take the server's copy.
		if (!pending) await this.#pullArticle(change.articleId);
	}

	#listen(): void {
		if (typeof EventSource === 'undefined' || this.#events) return;
		const events = new EventSource('/api/events');
		events.addEventListener('change', () => void this.#pullChanges().catch((error) => this.#offline(error)));
		// An admin changed the labels or relation types: take them.
		events.addEventListener('schema', () => void this.#pullSchema().catch((error) => this.#offline(error)));
		events.onerror = () => {
			if (!this.#stopped && this.#phase === 'synced' && !navigator.onLine) this.#phase = 'offline';
		};
		events.onopen = () => this.#wake();
		this.#events = events;
	}

	#offline(error: unknown): void {
		if (this.#stopped) return;
		if (this.#phase !== 'signed-out') this.#phase = 'offline';
		if (!(error instanceof TypeError) && !(error instanceof SignedOut)) this.#onError(`Syncing with the team server failed: ${(error as Error).message ?? error}`);
		if (this.#phase === 'signed-out') return;
		// Back off: 1 s, 2 s, 4 s … up to 30 s.
		const delay = Math.min(30_000, 1000 * 2 ** this.#retry++);
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(this.#wake, delay);
	}

	async #get<T>(path: string): Promise<T | null> {
		return this.#answer<T>(await this.#fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
	}

	async #post<T>(path: string, body: unknown): Promise<T | null> {
		return this.#answer<T>(await this.#fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
	}

	async #answer<T>(res: Response): Promise<T | null> {
		if (res.status === 401) {
			this.#phase = 'signed-out';
			throw new SignedOut();
		}
		if (!res.ok) {
			const text = await res.text().catch(() => '');
			let message = text;
			try {
				message = (JSON.parse(text) as { error?: string }).error ?? text;
			} catch {
				// Not JSON: the text itself.
			}
			throw new Error(`${res.status} ${message}`);
		}
		return (await res.json()) as T;
	}
}

class SignedOut extends Error {
	constructor() {
		super('signed out');
	}
}
