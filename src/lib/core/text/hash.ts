/**
 * A fast, synchronous, non-cryptographic fingerprint of a text, used to spot an article imported
 * twice. 53 bits (cyrb53, public domain, by bryc) keep accidental collisions negligible for a corpus
 * of 10,000 articles, and unlike SubtleCrypto it needs no await.
 */

/** Hex cyrb53 hash of `text` (14 hex digits); equal texts always give equal hashes. */
export function textHash(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
	return hash.toString(16).padStart(14, '0');
}
