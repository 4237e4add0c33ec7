/**
 * The data of arc layout: what the overlay measures and hands in, what comes out, and the sizes
 * used. Plain data only; `arcs.ts` computes it.
 */
import type { Box, Point } from './arcs-geometry';
import type { ArcLine } from './arcs-lines';
import type { RelationDisplayMode } from './arcs-display';

/** A span at one end of a relation, as the overlay measured it. */
export interface ArcEnd {
	readonly spanId: string;
	/** The span's text (quoted in names and end markers). */
	readonly text: string;
	/** Its start offset: tells whether an end that is not laid out lies above or below the view. */
	readonly start: number;
	/** Its line boxes in text order, relative to the text container; empty when not laid out. */
	readonly boxes: readonly Box[];
}

/** A relation to draw, with what the layout needs of its type. */
export interface ArcRelation {
	readonly id: string;
	readonly label: string;
	readonly head: string;
	readonly tail: string;
	readonly directed: boolean;
	readonly color: string;
}

/** Sizes in CSS pixels; the overlay measures the line gap and sets `maxLanes` from it. */
export interface ArcMetrics {
	/** From the top of a line's glyphs up to lane 0. */
	readonly laneBase: number;
	readonly lanePitch: number;
	/** How many lanes fit in the gap above a line. */
	readonly maxLanes: number;
	readonly chipHeight: number;
	/** Clearance kept between chips, between arcs in one lane and between runs on one track. */
	readonly gap: number;
	readonly trackPitch: number;
	readonly markerHeight: number;
	readonly maxMarkerWidth: number;
	/** End markers stacked at each edge of the view before the rest are counted on a "+n". */
	readonly maxMarkers: number;
	/** Ports keep this far inside a span's box. */
	readonly portInset: number;
	readonly arrowSize: number;
	readonly cornerRadius: number;
	/** How many code units of the other end's text an end marker quotes. */
	readonly quoteLength: number;
	/** How far above and below the view chips of lines at its edges may go (they scroll in with their lines). */
	readonly bleed: number;
}

export const DEFAULT_ARC_METRICS: ArcMetrics = {
	laneBase: 4,
	lanePitch: 6,
	maxLanes: 2,
	chipHeight: 12,
	gap: 2,
	trackPitch: 6,
	markerHeight: 18,
	maxMarkerWidth: 240,
	maxMarkers: 3,
	portInset: 2,
	arrowSize: 5,
	cornerRadius: 3,
	quoteLength: 28,
	bleed: 40
};

export interface ArcLayoutInput {
	/** Relations with at least one end in `ends` (the overlay gives those of the spans in view). */
	readonly relations: readonly ArcRelation[];
	/** Every span any of `relations` names, measured or not. */
	readonly ends: ReadonlyMap<string, ArcEnd>;
	/** The visible part of the container (its scrolled window), vertically. */
	readonly viewport: { readonly top: number; readonly bottom: number };
	/** The text column, horizontally. */
	readonly column: { readonly left: number; readonly right: number };
	/** The margin gutter: `near` next to the text, `far` its outer edge (left of `near` on the left side). */
	readonly gutter: { readonly side: 'left' | 'right'; readonly near: number; readonly far: number };
	readonly mode: RelationDisplayMode;
	readonly selectedSpanId: string | null;
	readonly selectedRelationId?: string | null;
	/**
	 * A link being made (`r`, then `]` / `[` or the pointer on the other end): drawn whatever the mode,
	 * before everything else, as a preview. Not counted on badges.
	 */
	readonly preview?: ArcRelation | null;
	/** Width of a chip (padding included) showing `text`. */
	readonly chipWidth: (text: string) => number;
	readonly metrics?: Partial<ArcMetrics>;
}

/** How an arc is emphasised: a link being made, the selected relation, one of the selected span's, or any other. */
export type ArcState = 'preview' | 'selected' | 'linked' | 'plain';

/** A chip box and the words in it. */
export interface Chip extends Box {
	readonly text: string;
}

export interface Arc {
	readonly relationId: string;
	readonly label: string;
	readonly color: string;
	readonly directed: boolean;
	/** In a lane above one line, through the gutter between lines, or to an end marker. */
	readonly route: 'line' | 'gutter' | 'off-view';
	/** The polyline from the head end to the tail end. */
	readonly points: readonly Point[];
	/** `points` as an SVG path with rounded corners. */
	readonly d: string;
	/** Arrow head at the tail (directed relations), else null. */
	readonly arrow: readonly Point[] | null;
	/** The type's chip; null only for a gutter run too crowded to hold one (the arc still carries `name`). */
	readonly chip: Chip | null;
	readonly state: ArcState;
	/** Accessible name: `source: “…” → “…”`. */
	readonly name: string;
}

/** Where a relation whose other end is out of view leaves the screen. */
export interface EndMarker extends Box {
	readonly relationId: string;
	/** The span to jump to. */
	readonly spanId: string;
	readonly edge: 'top' | 'bottom';
	/** What the marker shows: an arrow and the other end's text, cut short. */
	readonly text: string;
	readonly name: string;
	readonly color: string;
	readonly state: ArcState;
}

/** Arcs that did not fit (a line's lanes, the gutter's tracks, or an edge's markers), counted. */
export interface Overflow extends Box {
	readonly count: number;
	readonly relationIds: readonly string[];
	readonly text: string;
	readonly name: string;
}

/** How many links a span has, where its links are not drawn. */
export interface LinkBadge extends Box {
	readonly spanId: string;
	readonly count: number;
	readonly text: string;
	readonly name: string;
}

export interface ArcLayout {
	readonly arcs: readonly Arc[];
	readonly markers: readonly EndMarker[];
	readonly overflows: readonly Overflow[];
	readonly badges: readonly LinkBadge[];
}

/** Internal to the layout: one end of a drawn relation attached to a line, where its leg comes down into the span. */
export interface Port {
	readonly line: ArcLine;
	readonly box: Box;
	/** Where along the box the leg may go. */
	readonly from: number;
	readonly to: number;
	/** Where the other end lies (x), to order a span's ports so legs do not cross. */
	readonly toward: number;
	x: number;
	lane: number;
}

/** Internal to the layout: how one relation is drawn, decided step by step. */
export interface Plan {
	readonly relation: ArcRelation;
	readonly route: Arc['route'];
	readonly state: ArcState;
	readonly head: ArcEnd;
	readonly tail: ArcEnd;
	readonly headPort: Port | null;
	readonly tailPort: Port | null;
	readonly edge: 'top' | 'bottom' | null;
	chip: Chip | null;
	hidden: boolean;
}
