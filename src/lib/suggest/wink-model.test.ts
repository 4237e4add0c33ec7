import { describe, expect, it } from 'vitest';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { fastWinkModel, loadCoreModel } from './wink-model';

describe('the fast wink model loader', () => {
	it('gives what the package’s own core() gives, and leaves the package’s JSON as it was', () => {
		const theirs = (model as unknown as { core(): unknown }).core();
		const ours = loadCoreModel();
		expect(ours).toEqual(theirs);
		// The package's loader still works after ours (it reads the JSON ours must not have changed).
		expect((model as unknown as { core(): unknown }).core()).toEqual(theirs);
	});

	it('reads a text as the package’s model does', () => {
		const text = 'The minister said on Monday that prices rose by $60.84 billion in Kyiv.';
		const read = (m: typeof model) => {
			const nlp = winkNLP(m, ['sbd', 'pos', 'ner']);
			const doc = nlp.readDoc(text);
			return { pos: doc.tokens().out(nlp.its.pos), entities: doc.entities().out(nlp.its.detail) };
		};
		expect(read(fastWinkModel)).toEqual(read(model));
		expect(read(fastWinkModel).entities).not.toEqual([]);
	});
});
