/**
 * The team server's wire format, shared by the browser's sync adapter and the server: a push is a
 * list of batches, each one undo step of one layer of one article (the `AnnotationEdit`s the app
 * already makes), with a client-made id (pushing it twice changes nothing) and the layer revision it
 * was made on (a stale batch is refused). Offsets are UTF-16, as inside the app. Checked with valibot
 * at the boundary: a bad batch is refused with the path of what was wrong.
 */
import * as v from 'valibot';
import type { AnnotationEdit, Result } from '../types';
import { describeIssue } from '../codecs/spanwise-schema';

/** The roles of a project's members. */
export const ROLES = ['annotator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What kind a layer is: decided once (core/layers.ts), stored with it on the server. */
export { LAYER_KINDS, type LayerKind } from '../layers';

/** Most batches one push may carry, and most edits per batch (a big paste or an import of suggestions). */
export const MAX_BATCHES = 500;
export const MAX_EDITS = 5_000;

const Id = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200, 'is longer than 200 characters'));
const Name = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200, 'is longer than 200 characters'));
const Offset = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));
const Time = v.pipe(v.number(), v.finite('must be a finite number'));

const SpanSchema = v.strictObject({
	id: Id,
	articleId: Id,
	start: Offset,
	end: Offset,
	label: Name,
	annotator: Name,
	note: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
	flag: v.optional(v.pipe(v.string(), v.maxLength(1_000))),
	createdAt: Time,
	updatedAt: Time
});

const RelationSchema = v.strictObject({
	id: Id,
	articleId: Id,
	label: Name,
	head: Id,
	tail: Id,
	annotator: Name,
	note: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
	createdAt: Time,
	updatedAt: Time
});

const EditSchema = v.variant('type', [
	v.strictObject({ type: v.literal('add'), span: SpanSchema }),
	v.strictObject({ type: v.literal('remove'), span: SpanSchema }),
	v.strictObject({ type: v.literal('update'), before: SpanSchema, after: SpanSchema }),
	v.strictObject({ type: v.literal('add-relation'), relation: RelationSchema }),
	v.strictObject({ type: v.literal('remove-relation'), relation: RelationSchema }),
	v.strictObject({ type: v.literal('update-relation'), before: RelationSchema, after: RelationSchema })
]);

const BatchSchema = v.strictObject({
	/** The browser's id of this batch: the same id pushed again is the same batch. */
	clientId: Id,
	articleId: Id,
	/** The layer written: the member's own name, or `gold`. */
	layer: Name,
	/** The layer's revision the batch was made on (0: a layer the browser has not seen on the server). */
	baseRevision: v.pipe(v.number(), v.integer(), v.minValue(0)),
	edits: v.pipe(v.array(EditSchema), v.minLength(1, 'must hold at least one edit'), v.maxLength(MAX_EDITS, `must hold at most ${MAX_EDITS} edits`))
});

const PushSchema = v.strictObject({
	batches: v.pipe(v.array(BatchSchema), v.maxLength(MAX_BATCHES, `must hold at most ${MAX_BATCHES} batches`))
});

export interface PushBatch {
	readonly clientId: string;
	readonly articleId: string;
	readonly layer: string;
	readonly baseRevision: number;
	readonly edits: readonly AnnotationEdit[];
}

/** The server's answer per batch, in the order pushed. */
export type BatchResult =
	/** Applied now, or earlier (`duplicate`): the layer is at `revision`, the change numbered `seq`. */
	| { readonly clientId: string; readonly status: 'applied' | 'duplicate'; readonly seq: number; readonly revision: number }
	/** Made on an older revision of the layer than the server's: pull, then make it again. */
	| { readonly clientId: string; readonly status: 'stale'; readonly revision: number; readonly message: string }
	/** Not allowed or not valid (the message says which rule): it will never be applied. */
	| { readonly clientId: string; readonly status: 'refused'; readonly message: string };

/** One change of the feed, as pulled. */
export interface Change {
	readonly seq: number;
	readonly articleId: string;
	readonly layer: string;
	readonly author: string;
	readonly revision: number;
	readonly edits: readonly AnnotationEdit[];
}

/** Reads a push body; the error names the first thing wrong by its path (`batches[0].edits[2].span.start: …`). */
export function parsePush(body: unknown): Result<readonly PushBatch[]> {
	const parsed = v.safeParse(PushSchema, body);
	if (!parsed.success) return { error: describeIssue(parsed.issues[0]) };
	for (const [i, batch] of parsed.output.batches.entries()) {
		for (const [j, edit] of batch.edits.entries()) {
			const records = 'span' in edit ? [edit.span] : 'relation' in edit ? [edit.relation] : [edit.before, edit.after];
			for (const record of records) {
				const where = `batches[${i}].edits[${j}]`;
				if (record.articleId !== batch.articleId) return { error: `${where}: is for article ${JSON.stringify(record.articleId)}, not the batch's ${JSON.stringify(batch.articleId)}` };
				if (record.annotator !== batch.layer) return { error: `${where}: belongs to layer ${JSON.stringify(record.annotator)}, not the batch's ${JSON.stringify(batch.layer)}` };
				if ('start' in record && record.end <= record.start) return { error: `${where}: a span must end after it starts (${record.start}–${record.end})` };
			}
			if (edit.type === 'update' || edit.type === 'update-relation') {
				if (edit.before.id !== edit.after.id) return { error: `batches[${i}].edits[${j}]: an update must keep the id (${edit.before.id} → ${edit.after.id})` };
			}
		}
	}
	return { ok: parsed.output.batches as readonly PushBatch[] };
}
