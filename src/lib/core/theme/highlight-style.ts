/**
 * How spans are painted in each theme, as data: a label colour and a theme go in, a highlight style
 * comes out. The label is carried by its underline: the label colour, moved towards the text colour
 * until it stands out from the page (UNDERLINE_CONTRAST), at a depth below the line (a lane) per
 * label and with a line style per nesting level of spans of that label. Under the text every span
 * lays the same neutral wash (SPAN_WASH), so overlaps only darken it and never mix two label tints
 * into what looks like a third label; the wash keeps the text at WCAG AA even where spans nest
 * NESTING_KEPT_READABLE deep. Any colour a user picks gets a readable style this way.
 */
import { contrastRatio, mix, parseHex, toHex, type Rgb } from './color';
import { ARTICLE_COLORS, THEMES, type Theme } from './themes';

/** Contrast the article text keeps over any highlight (WCAG AA for body text). */
export const TEXT_CONTRAST = 4.5;
/**
 * Contrast an underline keeps against the page. Dark: WCAG AA's 3:1 for graphical objects. Light:
 * 2:1, because 3:1 on white darkens Okabe–Ito's orange until deuteranopes cannot tell it from its
 * vermillion (ΔE 2.7); at 2:1 every palette pair stays apart for them and the lightest colours
 * (yellow, sky blue) still get darkened enough to show. The tint under the text carries the label too.
 */
export const UNDERLINE_CONTRAST: Readonly<Record<Theme, number>> = { light: 2, dark: 3 };
/** How many spans may nest at a point with the text still at TEXT_CONTRAST over their washes. */
export const NESTING_KEPT_READABLE = 3;

/** The neutral wash under every span's text in each theme: the text colour, faint. */
export const SPAN_WASH: Readonly<Record<Theme, { readonly color: string; readonly alpha: number }>> = {
	light: { color: '#1d2330', alpha: 0.07 },
	dark: { color: '#e3e6ec', alpha: 0.09 }
};

/**
 * The underline of each nesting level of spans of one label, outermost first (solid, double, wavy);
 * spans nested deeper share the last. Its length is how many levels the renderer tells apart.
 */
export const NESTING_UNDERLINES = ['solid', 'double', 'wavy'] as const;
export const NESTING_LEVELS = NESTING_UNDERLINES.length;
/** Pixels between the underline lanes of labels (a double or wavy line is 3 px thick). */
const LANE_GAP = 4;

/** One `::highlight()` style. */
export interface HighlightStyle {
	/** A CSS colour (rgba() for translucent backgrounds). */
	readonly background: string;
	/** The text colour, if the highlight sets one. */
	readonly color?: string;
	/** A CSS `text-decoration` value. */
	readonly decoration?: string;
	/** `text-underline-offset` in px. */
	readonly underlineOffset?: number;
}

/** `color` at `alpha` as a CSS rgba(). */
export function rgba(color: Rgb, alpha: number): string {
	const c = (v: number) => Math.round(v);
	return `rgba(${c(color.r)}, ${c(color.g)}, ${c(color.b)}, ${Number(alpha.toFixed(3))})`;
}

/** The wash as a CSS colour. */
function washOf(theme: Theme): string {
	const { color, alpha } = SPAN_WASH[theme];
	return rgba(parseHex(color), alpha);
}

/**
 * `color`, moved towards `towards` in steps of 5 % until it has `ratio` contrast with `against`
 * (`towards` itself if it never does before the end).
 */
export function withContrast(color: Rgb, against: Rgb, ratio: number, towards: Rgb): Rgb {
	for (let step = 0; step <= 20; step++) {
		// Rounded as it will be written (#rrggbb), so the contrast checked is the contrast drawn.
		const candidate = parseHex(toHex(mix(color, towards, step / 20)));
		if (contrastRatio(candidate, against) >= ratio) return candidate;
	}
	return towards;
}

/** The underline colour of `color` in `theme`: the colour itself where it already stands out. */
export function underlineColor(color: Rgb, theme: Theme): Rgb {
	const { paper, text } = ARTICLE_COLORS[theme];
	return withContrast(color, parseHex(paper), UNDERLINE_CONTRAST[theme], parseHex(text));
}

/** The grey of spans with an unknown label, and of label colours that cannot be read. */
const GREY = '#6b6b6b';

/** A label's colour; grey for one that is not #rgb / #rrggbb (a hand-edited or foreign backup). */
export function labelColor(color: string): Rgb {
	return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? parseHex(color) : parseHex(GREY);
}

/**
 * The highlight of a span of a label with `color` (#rrggbb) in `theme`. `lane` (0–3) sets how far
 * below the text its underline sits, so nested spans of different labels show each line; `nesting`
 * (0 to NESTING_LEVELS − 1) is how many spans of the same label enclose it, drawn as another line style.
 */
