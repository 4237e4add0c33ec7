/**
 * The team server's data: projects, members, join links and sessions, the corpus and its
 * assignments, and the annotation layers with their change feed. Every rule of who may read and
 * write what is decided by core/sync/access.ts (`canRead`, `writeRefusal`), here, on every request; the HTTP layer only maps
 * results to status codes. All SQL is parameterised.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AnnotationEdit, ArticleRecord, Label, Relation, RelationType, Span } from '../lib/core/types';
import { DEFAULT_LABELS } from '../lib/core/labels/defaults';
import { DEFAULT_RELATION_TYPES } from '../lib/core/relations/defaults';
import { GOLD_ANNOTATOR } from '../lib/core/layers';
import type { BatchResult, Change, LayerKind, PushBatch, Role } from '../lib/core/sync/protocol';
import { ROLES } from '../lib/core/sync/protocol';
import { canRead, layerKind, writeRefusal } from '../lib/core/sync/access';
import type { Database, Queryable } from './sql';
import { fastPush } from './push-fast';
import { withUnusedIds, type TakenIds } from '../lib/core/merge/unused-ids';

/** The channel NOTIFY carries new changes on: payload `projectId:seq`. */
export const CHANGES_CHANNEL = 'spanwise_changes';

/** How long a join link stays valid. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export interface Member {
	readonly projectId: number;
	readonly project: string;
	readonly name: string;
	readonly role: Role;
	/** Annotators see only their own layer (the project's setting). */
	readonly blind: boolean;
}

/** A refusal the HTTP layer answers with its status: 401 (who are you), 403 (not allowed), 404, 400/409 (bad request). */
export class Refusal extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409,
		message: string
	) {
		super(message);
	}
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');


/** Whether `member` may write layer `layer`: their own; gold for reviewers and admins. */
export function canWrite(member: Member, layer: string): boolean {
	return writeRefusal(member, layer) === null;
}

// —— projects and members ——

/** The project named `name`, made (with the default labels and relation types) when missing. */
export async function ensureProject(db: Database, name: string): Promise<number> {
	return db.transaction(async (tx) => {
		const found = await tx.query<{ id: string }>('SELECT id FROM projects WHERE name = $1', [name]);
		if (found.length > 0) return Number(found[0].id);
		const [{ id }] = await tx.query<{ id: string }>('INSERT INTO projects (name) VALUES ($1) RETURNING id', [name]);
		await writeSchema(tx, Number(id), DEFAULT_LABELS, DEFAULT_RELATION_TYPES);
		return Number(id);
	});
}

async function projectId(db: Queryable, name: string): Promise<number> {
	const found = await db.query<{ id: string }>('SELECT id FROM projects WHERE name = $1', [name]);
	if (found.length === 0) throw new Refusal(404, `There is no project ${JSON.stringify(name)}.`);
	return Number(found[0].id);
}

async function writeSchema(tx: Queryable, id: number, labels: readonly Label[], types: readonly RelationType[]): Promise<void> {
	await tx.query('DELETE FROM labels WHERE project_id = $1', [id]);
	await tx.query('DELETE FROM relation_types WHERE project_id = $1', [id]);
	for (const [position, label] of labels.entries()) {
		await tx.query('INSERT INTO labels (project_id, name, position, definition) VALUES ($1, $2, $3, $4)', [id, label.name, position, label]);
	}
	for (const [position, type] of types.entries()) {
		await tx.query('INSERT INTO relation_types (project_id, name, position, definition) VALUES ($1, $2, $3, $4)', [id, type.name, position, type]);
	}
}

/**
 * Replaces a project's label schema (labels and relation types, in order) and tells every browser.
 * Names must be non-empty and unique (relation types and labels apart).
 */
