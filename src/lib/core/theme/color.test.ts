import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { colorDifference, composite, contrastRatio, mix, parseHex, relativeLuminance, simulateColorVision, toHex, toLab } from './color';

const hex = fc
	.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
	.map(([r, g, b]) => toHex({ r, g, b }));

describe('colour arithmetic', () => {
	it('parses #rgb and #rrggbb and names what it cannot parse', () => {
		expect(parseHex('#0072B2')).toEqual({ r: 0, g: 114, b: 178 });
		expect(parseHex('#fff')).toEqual({ r: 255, g: 255, b: 255 });
		expect(() => parseHex('blue')).toThrow(/"blue" is not a #rrggbb colour/);
		expect(() => parseHex('#12345')).toThrow(RangeError);
		fc.assert(fc.property(hex, (h) => toHex(parseHex(h)) === h));
	});

	it('gives the WCAG luminance and contrast figures', () => {
		expect(relativeLuminance(parseHex('#000000'))).toBe(0);
		expect(relativeLuminance(parseHex('#ffffff'))).toBeCloseTo(1, 10);
		expect(contrastRatio(parseHex('#000000'), parseHex('#ffffff'))).toBeCloseTo(21, 10);
		// Published figures: #767676 on white is the lightest grey that passes AA (4.54:1).
		expect(contrastRatio(parseHex('#767676'), parseHex('#ffffff'))).toBeCloseTo(4.54, 2);
		expect(contrastRatio(parseHex('#777777'), parseHex('#ffffff'))).toBeLessThan(4.5);
		fc.assert(
			fc.property(hex, hex, (a, b) => {
				const ratio = contrastRatio(parseHex(a), parseHex(b));
				return ratio >= 1 && ratio <= 21 && ratio === contrastRatio(parseHex(b), parseHex(a));
			})
		);
	});

	it('composites and mixes in sRGB', () => {
		expect(composite(parseHex('#ff0000'), 0.5, parseHex('#0000ff'))).toEqual({ r: 127.5, g: 0, b: 127.5 });
		expect(composite(parseHex('#123456'), 0, parseHex('#ffffff'))).toEqual(parseHex('#ffffff'));
		expect(mix(parseHex('#000000'), parseHex('#ffffff'), 1)).toEqual(parseHex('#ffffff'));
		expect(() => composite(parseHex('#000000'), 1.5, parseHex('#ffffff'))).toThrow(/alpha 1.5/);
	});

	it('simulates red–green colour blindness: grey stays grey, red and green fall together', () => {
		for (const vision of ['protanopia', 'deuteranopia'] as const) {
			for (const grey of ['#000000', '#777777', '#ffffff']) {
				const seen = simulateColorVision(parseHex(grey), vision);
				expect(colorDifference(seen, parseHex(grey))).toBeLessThan(1.5);
			}
			// Pure red and a green of the same lightness are hard to tell apart for dichromats.
			const red = simulateColorVision(parseHex('#d62728'), vision);
			const green = simulateColorVision(parseHex('#7f7f00'), vision);
			expect(colorDifference(red, green)).toBeLessThan(colorDifference(parseHex('#d62728'), parseHex('#7f7f00')) / 2);
			// Blue and orange (Okabe–Ito's first pair) stay far apart.
			expect(colorDifference(simulateColorVision(parseHex('#0072B2'), vision), simulateColorVision(parseHex('#E69F00'), vision))).toBeGreaterThan(50);
		}
	});

	it('converts to L*a*b* with white at L 100 and black at 0', () => {
		expect(toLab(parseHex('#ffffff')).L).toBeCloseTo(100, 1);
		expect(toLab(parseHex('#000000')).L).toBeCloseTo(0, 5);
		expect(Math.abs(toLab(parseHex('#808080')).a)).toBeLessThan(0.01);
	});
});
