/**
 * The part of compromise's lexicon the built-in recognizers read (gazetteer.ts), as compact data:
 * every word of its lexicon by tag, and its lists of words that end organisations' and places' names.
 * It is taken from compromise itself (`lexiconOf(nlp.model())`) and kept in compromise-lexicon.ts,
 * because importing compromise unpacks its whole model first: about 660 ms, most of the suggestion
 * worker's start, for a lexicon that reads in a few milliseconds. A test compares the stored data with
 * the installed compromise, so an upgrade that changes its lexicon fails until the file is written
 * again (`UPDATE_LEXICON=1 npx vitest run src/lib/core/suggest/builtin/lexicon-data.test.ts`).
 */

/** Words by tag, each tag's words joined by a newline; the name lists as arrays. */
export interface LexiconData {
	readonly version: string;
	readonly tags: Readonly<Record<string, string>>;
	readonly orgWords: readonly string[];
	readonly placeWords: readonly string[];
}

/** What the recognizers look words up in. */
export interface Lexicon {
	readonly words: ReadonlyMap<string, readonly string[]>;
	readonly orgWords: ReadonlySet<string>;
	readonly placeWords: ReadonlySet<string>;
}

const SEPARATOR = '\n';

function record(value: unknown, what: string): Record<string, unknown> {
	if (typeof value !== 'object' || value === null) throw new Error(`compromise's model has no ${what} (its layout changed?)`);
	return value as Record<string, unknown>;
}

/** The data of compromise's model (`nlp.model()`, version `version`), in the stored form. */
export function lexiconOf(model: unknown, version: string): LexiconData {
	const one = record(record(model, 'model').one, 'model.one');
	const two = record(record(model, 'model').two, 'model.two');
	const byTag = new Map<string, string[]>();
	for (const [word, tags] of Object.entries(record(one.lexicon, 'model.one.lexicon'))) {
		if (word.includes(SEPARATOR)) throw new Error(`compromise's lexicon has a word with ${SEPARATOR}: ${JSON.stringify(word)}`);
		for (const tag of typeof tags === 'string' ? [tags] : Array.isArray(tags) ? tags : []) {
			if (typeof tag !== 'string') continue;
			const list = byTag.get(tag) ?? [];
			if (list.length === 0) byTag.set(tag, list);
			list.push(word);
		}
	}
	const sorted = [...byTag].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		version,
		tags: Object.fromEntries(sorted.map(([tag, words]) => [tag, words.join(SEPARATOR)])),
		orgWords: Object.keys(record(two.orgWords, 'model.two.orgWords')),
		placeWords: Object.keys(record(two.placeWords, 'model.two.placeWords'))
	};
}

/** The lookup tables of stored data; `extraOrgWords` are our own words that end organisations' names. */
export function lexiconFrom(data: LexiconData, extraOrgWords: Iterable<string> = []): Lexicon {
	const words = new Map<string, string[]>();
	for (const [tag, list] of Object.entries(data.tags)) {
		for (const word of list.split(SEPARATOR)) {
			const tags = words.get(word);
			if (tags) tags.push(tag);
			else words.set(word, [tag]);
		}
	}
	return { words, orgWords: new Set([...data.orgWords, ...extraOrgWords]), placeWords: new Set(data.placeWords) };
}