export async function setSchema(db: Database, projectId: number, labels: readonly Label[], types: readonly RelationType[]): Promise<void> {
	const problem = schemaProblem(labels, types);
	if (problem) throw new Refusal(400, problem);
	await db.transaction(async (tx) => {
		await writeSchema(tx, projectId, labels, types);
		await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${projectId}:schema`]);
	});
}

function schemaProblem(labels: readonly Label[], types: readonly RelationType[]): string | null {
	if (!Array.isArray(labels) || !Array.isArray(types)) return 'labels and relationTypes must be lists';
	if (labels.length === 0) return 'a project needs at least one label';
	const names = new Set<string>();
	for (const [i, item] of [...labels, ...types].entries()) {
		const where = i < labels.length ? `labels[${i}]` : `relationTypes[${i - labels.length}]`;
		if (typeof item?.name !== 'string' || item.name.trim() === '') return `${where}.name: must not be empty`;
		if (typeof item.color !== 'string' || !/^#[0-9a-f]{6}$/i.test(item.color)) return `${where}.color: must be #rrggbb`;
		if (typeof item.hotkey !== 'string') return `${where}.hotkey: must be a string`;
		if (names.has(item.name.toLowerCase())) return `${where}.name: ${JSON.stringify(item.name)} is used twice`;
		names.add(item.name.toLowerCase());
	}
	return null;
}

/** Why `name` cannot name a member, or null. */
export function memberNameProblem(name: string): string | null {
	if (name.trim() === '' || name !== name.trim()) return 'a member name must not be empty or start or end with spaces';
	if (name === GOLD_ANNOTATOR) return `"${GOLD_ANNOTATOR}" is the reviewed layer, not a member`;
	if (layerKind(name) !== 'annotator') return `"${name}" names a source of suggestions, not a member`;
	if (name.length > 100) return 'a member name is at most 100 characters';
	return null;
}

/**
 * Adds `name` to project `project` with `role` (or gives them that role) and makes a single-use join
 * token that expires after `ttlMs`. Returns the token (only its hash is stored).
 */
export async function invite(db: Database, project: string, name: string, role: Role, ttlMs = INVITE_TTL_MS): Promise<string> {
	const problem = memberNameProblem(name);
	if (problem) throw new Refusal(400, problem);
	if (!ROLES.includes(role)) throw new Refusal(400, `the role must be one of ${ROLES.join(', ')}, not ${JSON.stringify(role)}`);
	const id = await ensureProject(db, project);
	const token = newToken();
	await db.transaction(async (tx) => {
		await tx.query('INSERT INTO members (project_id, name, role) VALUES ($1, $2, $3) ON CONFLICT (project_id, name) DO UPDATE SET role = EXCLUDED.role', [id, name, role]);
		await tx.query("INSERT INTO invites (token_hash, project_id, name, expires_at) VALUES ($1, $2, $3, now() + ($4 || ' milliseconds')::interval)", [hashToken(token), id, name, String(ttlMs)]);
	});
	return token;
}

/** Trades a join token for a session token: once, before it expires. */
export async function join(db: Database, token: string): Promise<{ session: string; member: Member }> {
	return db.transaction(async (tx) => {
		const found = await tx.query<{ project_id: string; name: string; expired: boolean; used: boolean }>(
			'SELECT project_id, name, expires_at < now() AS expired, used_at IS NOT NULL AS used FROM invites WHERE token_hash = $1 FOR UPDATE',
			[hashToken(token)]
		);
		if (found.length === 0) throw new Refusal(401, 'This join link is not known here.');
		const [invite] = found;
		if (invite.used) throw new Refusal(401, 'This join link has been used already: ask for a new one.');
		if (invite.expired) throw new Refusal(401, 'This join link has expired: ask for a new one.');
		await tx.query('UPDATE invites SET used_at = now() WHERE token_hash = $1', [hashToken(token)]);
		const session = newToken();
		await tx.query('INSERT INTO sessions (token_hash, project_id, name) VALUES ($1, $2, $3)', [hashToken(session), invite.project_id, invite.name]);
		const member = await memberOf(tx, hashToken(session));
		if (!member) throw new Refusal(401, 'This member has been removed.');
		return { session, member };
	});
}

async function memberOf(db: Queryable, sessionHash: string): Promise<Member | null> {
	const rows = await db.query<{ project_id: string; project: string; name: string; role: Role; settings: { blind?: boolean } }>(
		`SELECT s.project_id, p.name AS project, m.name, m.role, p.settings
		   FROM sessions s JOIN members m ON m.project_id = s.project_id AND m.name = s.name JOIN projects p ON p.id = s.project_id
		  WHERE s.token_hash = $1 AND s.revoked_at IS NULL`,
		[sessionHash]
	);
	if (rows.length === 0) return null;
	const [r] = rows;
	return { projectId: Number(r.project_id), project: r.project, name: r.name, role: r.role, blind: r.settings?.blind !== false };
}

/** The member a session token belongs to, or null (unknown, revoked). */
export function sessionMember(db: Queryable, session: string): Promise<Member | null> {
	return memberOf(db, hashToken(session));
}

/** Ends every session of `name` in `project` and voids their unused join links; returns how many sessions ended. */
export async function revoke(db: Database, project: string, name: string): Promise<number> {
	const id = await projectId(db, project);
	return db.transaction(async (tx) => {
		const ended = await tx.query('UPDATE sessions SET revoked_at = now() WHERE project_id = $1 AND name = $2 AND revoked_at IS NULL RETURNING 1', [id, name]);
		await tx.query('UPDATE invites SET used_at = now() WHERE project_id = $1 AND name = $2 AND used_at IS NULL', [id, name]);
		const member = await tx.query('SELECT 1 FROM members WHERE project_id = $1 AND name = $2', [id, name]);
		if (member.length === 0) throw new Refusal(404, `${JSON.stringify(name)} is not a member of ${JSON.stringify(project)}.`);
		return ended.length;
	});
}

/** Whether `address` may try a join link now: fewer than `limit` failed tries in the last minute (guessing). */
export async function joinAllowed(db: Queryable, address: string, limit = 20): Promise<boolean> {
	await db.query("DELETE FROM join_attempts WHERE at < now() - interval '1 minute'");
	const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM join_attempts WHERE address = $1 AND at > now() - interval '1 minute'", [address]);
	return Number(n) < limit;
}

/** Notes a failed join try from `address`. */
export async function joinFailed(db: Queryable, address: string): Promise<void> {
	await db.query('INSERT INTO join_attempts (address) VALUES ($1)', [address]);
}

/** Sets a project's settings (`blind`: annotators see only their own layer); returns them as they are now. */
export async function setProjectSettings(db: Database, project: string, change: { blind?: boolean }): Promise<{ blind: boolean }> {
	const id = await projectId(db, project);
	if (change.blind !== undefined) await db.query("UPDATE projects SET settings = jsonb_set(settings, '{blind}', to_jsonb($2::boolean)) WHERE id = $1", [id, change.blind]);
	const [{ settings }] = await db.query<{ settings: { blind?: boolean } }>('SELECT settings FROM projects WHERE id = $1', [id]);
	return { blind: settings.blind !== false };
}

// —— corpus ——

export interface ImportSummary {
	readonly added: number;
	readonly skipped: number;
	readonly spans: number;
	readonly relations: number;
	/** Span ids and relation ids the import renewed because the project (or the import itself, in another article) had them already. */
	readonly spanIdsRenewed: number;
	readonly relationIdsRenewed: number;
	readonly problems: readonly string[];
}

/** Articles written per transaction by an import. */
const IMPORT_CHUNK = 200;

/**
 * Adds `records` to the project: new articles with their spans and relations (each layer's as one
 * change of the feed). An article already there with the same text is skipped; one whose id is taken
 * by another text is a problem named in the summary, and nothing of it is written. Articles go in
 * chunks, each in one transaction of a fixed number of statements (the push's fast path); a chunk
 * with an edit that does not fit goes again article by article, which says which one and why.
 * Span and relation ids the project holds already, in any article, or that an earlier article of
 * the import used, come in under fresh ids (`withUnusedIds`): browsers key them by id alone.
 */
export async function importRecords(db: Database, project: string, records: readonly ArticleRecord[], author = 'admin'): Promise<ImportSummary> {
	const id = await ensureProject(db, project);
	const summary = { added: 0, skipped: 0, spans: 0, relations: 0, spanIdsRenewed: 0, relationIdsRenewed: 0, problems: [] as string[] };
	const clash = (article: ArticleRecord['article']) => `article ${JSON.stringify(article.id)} (${JSON.stringify(article.title)}): the project has another text under this id`;
	const taken: TakenIds = { spans: new Set(), relations: new Set() };
	for (let at = 0; at < records.length; at += IMPORT_CHUNK) {
		const chunk = await withProjectUniqueIds(db, id, records.slice(at, at + IMPORT_CHUNK), taken);
		const fast = await db
			.transaction(async (tx) => {
				const found = await tx.query<{ id: string; text: string }>('SELECT id, text FROM articles WHERE project_id = $1 AND id = ANY($2)', [id, [...new Set(chunk.map((r) => r.article.id))]]);
				const texts = new Map(found.map((r) => [r.id, r.text]));
				const fresh: RenewedRecord[] = [];
				const outcome = { added: 0, skipped: 0, spans: 0, relations: 0, spanIdsRenewed: 0, relationIdsRenewed: 0, problems: [] as string[] };
				for (const record of chunk) {
					const known = texts.get(record.article.id);
					if (known !== undefined) {
						if (known === record.article.text) outcome.skipped++;
						else outcome.problems.push(clash(record.article));
						continue;
					}
					texts.set(record.article.id, record.article.text);
					fresh.push(record);
				}
				if (fresh.length === 0) return outcome;
				await tx.query(
					`INSERT INTO articles (project_id, id, title, text, meta, utf16_length)
					 SELECT $1, x.id, x.title, x.text, x.meta, x.utf16_length FROM jsonb_to_recordset($2::jsonb -> 'rows') AS x(id text, title text, text text, meta jsonb, utf16_length int)`,
					[id, { rows: fresh.map(({ article }) => ({ id: article.id, title: article.title, text: article.text, meta: { ...article.meta, source: article.source, status: article.status }, utf16_length: article.text.length })) }]
				);
				const batches = fresh.flatMap(layerBatches);
				if (batches.length > 0) {
					const done = await fastPush(tx, id, author, batches, new Map(fresh.map(({ article }) => [article.id, article.text.length])));
					if (!done) throw SLOW_PATH;
					await announce(tx, id, Math.max(...done.map((r) => (r.status === 'applied' ? r.seq : 0))));
				}
				outcome.added = fresh.length;
				for (const record of fresh) count(outcome, record);
				return outcome;
			})
			.catch((error) => {
				if (error === SLOW_PATH) return null;
				throw error;
			});
		const done = fast ?? (await importOneByOne(db, id, chunk, author, clash));
		summary.added += done.added;
		summary.skipped += done.skipped;
		summary.spans += done.spans;
		summary.relations += done.relations;
		summary.spanIdsRenewed += done.spanIdsRenewed;
		summary.relationIdsRenewed += done.relationIdsRenewed;
		summary.problems.push(...done.problems);
	}
	return summary;
}

/** An imported record with project-unique ids, and how many of them it had to renew. */
interface RenewedRecord extends ArticleRecord {
	readonly spansRenewed: number;
	readonly relationsRenewed: number;
}

/** Adds an added record's spans, relations and renewed ids to `outcome`. */
function count(outcome: { spans: number; relations: number; spanIdsRenewed: number; relationIdsRenewed: number }, record: RenewedRecord): void {
	outcome.spans += record.spans.length;
	outcome.relations += record.relations?.length ?? 0;
	outcome.spanIdsRenewed += record.spansRenewed;
	outcome.relationIdsRenewed += record.relationsRenewed;
}

/**
 * `records` with every span and relation id that the project holds already, or that `taken` (the
 * import so far) holds, renewed; their ids are added to `taken`. Two queries per call, on the
 * project-wide id indexes.
 */
async function withProjectUniqueIds(db: Queryable, projectId: number, records: readonly ArticleRecord[], taken: TakenIds): Promise<RenewedRecord[]> {
	const spanIds = [...new Set(records.flatMap((r) => r.spans.map((s) => s.id)))].filter((s) => !taken.spans.has(s));
	const relationIds = [...new Set(records.flatMap((r) => (r.relations ?? []).map((x) => x.id)))].filter((x) => !taken.relations.has(x));
	if (spanIds.length > 0) for (const row of await db.query<{ id: string }>('SELECT DISTINCT id FROM spans WHERE project_id = $1 AND id = ANY($2)', [projectId, spanIds])) taken.spans.add(row.id);
	if (relationIds.length > 0) for (const row of await db.query<{ id: string }>('SELECT DISTINCT id FROM relations WHERE project_id = $1 AND id = ANY($2)', [projectId, relationIds])) taken.relations.add(row.id);
	return records.map((record) => {
		const { record: renewed, spansRenewed, relationsRenewed } = withUnusedIds(record, taken);
		return { ...renewed, spansRenewed, relationsRenewed };
	});
}

/** A record's spans and relations as one batch per layer, each the layer's first change. */
function layerBatches(record: ArticleRecord): PushBatch[] {
	const layers = new Set([...record.spans.map((s) => s.annotator), ...(record.relations ?? []).map((r) => r.annotator)]);
	return [...layers].map((layer) => ({
		clientId: `import:${randomUUID()}`,
		articleId: record.article.id,
		layer,
		baseRevision: 0,
		edits: [
			...record.spans.filter((s) => s.annotator === layer).map((span): AnnotationEdit => ({ type: 'add', span })),
			...(record.relations ?? []).filter((r) => r.annotator === layer).map((relation): AnnotationEdit => ({ type: 'add-relation', relation }))
		]
	}));
}

/** The import of `records` one article per transaction, edit by edit: slower, and says what does not fit. */
async function importOneByOne(db: Database, id: number, records: readonly RenewedRecord[], author: string, clash: (article: ArticleRecord['article']) => string): Promise<ImportSummary> {
	let added = 0;
	let skipped = 0;
	const outcome = { spans: 0, relations: 0, spanIdsRenewed: 0, relationIdsRenewed: 0 };
	const problems: string[] = [];
	for (const record of records) {
		const { article } = record;
		const done = await db.transaction(async (tx) => {
			const found = await tx.query<{ text: string }>('SELECT text FROM articles WHERE project_id = $1 AND id = $2', [id, article.id]);
			if (found.length > 0) return found[0].text === article.text ? 'skipped' : 'clash';
			const meta = { ...article.meta, source: article.source, status: article.status };
			await tx.query('INSERT INTO articles (project_id, id, title, text, meta, utf16_length) VALUES ($1, $2, $3, $4, $5, $6)', [id, article.id, article.title, article.text, meta, article.text.length]);
			for (const batch of layerBatches(record)) {
				const written = await writeBatch(tx, id, batch, author, article.text.length);
				if (written.status === 'applied') await announce(tx, id, written.seq);
			}
			return 'added';
		});
		if (done === 'added') {
			added++;
			count(outcome, record);
		} else if (done === 'skipped') skipped++;
		else problems.push(clash(article));
	}
	return { added, skipped, ...outcome, problems };
}

/**
 * Assigns each article that has fewer than `perArticle` annotators to more of the project's
 * annotators, least loaded first (ties by name), so that every article gets `perArticle` and loads
 * differ by at most one where the numbers allow. Returns the new assignments per annotator.
 */
export async function assign(db: Database, project: string, perArticle: number): Promise<{ assigned: number; load: Record<string, number> }> {
	if (!Number.isInteger(perArticle) || perArticle < 1) throw new Refusal(400, `--per-article must be a whole number of at least 1, not ${perArticle}`);
	const id = await projectId(db, project);
	return db.transaction(async (tx) => {
		const annotators = (await tx.query<{ name: string }>("SELECT name FROM members WHERE project_id = $1 AND role = 'annotator' ORDER BY name", [id])).map((r) => r.name);
		if (annotators.length < perArticle) throw new Refusal(400, `the project has ${annotators.length} annotator${annotators.length === 1 ? '' : 's'}; ${perArticle} per article needs as many (invite them first)`);
		const load = new Map(annotators.map((a) => [a, 0]));
		for (const r of await tx.query<{ annotator: string; n: string }>('SELECT annotator, count(*) AS n FROM assignments WHERE project_id = $1 GROUP BY annotator', [id])) {
			if (load.has(r.annotator)) load.set(r.annotator, Number(r.n));
		}
		const articles = await tx.query<{ id: string; who: string[] | null }>(
			'SELECT a.id, array_remove(array_agg(s.annotator), NULL) AS who FROM articles a LEFT JOIN assignments s ON s.project_id = a.project_id AND s.article_id = a.id WHERE a.project_id = $1 GROUP BY a.id ORDER BY a.id',
			[id]
		);
		const added: Record<string, number> = {};
		let assigned = 0;
		for (const article of articles) {
			const has = new Set(article.who ?? []);
			while (has.size < perArticle) {
				const next = [...load].filter(([a]) => !has.has(a)).sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1))[0];
				if (!next) break;
				const [annotator] = next;
				await tx.query('INSERT INTO assignments (project_id, article_id, annotator) VALUES ($1, $2, $3)', [id, article.id, annotator]);
				has.add(annotator);
				load.set(annotator, (load.get(annotator) ?? 0) + 1);
				added[annotator] = (added[annotator] ?? 0) + 1;
				assigned++;
			}
		}
		return { assigned, load: added };
	});
}

