import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ARTICLE_COLORS, parseThemeChoice } from './themes';

describe('themes', () => {
	it('reads a stored choice, falling back to the system for anything else', () => {
		expect(parseThemeChoice('dark')).toBe('dark');
		expect(parseThemeChoice('light')).toBe('light');
		expect(parseThemeChoice('system')).toBe('system');
		expect(parseThemeChoice('sepia')).toBe('system');
		expect(parseThemeChoice(undefined)).toBe('system');
	});

	it('uses the page and text colours app.css uses', () => {
		const css = readFileSync(fileURLToPath(new URL('../../../app.css', import.meta.url)), 'utf8');
		const variable = (name: string) => new RegExp(`--${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(css)?.slice(1, 3);
		expect(variable('paper')).toEqual([ARTICLE_COLORS.light.paper, ARTICLE_COLORS.dark.paper]);
		expect(variable('article-ink')).toEqual([ARTICLE_COLORS.light.text, ARTICLE_COLORS.dark.text]);
	});
});
