/** Presenting agreement figures: numbers for tables, colours for the heatmap. */

/** A figure to two decimals, or an em dash when it is undefined (null). */
export function formatFigure(value: number | null | undefined): string {
	return value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(2);
}

/**
 * A colour for a value in [0, 1] on a light-to-dark blue scale (readable by colour-blind users: it
 * varies in lightness, not hue); grey for undefined. Negative values (worse than chance) count as 0.
 */
export function heatColor(value: number | null): string {
	if (value === null || Number.isNaN(value)) return '#e5e7eb';
	const t = Math.max(0, Math.min(1, value));
	const lightness = 95 - t * 62;
	return `hsl(208 70% ${lightness.toFixed(0)}%)`;
}

/** Black or white text, whichever reads on `heatColor(value)`. */
export function heatTextColor(value: number | null): string {
	return value !== null && value > 0.55 ? '#ffffff' : '#111827';
}