/** What an article looks like to a member: the layers they may read, with revisions. */
export interface ArticleView {
	readonly id: string;
	readonly title: string;
	readonly text: string;
	readonly meta: Record<string, unknown>;
	readonly layers: readonly { readonly layer: string; readonly kind: LayerKind; readonly revision: number; readonly spans: Span[]; readonly relations: Relation[] }[];
}

async function mayOpen(db: Queryable, member: Member, articleId: string): Promise<boolean> {
	if (member.role !== 'annotator') return (await db.query('SELECT 1 FROM articles WHERE project_id = $1 AND id = $2', [member.projectId, articleId])).length > 0;
	return (await db.query('SELECT 1 FROM assignments WHERE project_id = $1 AND article_id = $2 AND annotator = $3', [member.projectId, articleId, member.name])).length > 0;
}

/** The project as `member` sees it: who they are, the schema, and the articles they may open with their layers' revisions. */
export async function projectView(db: Queryable, member: Member) {
	const [labels, types] = await Promise.all([
		db.query<{ definition: Label }>('SELECT definition FROM labels WHERE project_id = $1 ORDER BY position', [member.projectId]),
		db.query<{ definition: RelationType }>('SELECT definition FROM relation_types WHERE project_id = $1 ORDER BY position', [member.projectId])
	]);
	const articles =
		member.role === 'annotator'
			? await db.query<{ id: string; title: string }>('SELECT a.id, a.title FROM articles a JOIN assignments s ON s.project_id = a.project_id AND s.article_id = a.id WHERE a.project_id = $1 AND s.annotator = $2 ORDER BY a.id', [member.projectId, member.name])
			: await db.query<{ id: string; title: string }>('SELECT id, title FROM articles WHERE project_id = $1 ORDER BY id', [member.projectId]);
	const [{ seq }] = await db.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM changes WHERE project_id = $1', [member.projectId]);
	return {
		project: member.project,
		name: member.name,
		role: member.role,
		blind: member.blind,
		labels: labels.map((r) => r.definition),
		relationTypes: types.map((r) => r.definition),
		articles,
		seq: Number(seq ?? 0)
	};
}

