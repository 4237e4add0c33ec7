import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { lexiconFrom, lexiconOf } from './lexicon-data';
import { LEXICON } from './compromise-lexicon';

const FILE = fileURLToPath(new URL('./compromise-lexicon.ts', import.meta.url));

describe('the stored compromise lexicon', () => {
	const fresh = lexiconOf(nlp.model(), nlp.version);
	if (process.env.UPDATE_LEXICON) {
		const json = JSON.stringify(fresh);
		writeFileSync(
			FILE,
			`// Generated from compromise ${fresh.version} by lexicon-data.test.ts (UPDATE_LEXICON=1): do not edit.\n` +
				`import type { LexiconData } from './lexicon-data';\n\n` +
				`// JSON.parse of a string reads much faster than an object literal this size.\n` +
				`export const LEXICON: LexiconData = JSON.parse(${JSON.stringify(json)});\n`
		);
	}

	it('is the installed compromise’s (write it again with UPDATE_LEXICON=1 after an upgrade)', () => {
		expect(LEXICON.version).toBe(nlp.version);
		expect(LEXICON).toEqual(fresh);
	});

	it('looks words up with every tag compromise gives them', () => {
		const lexicon = lexiconFrom(LEXICON, ['Institute']);
		const model = nlp.model() as { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> } };
		let checked = 0;
		for (const [word, tags] of Object.entries(model.one.lexicon)) {
			expect([...(lexicon.words.get(word) ?? [])].sort(), word).toEqual([...(typeof tags === 'string' ? [tags] : tags)].sort());
			checked++;
		}
		expect(lexicon.words.size).toBe(checked);
		expect(lexicon.orgWords.has('Institute')).toBe(true);
		for (const word of Object.keys(model.two.orgWords)) expect(lexicon.orgWords.has(word)).toBe(true);
		for (const word of Object.keys(model.two.placeWords)) expect(lexicon.placeWords.has(word)).toBe(true);
		expect(lexicon.words.get('united states')).toContain('Country');
	});

	it('refuses a lexicon whose layout it does not know', () => {
		expect(() => lexiconOf({ one: {} }, 'x')).toThrow(/model\.two|model\.one\.lexicon/);
		expect(() => lexiconOf({ one: { lexicon: { 'a\nb': 'Noun' } }, two: { orgWords: {}, placeWords: {} } }, 'x')).toThrow(/"a\\nb"/);
	});
});
