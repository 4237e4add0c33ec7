import { describe, expect, it } from 'vitest';
import { looksLikeBackupHeader, parseBackupHeader, serializeBackupHeader } from './backup';

describe('backup header', () => {
	const header = {
		created_at: '2026-11-23T07:00:00.000Z',
		labels: [{ name: 'speaker', color: '#0072b2', hotkey: 's', description: 'Who speaks' }],
		relationTypes: [{ name: 'source', color: '#CC79A7', hotkey: 'w', description: 'Who', headLabels: ['claim'], tailLabels: ['speaker'], directed: true, onePerHead: true }],
		settings: { annotator: 'maria', snapWords: false },
		decisions: [{ articleId: 'a1', key: '0:5:actor', decidedAt: 5 }]
	};

	it('round-trips and is recognised', () => {
		const line = serializeBackupHeader(header);
		expect(looksLikeBackupHeader(line)).toBe(true);
		expect(parseBackupHeader(line)).toEqual({ ok: { format: 'spanwise-backup/1', ...header } });
	});

	it('names what is wrong', () => {
		expect(parseBackupHeader('{"format":"spanwise-backup/1"').error).toMatch(/^line 1: the backup header is not valid JSON/);
		const bad = JSON.stringify({ ...JSON.parse(serializeBackupHeader(header)), labels: [{ name: '', color: '#000', hotkey: '', description: '' }] });
		expect(parseBackupHeader(bad).error).toMatch(/^line 1: backup header\.labels\.0\.name/);
		expect(looksLikeBackupHeader('{"format":"spanwise/1"}')).toBe(false);
		const badType = JSON.stringify({ ...JSON.parse(serializeBackupHeader(header)), relationTypes: [{ ...header.relationTypes[0], directed: 'yes' }] });
		expect(parseBackupHeader(badType).error).toMatch(/^line 1: backup header\.relationTypes\.0\.directed/);
		// A header from before relations (no relationTypes) still parses.
		const { relationTypes: _none, ...old } = header;
		expect(parseBackupHeader(serializeBackupHeader(old)).ok).toEqual({ format: 'spanwise-backup/1', ...old });
	});
});
