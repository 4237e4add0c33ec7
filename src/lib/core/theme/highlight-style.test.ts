import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LABELS, PALETTE } from '../labels/defaults';
import { LAYER_COLORS } from '../layers';
import { colorDifference, composite, contrastRatio, parseHex, simulateColorVision, toHex, type ColorVision, type Rgb } from './color';
import { ARTICLE_COLORS, THEMES, type Theme } from './themes';
import {
	FIND_STYLES,
	NESTING_LEVELS,
	SPAN_STATE_STYLES,
	UNDERLINE_CONTRAST,
	chipTextColor,
	labelHighlightStyle,
	labelMarkStyle,
	layerHighlightStyle,
	layerMarkStyle,
	themedMarkRules,
	unknownLabelMarkStyle,
	themedHighlightRules,
	themedUnderlineColor,
	underlineColor,
	unknownLabelStyle,
	type HighlightStyle
} from './highlight-style';

/** "rgba(r, g, b, a)" or "#rrggbb" → colour and alpha. */
function parseCss(css: string): { color: Rgb; alpha: number } {
	const m = /^rgba\((\d+), (\d+), (\d+), ([\d.]+)\)$/.exec(css);
	if (m) return { color: { r: +m[1], g: +m[2], b: +m[3] }, alpha: +m[4] };
	return { color: parseHex(css), alpha: 1 };
}

/** The colour behind the text where `layers` lie over the article page, bottom first. */
function behindText(theme: Theme, layers: readonly HighlightStyle[]): Rgb {
	let backdrop = parseHex(ARTICLE_COLORS[theme].paper);
	for (const layer of layers) {
		const { color, alpha } = parseCss(layer.background);
		backdrop = composite(color, alpha, backdrop);
	}
	return backdrop;
}

