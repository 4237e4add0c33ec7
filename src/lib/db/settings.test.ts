import { describe, expect, it } from 'vitest';
import { readSetting, writeSetting } from './settings';
import { freshDb } from './testing';

describe('settings', () => {
	it('reads the fallback until a value is written', async () => {
		const db = freshDb();
		expect(await readSetting(db, 'annotator', 'anonymous')).toBe('anonymous');
		await writeSetting(db, 'annotator', 'ada');
		await writeSetting(db, 'view', { wrap: true, size: 14 });
		expect(await readSetting(db, 'annotator', 'anonymous')).toBe('ada');
		expect(await readSetting(db, 'view', {})).toEqual({ wrap: true, size: 14 });
		await writeSetting(db, 'annotator', false);
		expect(await readSetting(db, 'annotator', true)).toBe(false);
	});
});
