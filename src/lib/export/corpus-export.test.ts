/** The library export (and backup) writes relations, per layer when asked, and a backup re-imports them exactly. */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Relation } from '$lib/core/types';
import { parseSpanwiseJsonl } from '$lib/core/codecs/spanwise';
import { parseBackupHeader } from '$lib/core/codecs/backup';
import { createArticles, readArticle } from '$lib/db/articles';
import { listRelations } from '$lib/db/relations';
import { freshDb, makeArticle, makeSpan } from '$lib/db/testing';
import { exportCorpus } from './corpus-export';

const TEXT = 'The minister said unemployment fell.';

function rel(id: string, head: string, tail: string, annotator: string): Relation {
	return { id, articleId: 'a', label: 'source', head, tail, annotator, createdAt: 7, updatedAt: 8 };
}

const record: ArticleRecord = {
	article: makeArticle('a', TEXT),
	spans: [makeSpan('a', 'p', 4, 12, 'actor'), makeSpan('a', 'c', 13, 36, 'claim'), makeSpan('a', 'p2', 4, 12, 'actor', { annotator: 'li' }), makeSpan('a', 'c2', 13, 36, 'claim', { annotator: 'li' })],
	relations: [rel('r1', 'c', 'p', 'ann'), rel('r2', 'c2', 'p2', 'li')]
};

describe('exportCorpus with relations', () => {
	it('writes every relation, or one layer’s, and export → import gives them back exactly', async () => {
		const db = freshDb();
		await createArticles(db, [record]);
		const all = await exportCorpus(db, { format: 'spanwise', baseName: 'all' });
		const parsed = parseSpanwiseJsonl(await all.blob.text(), { now: 0, annotator: 'x', source: 'y' });
		expect(parsed.errors).toEqual([]);
		expect(parsed.records[0].relations?.map((r) => r.id)).toEqual(['r1', 'r2']);

		const li = await exportCorpus(db, { format: 'spanwise', baseName: 'li', annotator: 'li' });
		const liRecord = JSON.parse((await li.blob.text()).trim());
		expect(liRecord.relations.map((r: { id: string }) => r.id)).toEqual(['r2']);

		const again = freshDb();
		await createArticles(again, parsed.records);
		const read = await readArticle(again, 'a');
		expect(read?.relations.sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(record.relations);
	});

	it('puts the relation types in a backup’s header', async () => {
		const db = freshDb();
		await createArticles(db, [record]);
		const backup = await exportCorpus(db, { format: 'spanwise', baseName: 'backup', backup: true });
		const [header, line] = (await backup.blob.text()).split('\n');
		expect(parseBackupHeader(header).ok?.relationTypes?.map((t) => t.name)).toEqual(['source']);
		expect(JSON.parse(line).relations).toHaveLength(2);
		expect(await listRelations(db, 'a')).toHaveLength(2);
	});
});
