import { describe, expect, it } from 'vitest';
import { LibraryFollower } from './library-follower';

describe('LibraryFollower', () => {
	it('the library being read, then its first list, are not changes; a later list is, once', () => {
		const follower = new LibraryFollower<readonly string[]>();
		const empty: string[] = [];
		const first = ['a1', 'a2'];
		const later = ['a1', 'a2', 'a3'];
		expect(follower.changed(empty, false)).toBe(false);
		expect(follower.changed(first, true)).toBe(false);
		expect(follower.changed(first, true)).toBe(false);
		expect(follower.changed(later, true)).toBe(true);
		expect(follower.changed(later, true)).toBe(false);
	});

	it('a library already read when the view opens: its list is the starting point', () => {
		const follower = new LibraryFollower<readonly string[]>();
		const rows = ['a1'];
		expect(follower.changed(rows, true)).toBe(false);
		expect(follower.changed(['a1', 'a2'], true)).toBe(true);
	});
});