/** Article `articleId` as `member` may see it; a Refusal (404) when they may not open it. */
export async function articleView(db: Queryable, member: Member, articleId: string): Promise<ArticleView> {
	if (!(await mayOpen(db, member, articleId))) throw new Refusal(404, `No article ${JSON.stringify(articleId)} for you in this project.`);
	const [article] = await db.query<{ id: string; title: string; text: string; meta: Record<string, unknown> }>('SELECT id, title, text, meta FROM articles WHERE project_id = $1 AND id = $2', [member.projectId, articleId]);
	const layers = (await db.query<{ layer: string; kind: LayerKind; revision: string }>('SELECT layer, kind, revision FROM layers WHERE project_id = $1 AND article_id = $2 ORDER BY layer', [member.projectId, articleId])).filter((l) =>
		canRead(member, l.layer, l.kind)
	);
	const out = [];
	for (const l of layers) {
		const [spans, relations] = await Promise.all([
			db.query<{ body: Span }>('SELECT body FROM spans WHERE project_id = $1 AND article_id = $2 AND layer = $3 AND NOT deleted', [member.projectId, articleId, l.layer]),
			db.query<{ body: Relation }>('SELECT body FROM relations WHERE project_id = $1 AND article_id = $2 AND layer = $3 AND NOT deleted', [member.projectId, articleId, l.layer])
		]);
		out.push({ layer: l.layer, kind: l.kind, revision: Number(l.revision), spans: spans.map((r) => r.body).sort((a, b) => a.start - b.start || b.end - a.end), relations: relations.map((r) => r.body) });
	}
	return { ...article, layers: out };
}

