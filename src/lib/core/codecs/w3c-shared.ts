/**
 * What the W3C Web Annotation codec's parts share (w3c.ts reads and writes collections and span
 * annotations, w3c-links.ts the linking annotations of relations): the context and URN prefix,
 * the annotation schema, and reading bodies and creators.
 */
import * as v from 'valibot';
import type { Article, Relation, Span } from '../types';
import type { TextIndex } from './anchor';
import { issuePath } from './spanwise-schema';
import { expected, isObject } from './json';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Prefix that makes span and article ids IRIs. */
export const SPANWISE_URN = 'urn:spanwise:';

export const NonEmptyString = v.pipe(v.string(expected('a string')), v.check((s) => s.trim() !== '', 'must not be empty'));
export const Timestamp = v.pipe(
	v.union([v.number(), v.string()], expected('an ISO 8601 date')),
	v.transform((value) => (typeof value === 'number' ? value : Date.parse(value))),
	v.check((ms) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15, 'is not a valid date')
);
export const JsonObject = v.custom<Record<string, unknown>>(
	(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
	(issue) => `expected an object, got ${issue.received}`
);


export const AnnotationSchema = v.object(
	{
		id: v.nullish(v.string(expected('a string'))),
		creator: v.optional(v.unknown()),
		created: v.nullish(Timestamp),
		modified: v.nullish(Timestamp),
		body: v.optional(v.unknown()),
		bodyValue: v.nullish(v.string(expected('a string'))),
		target: v.union([v.string(), JsonObject, v.array(v.unknown())], expected('an object'))
	},
	expected('an object')
);


/** `where.path: message` for a schema issue found inside `where`. */
export function issueAt(where: string, issue: v.BaseIssue<unknown>): string {
	const path = issuePath(issue);
	const message = issue.received === 'undefined' ? 'is missing' : issue.message;
	const full = [where, path].filter((part) => part !== '').join('.');
	return full === '' ? message : `${full}: ${message}`;
}

/** True when a JSON-LD `type` (a string or a list) is or includes `name`. */
export function hasType(value: unknown, name: string): boolean {
	return value === name || (Array.isArray(value) && value.includes(name));
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** An article being filled with the spans of the annotations that point at it, and their relations. */
export interface Entry {
	readonly article: Article;
	readonly index: TextIndex;
	readonly spans: Span[];
	readonly ids: Set<string>;
	/** Span id of each (start, end, label, annotator) read. */
	readonly keys: Map<string, string>;
	readonly relations: Relation[];
	readonly relationKeys: Set<string>;
	/** Ids of `relations`. */
	readonly relationIds: Set<string>;
}

/** Where each span annotation of the import went, by its annotation id as written (an IRI). */
export type SpanTargets = Map<string, { readonly entry: Entry; readonly span: string; readonly annotator: string }>;

/** The tag and the note of an annotation's bodies: tagging bodies first, then any non-commenting text. */
export function bodiesOf(body: unknown, bodyValue: string | null | undefined): { label?: string; note?: string } {
	const texts = (Array.isArray(body) ? body : [body]).filter(
		(b): b is Record<string, unknown> => isObject(b) && typeof b.value === 'string'
	);
	const purpose = (b: Record<string, unknown>, name: string) => hasType(b.purpose, name);
	const tag =
		texts.find((b) => purpose(b, 'tagging') || purpose(b, 'classifying') || purpose(b, 'identifying')) ??
		texts.find((b) => !purpose(b, 'commenting'));
	const comment = texts.find((b) => purpose(b, 'commenting'));
	const label = (tag?.value as string | undefined) ?? bodyValue ?? undefined;
	return { label: label?.trim() === '' ? undefined : label, note: comment?.value as string | undefined };
}

export function creatorOf(creator: unknown, fallback: string): string {
	const first = Array.isArray(creator) ? creator[0] : creator;
	if (isObject(first)) {
		for (const key of ['name', 'nickname', 'email', 'id']) {
			const value = first[key];
			if (typeof value === 'string' && value.trim() !== '') return value;
		}
	}
	return typeof first === 'string' && first.trim() !== '' ? first : fallback;
}
