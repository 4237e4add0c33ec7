import { describe, expect, it } from 'vitest';
import { formatFigure, heatColor, heatTextColor } from './present';

describe('presenting figures', () => {
	it('formats to two decimals with a dash for undefined', () => {
		expect(formatFigure(0.78261)).toBe('0.78');
		expect(formatFigure(null)).toBe('—');
		expect(formatFigure(-0.125)).toBe('-0.13');
	});
	it('darkens with the value, clamps, and greys out undefined', () => {
		expect(heatColor(0)).toBe('hsl(208 70% 95%)');
		expect(heatColor(1)).toBe('hsl(208 70% 33%)');
		expect(heatColor(-0.4)).toBe(heatColor(0));
		expect(heatColor(null)).toBe('#e5e7eb');
		expect(heatTextColor(0.9)).toBe('#ffffff');
		expect(heatTextColor(0.2)).toBe('#111827');
	});
});
