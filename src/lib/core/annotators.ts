/** Annotator names: what a valid one is. */
import { GOLD_ANNOTATOR, isSuggestionSource } from './layers';

/** Null when `name` can be an annotator name, else why not (for the form). */
export function checkAnnotatorName(name: string): string | null {
	const trimmed = name.trim();
	if (!trimmed) return 'Enter a name.';
	if (trimmed.length > 60) return 'Use at most 60 characters.';
	if (trimmed.toLowerCase() === GOLD_ANNOTATOR) return `“${GOLD_ANNOTATOR}” is the reviewed layer's name; choose another.`;
	if (isSuggestionSource(trimmed)) return `“${trimmed}” names a source of suggestions; choose another.`;
	if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(trimmed)) return 'Control and text-direction characters are not allowed.';
	return null;
}
