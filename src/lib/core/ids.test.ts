import { describe, expect, it } from 'vitest';
import { newId } from './ids';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
	it('prefixes a UUID with the kind of thing', () => {
		expect(newId('a')).toMatch(new RegExp(`^a-${UUID_V4.source.slice(1)}`));
		expect(newId('s')).toMatch(/^s-/);
	});

	it('does not repeat', () => {
		const ids = new Set(Array.from({ length: 1000 }, () => newId('s')));
		expect(ids.size).toBe(1000);
	});

	it('still makes UUIDs where randomUUID is unavailable', () => {
		// Shadow the prototype's method with an own property, as on a page served over plain http.
		Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
		try {
			const id = newId('a');
			expect(id.slice(2)).toMatch(UUID_V4);
			expect(newId('a')).not.toBe(id);
		} finally {
			delete (crypto as { randomUUID?: unknown }).randomUUID;
		}
		expect(typeof crypto.randomUUID).toBe('function');
	});
});
