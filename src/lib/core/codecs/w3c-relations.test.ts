/**
 * W3C Web Annotation relations: linking annotations whose targets are span annotations, and the MUSTs
 * of the data model (§3.1 annotations, §5.1 collections, §5.2 pages) on everything the export writes.
 */
import { describe, expect, it } from 'vitest';
import { describeRelations } from '../testing/relations';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ANNO_CONTEXT, EXPORT_URN, w3cCodec } from './w3c';
import { emptySerializeReport } from './serialize-report';
import type { CodecParseOptions } from './codec';
import type { Article, ArticleRecord, Relation, Span } from '../types';

const OPTS: CodecParseOptions = { now: Date.UTC(2025, 0, 2), annotator: 'importer', source: '' };
const fixture = readFileSync(fileURLToPath(new URL('../../../../tests/fixtures/relations/w3c-linking.jsonld', import.meta.url)), 'utf8');

const TEXT = 'Ryder said the US sent 😀 aid.';
const ARTICLE: Article = { id: 'a-1', title: 'Ryder', text: TEXT, source: 'x.txt', meta: {}, status: 'done', createdAt: 0, updatedAt: 0 };
const span = (id: string, start: number, end: number, label: string, annotator = 'maria'): Span => ({ id, articleId: 'a-1', start, end, label, annotator, createdAt: 0, updatedAt: 0 });
const relation = (id: string, label: string, head: string, tail: string, extra: Partial<Relation> = {}): Relation => ({
	id, articleId: 'a-1', label, head, tail, annotator: 'maria', createdAt: 0, updatedAt: 0, ...extra
});
const SPANS = [span('s-actor', 0, 5, 'actor'), span('s-claim', 11, 29, 'claim'), span('s-us', 11, 17, 'actor')];
const RELATIONS = [relation('r-1', 'source', 's-claim', 's-actor', { note: 'quoted' }), relation('r-2', 'same_as', 's-us', 's-actor')];

const serialize = (records: ArticleRecord[], opts: Parameters<typeof w3cCodec.serialize>[1] = {}) => [...w3cCodec.serialize(records, opts)].map((c) => c.data).join('');
const parse = (content: string) => w3cCodec.parse([{ name: 'links.jsonld', content }], OPTS);

const described = (record: ArticleRecord): string[] => describeRelations(record, { annotator: true, note: true });

/** An IRI as the model needs for `id`: a scheme, a colon, something after it. */
const isIri = (value: unknown) => typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value);
const hasContext = (value: unknown) => value === ANNO_CONTEXT || (Array.isArray(value) && value.includes(ANNO_CONTEXT));
const typed = (value: unknown, name: string) => value === name || (Array.isArray(value) && value.includes(name));

/** Every MUST of the data model broken by a collection document, as messages (empty when it meets them all). */
function mustViolations(doc: any): string[] {
	const out: string[] = [];
	if (!hasContext(doc['@context'])) out.push('collection: @context');
	if (!isIri(doc.id)) out.push('collection: id');
	if (!typed(doc.type, 'AnnotationCollection')) out.push('collection: type');
	if (doc.total !== undefined && !(Number.isInteger(doc.total) && doc.total >= 0)) out.push('collection: total');
	const items: any[] = doc.first?.items ?? [];
	if (items.length > 0 && doc.first === undefined) out.push('collection: first');
	if (doc.total !== undefined && doc.total !== items.length) out.push('collection: total counts the annotations');
	if (doc.first !== undefined) {
		if (!isIri(doc.first.id)) out.push('page: id');
		if (!typed(doc.first.type, 'AnnotationPage')) out.push('page: type');
		if (!Array.isArray(doc.first.items)) out.push('page: items');
		if (doc.first.partOf !== undefined && doc.first.partOf !== doc.id) out.push('page: partOf');
	}
	const ids = new Set<string>();
	for (const [i, a] of items.entries()) {
		if (!hasContext(a['@context'])) out.push(`item ${i}: @context`);
		if (!isIri(a.id)) out.push(`item ${i}: id`);
		if (ids.has(a.id)) out.push(`item ${i}: id repeated`);
		ids.add(a.id);
		if (!typed(a.type, 'Annotation')) out.push(`item ${i}: type`);
		if (a.target === undefined || (Array.isArray(a.target) && a.target.length === 0)) out.push(`item ${i}: target`);
	}
	for (const [i, a] of items.entries()) {
		if (a.motivation === 'linking') {
			for (const t of a.target) if (!ids.has(t.id ?? t)) out.push(`item ${i}: target ${t.id ?? t} is no annotation of the collection`);
		}
	}
	return out;
}

describe('W3C relations: reading linking annotations', () => {
	it('reads links before or after their targets, targets as objects or IRIs, head and tail by spanwise:head or target order', () => {
		const { records, errors, relationTypes } = parse(fixture);
		expect(errors).toEqual([]);
		expect(described(records[0])).toEqual(['same_as actor:the US → actor:Ryder (ines)', 'source claim:the US sent 😀 aid → actor:Ryder (ines) [reported speech]']);
		expect(relationTypes?.map((t) => [t.name, t.directed])).toEqual([['source', true], ['same_as', true]]);
	});

	it('a target that is no span annotation of the import is an error naming the annotation and the target', () => {
		const bad = fixture.replace('{"id": "https://annotations.example.org/anno/actor-1"}', '{"id": "urn:x:gone"}');
		const { records, errors } = parse(bad);
		expect(errors).toEqual([{ file: 'links.jsonld', line: 1, message: 'annotation 1: target[1]: "urn:x:gone" is not the id of a span annotation of the import' }]);
		expect(described(records[0])).toEqual(['same_as actor:the US → actor:Ryder (ines)']);
		const three = fixture.replace('"target": ["https://annotations.example.org/anno/actor-1", ', '"target": ["https://annotations.example.org/anno/claim-1", "https://annotations.example.org/anno/actor-1", ');
		expect(parse(three).errors[0].message).toBe('annotation 5: target: a link has 3 targets; two are needed (its head and tail)');
		const untyped = fixture.replace('"bodyValue": "same_as",', '');
		expect(parse(untyped).errors[0].message).toBe('annotation 5: body: has no relation type (a TextualBody with purpose "tagging")');
	});
});

