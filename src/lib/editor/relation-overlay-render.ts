/**
 * Draws an `ArcLayout` as SVG: arcs (with a wide invisible stroke to click), arrow heads, type chips,
 * end markers, "+n" counts and link badges. Chips, markers and counts are buttons for the keyboard
 * and screen readers (`role="button"`, `tabindex`, `aria-label`); text goes in as `textContent`
 * (type names and span texts are user data). Styles are classes in one adopted stylesheet; colours
 * come in as custom properties set through the CSSOM, so no style attribute is ever parsed.
 */
import type { Arc, ArcLayout, Box, EndMarker, LinkBadge, Overflow, Point } from '$lib/core/relations/arcs';
import { chipTextColor, themedUnderlineColor } from '$lib/core/theme/highlight-style';

const SVG = 'http://www.w3.org/2000/svg';

/** The chip font: `chipWidth` measures with it, the stylesheet draws with it. */
export const CHIP_FONT = '600 10px system-ui, sans-serif';
/** Horizontal padding inside a chip, both sides together. */
export const CHIP_PADDING = 10;

/**
 * The article's line height while relations are drawn: the gap between lines holds four lanes of
 * arcs instead of two at the editor's 2.2. Unitless, like app.css's.
 */
export const ROOMY_LINE_HEIGHT = 2.7;

const CSS = `
.sw-arcs-room > .sw-article { line-height: ${ROOMY_LINE_HEIGHT}; }
.sw-arcs-room > .sw-article .sw-block { contain-intrinsic-block-size: auto calc((var(--chars) * 1.12 / var(--cpl, 70) + var(--lines) * 0.5) * ${ROOMY_LINE_HEIGHT}em); }
.sw-arcs { position: absolute; left: 0; top: 0; overflow: visible; pointer-events: none; z-index: 3; }
.sw-arcs text { font: ${CHIP_FONT}; dominant-baseline: central; text-anchor: middle; }
.sw-arc-line { fill: none; stroke: var(--arc); stroke-width: 1.5; stroke-linejoin: round; }
.sw-arc-arrow { fill: var(--arc); }
.sw-arc-hit { fill: none; stroke: transparent; stroke-width: 7; pointer-events: stroke; cursor: pointer; }
.sw-arc-chip, .sw-arc-marker, .sw-arc-more { pointer-events: all; cursor: pointer; }
.sw-arc-chip rect { fill: var(--chip); stroke: var(--paper, #fff); stroke-width: 1; }
.sw-arc-chip text { fill: var(--chip-ink); }
.sw-arc-marker rect, .sw-arc-more rect { fill: var(--paper, #fff); stroke: var(--arc); stroke-width: 1.25; }
.sw-arc-marker text, .sw-arc-more text { fill: var(--article-ink, #111); font-weight: 500; }
.sw-arc-badge rect { fill: var(--chip-bg, #f0f2f6); stroke: var(--muted, #5b6475); stroke-width: 1; }
.sw-arc-badge text { fill: var(--ink, #1d2330); }
/* With a span selected, links not its own step back (lines more than chips, which must stay readable). */
.sw-arc.is-plain.has-selection .sw-arc-line, .sw-arc.is-plain.has-selection .sw-arc-arrow { opacity: 0.45; }
.sw-arc.is-plain.has-selection .sw-arc-chip { opacity: 0.8; }
.sw-arc.is-selected .sw-arc-line { stroke-width: 3; }
.sw-arc.is-preview .sw-arc-line { stroke-width: 2; stroke-dasharray: 5 3; }
.sw-arc.is-preview .sw-arc-hit, .sw-arc.is-preview .sw-arc-chip { pointer-events: none; }
.sw-arc.is-selected .sw-arc-chip rect, .sw-arc-marker.is-selected rect { stroke: var(--article-ink, #111); stroke-width: 2; }
.sw-arc-chip:focus, .sw-arc-marker:focus, .sw-arc-more:focus, .sw-arc:focus { outline: none; }
.sw-arc-chip:focus-visible rect, .sw-arc-marker:focus-visible rect, .sw-arc-more:focus-visible rect { stroke: var(--focus, #ffb000); stroke-width: 3; }
.sw-arc:focus-visible .sw-arc-line { stroke-width: 3; }
.sw-arc-chip:hover rect, .sw-arc-marker:hover rect { stroke: var(--article-ink, #111); }
`;

let sheet: CSSStyleSheet | null = null;
let users = 0;

/** Adopts the overlay's stylesheet (once, however many overlays); returns how to let it go. */
export function adoptArcStyles(): () => void {
	if (!sheet) {
		sheet = new CSSStyleSheet();
		sheet.replaceSync(CSS);
	}
	if (users++ === 0) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
	let released = false;
	return () => {
		if (released) return;
		released = true;
		if (--users === 0) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
	};
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, ...children: SVGElement[]): SVGElementTagNameMap[K] {
	const node = document.createElementNS(SVG, name);
	for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
	node.append(...children);
	return node;
}

