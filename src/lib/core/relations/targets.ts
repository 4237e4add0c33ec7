/**
 * The spans a link started at one span may end at: what `]` / `[` walk while a link is being made
 * (nearest first). Pure: one pass over the layer's spans with the type rules worked out per label.
 */
import type { RelationType, Span } from '../types';
import { relationRefusal, typesFitting } from './rules';
import { relationsNear, type LinkLayer } from './propose';

/** How far apart two spans are in the text: 0 when they overlap or nest, else the gap between them (UTF-16 units). */
export function spanDistance(a: Pick<Span, 'start' | 'end'>, b: Pick<Span, 'start' | 'end'>): number {
	if (b.start >= a.end) return b.start - a.end;
	if (a.start >= b.end) return a.start - b.end;
	return 0;
}

/**
 * The spans of `layer` that a link from span `headId` may end at: some relation type fits the two
 * labels and its rules allow the link (not the head itself, not a second link where one per head is
 * the rule, not a duplicate). Nearest first (overlapping and nested spans at distance 0), then in
 * text order. Empty when there is no such span in the layer.
 */
export function linkTargets(layer: LinkLayer, headId: string): Span[] {
	const head = layer.spans.get(headId);
	if (!head) return [];
	const near = relationsNear(layer.relations, head.id, head.id);
	// The types that fit a head of this label and a tail of each label, worked out once per label.
	const fittingByLabel = new Map<string, RelationType[]>();
	const out: { span: Span; distance: number; order: number }[] = [];
	let order = 0;
	for (const span of layer.spans.all()) {
		order++;
		if (span.id === head.id) continue;
		let fitting = fittingByLabel.get(span.label);
		if (fitting === undefined) fittingByLabel.set(span.label, (fitting = typesFitting(layer.types, head.label, span.label)));
		if (fitting.length === 0) continue;
		const existing = [...near, ...layer.relations.touching(span.id)];
		if (!fitting.some((type) => relationRefusal(type, head, span, existing) === null)) continue;
		out.push({ span, distance: spanDistance(head, span), order });
	}
	return out.sort((a, b) => a.distance - b.distance || a.order - b.order).map((t) => t.span);
}
