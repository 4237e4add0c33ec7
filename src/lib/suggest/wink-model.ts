/**
 * wink's English model for a worker that builds one wink-nlp instance: the package's own model with
 * a `core` loader that does not copy the model first.
 *
 * The package's `core()` deep-copies its 3 MB JSON (`JSON.parse(JSON.stringify(…))`, so that every call
 * gets a model of its own), decodes two base64 arrays a byte at a time, then builds its lookup tables:
 * about 60 ms in Node, most of the worker's start after its script. Here the JSON is copied only
 * where the loader writes (the top level, the packing, each feature), the arrays are decoded by the
 * runtime's `Uint8Array.fromBase64` where it has one, and the tables are built as the package builds
 * them. `wink-model.test.ts` checks that the result equals the package's `core()`, so an upgrade that
 * changes the model's format fails there, not in the field.
 */
import model from 'wink-eng-lite-web-model';
import coreJson from 'wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json';

type Layout = Record<string, number[]>;
interface Feature {
	list: unknown[];
	hash?: Record<string, number>;
	intrinsicSize?: number;
	index?: number;
	maxIndex?: number;
}
interface CoreModel {
	lexicon: string | Uint32Array;
	xpansions: string | Uint32Array;
	packing: { layout: Layout; efList?: string[] };
	features: Record<string, Feature> & { lexeme: Feature; posClusters: Feature };
	pos: { hash: Record<string, number> };
	[key: string]: unknown;
}

const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

/** The 32-bit words of base64 `text`. */
function words(text: string): Uint32Array {
	let bytes: Uint8Array;
	if (fromBase64) bytes = fromBase64(text);
	else {
		const decoded = atob(text);
		bytes = new Uint8Array(decoded.length);
		for (let k = 0; k < decoded.length; k++) bytes[k] = decoded.charCodeAt(k);
	}
	return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
}

/** What the package's `core()` returns, made from its JSON without copying what is only read. */
export function loadCoreModel(json: unknown = coreJson): unknown {
	const source = json as CoreModel;
	const layout = source.packing.layout;
	const features: Record<string, Feature> = {};
	for (const [name, feature] of Object.entries(source.features)) features[name] = { ...feature };
	const core: CoreModel = { ...source, packing: { ...source.packing, efList: [] }, features: features as CoreModel['features'] };
	core.lexicon = words(source.lexicon as string);
	core.xpansions = words(source.xpansions as string);
	const indexOf = (list: readonly unknown[]) => {
		const hash: Record<string, number> = Object.create(null);
		for (let k = 0; k < list.length; k++) hash[list[k] as string] = k;
		return hash;
	};
	for (const f in layout) if (layout[f][3] === 0) features[f].hash = indexOf(features[f].list);
	features.lexeme.hash = indexOf(features.lexeme.list);
	const posHash = core.pos.hash;
	features.posClusters.list = (features.posClusters.list as string[]).map((cluster) => new Set(cluster.split('_').map((tag) => posHash[tag] || 0)));
	for (const f in layout) {
		if (layout[f][3] === 0) {
			const feature = features[f];
			feature.intrinsicSize = feature.list.length;
			feature.index = feature.list.length;
			feature.maxIndex = layout[f][1] >>> layout[f][2];
		}
		if (layout[f][4] === 1) core.packing.efList!.push(f);
	}
	features.lexeme.intrinsicSize = features.lexeme.list.length;
	features.lexeme.index = features.lexeme.list.length;
	return core;
}

/** The package's model with the loader above: for `winkNLP(…)`, once per worker. */
export const fastWinkModel: typeof model = { ...model, core: () => loadCoreModel() } as typeof model;
