/**
 * Ids for articles and spans. Random UUIDs so that ids made offline by different annotators never
 * clash when their exports are merged; the prefix says what kind of thing an id names.
 */

/** A version 4 UUID from `getRandomValues`, for pages where `randomUUID` is missing (plain http). */
function fallbackUuid(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new id: "a-<uuid>" for an article, "s-<uuid>" for a span, "r-<uuid>" for a relation. */
export function newId(prefix: 'a' | 's' | 'r' | 'b'): string {
	// randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
	const uuid = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : fallbackUuid();
	return `${prefix}-${uuid}`;
}
