/** What a workspace backup carries besides the articles: labels, relation types, settings and review decisions. */
import type { BackupDecision } from '$lib/core/codecs/backup';
import type { Label, RelationType } from '$lib/core/types';
import type { SpanwiseDB } from './database';
import { listLabels, saveLabels } from './labels';
import { listRelationTypes, saveRelationTypes } from './relations';

export interface WorkspaceExtras {
	readonly labels: Label[];
	/** Absent (a backup made before relations): the stored relation types are left as they are. */
	readonly relationTypes?: RelationType[];
	readonly settings: Record<string, unknown>;
	readonly decisions: BackupDecision[];
}

/** Reads the labels, the relation types, every setting and every review decision, in one snapshot. */
export async function readWorkspaceExtras(db: SpanwiseDB): Promise<WorkspaceExtras> {
	return db.transaction('r', [db.labels, db.relationTypes, db.settings, db.decisions], async () => {
		const labels = await listLabels(db);
		const relationTypes = await listRelationTypes(db);
		const settings = Object.fromEntries((await db.settings.toArray()).map((row) => [row.key, row.value]));
		const decisions = (await db.decisions.toArray()).map(({ articleId, key, decidedAt }) => ({ articleId, key, decidedAt }));
		return { labels, relationTypes, settings, decisions };
	});
}

/** Puts back labels and relation types (replacing each list), settings (key by key) and decisions from a backup. */
export async function restoreWorkspaceExtras(db: SpanwiseDB, extras: WorkspaceExtras): Promise<void> {
	await saveLabels(db, extras.labels);
	if (extras.relationTypes) await saveRelationTypes(db, extras.relationTypes);
	await db.transaction('rw', [db.settings, db.decisions], async () => {
		await db.settings.bulkPut(Object.entries(extras.settings).map(([key, value]) => ({ key, value })));
		await db.decisions.bulkPut(extras.decisions.map((d) => ({ id: `${d.articleId}|${d.key}`, articleId: d.articleId, key: d.key, decision: 'rejected' as const, decidedAt: d.decidedAt })));
	});
}
