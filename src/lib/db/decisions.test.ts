import { describe, expect, it } from 'vitest';
import { listRejections, listRejectionsOf, setRejection } from './decisions';
import { freshDb } from './testing';

describe('review decisions', () => {
	it('records and withdraws rejections per article', async () => {
		const db = freshDb();
		await setRejection(db, 'a', '0:5:actor', true);
		await setRejection(db, 'a', '6:9:claim', true);
		await setRejection(db, 'b', '0:5:actor', true);
		await setRejection(db, 'a', '6:9:claim', false);
		expect([...(await listRejections(db, 'a'))]).toEqual(['0:5:actor']);
		const both = await listRejectionsOf(db, ['a', 'b', 'c']);
		expect([...both.keys()].sort()).toEqual(['a', 'b']);
		expect([...(both.get('b') ?? [])]).toEqual(['0:5:actor']);
	});
});
