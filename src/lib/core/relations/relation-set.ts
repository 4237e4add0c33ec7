/**
 * The relations of one article and layer as an immutable set, indexed by id and by the spans they
 * link (outgoing from a head, incoming to a tail): what the side panel lists and what a span delete
 * cascades over. A batch of changes copies the indexes once, so the cost is per batch, not per edit,
 * and a span edit never touches it.
 */
import type { Relation } from '../types';

const NONE: readonly string[] = [];

function sameRelation(a: Relation, b: Relation): boolean {
	return (
		a.id === b.id &&
		a.articleId === b.articleId &&
		a.label === b.label &&
		a.head === b.head &&
		a.tail === b.tail &&
		a.annotator === b.annotator &&
		a.note === b.note &&
		a.createdAt === b.createdAt &&
		a.updatedAt === b.updatedAt
	);
}

/** Appends `id` to the list of `key` (a fresh array: lists are shared between sets). */
function link(index: Map<string, readonly string[]>, key: string, id: string): void {
	index.set(key, [...(index.get(key) ?? NONE), id]);
}

function unlink(index: Map<string, readonly string[]>, key: string, id: string): void {
	const list = (index.get(key) ?? NONE).filter((x) => x !== id);
	if (list.length === 0) index.delete(key);
	else index.set(key, list);
}

/** One change of `RelationSet.change`: put a relation (add or replace by id), or delete one by id. */
export type RelationChange = { readonly put: Relation } | { readonly delete: string };

/** An immutable set of relations, by id, with the ids of the relations at each span. */
export class RelationSet {
	static readonly empty: RelationSet = new RelationSet(new Map(), new Map(), new Map());

	readonly #byId: ReadonlyMap<string, Relation>;
	readonly #out: ReadonlyMap<string, readonly string[]>;
	readonly #in: ReadonlyMap<string, readonly string[]>;

	private constructor(byId: ReadonlyMap<string, Relation>, out: ReadonlyMap<string, readonly string[]>, inc: ReadonlyMap<string, readonly string[]>) {
		this.#byId = byId;
		this.#out = out;
		this.#in = inc;
	}

	/** A set of `relations`; RangeError on a repeated id. */
	static from(relations: Iterable<Relation>): RelationSet {
		const changes: RelationChange[] = [];
		const seen = new Set<string>();
		for (const relation of relations) {
			if (seen.has(relation.id)) throw new RangeError(`relation id "${relation.id}" appears twice`);
			seen.add(relation.id);
			changes.push({ put: relation });
		}
		return RelationSet.empty.change(changes);
	}

	get size(): number {
		return this.#byId.size;
	}

	has(id: string): boolean {
		return this.#byId.has(id);
	}

	get(id: string): Relation | undefined {
		return this.#byId.get(id);
	}

	/** Every relation, in the order they were added. */
	all(): Relation[] {
		return [...this.#byId.values()];
	}

	/** Relations whose head is span `spanId` (in the order they were added). */
	outgoing(spanId: string): Relation[] {
		return (this.#out.get(spanId) ?? NONE).map((id) => this.#byId.get(id) as Relation);
	}

	/** Relations whose tail is span `spanId`. */
	incoming(spanId: string): Relation[] {
		return (this.#in.get(spanId) ?? NONE).map((id) => this.#byId.get(id) as Relation);
	}

	/** Relations with span `spanId` at either end (a self-link once). */
	touching(spanId: string): Relation[] {
		const out = this.outgoing(spanId);
		return [...out, ...this.incoming(spanId).filter((r) => r.head !== spanId)];
	}

	/** Whether span `spanId` is an end of any relation (O(1)). */
	isLinked(spanId: string): boolean {
		return this.#out.has(spanId) || this.#in.has(spanId);
	}

	/** Number of relations at span `spanId` (either end). */
	degree(spanId: string): number {
		return this.touching(spanId).length;
	}

	/** The set with `relation` added; RangeError if its id is taken. */
	add(relation: Relation): RelationSet {
		if (this.#byId.has(relation.id)) throw new RangeError(`relation id "${relation.id}" is already in the set`);
		return this.change([{ put: relation }]);
	}

	/** The set without relation `id` (the same set when there is none). */
	remove(id: string): RelationSet {
		return this.#byId.has(id) ? this.change([{ delete: id }]) : this;
	}

	/** The set with relation `relation.id` replaced; RangeError if there is none; the same set if equal. */
	replace(relation: Relation): RelationSet {
		const old = this.#byId.get(relation.id);
		if (!old) throw new RangeError(`cannot replace relation "${relation.id}": it is not in the set`);
		return sameRelation(old, relation) ? this : this.change([{ put: relation }]);
	}

	/** The set after `changes`, in order, with the indexes copied once; the same set for no changes. */
	change(changes: readonly RelationChange[]): RelationSet {
		if (changes.length === 0) return this;
		const byId = new Map(this.#byId);
		const out = new Map(this.#out);
		const inc = new Map(this.#in);
		for (const change of changes) {
			const id = 'put' in change ? change.put.id : change.delete;
			const old = byId.get(id);
			if (old) {
				unlink(out, old.head, id);
				unlink(inc, old.tail, id);
				byId.delete(id);
			}
			if ('put' in change) {
				byId.set(id, change.put);
				link(out, change.put.head, id);
				link(inc, change.put.tail, id);
			}
		}
		return new RelationSet(byId, out, inc);
	}
}
