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

/** The indexes of a set: by id, and relation ids by head and by tail. Owned by one set at a time. */
interface Index {
	readonly byId: Map<string, Relation>;
	readonly out: Map<string, string[]>;
	readonly in: Map<string, string[]>;
}

function link(index: Map<string, string[]>, key: string, id: string): void {
	const list = index.get(key);
	if (list) list.push(id);
	else index.set(key, [id]);
}

function unlink(index: Map<string, string[]>, key: string, id: string): void {
	const list = index.get(key);
	if (!list) return;
	const at = list.indexOf(id);
	if (at >= 0) list.splice(at, 1);
	if (list.length === 0) index.delete(key);
}

function indexOf(relations: readonly Relation[]): Index {
	const index: Index = { byId: new Map(), out: new Map(), in: new Map() };
	for (const relation of relations) {
		index.byId.set(relation.id, relation);
		link(index.out, relation.head, relation.id);
		link(index.in, relation.tail, relation.id);
	}
	return index;
}

/** One change of `RelationSet.change`: put a relation (add or replace by id), or delete one by id. */
export type RelationChange = { readonly put: Relation } | { readonly delete: string };

/**
 * An immutable set of relations, by id, with the ids of the relations at each span. Like SpanSet,
 * a set hands its indexes over to the set derived from it instead of copying them (the old set
 * rebuilds its own from its list if it is asked again), so a change costs a list copy, not a copy
 * of every index.
 */
export class RelationSet {
	static readonly empty: RelationSet = new RelationSet([], null);

	/** In the order they were added (a replaced relation keeps its place). */
	readonly #list: readonly Relation[];
	/** Null until needed, or after a derived set took it over. Only this cache ever changes, never what the set answers. */
	#index: Index | null;

	private constructor(list: readonly Relation[], index: Index | null) {
		this.#list = list;
		this.#index = index;
	}

	/** A set of `relations`; RangeError on a repeated id. */
	static from(relations: Iterable<Relation>): RelationSet {
		const list = [...relations];
		const index = indexOf(list);
		if (index.byId.size !== list.length) {
			const seen = new Set<string>();
			for (const r of list) {
				if (seen.has(r.id)) throw new RangeError(`relation id "${r.id}" appears twice`);
				seen.add(r.id);
			}
		}
		return new RelationSet(list, index);
	}

	#ensure(): Index {
		return (this.#index ??= indexOf(this.#list));
	}

	get size(): number {
		return this.#list.length;
	}

	has(id: string): boolean {
		return this.#ensure().byId.has(id);
	}

	get(id: string): Relation | undefined {
		return this.#ensure().byId.get(id);
	}

	/** Every relation, in the order they were added (the set's own list: do not change it). */
	all(): readonly Relation[] {
		return this.#list;
	}

	/** Relations whose head is span `spanId` (in the order they were added). */
	outgoing(spanId: string): Relation[] {
		const index = this.#ensure();
		return (index.out.get(spanId) ?? NONE).map((id) => index.byId.get(id) as Relation);
	}

	/** Relations whose tail is span `spanId`. */
	incoming(spanId: string): Relation[] {
		const index = this.#ensure();
		return (index.in.get(spanId) ?? NONE).map((id) => index.byId.get(id) as Relation);
	}

	/** Relations with span `spanId` at either end (a self-link once). */
	touching(spanId: string): Relation[] {
		const out = this.outgoing(spanId);
		return [...out, ...this.incoming(spanId).filter((r) => r.head !== spanId)];
	}

	/** Whether span `spanId` is an end of any relation (O(1)). */
	isLinked(spanId: string): boolean {
		const index = this.#ensure();
		return index.out.has(spanId) || index.in.has(spanId);
	}

	/** Number of relations at span `spanId` (either end). */
	degree(spanId: string): number {
		return this.touching(spanId).length;
	}

	/** The set with `relation` added; RangeError if its id is taken. */
	add(relation: Relation): RelationSet {
		if (this.has(relation.id)) throw new RangeError(`relation id "${relation.id}" is already in the set`);
		return this.change([{ put: relation }]);
	}

	/** The set without relation `id` (the same set when there is none). */
	remove(id: string): RelationSet {
		return this.has(id) ? this.change([{ delete: id }]) : this;
	}

	/** The set with relation `relation.id` replaced; RangeError if there is none; the same set if equal. */
	replace(relation: Relation): RelationSet {
		const old = this.get(relation.id);
		if (!old) throw new RangeError(`cannot replace relation "${relation.id}": it is not in the set`);
		return sameRelation(old, relation) ? this : this.change([{ put: relation }]);
	}

	/** The set after `changes`, in order; the same set for no changes. Takes this set's indexes over. */
	change(changes: readonly RelationChange[]): RelationSet {
		if (changes.length === 0) return this;
		const index = this.#ensure();
		this.#index = null;
		const list: (Relation | undefined)[] = this.#list.slice();
		let deleted = false;
		for (const change of changes) {
			const id = 'put' in change ? change.put.id : change.delete;
			const old = index.byId.get(id);
			if (old) {
				unlink(index.out, old.head, id);
				unlink(index.in, old.tail, id);
				index.byId.delete(id);
			}
			if ('put' in change) {
				index.byId.set(id, change.put);
				link(index.out, change.put.head, id);
				link(index.in, change.put.tail, id);
				if (old) list[list.indexOf(old)] = change.put;
				else list.push(change.put);
			} else if (old) {
				list[list.indexOf(old)] = undefined;
				deleted = true;
			}
		}
		return new RelationSet(deleted ? list.filter((r): r is Relation => r !== undefined) : (list as Relation[]), index);
	}
}
