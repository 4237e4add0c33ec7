/** Importing exports that share span and relation ids: relations keep their ends, whatever ids had to change. */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Relation, Span } from '$lib/core/types';
import { createArticles, readArticle } from './articles';
import { listRelationTypes } from './relations';
import { freshDb, makeArticle, makeSpan } from './testing';

const TEXT = 'The minister said unemployment fell to 4.2 percent.';
const OTHER = 'Ana told reporters the bridge would reopen in May.';

function rel(articleId: string, id: string, head: string, tail: string, annotator: string): Relation {
	return { id, articleId, label: 'source', head, tail, annotator, createdAt: 5, updatedAt: 5 };
}
function exportOf(articleId: string, text: string, annotator: string, claim: [number, number], actor: [number, number]): ArticleRecord {
	// Both teammates started from one pre-annotated file: same span ids, same relation id.
	const spans: Span[] = [makeSpan(articleId, 's-claim', claim[0], claim[1], 'claim', { annotator }), makeSpan(articleId, 's-actor', actor[0], actor[1], 'actor', { annotator })];
	return { article: makeArticle(articleId, text), spans, relations: [rel(articleId, 'r-1', 's-claim', 's-actor', annotator)] };
}

/** Each relation of the article as [annotator, head span's text, tail span's text]. */
async function links(db: ReturnType<typeof freshDb>, id: string) {
	const read = (await readArticle(db, id))!;
	const byId = new Map(read.spans.map((s) => [s.id, s]));
	const text = (s: string) => read.article.text.slice(byId.get(s)!.start, byId.get(s)!.end);
	return read.relations.map((r) => [r.annotator, text(r.head), text(r.tail)]).sort();
}

describe('merging exports with relations', () => {
	it('adds the relation types an import brings that the workspace lacks, once, and keeps those it has', async () => {
		const db = freshDb();
		const record = exportOf('a', TEXT, 'maria', [13, 51], [4, 12]);
		const quantity = { ...record.relations![0], id: 'r-2', label: 'quantity' };
		await createArticles(db, [{ ...record, relations: [...record.relations!, quantity] }]);
		await createArticles(db, [{ ...exportOf('b', OTHER, 'maria', [19, 50], [0, 3]), relations: [{ ...rel('b', 'r-3', 's-claim', 's-actor', 'maria'), label: 'quantity' }] }]);
		const types = await listRelationTypes(db);
		expect(types.map((t) => t.name)).toEqual(['source', 'quantity']);
		expect(types[0].onePerHead).toBe(true);
		expect(types[1]).toMatchObject({ hotkey: '', headLabels: [], tailLabels: [], directed: true, onePerHead: false });
		expect(types[1].color).toMatch(/^#[0-9a-f]{6}$/i);
		expect(types[1].color).not.toBe(types[0].color);
	});

	it('keeps each teammate’s relation on their own spans when span and relation ids clash', async () => {
		const db = freshDb();
		await createArticles(db, [exportOf('a', TEXT, 'maria', [13, 51], [4, 12])]);
		const report = await createArticles(db, [exportOf('a', TEXT, 'jon', [18, 51], [0, 12])]);
		expect(report).toMatchObject({ merged: 1, spansAdded: 2, spanIdsRenewed: 2, relationsAdded: 1, relationIdsRenewed: 1, relationsDropped: [] });
		expect(await links(db, 'a')).toEqual([
			['jon', 'unemployment fell to 4.2 percent.', 'The minister'],
			['maria', 'said unemployment fell to 4.2 percent.', 'minister']
		]);
		// Importing Jon's export again adds nothing: his spans and relation are there under their new ids.
		const again = await createArticles(db, [exportOf('a', TEXT, 'jon', [18, 51], [0, 12])]);
		expect(again).toMatchObject({ spansAdded: 0, spansSkipped: 2, relationsAdded: 0, relationsSkipped: 1 });
	});

	it('renews span and relation ids taken by another article, and the relation follows its renewed ends', async () => {
		const db = freshDb();
		await createArticles(db, [exportOf('a', TEXT, 'maria', [13, 51], [4, 12])]);
		// Another article whose export reuses the same span and relation ids.
		const report = await createArticles(db, [exportOf('b', OTHER, 'maria', [4, 50], [0, 3])]);
		expect(report).toMatchObject({ added: 1, spanIdsRenewed: 2, relationIdsRenewed: 1, relationsAdded: 1 });
		expect(await links(db, 'b')).toEqual([['maria', 'told reporters the bridge would reopen in May.', 'Ana']]);
		expect(await links(db, 'a')).toEqual([['maria', 'said unemployment fell to 4.2 percent.', 'minister']]);
	});
});
