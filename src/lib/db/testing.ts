/**
 * Test helpers for `src/lib/db/*.test.ts`: a fresh, isolated fake IndexedDB per call, and small builders.
 * Never imported by app code.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Article, ArticleRecord, Span } from '$lib/core/types';
import { openDatabase, type SpanwiseDB } from './database';

let opened = 0;

/** A database of its own, in a fake IndexedDB nobody else sees. */
export function freshDb(): SpanwiseDB {
	opened += 1;
	return openDatabase(`spanwise-test-${opened}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

export function makeArticle(id: string, text: string, fields: Partial<Article> = {}): Article {
	return {
		id,
		title: `Title ${id}`,
		text,
		source: 'test.jsonl',
		meta: { n: 1 },
		status: 'new',
		createdAt: 1000,
		updatedAt: 2000,
		...fields
	};
}

export function makeSpan(
	articleId: string,
	id: string,
	start: number,
	end: number,
	label = 'actor',
	fields: Partial<Span> = {}
): Span {
	return { id, articleId, start, end, label, annotator: 'ann', createdAt: 3000, updatedAt: 3000, ...fields };
}

/** An article `id` with text `text` and spans given as [start, end, label?]. */
export function makeRecord(
	id: string,
	text: string,
	spans: readonly (readonly [number, number, string?])[] = [],
	fields: Partial<Article> = {}
): ArticleRecord {
	return {
		article: makeArticle(id, text, fields),
		spans: spans.map(([start, end, label], i) => makeSpan(id, `${id}-s${i}`, start, end, label ?? 'actor'))
	};
}