describe('W3C relations: writing', () => {
	it('writes one linking annotation per relation, targets head first, with its note and type', () => {
		const report = emptySerializeReport();
		const doc = JSON.parse(serialize([{ article: ARTICLE, spans: SPANS, relations: [...RELATIONS, relation('r-3', 'source', 's-claim', 'gone')] }], { report, relationTypes: [{ name: 'same_as', directed: false, headLabels: [], tailLabels: [] }] }));
		const links = doc.first.items.filter((a: any) => a.motivation === 'linking');
		expect(links).toEqual([
			{
				'@context': ANNO_CONTEXT,
				id: 'urn:spanwise:r-1',
				type: 'Annotation',
				motivation: 'linking',
				creator: { type: 'Person', name: 'maria' },
				created: '1970-01-01T00:00:00.000Z',
				modified: '1970-01-01T00:00:00.000Z',
				body: [
					{ type: 'TextualBody', purpose: 'tagging', value: 'source' },
					{ type: 'TextualBody', purpose: 'commenting', value: 'quoted' }
				],
				target: ['urn:spanwise:s-claim', 'urn:spanwise:s-actor'],
				'spanwise:head': 'urn:spanwise:s-claim',
				'spanwise:tail': 'urn:spanwise:s-actor'
			},
			expect.objectContaining({ id: 'urn:spanwise:r-2', target: ['urn:spanwise:s-us', 'urn:spanwise:s-actor'], 'spanwise:directed': false })
		]);
		expect(report.lost).toEqual({ 'relation-dangling': 1 });
	});

	it('meets the MUSTs of the data model: collection and page ids, @context, id, type and target on every annotation, total', () => {
		const doc = JSON.parse(serialize([{ article: ARTICLE, spans: SPANS, relations: RELATIONS }]));
		expect(mustViolations(doc)).toEqual([]);
		expect(doc.id).toMatch(new RegExp(`^${EXPORT_URN}[0-9a-f]{16}$`));
		expect(doc.first).toMatchObject({ id: `${doc.id}:page-1`, type: 'AnnotationPage', partOf: doc.id, startIndex: 0 });
		expect(doc.last).toBe(doc.first.id);
		expect(doc.total).toBe(5);
		// The checker can fail: a collection without an id, and a link to nothing, break MUSTs.
		expect(mustViolations({ ...doc, id: undefined })).toEqual(['collection: id', 'page: partOf']);
		const { '@context': _context, ...noContext } = doc;
		expect(mustViolations(noContext)).toEqual(['collection: @context']);
		expect(mustViolations({ ...doc, first: { ...doc.first, items: [...doc.first.items, { ...doc.first.items[3], id: 'urn:x:1', target: ['urn:spanwise:s-gone', 'urn:spanwise:s-us'] }] } })).toEqual([
			'collection: total counts the annotations',
			'item 5: target urn:spanwise:s-gone is no annotation of the collection'
		]);
		// The other tool's file of the fixture meets them too.
		expect(mustViolations(JSON.parse(fixture))).toEqual([]);
	});

	it('gives the same export the same collection id, and another export another', () => {
		const record: ArticleRecord = { article: ARTICLE, spans: SPANS, relations: RELATIONS };
		const id = (records: ArticleRecord[]) => JSON.parse(serialize(records)).id;
		expect(id([record])).toBe(id([record]));
		expect(id([record])).not.toBe(id([{ ...record, relations: RELATIONS.slice(0, 1) }]));
		expect(id([])).toMatch(new RegExp(`^${EXPORT_URN}`));
		expect(mustViolations(JSON.parse(serialize([])))).toEqual([]);
	});

	it('round-trips relations with ids, notes, annotators and timestamps, and the MUSTs hold for random records', () => {
		const record: ArticleRecord = { article: ARTICLE, spans: SPANS, relations: RELATIONS.map((r, i) => ({ ...r, createdAt: 1000 * i, updatedAt: 5000 })) };
		const { records, errors } = parse(serialize([record]));
		expect(errors).toEqual([]);
		expect(records[0].relations).toEqual(record.relations);
		const ids = SPANS.map((s) => s.id);
		const link = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids), fc.constantFrom('source', 'about')).filter(([head, tail]) => head !== tail);
		fc.assert(
			fc.property(fc.uniqueArray(link, { maxLength: 5, selector: (l) => l.join(' ') }), (pairs) => {
				const relations = pairs.map(([head, tail, label], i) => relation(`r-${i}`, label, head, tail));
				const doc = JSON.parse(serialize([{ article: ARTICLE, spans: SPANS, relations }]));
				expect(mustViolations(doc)).toEqual([]);
				expect(parse(JSON.stringify(doc)).records[0].relations ?? []).toEqual(relations);
			}),
			{ numRuns: 50 }
		);
	});
});