/**
 * A page of the articles `member` may open, in id order after `after`, each with the layers they
 * may read: what a fresh browser pulls (a few queries per page, whatever the page holds).
 */
export async function articlePage(db: Queryable, member: Member, after: string, limit: number): Promise<ArticleView[]> {
	const articles =
		member.role === 'annotator'
			? await db.query<{ id: string; title: string; text: string; meta: Record<string, unknown> }>(
					'SELECT a.id, a.title, a.text, a.meta FROM articles a JOIN assignments s ON s.project_id = a.project_id AND s.article_id = a.id WHERE a.project_id = $1 AND s.annotator = $2 AND a.id > $3 ORDER BY a.id LIMIT $4',
					[member.projectId, member.name, after, limit]
				)
			: await db.query<{ id: string; title: string; text: string; meta: Record<string, unknown> }>('SELECT id, title, text, meta FROM articles WHERE project_id = $1 AND id > $2 ORDER BY id LIMIT $3', [member.projectId, after, limit]);
	if (articles.length === 0) return [];
	const ids = articles.map((a) => a.id);
	const [layers, spans, relations] = await Promise.all([
		db.query<{ article_id: string; layer: string; kind: LayerKind; revision: string }>('SELECT article_id, layer, kind, revision FROM layers WHERE project_id = $1 AND article_id = ANY($2) ORDER BY layer', [member.projectId, ids]),
		db.query<{ article_id: string; layer: string; body: Span }>('SELECT article_id, layer, body FROM spans WHERE project_id = $1 AND article_id = ANY($2) AND NOT deleted', [member.projectId, ids]),
		db.query<{ article_id: string; layer: string; body: Relation }>('SELECT article_id, layer, body FROM relations WHERE project_id = $1 AND article_id = ANY($2) AND NOT deleted', [member.projectId, ids])
	]);
	const key = (article: string, layer: string) => `${article}\u0000${layer}`;
	const spansOf = new Map<string, Span[]>();
	for (const r of spans) (spansOf.get(key(r.article_id, r.layer)) ?? spansOf.set(key(r.article_id, r.layer), []).get(key(r.article_id, r.layer))!).push(r.body);
	const relationsOf = new Map<string, Relation[]>();
	for (const r of relations) (relationsOf.get(key(r.article_id, r.layer)) ?? relationsOf.set(key(r.article_id, r.layer), []).get(key(r.article_id, r.layer))!).push(r.body);
	return articles.map((a) => ({
		...a,
		layers: layers
			.filter((l) => l.article_id === a.id && canRead(member, l.layer, l.kind))
			.map((l) => ({
				layer: l.layer,
				kind: l.kind,
				revision: Number(l.revision),
				spans: (spansOf.get(key(a.id, l.layer)) ?? []).sort((x, y) => x.start - y.start || y.end - x.end),
				relations: relationsOf.get(key(a.id, l.layer)) ?? []
			}))
	}));
}

