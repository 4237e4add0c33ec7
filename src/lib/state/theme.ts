/**
 * Puts the chosen theme on the page: `data-theme` on the root element for an explicit choice (none
 * for "system", so app.css follows prefers-color-scheme). The choice is stored with the other
 * settings in IndexedDB; a copy in localStorage lets the layout apply it before the database opens,
 * so a dark-theme user never sees a light flash on load. (The CSP rules out an inline script.)
 */
import { parseThemeChoice, type ThemeChoice } from '$lib/core/theme/themes';

const KEY = 'spanwise:theme';

/** Shows `choice` and remembers it for the next load. */
export function applyTheme(choice: ThemeChoice): void {
	const root = document.documentElement;
	if (choice === 'system') delete root.dataset.theme;
	else root.dataset.theme = choice;
	try {
		localStorage.setItem(KEY, choice);
	} catch {
		// Storage refused (private mode): the theme still applies; the next load starts from the system.
	}
}

/** The choice applied on the last load, or "system". */
export function rememberedTheme(): ThemeChoice {
	try {
		return parseThemeChoice(localStorage.getItem(KEY));
	} catch {
		return 'system';
	}
}
