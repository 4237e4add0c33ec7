/**
 * A backup of the whole workspace: one header line (`"format": "spanwise-backup/1"`) with the labels,
 * relation types, settings and review decisions, then every article as a canonical spanwise/1 line. Restoring it into
 * an empty browser gives back the same articles, spans, relations, labels, relation types, settings and decisions; any other
 * reader of JSONL sees ordinary canonical records after the first line.
 */
import * as v from 'valibot';
import type { Label, RelationType, Result } from '../types';

export const BACKUP_FORMAT = 'spanwise-backup/1';

export interface BackupDecision {
	readonly articleId: string;
	readonly key: string;
	readonly decidedAt: number;
}

export interface BackupHeader {
	readonly format: typeof BACKUP_FORMAT;
	readonly created_at: string;
	readonly labels: readonly Label[];
	/** The relation types (absent in backups made before relations: the restored browser keeps its own). */
	readonly relationTypes?: readonly RelationType[];
	readonly settings: Readonly<Record<string, unknown>>;
	readonly decisions: readonly BackupDecision[];
}

const LabelSchema = v.object({ name: v.pipe(v.string(), v.minLength(1)), color: v.string(), hotkey: v.string(), description: v.string() });
const RelationTypeSchema = v.object({
	name: v.pipe(v.string(), v.minLength(1)),
	color: v.string(),
	hotkey: v.string(),
	description: v.string(),
	headLabels: v.array(v.string()),
	tailLabels: v.array(v.string()),
	directed: v.boolean(),
	onePerHead: v.boolean()
});
const HeaderSchema = v.object({
	format: v.literal(BACKUP_FORMAT),
	created_at: v.string(),
	labels: v.array(LabelSchema),
	relationTypes: v.optional(v.array(RelationTypeSchema)),
	settings: v.record(v.string(), v.unknown()),
	decisions: v.array(v.object({ articleId: v.string(), key: v.string(), decidedAt: v.number() }))
});

/** The header line (no newline). */
export function serializeBackupHeader(header: Omit<BackupHeader, 'format'>): string {
	return JSON.stringify({ format: BACKUP_FORMAT, ...header });
}

/** Whether a line is a backup header (cheap test on its start, before parsing). */
export function looksLikeBackupHeader(line: string): boolean {
	return line.includes(`"format":"${BACKUP_FORMAT}"`) || line.includes(`"format": "${BACKUP_FORMAT}"`);
}

/** Parses a header line; the error names the field. Never throws. */
export function parseBackupHeader(line: string): Result<BackupHeader> {
	let raw: unknown;
	try {
		raw = JSON.parse(line);
	} catch (error) {
		return { error: `line 1: the backup header is not valid JSON (${(error as Error).message})` };
	}
	const parsed = v.safeParse(HeaderSchema, raw);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const path = issue.path?.map((p) => p.key).join('.') ?? '';
		return { error: `line 1: backup header${path ? `.${path}` : ''}: ${issue.message}` };
	}
	return { ok: parsed.output as BackupHeader };
}
