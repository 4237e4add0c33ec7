/**
 * Test support for the state classes: a Workspace stand-in over a real (fake-indexeddb) database,
 * committing edits as the saver would, with the notices and writes it made for the test to read.
 */
import type { AnnotationEdit, RelationType } from '$lib/core/types';
import { DEFAULT_RELATION_TYPES } from '$lib/core/relations/defaults';
import { commitEdits } from '$lib/db/commit';
import type { SpanwiseDB } from '$lib/db';
import type { Workspace } from './workspace.svelte';

export function fakeWorkspace(db: SpanwiseDB, options: { annotator?: string; relationTypes?: readonly RelationType[]; errors?: 'collect' | 'throw' } = {}) {
	const writes: Promise<unknown>[] = [];
	const infos: string[] = [];
	let revision = 0;
	const error = (m: string) => {
		if (options.errors === 'throw') throw new Error(m);
		infos.push(m);
	};
	const workspace = {
		db,
		annotator: options.annotator ?? 'ann',
		snapWords: true,
		relationTypes: options.relationTypes ?? DEFAULT_RELATION_TYPES,
		labelForKey: () => undefined,
		notices: { info: (m: string) => void infos.push(m), error, show: () => {} },
		snapshots: { schedule: () => {} },
		saver: { pending: 0 },
		committedRevision: () => revision,
		onConflict: () => () => {},
		followArticleRow: () => () => {},
		articleRow: () => undefined,
		persistEdits(articleId: string, edits: readonly AnnotationEdit[]) {
			const write = commitEdits(db, articleId, edits, Date.now()).then((r) => (revision = r));
			writes.push(write);
			return write;
		}
	} as unknown as Workspace;
	/** Settles once every write made so far is in. */
	const written = () => Promise.all(writes);
	return { workspace, infos, written };
}
