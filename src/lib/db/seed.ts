/** First-run content: the default labels and the sample articles. */
import type { ArticleRecord } from '$lib/core/types';
import type { SpanwiseDB } from './database';
import { ensureLabelRows } from './labels';
import { emptyReport, writeRecords } from './merge';
import { checkRecord } from './rows';

/** The settings key set once the database has been seeded (or found already in use). */
export const SEEDED_KEY = 'seeded';

/**
 * Seeds a database that was never seeded and has no articles, in one transaction (so two tabs cannot
 * both seed): stores DEFAULT_LABELS if no labels are stored, then `records`, then sets `seeded`.
 * Returns whether it seeded. A database that has articles but was never seeded gets `seeded` set
 * without seeding, so a user who later deletes every article does not get the samples back.
 * Throws RangeError, writing nothing, if a record is invalid (see `createArticles`).
 */
export async function seedIfEmpty(db: SpanwiseDB, records: readonly ArticleRecord[]): Promise<boolean> {
	records.forEach(checkRecord);
	return db.transaction('rw', [db.settings, db.articles, db.texts, db.spans, db.relations, db.labels, db.relationTypes, db.snapshots], async () => {
		if ((await db.settings.get(SEEDED_KEY)) !== undefined) return false;
		const hasArticles = (await db.articles.count()) > 0;
		await db.settings.put({ key: SEEDED_KEY, value: true });
		if (hasArticles) return false;
		await ensureLabelRows(db);
		await writeRecords(db, records, emptyReport(), Date.now());
		return true;
	});
}