// —— edits ——

/**
 * Applies one batch inside `tx` (the caller checked who may write it): refused when an edit does not
 * fit what the layer holds, stale when it was made on another revision. The batch becomes one change
 * of the feed, numbered.
 */
async function writeBatch(tx: Queryable, projectId: number, batch: PushBatch, author: string, textLength: number): Promise<BatchResult> {
	const { clientId, articleId, layer } = batch;
	// The layer's row, made on its first batch, and locked until the transaction ends.
	const [{ revision: current }] = await tx.query<{ revision: string }>(
		'INSERT INTO layers (project_id, article_id, layer, kind) VALUES ($1, $2, $3, $4) ON CONFLICT (project_id, article_id, layer) DO UPDATE SET kind = layers.kind RETURNING revision',
		[projectId, articleId, layer, layerKind(layer)]
	);
	const revision = Number(current);
	// Pushed before (a lost answer, a retry), or twice at once (the second waited for the layer's lock): applied once.
	const earlier = async (): Promise<BatchResult | null> => {
		const seen = await tx.query<{ seq: string; revision: string; author: string; layer: string }>('SELECT seq, revision, author, layer FROM changes WHERE project_id = $1 AND client_id = $2', [projectId, clientId]);
		if (seen.length === 0) return null;
		if (seen[0].author !== author || seen[0].layer !== layer) return { clientId, status: 'refused', message: 'This change id was used by another change.' };
		return { clientId, status: 'duplicate', seq: Number(seen[0].seq), revision: Number(seen[0].revision) };
	};
	if (batch.baseRevision !== revision) {
		return (await earlier()) ?? { clientId, status: 'stale', revision, message: `The ${layer} layer of this article is at revision ${revision} on the server; this change was made on ${batch.baseRevision}.` };
	}
	const inserted = await tx.query<{ seq: string }>(
		'INSERT INTO changes (project_id, client_id, article_id, layer, author, revision, edits) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (project_id, client_id) DO NOTHING RETURNING seq',
		[projectId, clientId, articleId, layer, author, revision + 1, batch.edits]
	);
	if (inserted.length === 0) return (await earlier()) as BatchResult;
	const seq = Number(inserted[0].seq);
	for (const [i, edit] of batch.edits.entries()) {
		const problem = await applyEdit(tx, projectId, seq, layer, edit, textLength);
		if (problem) throw new Refusal(409, `edits[${i}]: ${problem}`);
	}
	await tx.query('UPDATE layers SET revision = $4 WHERE project_id = $1 AND article_id = $2 AND layer = $3', [projectId, articleId, layer, revision + 1]);
	return { clientId, status: 'applied', seq, revision: revision + 1 };
}

