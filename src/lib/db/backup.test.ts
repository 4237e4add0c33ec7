import { describe, expect, it } from 'vitest';
import { readWorkspaceExtras, restoreWorkspaceExtras } from './backup';
import { setRejection } from './decisions';
import { saveLabels } from './labels';
import { saveRelationTypes } from './relations';
import { writeSetting } from './settings';
import { freshDb } from './testing';

describe('workspace extras', () => {
	it('reads labels, relation types, settings and decisions, and restores them into an empty database exactly', async () => {
		const db = freshDb();
		await saveLabels(db, [{ name: 'speaker', color: '#0072b2', hotkey: 's', description: 'Who speaks' }]);
		const quotes = { name: 'quotes', color: '#E69F00', hotkey: 'q', description: 'Who is quoted', headLabels: ['speaker'], tailLabels: [], directed: false, onePerHead: false };
		await saveRelationTypes(db, [quotes]);
		await writeSetting(db, 'annotator', 'maria');
		await writeSetting(db, 'snapWords', false);
		await setRejection(db, 'a1', '0:5:actor', true, 42);
		const extras = await readWorkspaceExtras(db);
		expect(extras).toEqual({
			labels: [{ name: 'speaker', color: '#0072b2', hotkey: 's', description: 'Who speaks' }],
			relationTypes: [quotes],
			settings: { annotator: 'maria', snapWords: false },
			decisions: [{ articleId: 'a1', key: '0:5:actor', decidedAt: 42 }]
		});
		const empty = freshDb();
		await restoreWorkspaceExtras(empty, extras);
		expect(await readWorkspaceExtras(empty)).toEqual(extras);
		// A backup from before relations leaves the relation types as they are.
		const { relationTypes: _none, ...old } = extras;
		await saveRelationTypes(empty, []);
		await restoreWorkspaceExtras(empty, old);
		expect((await readWorkspaceExtras(empty)).relationTypes).toEqual([]);
	});
});
