/**
 * The review session: every article that two or more annotators have annotated, with how far each
 * review has come, and the totals across the session.
 */
import { buildCandidates, reviewProgress } from '$lib/core/review/candidates';
import { isAnnotatorLayer, isGoldLayer } from '$lib/core/layers';
import type { Span } from '$lib/core/types';
import { articlesWithAnnotators, listRejectionsOf, readArticleRows, readSpansOf, type ArticleRow } from '$lib/db';
import type { Workspace } from './workspace.svelte';
import type { AgreementReport } from '$lib/core/agreement/types';
import type { AgreementRequest, AgreementResponse } from '$lib/review/agreement.worker';

export interface ReviewedArticle {
	readonly row: ArticleRow;
	readonly annotators: readonly string[];
	readonly progress: ReturnType<typeof reviewProgress>;
	/** Every span of the article, all layers (for agreement). */
	readonly spans: readonly Span[];
}

export class ReviewOverview {
	#articles = $state.raw<readonly ReviewedArticle[] | null>(null);
	#error = $state<string | null>(null);
	#agreement = $state.raw<AgreementReport | null>(null);
	#worker: Worker | null = null;

	constructor(readonly workspace: Workspace) {}

	/** The session's articles (null while loading). */
	get articles() {
		return this.#articles;
	}
	get error() {
		return this.#error;
	}
	/** Agreement across the session's articles (null while it is computed). */
	get agreement() {
		return this.#agreement;
	}

	readonly totals = $derived.by(() => {
		const list = this.#articles ?? [];
		let settledArticles = 0;
		let conflicts = 0;
		let conflictsSettled = 0;
		for (const a of list) {
			if (a.progress.candidates > 0 && a.progress.settled === a.progress.candidates) settledArticles++;
			conflicts += a.progress.conflicts;
			conflictsSettled += a.progress.conflictsSettled;
		}
		return { articles: list.length, settledArticles, conflicts, conflictsSettled };
	});

	async load(): Promise<void> {
		try {
			const db = this.workspace.db;
			const ids = await articlesWithAnnotators(db, 2);
			const [rows, spans, rejections] = await Promise.all([readArticleRows(db, ids), readSpansOf(db, ids), listRejectionsOf(db, ids)]);
			const out: ReviewedArticle[] = [];
			rows.forEach((row, i) => {
				if (!row) return;
				const all = spans.get(ids[i]) ?? [];
				const annotators = [...new Set(all.map((s) => s.annotator))].filter(isAnnotatorLayer).sort();
				const gold = all.filter((s) => isGoldLayer(s.annotator));
				const candidates = buildCandidates(all, annotators, gold, rejections.get(row.id) ?? new Set());
				out.push({ row, annotators, progress: reviewProgress(candidates), spans: all });
			});
			this.#articles = out.sort((a, b) => (a.row.title < b.row.title ? -1 : 1));
			if (out.length > 0) this.#computeAgreement(out.map((a) => a.row.id));
		} catch (error) {
			this.#error = (error as Error).message;
		}
	}

	#computeAgreement(ids: readonly string[]): void {
		this.#worker?.terminate();
		const worker = new Worker(new URL('../review/agreement.worker.ts', import.meta.url), { type: 'module' });
		this.#worker = worker;
		worker.onmessage = ({ data }: MessageEvent<AgreementResponse>) => {
			if ('error' in data) this.workspace.notices.error(`Agreement could not be computed: ${data.error}`);
			else {
				this.#agreement = data.report;
				// Time the worker spent computing (agreement_3x1000_ms in the benchmark).
				performance.mark('spanwise:agreement', { detail: { ms: data.ms } });
			}
			worker.terminate();
		};
		const symmetricRelations = this.workspace.relationTypes.filter((t) => !t.directed).map((t) => t.name);
		const request: AgreementRequest = { dbName: this.workspace.dbName, ids: [...ids], symmetricRelations };
		worker.postMessage(request);
	}

	destroy(): void {
		this.#worker?.terminate();
	}
}