/** Thrown to roll back the fast path's transaction and take the slow one. */
const SLOW_PATH = new Error('slow path');

/** Tells every server on this database (LISTEN) that project `projectId`'s feed reached `seq`. */
async function announce(tx: Queryable, projectId: number, seq: number): Promise<void> {
	await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${projectId}:${seq}`]);
}

/** Applies one edit to the current-state tables; why it does not fit, or null. */
async function applyEdit(tx: Queryable, projectId: number, seq: number, layer: string, edit: AnnotationEdit, textLength: number): Promise<string | null> {
	const isSpan = edit.type === 'add' || edit.type === 'remove' || edit.type === 'update';
	const table = isSpan ? 'spans' : 'relations';
	const what = isSpan ? 'span' : 'relation';
	const record = 'span' in edit ? edit.span : 'relation' in edit ? edit.relation : edit.after;
	if ('start' in record && record.end > textLength) return `span ${record.id} ends at ${record.end}, after the text's end (${textLength})`;
	const [row] = await tx.query<{ layer: string; deleted: boolean }>(`SELECT layer, deleted FROM ${table} WHERE project_id = $1 AND article_id = $2 AND id = $3 FOR UPDATE`, [projectId, record.articleId, record.id]);
	if (row && row.layer !== layer) return `${what} id ${record.id} is taken by another layer`;
	if (edit.type === 'add' || edit.type === 'add-relation') {
		if (row && !row.deleted) return `${what} ${record.id} is there already`;
		if (edit.type === 'add-relation') {
			const ends = await tx.query('SELECT 1 FROM spans WHERE project_id = $1 AND article_id = $2 AND layer = $3 AND id = ANY($4) AND NOT deleted', [projectId, record.articleId, layer, [edit.relation.head, edit.relation.tail]]);
			if (ends.length !== new Set([edit.relation.head, edit.relation.tail]).size) return `relation ${record.id} has an end that is not a span of this layer`;
		}
		await tx.query(
			`INSERT INTO ${table} (project_id, article_id, id, layer, body, deleted, seq) VALUES ($1, $2, $3, $4, $5, false, $6)
			 ON CONFLICT (project_id, article_id, id) DO UPDATE SET body = EXCLUDED.body, deleted = false, seq = EXCLUDED.seq`,
			[projectId, record.articleId, record.id, layer, record, seq]
		);
		return null;
	}
	if (!row || row.deleted) return `${what} ${record.id} is not there`;
	if (edit.type === 'remove' || edit.type === 'remove-relation') {
		await tx.query(`UPDATE ${table} SET deleted = true, seq = $4 WHERE project_id = $1 AND article_id = $2 AND id = $3`, [projectId, record.articleId, record.id, seq]);
		if (edit.type === 'remove') {
			// A span's relations go with it (the app sends them in the same batch; this keeps the tables whole if not).
			await tx.query(
				`UPDATE relations SET deleted = true, seq = $4 WHERE project_id = $1 AND article_id = $2 AND NOT deleted AND (body->>'head' = $3 OR body->>'tail' = $3)`,
				[projectId, record.articleId, record.id, seq]
			);
		}
		return null;
	}
	await tx.query(`UPDATE ${table} SET body = $4, seq = $5 WHERE project_id = $1 AND article_id = $2 AND id = $3`, [projectId, record.articleId, record.id, record, seq]);
	return null;
}

/**
 * Applies a member's push: each batch in its own transaction, so that one refused leaves the others.
 * A batch already applied (same client id) is answered as it was, and changes nothing.
 */
