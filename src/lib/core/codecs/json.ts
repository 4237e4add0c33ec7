/** Small pieces every JSON-based codec needs: readable validation messages, object tests, safe lines. */

/** A valibot message naming what was expected and what came. */
export function expected(what: string) {
	return (issue: { readonly received: string }) => `expected ${what}, got ${issue.received}`;
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Characters JSON leaves raw but that split lines for some readers (Python's `str.splitlines`,
 * JavaScript before ES2019). They only occur inside JSON strings, where an escape means the same.
 */
export function escapeLineSeparators(json: string): string {
	return json.replace(/[\u0085\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
