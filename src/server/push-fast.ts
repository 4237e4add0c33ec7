/**
 * The common case of a push, in a fixed number of statements whatever its size: every batch fresh
 * (made on its layer's current revision), none pushed before, every edit fitting what is stored. The
 * rows it needs are read at once, the batches are checked and applied to them here, and the results
 * written back in one statement per table. Anything unusual (a stale or repeated batch, an edit that
 * does not fit) returns null, and the caller takes the slow path, batch by batch, which says exactly
 * what is wrong with which.
 */
import type { AnnotationEdit } from '../lib/core/types';
import type { BatchResult, PushBatch } from '../lib/core/sync/protocol';
import type { Queryable } from './sql';
import { layerKind } from '../lib/core/sync/access';

interface Row {
	layer: string;
	deleted: boolean;
	body: unknown;
	seq: number;
	head?: string;
	tail?: string;
	/** Written by this push. */
	touched: boolean;
}

const key = (articleId: string, id: string) => `${articleId}\u0000${id}`;
const rows = (list: readonly unknown[]) => ({ rows: list });

/** Applies `batches` (each allowed for `author`, on an article of `lengths`) within `tx`; null when the slow path must decide (the caller rolls `tx` back then). */
export async function fastPush(tx: Queryable, projectId: number, author: string, batches: readonly PushBatch[], lengths: ReadonlyMap<string, number>): Promise<BatchResult[] | null> {
	// Layers: made if new, locked, and each batch on the revision the one before it makes.
	const pairs = [...new Map(batches.map((b) => [key(b.articleId, b.layer), { article_id: b.articleId, layer: b.layer, kind: layerKind(b.layer) }])).values()];
	const locked = await tx.query<{ article_id: string; layer: string; revision: string }>(
		`INSERT INTO layers (project_id, article_id, layer, kind)
		 SELECT $1, x.article_id, x.layer, x.kind FROM jsonb_to_recordset($2::jsonb -> 'rows') AS x(article_id text, layer text, kind text)
		 ON CONFLICT (project_id, article_id, layer) DO UPDATE SET kind = layers.kind
		 RETURNING article_id, layer, revision`,
		[projectId, rows(pairs)]
	);
	const revision = new Map(locked.map((l) => [key(l.article_id, l.layer), Number(l.revision)]));
	for (const b of batches) {
		const k = key(b.articleId, b.layer);
		if (revision.get(k) !== b.baseRevision) return null;
		revision.set(k, b.baseRevision + 1);
	}

	// The spans and relations the edits touch (and the spans their relations link), as stored.
	const spanKeys = new Map<string, { article_id: string; id: string }>();
	const relationKeys = new Map<string, { article_id: string; id: string }>();
	const removedSpans: { article_id: string; id: string }[] = [];
	for (const b of batches) {
		for (const edit of b.edits) {
			if (edit.type === 'add' || edit.type === 'remove' || edit.type === 'update') {
				const id = edit.type === 'update' ? edit.after.id : edit.span.id;
				spanKeys.set(key(b.articleId, id), { article_id: b.articleId, id });
				if (edit.type === 'remove') removedSpans.push({ article_id: b.articleId, id });
			} else {
				const relation = edit.type === 'update-relation' ? edit.after : edit.relation;
				relationKeys.set(key(b.articleId, relation.id), { article_id: b.articleId, id: relation.id });
				for (const end of [relation.head, relation.tail]) spanKeys.set(key(b.articleId, end), { article_id: b.articleId, id: end });
			}
		}
	}
	const state = { spans: new Map<string, Row>(), relations: new Map<string, Row>() };
	// Looked up by id (an index on project and id) and matched to their articles here: joined to the keys
	// as a set, the planner took the whole project's spans (4 ms a push at 20,000 spans, most of the
	// server's time, and growing with what is stored).
	const ids = (keys: Map<string, { article_id: string; id: string }>) => [...new Set([...keys.values()].map((k) => k.id))];
	const removedIn = new Set(removedSpans.map((r) => r.article_id));
	type Stored = { article_id: string; id: string; layer: string; deleted: boolean; body: { head: string; tail: string }; seq: string };
	const [spanRows, relationRows, linked] = await Promise.all([
		spanKeys.size === 0
			? Promise.resolve([])
			: tx
					.query<Stored>(`SELECT article_id, id, layer, deleted, body, seq FROM spans WHERE project_id = $1 AND id = ANY($2::text[])`, [projectId, ids(spanKeys)])
					.then((found) => found.filter((r) => spanKeys.has(key(r.article_id, r.id)))),
		relationKeys.size === 0
			? Promise.resolve([])
			: tx
					.query<Stored>(`SELECT article_id, id, layer, deleted, body, seq FROM relations WHERE project_id = $1 AND id = ANY($2::text[])`, [projectId, ids(relationKeys)])
					.then((found) => found.filter((r) => relationKeys.has(key(r.article_id, r.id)))),
		// Live relations at spans being removed: they go with them.
		removedSpans.length === 0
			? Promise.resolve([])
			: tx
					.query<Stored>(
						`SELECT article_id, id, layer, deleted, body, seq FROM relations
						  WHERE project_id = $1 AND article_id = ANY($2::text[]) AND NOT deleted AND (body->>'head' = ANY($3::text[]) OR body->>'tail' = ANY($3::text[]))`,
						[projectId, [...removedIn], [...new Set(removedSpans.map((r) => r.id))]]
					)
					.then((found) => found.filter((r) => removedIn.has(r.article_id) && removedSpans.some((x) => x.article_id === r.article_id && (x.id === r.body.head || x.id === r.body.tail))))
	]);
	for (const r of spanRows) state.spans.set(key(r.article_id, r.id), { layer: r.layer, deleted: r.deleted, body: r.body, seq: Number(r.seq), touched: false });
	for (const r of [...relationRows, ...linked]) {
		state.relations.set(key(r.article_id, r.id), { layer: r.layer, deleted: r.deleted, body: r.body, seq: Number(r.seq), head: r.body.head, tail: r.body.tail, touched: false });
	}

	// The change rows first: their numbers stamp what each batch writes.
	const numbered = await tx.query<{ seq: string; client_id: string }>(
		`INSERT INTO changes (project_id, client_id, article_id, layer, author, revision, edits)
		 SELECT $1, x.client_id, x.article_id, x.layer, $2, x.revision, x.edits
		   FROM jsonb_to_recordset($3::jsonb -> 'rows') AS x(client_id text, article_id text, layer text, revision bigint, edits jsonb, n int)
		  ORDER BY x.n
		 ON CONFLICT (project_id, client_id) DO NOTHING
		 RETURNING seq, client_id`,
		[projectId, author, rows(batches.map((b, n) => ({ client_id: b.clientId, article_id: b.articleId, layer: b.layer, revision: b.baseRevision + 1, edits: b.edits, n })))]
	);
	// A batch pushed before: its change is there already (the slow path answers it as a duplicate).
	if (numbered.length !== batches.length) return null;
	const seqOf = new Map(numbered.map((r) => [r.client_id, Number(r.seq)]));
	for (const b of batches) {
		const seq = seqOf.get(b.clientId);
		if (seq === undefined || !applyAll(state, b, seq, lengths.get(b.articleId) ?? 0)) return null;
	}

	const written = (table: Map<string, Row>) =>
		[...table].filter(([, r]) => r.touched).map(([k, r]) => ({ article_id: k.split('\u0000')[0], id: k.split('\u0000')[1], layer: r.layer, body: r.body, deleted: r.deleted, seq: r.seq }));
	for (const [table, list] of [['spans', written(state.spans)], ['relations', written(state.relations)]] as const) {
		if (list.length === 0) continue;
		await tx.query(
			`INSERT INTO ${table} (project_id, article_id, id, layer, body, deleted, seq)
			 SELECT $1, x.article_id, x.id, x.layer, x.body, x.deleted, x.seq FROM jsonb_to_recordset($2::jsonb -> 'rows') AS x(article_id text, id text, layer text, body jsonb, deleted boolean, seq bigint)
			 ON CONFLICT (project_id, article_id, id) DO UPDATE SET body = EXCLUDED.body, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq`,
			[projectId, rows(list)]
		);
	}
	await tx.query(
		`UPDATE layers l SET revision = x.revision FROM jsonb_to_recordset($2::jsonb -> 'rows') AS x(article_id text, layer text, revision bigint)
		  WHERE l.project_id = $1 AND l.article_id = x.article_id AND l.layer = x.layer`,
		[projectId, rows([...revision].map(([k, r]) => ({ article_id: k.split('\u0000')[0], layer: k.split('\u0000')[1], revision: r })))]
	);
	return batches.map((b) => ({ clientId: b.clientId, status: 'applied', seq: seqOf.get(b.clientId)!, revision: b.baseRevision + 1 }));
}