const textOf = (theme: Theme) => parseHex(ARTICLE_COLORS[theme].text);
const paperOf = (theme: Theme) => parseHex(ARTICLE_COLORS[theme].paper);
const underlineOf = (style: HighlightStyle) => parseHex(/#[0-9a-f]{6}/i.exec(style.decoration!)![0]);
const VISIONS: readonly (ColorVision | 'normal')[] = ['normal', 'protanopia', 'deuteranopia'];
const seenBy = (color: Rgb, vision: ColorVision | 'normal') => (vision === 'normal' ? color : simulateColorVision(color, vision));
const hex = fc
	.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
	.map(([r, g, b]) => toHex({ r, g, b }));

describe('label highlights in both themes', () => {
	const defaults = DEFAULT_LABELS.map((label) => label.color);

	for (const theme of THEMES) {
		it(`keep the article text at 4.5:1 over every default label, alone and nested, in the ${theme} theme`, () => {
			const styles = defaults.map((color, i) => labelHighlightStyle(color, theme, i));
			for (const a of styles) {
				expect(contrastRatio(textOf(theme), behindText(theme, [a]))).toBeGreaterThanOrEqual(4.5);
				for (const b of styles) {
					expect(contrastRatio(textOf(theme), behindText(theme, [a, b]))).toBeGreaterThanOrEqual(4.5);
				}
				// Hovered: text colour unchanged; selected: its own text colour.
				const { hovered, selected } = SPAN_STATE_STYLES[theme];
				expect(contrastRatio(textOf(theme), behindText(theme, [a, hovered]))).toBeGreaterThanOrEqual(4.5);
				expect(contrastRatio(parseHex(selected.color!), behindText(theme, [a, selected]))).toBeGreaterThanOrEqual(4.5);
			}
			// All three nested (a claim holding an actor holding a figure), and a find match over them.
			expect(contrastRatio(textOf(theme), behindText(theme, styles))).toBeGreaterThanOrEqual(4.5);
			expect(contrastRatio(textOf(theme), behindText(theme, [...styles, FIND_STYLES[theme].match]))).toBeGreaterThanOrEqual(4.5);
			const current = FIND_STYLES[theme].current;
			expect(contrastRatio(parseHex(current.color!), behindText(theme, [...styles, current]))).toBeGreaterThanOrEqual(4.5);
		});

		it(`lay one neutral wash under every label, so overlaps never mix into a third hue, in the ${theme} theme`, () => {
			const backgrounds = new Set([...PALETTE, '#6b6b6b'].map((color) => labelHighlightStyle(color, theme).background));
			backgrounds.add(unknownLabelStyle(theme).background);
			expect(backgrounds.size).toBe(1);
			const wash = behindText(theme, [labelHighlightStyle(PALETTE[0], theme)]);
			const paper = paperOf(theme);
			// Neutral: it moves the page's three channels alike (no hue of its own) and visibly.
			const moved = [wash.r - paper.r, wash.g - paper.g, wash.b - paper.b].map(Math.abs);
			expect(Math.max(...moved) - Math.min(...moved)).toBeLessThanOrEqual(3);
			expect(Math.min(...moved)).toBeGreaterThanOrEqual(5);
		});

		it(`draw nested spans of one label apart: solid, double, then wavy, below the line, in the ${theme} theme`, () => {
			const levels = Array.from({ length: NESTING_LEVELS + 1 }, (_, n) => labelHighlightStyle(PALETTE[0], theme, 1, n));
			const lineStyles = levels.map((style) => /underline (solid|double|wavy)?/.exec(style.decoration!)![1] ?? 'solid');
			expect(lineStyles).toEqual(['solid', 'double', 'wavy', 'wavy']);
			// Every level keeps the label's underline colour; deeper levels sit a pixel lower.
			for (const style of levels) expect(toHex(underlineOf(style))).toBe(toHex(underlineOf(levels[0])));
			expect(levels[1].underlineOffset!).toBeGreaterThan(levels[0].underlineOffset!);
		});

		it(`stay distinguishable with protanopia and deuteranopia in the ${theme} theme`, () => {
			const styles = defaults.map((color) => labelHighlightStyle(color, theme));
			for (const vision of VISIONS) {
				for (let i = 0; i < styles.length; i++) {
					for (let j = i + 1; j < styles.length; j++) {
						const pair = `${defaults[i]} / ${defaults[j]} (${vision})`;
						// The underlines carry the label: far apart (CIE76 ΔE; 2.3 is just noticeable).
						expect(colorDifference(seenBy(underlineOf(styles[i]), vision), seenBy(underlineOf(styles[j]), vision)), pair).toBeGreaterThan(30);
					}
				}
			}
			// The whole palette (colours new labels get): every pair's underlines apart. Okabe–Ito's orange
			// and yellow are its closest pair for protanopes (ΔE ≈ 6 once yellow is darkened to show on white).
			const all = PALETTE.map((color) => underlineColor(parseHex(color), theme));
			for (const vision of VISIONS) {
				for (let i = 0; i < all.length; i++) {
					for (let j = i + 1; j < all.length; j++) {
						expect(colorDifference(seenBy(all[i], vision), seenBy(all[j], vision)), `${PALETTE[i]} / ${PALETTE[j]} (${vision})`).toBeGreaterThan(5);
					}
				}
			}
		});

		it(`draw every underline at ${UNDERLINE_CONTRAST[theme]}:1 against the page in the ${theme} theme`, () => {
			const least = UNDERLINE_CONTRAST[theme];
			for (const color of PALETTE) expect(contrastRatio(underlineOf(labelHighlightStyle(color, theme)), paperOf(theme)), color).toBeGreaterThanOrEqual(least);
			for (const [i, color] of LAYER_COLORS.entries()) expect(contrastRatio(underlineOf(layerHighlightStyle(color, theme, i)), paperOf(theme)), color).toBeGreaterThanOrEqual(least);
			expect(contrastRatio(underlineOf(unknownLabelStyle(theme)), paperOf(theme))).toBeGreaterThanOrEqual(least);
		});
	}

	it('keep any colour a user picks readable: text 4.5:1 over two nested layers, underline visible', () => {
		fc.assert(
			fc.property(hex, fc.constantFrom(...THEMES), (color, theme) => {
				const style = labelHighlightStyle(color, theme);
				expect(contrastRatio(textOf(theme), behindText(theme, [style, style]))).toBeGreaterThanOrEqual(4.5);
				expect(contrastRatio(underlineOf(style), paperOf(theme))).toBeGreaterThanOrEqual(UNDERLINE_CONTRAST[theme]);
			}),
			{ numRuns: 300 }
		);
	});

	it('keep a colour as it is where it already has the contrast', () => {
		expect(labelHighlightStyle('#0072B2', 'light')).toEqual({ background: 'rgba(29, 35, 48, 0.07)', decoration: 'underline 2px #0072b2', underlineOffset: 3 });
		expect(labelHighlightStyle('#D55E00', 'dark', 2).underlineOffset).toBe(11);
		// Yellow on white cannot be an underline as it is; it darkens towards the text.
		expect(contrastRatio(parseHex('#F0E442'), paperOf('light'))).toBeLessThan(UNDERLINE_CONTRAST.light);
		expect(toHex(underlineColor(parseHex('#F0E442'), 'light'))).not.toBe('#f0e442');
	});

	it('paint a colour that cannot be read (a hand-edited backup) grey, as spans of unknown labels', () => {
		expect(labelHighlightStyle('tomato', 'light').decoration).toBe(labelHighlightStyle('#6b6b6b', 'light').decoration);
		expect(chipTextColor('')).toBe(chipTextColor('#6b6b6b'));
	});

	it('give swatches the underline colour of each theme', () => {
		expect(themedUnderlineColor('#444444')).toBe(`light-dark(#444444, ${toHex(underlineColor(parseHex('#444444'), 'dark'))})`);
		expect(themedUnderlineColor('#444444')).not.toBe('light-dark(#444444, #444444)');
	});

	it('put readable text on label chips', () => {
		for (const color of [...PALETTE, '#6b6b6b']) expect(contrastRatio(parseHex(chipTextColor(color)), parseHex(color)), color).toBeGreaterThanOrEqual(4.5);
	});
});

describe('theme rules', () => {
	it('writes the light rule, then the dark one for a dark system (unless light is chosen) and for a chosen dark', () => {
		const rules = themedHighlightRules('sw-label-0', (theme) => labelHighlightStyle('#0072B2', theme));
		expect(rules).toHaveLength(3);
		expect(rules[0]).toBe('::highlight(sw-label-0) { background-color: rgba(29, 35, 48, 0.07); text-decoration: underline 2px #0072b2; text-underline-offset: 3px; }');
		expect(rules[1]).toMatch(/^@media \(prefers-color-scheme: dark\) \{ :root:not\(\[data-theme='light'\]\) ::highlight\(sw-label-0\) \{ background-color: rgba\(227, 230, 236, 0\.09\);/);
		expect(rules[2]).toMatch(/^:root\[data-theme='dark'\] ::highlight\(sw-label-0\) \{ background-color: rgba\(227, 230, 236, 0\.09\);/);
	});
});

describe('span marks (the boxes the editor draws under the text)', () => {
	it('carry the same wash, line colour and line style per nesting level as the highlight styles', () => {
		for (const theme of THEMES) {
			for (const label of DEFAULT_LABELS) {
				for (let nesting = 0; nesting < NESTING_LEVELS; nesting++) {
					const mark = labelMarkStyle(label.color, theme, 1, nesting);
					const highlight = labelHighlightStyle(label.color, theme, 1, nesting);
					expect(mark.background).toBe(highlight.background);
					expect(highlight.decoration).toContain(mark.line!.color);
					expect(highlight.decoration).toContain(nesting === 0 ? 'underline 2px' : mark.line!.style);
				}
			}
		}
	});

	it('put each label lane and nesting level at its own depth below the text', () => {
		const depths = new Set<number>();
		for (let lane = 0; lane < 4; lane++) for (let nesting = 0; nesting < NESTING_LEVELS; nesting++) depths.add(labelMarkStyle('#0072B2', 'light', lane, nesting).line!.offset);
		expect(depths.size).toBeGreaterThan(4);
		expect(labelMarkStyle('#0072B2', 'light', 2, 0).line!.offset).toBeGreaterThan(labelMarkStyle('#0072B2', 'light', 1, 0).line!.offset);
	});

	it('draw unknown labels dotted and grey, and review layers dotted, each layer at its own depth, with no wash', () => {
		expect(unknownLabelMarkStyle('light').line!.style).toBe('dotted');
		const offsets = LAYER_COLORS.map((color, i) => layerMarkStyle(color, 'dark', i).line!.offset);
		expect(new Set(offsets).size).toBe(LAYER_COLORS.length);
		expect(layerMarkStyle(LAYER_COLORS[0], 'dark', 0).line!.offset).toBeGreaterThan(labelMarkStyle('#0072B2', 'dark', 0, 0).line!.offset);
		expect(layerMarkStyle(LAYER_COLORS[0], 'dark', 0).background).toBe('transparent');
	});

	it('writes the box and its line in both themes, scoped like the highlight rules', () => {
		const rules = themedMarkRules('.sw-mark.sw-label-0', (theme) => labelMarkStyle('#0072B2', theme));
		expect(rules).toHaveLength(4);
		expect(rules[0]).toBe('.sw-mark.sw-label-0 { background-color: rgba(29, 35, 48, 0.07); }');
		expect(rules[1]).toBe('.sw-mark.sw-label-0::after { top: calc(100% + 0px); height: 2px; background: #0072b2; }');
		expect(rules[2]).toContain(":root:not([data-theme='light']) .sw-mark.sw-label-0 { background-color: rgba(227, 230, 236, 0.09); }");
		expect(rules[2]).toContain(":root:not([data-theme='light']) .sw-mark.sw-label-0::after {");
		expect(rules[3]).toMatch(/^:root\[data-theme='dark'\] \.sw-mark\.sw-label-0 \{ background-color: rgba\(227, 230, 236, 0\.09\); \} :root\[data-theme='dark'\] \.sw-mark\.sw-label-0::after \{/);
	});
});
