/** The app's two themes, what the user can choose, and the article colours each theme paints with. */

/** The two looks of the app. The user's choice may also be "system" (see ThemeChoice). */
export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** What the user picks in Settings: follow the system (`prefers-color-scheme`), or one theme always. */
export type ThemeChoice = 'system' | Theme;
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** A stored value as a ThemeChoice ('system' for anything unknown, e.g. from an older version). */
export function parseThemeChoice(value: unknown): ThemeChoice {
	return THEME_CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'system';
}

/**
 * The article's page and text colours in each theme. app.css's `--paper` and `--article-ink` hold
 * the same values (a test checks they agree).
 */
export const ARTICLE_COLORS: Readonly<Record<Theme, { readonly paper: string; readonly text: string }>> = {
	light: { paper: '#ffffff', text: '#111111' },
	dark: { paper: '#1b2029', text: '#e8eaef' }
};