export function labelHighlightStyle(color: string, theme: Theme, lane = 0, nesting = 0): HighlightStyle {
	const level = Math.min(Math.max(nesting, 0), NESTING_LEVELS - 1);
	const line = toHex(underlineColor(labelColor(color), theme));
	return {
		background: washOf(theme),
		decoration: level === 0 ? `underline 2px ${line}` : `underline ${NESTING_UNDERLINES[level]} 3px ${line}`,
		underlineOffset: 3 + lane * LANE_GAP + level
	};
}

/** A span whose label is not in the label set: grey, dotted. */
export function unknownLabelStyle(theme: Theme): HighlightStyle {
	return {
		background: washOf(theme),
		decoration: `underline 2px dotted ${toHex(underlineColor(parseHex(GREY), theme))}`,
		underlineOffset: 3
	};
}

/** Another annotator's layer in review: a dotted underline in the layer's colour, below the labels'. */
export function layerHighlightStyle(color: string, theme: Theme, index: number): HighlightStyle {
	return {
		background: 'transparent',
		decoration: `underline 2px dotted ${toHex(underlineColor(labelColor(color), theme))}`,
		underlineOffset: 8 + index * 3
	};
}

/**
 * A CSS colour for a swatch or key that must match a layer's underline in whichever theme shows:
 * `light-dark()` of the two underline colours (app.css sets the color-scheme it picks by).
 */
export function themedUnderlineColor(color: string): string {
	const [light, dark] = THEMES.map((theme) => toHex(underlineColor(labelColor(color), theme)));
	return `light-dark(${light}, ${dark})`;
}

/**
 * The span under the pointer, the selected span, and the range under review. The selected span sets
 * its own text colour on an opaque-enough amber, so it reads the same over any label.
 */
export const SPAN_STATE_STYLES: Readonly<Record<Theme, Readonly<Record<'hovered' | 'selected' | 'focused', HighlightStyle>>>> = {
	light: {
		hovered: { background: 'rgba(255, 214, 0, 0.28)' },
		selected: { background: 'rgba(255, 196, 0, 0.55)', color: '#000000' },
		focused: { background: 'rgba(0, 114, 178, 0.28)', decoration: 'underline 3px wavy #0b4f8a', underlineOffset: 4 }
	},
	dark: {
		hovered: { background: 'rgba(255, 214, 0, 0.16)' },
		selected: { background: 'rgba(255, 196, 0, 0.8)', color: '#000000' },
		focused: { background: 'rgba(86, 180, 233, 0.22)', decoration: 'underline 3px wavy #8fd0ff', underlineOffset: 4 }
	}
};

/** Matches of the find box, and the current one (with its own text colour, over any highlight). */
export const FIND_STYLES: Readonly<Record<Theme, Readonly<Record<'match' | 'current', HighlightStyle>>>> = {
	light: {
		match: { background: 'rgba(255, 214, 0, 0.35)' },
		current: { background: 'rgba(255, 150, 0, 0.6)', color: '#000000' }
	},
	dark: {
		match: { background: 'rgba(255, 214, 0, 0.16)' },
		current: { background: 'rgba(255, 170, 0, 0.85)', color: '#000000' }
	}
};

/** The text colour (black or white) that reads best on a solid chip of `color` (e.g. a label tag). */
export function chipTextColor(color: string): '#000000' | '#ffffff' {
	const rgb = labelColor(color);
	return contrastRatio(rgb, { r: 0, g: 0, b: 0 }) >= contrastRatio(rgb, { r: 255, g: 255, b: 255 }) ? '#000000' : '#ffffff';
}

/** The declarations of `style` (without the selector). */
function declarations(style: HighlightStyle): string {
	const parts = [`background-color: ${style.background};`];
	if (style.color) parts.push(`color: ${style.color};`);
	if (style.decoration) parts.push(`text-decoration: ${style.decoration};`);
	if (style.underlineOffset !== undefined) parts.push(`text-underline-offset: ${style.underlineOffset}px;`);
	return parts.join(' ');
}

/**
 * CSS rules for the highlight `name` in both themes, matching app.css: the light style by default,
 * the dark one when the system prefers dark and the user has not chosen light, or when the user has
 * chosen dark (`data-theme` on the root element).
 */
export function themedHighlightRules(name: string, styleFor: (theme: Theme) => HighlightStyle): string[] {
	const dark = declarations(styleFor('dark'));
	return [
		`::highlight(${name}) { ${declarations(styleFor('light'))} }`,
		`@media (prefers-color-scheme: dark) { :root:not([data-theme='light']) ::highlight(${name}) { ${dark} } }`,
		`:root[data-theme='dark'] ::highlight(${name}) { ${dark} }`
	];
}

