/**
 * Relations in W3C Web Annotation: one linking annotation per relation, whose two targets are the
 * span annotations of its ends, head first; `spanwise:head` / `spanwise:tail` say which is which (a
 * JSON-LD list of targets has no order) and `"spanwise:directed": false` marks a symmetric type. See
 * w3c.ts for the whole format.
 */
import * as v from 'valibot';
import type { Relation } from '../types';
import { quoteForMessage } from './anchor';
import type { CodecParseOptions, RelationTypeHint } from './codec';
import { addRelationOnce, readRelation } from './relations';
import { isObject } from './json';
import { ANNO_CONTEXT, AnnotationSchema, SPANWISE_URN, bodiesOf, creatorOf, hasType, issueAt, iso, type SpanTargets } from './w3c-shared';

const HEAD_KEY = 'spanwise:head';
const TAIL_KEY = 'spanwise:tail';
const DIRECTED_KEY = 'spanwise:directed';

/** Whether an annotation is a link between annotations: motivation `linking`, or two or more bare IRI targets. */
export function isLinking(raw: unknown): boolean {
	if (!isObject(raw)) return false;
	if (hasType(raw.motivation, 'linking')) return true;
	const { target } = raw;
	return Array.isArray(target) && target.length >= 2 && target.every((t) => typeof t === 'string' || (isObject(t) && t.selector === undefined && typeof t.id === 'string'));
}

/** The IRI a linking target names: a string, or an object's `id` (else its `source`). */
function targetIri(target: unknown): string | undefined {
	if (typeof target === 'string') return target;
	if (!isObject(target)) return undefined;
	const iri = typeof target.id === 'string' ? target.id : target.source;
	return typeof iri === 'string' ? iri : undefined;
}

/** Adds the relation of linking annotation number `n`, or returns what is wrong with it. */
export function readLink(raw: unknown, n: number, targets: SpanTargets, opts: CodecParseOptions, hints: RelationTypeHint[]): string | undefined {
	const fail = (message: string) => `annotation ${n}: ${message}`;
	const parsed = v.safeParse(AnnotationSchema, raw);
	if (!parsed.success) return fail(issueAt('', parsed.issues[0]));
	const annotation = parsed.output;
	const doc = raw as Record<string, unknown>;
	const given = Array.isArray(annotation.target) ? annotation.target : [annotation.target];
	if (given.length !== 2) return fail(`target: a link has ${given.length} target${given.length === 1 ? '' : 's'}; two are needed (its head and tail)`);
	const iris: string[] = [];
	for (const [i, target] of given.entries()) {
		const iri = targetIri(target);
		if (iri === undefined) return fail(`target[${i}]: expected the IRI of a span annotation`);
		iris.push(iri);
	}
	let [headIri, tailIri] = iris;
	const named = (key: string) => (typeof doc[key] === 'string' ? (doc[key] as string) : undefined);
	const head = named(HEAD_KEY);
	const tail = named(TAIL_KEY);
	if (head !== undefined || tail !== undefined) {
		if (head !== undefined && !iris.includes(head)) return fail(`${HEAD_KEY}: ${quoteForMessage(head)} is not one of the targets`);
		if (tail !== undefined && !iris.includes(tail)) return fail(`${TAIL_KEY}: ${quoteForMessage(tail)} is not one of the targets`);
		headIri = head ?? (iris[0] === tail ? iris[1] : iris[0]);
		tailIri = tail ?? (iris[0] === headIri ? iris[1] : iris[0]);
	}
	const ends = [headIri, tailIri].map((iri) => targets.get(iri));
	for (const [i, end] of ends.entries()) {
		if (!end) return fail(`target[${iris.indexOf([headIri, tailIri][i])}]: ${quoteForMessage([headIri, tailIri][i])} is not the id of a span annotation of the import`);
	}
	const [from, to] = ends as [NonNullable<(typeof ends)[0]>, NonNullable<(typeof ends)[0]>];
	if (from.entry !== to.entry) return fail(`target: the two ends are in different articles ("${from.entry.article.id}", "${to.entry.article.id}")`);
	const { label, note } = bodiesOf(annotation.body, annotation.bodyValue);
	if (label === undefined) return fail('body: has no relation type (a TextualBody with purpose "tagging")');
	const annotator = annotation.creator === undefined ? from.annotator : creatorOf(annotation.creator, opts.annotator);
	const wanted = annotation.id?.startsWith(SPANWISE_URN) ? annotation.id.slice(SPANWISE_URN.length) : annotation.id;
	const { entry } = from;
	const id = wanted != null && wanted.trim() !== '' && !entry.relationIds.has(wanted) ? wanted : undefined;
	const createdAt = annotation.created ?? opts.now;
	const relation = readRelation({ id, articleId: entry.article.id, label, head: from.span, tail: to.span, annotator, note, createdAt, updatedAt: annotation.modified ?? createdAt });
	if (addRelationOnce(entry.relations, entry.relationKeys, relation)) entry.relationIds.add(relation.id);
	hints.push({ name: label, directed: doc[DIRECTED_KEY] !== false, headLabels: [], tailLabels: [] });
	return undefined;
}


/** The linking annotation of a relation: its two targets are its span annotations, head first. */
export function linkOf(relation: Relation, symmetric: boolean): unknown {
	const tag = { type: 'TextualBody', purpose: 'tagging', value: relation.label };
	const head = `${SPANWISE_URN}${relation.head}`;
	const tail = `${SPANWISE_URN}${relation.tail}`;
	return {
		'@context': ANNO_CONTEXT,
		id: `${SPANWISE_URN}${relation.id}`,
		type: 'Annotation',
		motivation: 'linking',
		creator: { type: 'Person', name: relation.annotator },
		created: iso(relation.createdAt),
		modified: iso(relation.updatedAt),
		body: relation.note === undefined ? tag : [tag, { type: 'TextualBody', purpose: 'commenting', value: relation.note }],
		target: [head, tail],
		[HEAD_KEY]: head,
		[TAIL_KEY]: tail,
		...(symmetric ? { [DIRECTED_KEY]: false } : {})
	};
}
