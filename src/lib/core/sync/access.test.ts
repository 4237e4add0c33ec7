import { describe, expect, it } from 'vitest';
import { canRead, layerKind, writeRefusal } from './access';

const ana = { name: 'ana', role: 'annotator', blind: true } as const;
const rev = { name: 'rev', role: 'reviewer', blind: true } as const;

describe('layer access', () => {
	it('an annotator writes only their own layer; reviewers and admins also gold', () => {
		expect(writeRefusal(ana, 'ana')).toBeNull();
		expect(writeRefusal(ana, 'gold')).toBe('Only reviewers and admins write gold.');
		expect(writeRefusal(ana, 'ben')).toBe("You (ana) cannot write ben's layer.");
		expect(writeRefusal(rev, 'gold')).toBeNull();
		expect(writeRefusal(rev, 'ana')).toBe("You (rev) cannot write ana's layer.");
	});

	it('blind annotators read only their own layer; relaxed, other annotators’ too, never gold', () => {
		expect(canRead(ana, 'ben', 'annotator')).toBe(false);
		expect(canRead({ ...ana, blind: false }, 'ben', 'annotator')).toBe(true);
		expect(canRead({ ...ana, blind: false }, 'gold', 'gold')).toBe(false);
		expect(canRead(rev, 'gold', 'gold')).toBe(true);
		expect([layerKind('gold'), layerKind('ana')]).toEqual(['gold', 'annotator']);
	});
});
