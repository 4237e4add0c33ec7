/**
 * Which relations the article view draws, as data: the display modes, what each shows, and the
 * default for an article. The layout (`arcs.ts`) and the overlay read this table; a settings menu
 * can list the modes from it.
 */

/** How relations are shown over the text. */
export type RelationDisplayMode = 'all' | 'selected' | 'none';

export interface RelationDisplayPolicy {
	/** What the mode is called in menus. */
	readonly title: string;
	/** Which arcs are drawn: every one in view, only the selected span's (and the selected relation), or none. */
	readonly arcs: 'all' | 'selected' | 'none';
	/** Whether spans whose links are not drawn carry a badge with their count of links. */
	readonly badges: boolean;
}

/** The modes, in menu order. */
export const RELATION_DISPLAY_MODES: Readonly<Record<RelationDisplayMode, RelationDisplayPolicy>> = {
	all: { title: 'All relations', arcs: 'all', badges: false },
	selected: { title: 'Selected span’s relations', arcs: 'selected', badges: true },
	none: { title: 'No relations (counts only)', arcs: 'none', badges: true }
};

/** Above this many relations in one article, only the selected span's are drawn by default. */
export const ALL_RELATIONS_LIMIT = 200;

/** The mode an article opens in when the user has not chosen one: `selected` above 200 relations, else `all`. */
export function defaultDisplayMode(relationCount: number): RelationDisplayMode {
	return relationCount > ALL_RELATIONS_LIMIT ? 'selected' : 'all';
}

/** The ends of a relation, as far as display is concerned. */
export interface RelationEnds {
	readonly id: string;
	readonly head: string;
	readonly tail: string;
}

/**
 * Whether `relation` is drawn as an arc in `mode`, given the selected span and relation: in
 * `selected` mode, the relations of the selected span and the selected relation itself.
 */
export function isDrawn(mode: RelationDisplayMode, relation: RelationEnds, selectedSpanId: string | null, selectedRelationId: string | null = null): boolean {
	const { arcs } = RELATION_DISPLAY_MODES[mode];
	if (arcs === 'all') return true;
	if (arcs === 'none') return false;
	return relation.id === selectedRelationId || (selectedSpanId !== null && (relation.head === selectedSpanId || relation.tail === selectedSpanId));
}

/**
 * How many relations each span takes part in (as head or tail; a relation from a span to itself
 * counts once), for the count badges. Spans without links are absent.
 */
export function linkCounts(relations: Iterable<RelationEnds>): Map<string, number> {
	const counts = new Map<string, number>();
	for (const r of relations) {
		counts.set(r.head, (counts.get(r.head) ?? 0) + 1);
		if (r.tail !== r.head) counts.set(r.tail, (counts.get(r.tail) ?? 0) + 1);
	}
	return counts;
}