/** Applies one batch's edits to `state`, as applyEdit would; false at the first that does not fit. */
function applyAll(state: { spans: Map<string, Row>; relations: Map<string, Row> }, batch: PushBatch, seq: number, length: number): boolean {
	const live = (row: Row | undefined) => row !== undefined && !row.deleted;
	for (const edit of batch.edits as readonly AnnotationEdit[]) {
		const isSpan = edit.type === 'add' || edit.type === 'remove' || edit.type === 'update';
		const record = 'span' in edit ? edit.span : 'relation' in edit ? edit.relation : edit.after;
		if ('start' in record && record.end > length) return false;
		const table = isSpan ? state.spans : state.relations;
		const k = key(batch.articleId, record.id);
		const row = table.get(k);
		if (row && row.layer !== batch.layer) return false;
		if (edit.type === 'add' || edit.type === 'add-relation') {
			if (live(row)) return false;
			if (edit.type === 'add-relation') {
				for (const end of [edit.relation.head, edit.relation.tail]) {
					const span = state.spans.get(key(batch.articleId, end));
					if (!live(span) || span!.layer !== batch.layer) return false;
				}
			}
			table.set(k, { layer: batch.layer, deleted: false, body: record, seq, touched: true, ...('head' in record ? { head: record.head, tail: record.tail } : {}) });
			continue;
		}
		if (!live(row)) return false;
		if (edit.type === 'remove' || edit.type === 'remove-relation') {
			table.set(k, { ...row!, deleted: true, seq, touched: true });
			if (edit.type === 'remove') {
				for (const [rk, r] of state.relations) {
					if (!r.deleted && rk.startsWith(`${batch.articleId}\u0000`) && (r.head === record.id || r.tail === record.id)) state.relations.set(rk, { ...r, deleted: true, seq, touched: true });
				}
			}
			continue;
		}
		table.set(k, { ...row!, body: record, seq, touched: true, ...('head' in record ? { head: record.head, tail: record.tail } : {}) });
	}
	return true;
}
