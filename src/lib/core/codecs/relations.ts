/**
 * What every foreign codec does with relations: picking the relations it can write (both ends among
 * the spans it writes, else counted as left out), whether a type is symmetric, and building the
 * relations it reads. Losses go to the `SerializeReport` (serialize-report.ts), never silently.
 */
import { newId } from '../ids';
import type { ArticleRecord, Relation, Span } from '../types';
import type { CodecSerializeOptions, RelationTypeHint, SerializeReport } from './codec';
import { reportLoss } from './serialize-report';

/** A relation with its two end spans. */
export interface LinkedRelation {
	readonly relation: Relation;
	readonly head: Span;
	readonly tail: Span;
}

/**
 * The record's relations whose two ends are among `spans` (ids of `spans`, default the record's),
 * with those ends, in the record's order. Each one left out is counted as `relation-dangling`.
 */
export function linkedRelations(record: ArticleRecord, report?: SerializeReport, spans: readonly Span[] = record.spans): LinkedRelation[] {
	const relations = record.relations ?? [];
	if (relations.length === 0) return [];
	const byId = new Map(spans.map((span) => [span.id, span]));
	const out: LinkedRelation[] = [];
	for (const relation of relations) {
		const head = byId.get(relation.head);
		const tail = byId.get(relation.tail);
		if (head && tail) out.push({ relation, head, tail });
		else reportLoss(report, 'relation-dangling');
	}
	return out;
}

/** Whether `opts.relationTypes` says the type `name` is symmetric (unknown types are directed). */
export function isSymmetric(opts: Pick<CodecSerializeOptions, 'relationTypes'>, name: string): boolean {
	return opts.relationTypes?.some((type) => type.name === name && !type.directed) ?? false;
}

/**
 * For a format with directed links only and no notes on them: counts what `linked` loses
 * (`relation-note`, and `relation-direction` for symmetric types).
 */
export function reportDirectedOnly(linked: readonly LinkedRelation[], opts: CodecSerializeOptions, notes: 'kept' | 'lost'): void {
	for (const { relation } of linked) {
		if (notes === 'lost' && relation.note !== undefined) reportLoss(opts.report, 'relation-note');
		if (isSymmetric(opts, relation.label)) reportLoss(opts.report, 'relation-direction');
	}
}

/** A relation read from a file: a new id unless the file has one, timestamps `at`. */
export function readRelation(given: {
	readonly id?: string;
	readonly articleId: string;
	readonly label: string;
	readonly head: string;
	readonly tail: string;
	readonly annotator: string;
	readonly note?: string;
	readonly createdAt: number;
	readonly updatedAt?: number;
}): Relation {
	return {
		id: given.id ?? newId('r'),
		articleId: given.articleId,
		label: given.label,
		head: given.head,
		tail: given.tail,
		annotator: given.annotator,
		...(given.note === undefined ? {} : { note: given.note }),
		createdAt: given.createdAt,
		updatedAt: given.updatedAt ?? given.createdAt
	};
}

/**
 * Adds `relation` to `into` unless one with the same type, ends and annotator is there already
 * (a file that repeats a link, or lines that merge): returns whether it was added.
 */
export function addRelationOnce(into: Relation[], keys: Set<string>, relation: Relation): boolean {
	const key = JSON.stringify([relation.label, relation.head, relation.tail, relation.annotator]);
	if (keys.has(key)) return false;
	keys.add(key);
	into.push(relation);
	return true;
}

/** The record, with `relations` only when there are any (absent = none, as the model says). */
export function withRelations<T extends { readonly spans: readonly Span[] }>(record: T, relations: readonly Relation[]): T & { relations?: Relation[] } {
	return relations.length === 0 ? record : { ...record, relations: [...relations] };
}

/** Type hints merged by name: a type is symmetric if any file says so; labels are united. */
export function mergeTypeHints(hints: readonly RelationTypeHint[]): RelationTypeHint[] {
	const byName = new Map<string, RelationTypeHint>();
	for (const hint of hints) {
		const known = byName.get(hint.name);
		byName.set(
			hint.name,
			known
				? {
						name: hint.name,
						directed: known.directed && hint.directed,
						headLabels: [...new Set([...known.headLabels, ...hint.headLabels])],
						tailLabels: [...new Set([...known.tailLabels, ...hint.tailLabels])]
					}
				: hint
		);
	}
	return [...byName.values()];
}
