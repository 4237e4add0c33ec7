/** `spanwise convert` and `validate` with relations: carried between formats, losses on standard error, exit codes as before. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './cli';
import { nodeIO } from './node-io';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'tests/fixtures/relations', name);

async function spanwise(...args: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await run(args, nodeIO({ stdout: (data) => void (stdout += data), stderr: (data) => void (stderr += data) }));
	return { code, stdout, stderr };
}

/** The relations of a Label Studio export as "type head-text → tail-text". */
function lsRelations(json: string): string[] {
	const out: string[] = [];
	for (const task of JSON.parse(json)) {
		for (const annotation of [...task.annotations, ...task.predictions]) {
			const regions = new Map(annotation.result.filter((r: any) => r.type === 'labels').map((r: any) => [r.id, r.value.text]));
			for (const r of annotation.result.filter((x: any) => x.type === 'relation')) out.push(`${r.labels[0]} ${regions.get(r.from_id)} → ${regions.get(r.to_id)} ${r.direction}`);
		}
	}
	return out.sort();
}

describe('spanwise convert with relations', () => {
	it('Label Studio → Prodigy: relations as rel.manual writes them, and what Prodigy cannot hold on standard error', async () => {
		const r = await spanwise('convert', '--to', 'prodigy', fixture('labelstudio-relations.json'));
		expect(r.code).toBe(0);
		// same_as is "bi" in the file: Prodigy has no symmetric links.
		expect(r.stderr).toBe('spanwise: 1 symmetric relation was written as directed, head → tail (the format has no symmetric links)\n');
		const tasks = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
		const user = tasks.find((t) => t._annotator_id === 'user-3');
		expect(user.relations.map((x: any) => `${x.label} ${user.tokens[x.head].text} → ${user.tokens[x.child].text}`).sort()).toEqual(['related US → Ryder', 'same_as US → Ryder', 'source aid → Ryder']);
	});

	it('Prodigy → brat → W3C → Label Studio carries every relation, and brat gets an annotation.conf', async () => {
		const brat = mkdtempSync(join(tmpdir(), 'spanwise-rel-brat-'));
		const toBrat = await spanwise('convert', '--to', 'brat', '--out', brat, fixture('prodigy-rel-manual.jsonl'));
		expect(toBrat.code).toBe(0);
		// The two annotators' source links differ in their tails, so brat (no annotators) keeps both: nothing to report.
		expect(toBrat.stderr).toBe(`spanwise: wrote 3 file(s) to ${brat}\n`);
		expect(readdirSync(brat).sort()).toEqual(['annotation.conf', expect.stringMatching(/\.ann$/), expect.stringMatching(/\.txt$/)].sort());
		expect(readFileSync(join(brat, 'annotation.conf'), 'utf8')).toContain('[relations]\nsource\tArg1:claim, Arg2:actor\n');

		const w3c = mkdtempSync(join(tmpdir(), 'spanwise-rel-w3c-'));
		expect((await spanwise('convert', '--from', 'brat', '--to', 'w3c', '--out', w3c, brat)).code).toBe(0);
		const ls = await spanwise('convert', '--from', 'w3c', '--to', 'labelstudio', join(w3c, 'export.jsonld'));
		expect(ls.stderr).toBe('');
		expect(ls.code).toBe(0);
		expect(lsRelations(ls.stdout)).toEqual(['source the US sent 😀 aid → Ryder right', 'source the US sent 😀 aid → the US right']);
	});

	it('a relation whose end is missing is a FILE:LINE error naming the id; nothing is written, exit 1 as for any bad record', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'spanwise-rel-bad-'));
		const bad = join(dir, 'bad.jsonl');
		const content = readFileSync(fixture('doccano-relations.jsonl'), 'utf8').replace('"to_id": 814', '"to_id": 999');
		writeFileSync(bad, content);
		const r = await spanwise('convert', '--from', 'doccano', '--to', 'w3c', bad);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe(`${bad}:1: relations[1].to_id: 999 is not the id of an entity of this record\nspanwise: 1 bad record(s); nothing written (--skip-bad converts the good ones)\n`);
	});

	it('validate counts relations', async () => {
		const r = await spanwise('validate', '--from', 'doccano', fixture('doccano-relations.jsonl'));
		expect(r.code).toBe(0);
		expect(r.stdout).toBe('doccano: 2 good records, 3 spans, 2 relations; valid\n');
	});

	it('keeps the symmetric type of a Label Studio file when writing W3C, and says what doccano loses', async () => {
		const w3c = await spanwise('convert', '--to', 'w3c', fixture('labelstudio-relations.json'));
		expect(w3c.stderr).toBe('');
		const links = JSON.parse(w3c.stdout).first.items.filter((a: any) => a.motivation === 'linking');
		expect(links.filter((a: any) => a['spanwise:directed'] === false).map((a: any) => a.body.value)).toEqual(['same_as']);
		const doccano = await spanwise('convert', '--to', 'doccano', fixture('labelstudio-relations.json'));
		expect(doccano.code).toBe(0);
		// No annotators in doccano: the prediction's source link and user-3's coincide.
		expect(doccano.stderr).toBe(
			'spanwise: 1 symmetric relation was written as directed, head → tail (the format has no symmetric links); ' +
				'1 relation was written once for several equal ones (the format keeps no annotator per relation)\n'
		);
	});
});