/**
 * How a span's box (a "mark" drawn under the text, see editor/highlight-renderer) looks: the wash
 * under its glyphs and the line below them. The editor draws spans as boxes rather than `::highlight()`
 * ranges because any Custom Highlight in a page makes Chromium repaint all of its highlighted text on
 * every frame that changes anything; boxes behind the text are repainted only where they change.
 */
export interface MarkStyle {
	/** A CSS colour under the text (rgba() for the translucent wash). */
	readonly background: string;
	/** The line below the text, if any. `offset`: px below the glyphs' box. */
	readonly line?: { readonly style: 'solid' | 'double' | 'wavy' | 'dotted'; readonly color: string; readonly offset: number };
}

/** The mark of a span of a label: the same wash, line, lane and nesting rules as `labelHighlightStyle`. */
export function labelMarkStyle(color: string, theme: Theme, lane = 0, nesting = 0): MarkStyle {
	const level = Math.min(Math.max(nesting, 0), NESTING_LEVELS - 1);
	return {
		background: washOf(theme),
		line: { style: NESTING_UNDERLINES[level], color: toHex(underlineColor(labelColor(color), theme)), offset: lane * LANE_GAP + level }
	};
}

/** The mark of a span whose label is not in the label set: grey, dotted. */
export function unknownLabelMarkStyle(theme: Theme): MarkStyle {
	return { background: washOf(theme), line: { style: 'dotted', color: toHex(underlineColor(parseHex(GREY), theme)), offset: 0 } };
}

/** Another annotator's layer in review: a dotted line in the layer's colour, below the labels' lanes. */
export function layerMarkStyle(color: string, theme: Theme, index: number): MarkStyle {
	return { background: 'transparent', line: { style: 'dotted', color: toHex(underlineColor(labelColor(color), theme)), offset: 5 + index * 3 } };
}

/** The declarations of a mark's box and of its line (`::after`). */
function markDeclarations(style: MarkStyle): { box: string; line: string } {
	const line = style.line;
	if (!line) return { box: `background-color: ${style.background};`, line: 'display: none;' };
	const c = line.color;
	const at = `top: calc(100% + ${line.offset}px);`;
	const body =
		line.style === 'solid'
			? `height: 2px; background: ${c};`
			: line.style === 'double'
				? `height: 1px; border-top: 1px solid ${c}; border-bottom: 1px solid ${c}; background: transparent;`
				: line.style === 'dotted'
					? `height: 0; border-top: 2px dotted ${c};`
					: // wavy: two offset diagonal stripes make a zigzag 3 px high
						`height: 4px; background: linear-gradient(135deg, transparent 35%, ${c} 35% 60%, transparent 60%) 0 0 / 6px 4px repeat-x, linear-gradient(45deg, transparent 35%, ${c} 35% 60%, transparent 60%) 3px 0 / 6px 4px repeat-x;`;
	return { box: `background-color: ${style.background};`, line: `${at} ${body}` };
}

/**
 * CSS rules for marks matching `selector` in both themes (see `themedHighlightRules`): the box, and
 * its line as an `::after` box just below it.
 */
export function themedMarkRules(selector: string, styleFor: (theme: Theme) => MarkStyle): string[] {
	const light = markDeclarations(styleFor('light'));
	const dark = markDeclarations(styleFor('dark'));
	const darkRules = `${selector} { ${dark.box} } ${selector}::after { ${dark.line} }`;
	return [
		`${selector} { ${light.box} }`,
		`${selector}::after { ${light.line} }`,
		`@media (prefers-color-scheme: dark) { :root:not([data-theme='light']) ${darkRules.replaceAll(`} ${selector}`, `} :root:not([data-theme='light']) ${selector}`)} }`,
		`:root[data-theme='dark'] ${darkRules.replaceAll(`} ${selector}`, `} :root[data-theme='dark'] ${selector}`)}`
	];
}

/**
 * The outline of a suggestion of a label (no fill, so it never reads as anyone's span): dashed in
 * the label's colour, made to stand out from the paper like an underline; a possible correction (it
 * overlaps a span of another label) is dotted and thicker.
 */
export function suggestionOutline(color: string, theme: Theme, correction: boolean): string {
	const c = toHex(underlineColor(labelColor(color), theme));
	return correction ? `2px dotted ${c}` : `1.5px dashed ${c}`;
}

/** CSS rules for `selector` drawn as a suggestion outline, in both themes (see `themedMarkRules`). */
export function themedSuggestionRules(selector: string, color: string, correction: boolean): string[] {
	const rule = (theme: Theme) => `background-color: transparent; outline: ${suggestionOutline(color, theme, correction)}; outline-offset: 1px; border-radius: 2px;`;
	const dark = `${selector} { ${rule('dark')} }`;
	return [
		`${selector} { ${rule('light')} }`,
		`${selector}::after { display: none; }`,
		`@media (prefers-color-scheme: dark) { :root:not([data-theme='light']) ${dark} }`,
		`:root[data-theme='dark'] ${dark}`
	];
}
