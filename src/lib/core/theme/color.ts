/**
 * Colour arithmetic for themes and label colours: WCAG 2 contrast, alpha compositing, and how a
 * colour looks with protanopia or deuteranopia. Pure functions over `#rrggbb` strings and RGB triples.
 */

/** A colour as 0–255 sRGB channels. */
export interface Rgb {
	readonly r: number;
	readonly g: number;
	readonly b: number;
}

/** `#rgb` or `#rrggbb` (case-insensitive) → channels; RangeError on anything else. */
export function parseHex(hex: string): Rgb {
	const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(hex);
	if (short) return { r: parseInt(short[1] + short[1], 16), g: parseInt(short[2] + short[2], 16), b: parseInt(short[3] + short[3], 16) };
	const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!long) throw new RangeError(`"${hex}" is not a #rrggbb colour`);
	return { r: parseInt(long[1], 16), g: parseInt(long[2], 16), b: parseInt(long[3], 16) };
}

/** Channels → `#rrggbb` (rounded, clamped to 0–255). */
export function toHex({ r, g, b }: Rgb): string {
	const channel = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
	return `#${channel(r)}${channel(g)}${channel(b)}`;
}

/** sRGB channel (0–255) → linear light (0–1). */
function linear(channel: number): number {
	const c = channel / 255;
	return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Linear light (0–1) → sRGB channel (0–255). */
function gamma(value: number): number {
	const v = Math.min(1, Math.max(0, value));
	return 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(color: Rgb): number {
	return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21 (order does not matter). AA asks 4.5 for text, 3 for graphics. */
export function contrastRatio(a: Rgb, b: Rgb): number {
	const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

/** `color` painted at `alpha` (0–1) over the opaque `backdrop`, as a browser blends in sRGB. */
export function composite(color: Rgb, alpha: number, backdrop: Rgb): Rgb {
	if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha ${alpha} is not between 0 and 1`);
	const mix = (c: number, d: number) => c * alpha + d * (1 - alpha);
	return { r: mix(color.r, backdrop.r), g: mix(color.g, backdrop.g), b: mix(color.b, backdrop.b) };
}

/** `from` moved the fraction `t` (0–1) of the way towards `to`, in sRGB. */
export function mix(from: Rgb, to: Rgb, t: number): Rgb {
	return composite(to, t, from);
}

/** The colour-vision deficiencies a palette must survive (the two common red–green ones). */
export type ColorVision = 'protanopia' | 'deuteranopia';

/**
 * Machado, Oliveira & Fernandes (2009) simulation matrices at severity 1.0, applied in linear RGB:
 * the standard way to preview dichromat vision.
 */
const SIMULATION: Record<ColorVision, readonly (readonly number[])[]> = {
	protanopia: [
		[0.152286, 1.052583, -0.204868],
		[0.114503, 0.786281, 0.099216],
		[-0.003882, -0.048116, 1.051998]
	],
	deuteranopia: [
		[0.367322, 0.860646, -0.227968],
		[0.280085, 0.672501, 0.047413],
		[-0.01182, 0.04294, 0.968881]
	]
};

/** How `color` looks to someone with `vision`. */
export function simulateColorVision(color: Rgb, vision: ColorVision): Rgb {
	const m = SIMULATION[vision];
	const v = [linear(color.r), linear(color.g), linear(color.b)];
	const row = (i: number) => gamma(m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2]);
	return { r: row(0), g: row(1), b: row(2) };
}

/** CIE L*a*b* (D65) of an sRGB colour. */
export function toLab(color: Rgb): { L: number; a: number; b: number } {
	const [r, g, b] = [linear(color.r), linear(color.g), linear(color.b)];
	const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
	const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
	const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
	const [fx, fy, fz] = [f(x), f(y), f(z)];
	return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/**
 * CIE76 colour difference (Euclidean distance in L*a*b*): about 2.3 is just noticeable; two label
 * colours need far more than that to be told apart at a glance.
 */
export function colorDifference(a: Rgb, b: Rgb): number {
	const p = toLab(a);
	const q = toLab(b);
	return Math.hypot(p.L - q.L, p.a - q.a, p.b - q.b);
}