function label(box: Box, text: string, rx: number): SVGElement[] {
	const t = el('text', { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 });
	t.textContent = text;
	return [el('rect', { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, rx }), t];
}

function points(list: readonly Point[]): string {
	return list.map((p) => `${p.x},${p.y}`).join(' ');
}

/** What a drawn element does when clicked or pressed (Enter, Space). */
export type ArcAction = { type: 'relation'; id: string } | { type: 'jump'; spanId: string; relationId: string } | { type: 'more'; ids: readonly string[] };

/** Makes `node` a button named `name` that reports `action`; `key` finds it again after a redraw (focus). */
function button(node: SVGElement, name: string, key: string, action: ArcAction, actions: Map<string, ArcAction>): void {
	node.setAttribute('role', 'button');
	node.setAttribute('tabindex', '0');
	node.setAttribute('aria-label', name);
	node.dataset.key = key;
	actions.set(key, action);
}

function drawArc(arc: Arc, hasSelection: boolean, actions: Map<string, ArcAction>): SVGGElement {
	const g = el('g', { class: `sw-arc is-${arc.state}${hasSelection ? ' has-selection' : ''}` });
	g.dataset.relation = arc.relationId;
	g.style.setProperty('--arc', themedUnderlineColor(arc.color));
	const hit = el('path', { class: 'sw-arc-hit', d: arc.d });
	hit.dataset.key = `hit:${arc.relationId}`;
	actions.set(hit.dataset.key, { type: 'relation', id: arc.relationId });
	g.append(hit, el('path', { class: 'sw-arc-line', d: arc.d }));
	if (arc.arrow) g.append(el('polygon', { class: 'sw-arc-arrow', points: points(arc.arrow) }));
	const action = { type: 'relation', id: arc.relationId } as const;
	if (arc.state === 'preview') {
		// Not a relation yet: shown, not operable (the view announces the link being made in words).
		g.setAttribute('aria-hidden', 'true');
		hit.removeAttribute('data-key');
		if (arc.chip) {
			const chip = el('g', { class: 'sw-arc-chip' }, ...label(arc.chip, arc.chip.text, 3));
			chip.style.setProperty('--chip', arc.color);
			chip.style.setProperty('--chip-ink', chipTextColor(arc.color));
			g.append(chip);
		}
		return g;
	}
	if (arc.chip) {
		const chip = el('g', { class: 'sw-arc-chip' }, ...label(arc.chip, arc.chip.text, 3));
		chip.style.setProperty('--chip', arc.color);
		chip.style.setProperty('--chip-ink', chipTextColor(arc.color));
		button(chip, arc.name, `chip:${arc.relationId}`, action, actions);
		if (arc.state === 'selected') chip.setAttribute('aria-pressed', 'true');
		g.append(chip);
	} else {
		// No room for a chip: the arc itself is the button.
		button(g, arc.name, `arc:${arc.relationId}`, action, actions);
		if (arc.state === 'selected') g.setAttribute('aria-pressed', 'true');
	}
	return g;
}

function drawMarker(marker: EndMarker, actions: Map<string, ArcAction>): SVGGElement {
	const g = el('g', { class: `sw-arc-marker${marker.state === 'selected' ? ' is-selected' : ''}` }, ...label(marker, marker.text, 4));
	g.style.setProperty('--arc', themedUnderlineColor(marker.color));
	button(g, marker.name, `marker:${marker.relationId}`, { type: 'jump', spanId: marker.spanId, relationId: marker.relationId }, actions);
	return g;
}

function drawOverflow(more: Overflow, actions: Map<string, ArcAction>): SVGGElement {
	const g = el('g', { class: 'sw-arc-more' }, ...label(more, more.text, 6));
	g.style.setProperty('--arc', 'var(--muted, #5b6475)');
	button(g, more.name, `more:${more.relationIds.join(',')}`, { type: 'more', ids: more.relationIds }, actions);
	return g;
}

function drawBadge(badge: LinkBadge): SVGGElement {
	const g = el('g', { class: 'sw-arc-badge', role: 'img', 'aria-label': badge.name }, ...label(badge, badge.text, (badge.bottom - badge.top) / 2));
	g.dataset.span = badge.spanId;
	return g;
}

/**
 * Replaces what `root` shows with `layout`; returns each button's action by its key. Arcs first,
 * then the boxes over them, so markers and counts cover the runs that end under them.
 */
export function renderArcs(root: SVGGElement, layout: ArcLayout, hasSelection: boolean): Map<string, ArcAction> {
	const actions = new Map<string, ArcAction>();
	root.replaceChildren(
		...layout.arcs.map((arc) => drawArc(arc, hasSelection, actions)),
		...layout.markers.map((marker) => drawMarker(marker, actions)),
		...layout.overflows.map((more) => drawOverflow(more, actions)),
		...layout.badges.map(drawBadge)
	);
	return actions;
}

export function createSvg(): { svg: SVGSVGElement; root: SVGGElement } {
	const root = el('g', {});
	const svg = el('svg', { class: 'sw-arcs', role: 'group', 'aria-label': 'Relations' }, root);
	return { svg, root };
}