export async function push(db: Database, member: Member, batches: readonly PushBatch[], options: { fast?: boolean } = {}): Promise<BatchResult[]> {
	const results: BatchResult[] = [];
	// Each article's length (UTF-16, as the app counts offsets) and whether the member may open it: asked once per push.
	const ids = [...new Set(batches.map((b) => b.articleId))];
	const found = await db.query<{ id: string; utf16_length: number; assigned: boolean }>(
		`SELECT a.id, a.utf16_length, s.annotator IS NOT NULL AS assigned FROM articles a
		   LEFT JOIN assignments s ON s.project_id = a.project_id AND s.article_id = a.id AND s.annotator = $3
		  WHERE a.project_id = $1 AND a.id = ANY($2)`,
		[member.projectId, ids, member.name]
	);
	const articles = new Map<string, number | null>(ids.map((id) => [id, null]));
	for (const a of found) if (member.role !== 'annotator' || a.assigned) articles.set(a.id, Number(a.utf16_length));
	// The common case (every batch allowed, fresh and fitting) in a few statements; else batch by batch.
	const allowed = batches.every((b) => canWrite(member, b.layer) && typeof articles.get(b.articleId) === 'number');
	if (allowed && batches.length > 0 && options.fast !== false) {
		const lengths = articles as Map<string, number>;
		const fast = await db
			.transaction(async (tx) => {
				const done = await fastPush(tx, member.projectId, member.name, batches, lengths);
				if (!done) throw SLOW_PATH;
				await announce(tx, member.projectId, Math.max(...done.map((r) => (r.status === 'applied' ? r.seq : 0))));
				return done;
			})
			.catch((error) => {
				if (error === SLOW_PATH) return null;
				throw error;
			});
		if (fast) return fast;
	}
	// One transaction for the push, each batch in a savepoint of its own: a refused batch leaves the others.
	await db.transaction(async (tx) => {
		let newest = 0;
		for (const [i, batch] of batches.entries()) {
			const { clientId } = batch;
			const refusal = writeRefusal(member, batch.layer);
			if (refusal) {
				results.push({ clientId, status: 'refused', message: refusal });
				continue;
			}
			const length = articles.get(batch.articleId);
			if (length === null || length === undefined) {
				results.push({ clientId, status: 'refused', message: `No article ${JSON.stringify(batch.articleId)} for you in this project.` });
				continue;
			}
			await tx.query(`SAVEPOINT batch_${i}`);
			try {
				const result = await writeBatch(tx, member.projectId, batch, member.name, length);
				await tx.query(`RELEASE SAVEPOINT batch_${i}`);
				if (result.status === 'applied') newest = Math.max(newest, result.seq);
				results.push(result);
			} catch (error) {
				if (!(error instanceof Refusal)) throw error;
				await tx.query(`ROLLBACK TO SAVEPOINT batch_${i}`);
				results.push({ clientId, status: 'refused', message: error.message });
			}
		}
		if (newest > 0) await announce(tx, member.projectId, newest);
	});
	return results;
}

/** The changes after `since` that `member` may see, oldest first, at most `limit`. */
export async function changesSince(db: Queryable, member: Member, since: number, limit = 1000): Promise<Change[]> {
	const rows =
		member.role === 'annotator'
			? await db.query<{ seq: string; article_id: string; layer: string; author: string; revision: string; edits: AnnotationEdit[]; kind: LayerKind }>(
					`SELECT c.seq, c.article_id, c.layer, c.author, c.revision, c.edits, l.kind
					   FROM changes c
					   JOIN assignments a ON a.project_id = c.project_id AND a.article_id = c.article_id AND a.annotator = $3
					   JOIN layers l ON l.project_id = c.project_id AND l.article_id = c.article_id AND l.layer = c.layer
					  WHERE c.project_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $4`,
					[member.projectId, since, member.name, limit]
				)
			: await db.query<{ seq: string; article_id: string; layer: string; author: string; revision: string; edits: AnnotationEdit[]; kind: LayerKind }>(
					`SELECT c.seq, c.article_id, c.layer, c.author, c.revision, c.edits, l.kind
					   FROM changes c JOIN layers l ON l.project_id = c.project_id AND l.article_id = c.article_id AND l.layer = c.layer
					  WHERE c.project_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3`,
					[member.projectId, since, limit]
				);
	return rows
		.filter((r) => canRead(member, r.layer, r.kind))
		.map((r) => ({ seq: Number(r.seq), articleId: r.article_id, layer: r.layer, author: r.author, revision: Number(r.revision), edits: r.edits }));
}

/** Every article of the project with the layers asked for (`all`, `gold` or a member's name), as records. */
export async function exportRecords(db: Queryable, project: string, layer: string): Promise<ArticleRecord[]> {
	const id = await projectId(db, project);
	const articles = await db.query<{ id: string; title: string; text: string; meta: Record<string, unknown>; created_at: Date }>('SELECT id, title, text, meta, created_at FROM articles WHERE project_id = $1 ORDER BY id', [id]);
	const wanted = (l: string) => layer === 'all' || l === layer;
	const out: ArticleRecord[] = [];
	for (const a of articles) {
		const spans = (await db.query<{ body: Span; layer: string }>('SELECT body, layer FROM spans WHERE project_id = $1 AND article_id = $2 AND NOT deleted', [id, a.id])).filter((r) => wanted(r.layer)).map((r) => r.body);
		const relations = (await db.query<{ body: Relation; layer: string }>('SELECT body, layer FROM relations WHERE project_id = $1 AND article_id = $2 AND NOT deleted', [id, a.id])).filter((r) => wanted(r.layer)).map((r) => r.body);
		const { source, status, ...meta } = a.meta as { source?: string; status?: string };
		const created = new Date(a.created_at).getTime();
		out.push({
			article: { id: a.id, title: a.title, text: a.text, source: source ?? '', meta, status: (status as ArticleRecord['article']['status']) ?? 'new', createdAt: created, updatedAt: created },
			spans: spans.sort((x, y) => x.start - y.start || y.end - x.end),
			...(relations.length > 0 ? { relations } : {})
		});
	}
	return out;
}
