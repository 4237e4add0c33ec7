/**
 * brat's `annotation.conf`, the part Spanwise writes and reads: `[entities]` (the labels) and
 * `[relations]` (each type with the labels its two arguments may have, `<REL-TYPE>:symmetric` for a
 * symmetric one). An export declares `<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>`: brat
 * refuses nested and crossing spans otherwise, and Spanwise spans nest and cross.
 *
 * ```
 * [entities]
 * actor
 * claim
 * [relations]
 * source	Arg1:claim, Arg2:actor
 * same_as	Arg1:actor|claim, Arg2:<ENTITY>, <REL-TYPE>:symmetric
 * <OVERLAP>	Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
 * ```
 */
import type { RelationTypeHint } from './codec';

/** One relation type as the conf declares it: null labels = any entity (`<ENTITY>`). */
export interface ConfRelation {
	readonly name: string;
	readonly heads: readonly string[] | null;
	readonly tails: readonly string[] | null;
	readonly symmetric: boolean;
}

/** Argument types that stand for any label. */
const ANY = new Set(['<ENTITY>', '<ANY>']);

/** The text of an `annotation.conf` declaring `labels` and `relations` (names already brat-safe). */
export function annotationConf(labels: readonly string[], relations: readonly ConfRelation[]): string {
	const types = (labels: readonly string[] | null) => (labels === null || labels.length === 0 ? '<ENTITY>' : [...labels].sort().join('|'));
	const lines = [
		'# Written by Spanwise: the labels and relation types of this export.',
		'[entities]',
		...labels,
		'',
		'[relations]',
		...relations.map((r) => `${r.name}\tArg1:${types(r.heads)}, Arg2:${types(r.tails)}${r.symmetric ? ', <REL-TYPE>:symmetric' : ''}`),
		'<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
		'',
		'[events]',
		'',
		'[attributes]',
		''
	];
	return lines.join('\n');
}

/**
 * What an `annotation.conf` says of relation types: one hint per `[relations]` line (the same type
 * on several lines gives several hints; merge them), head labels from the first argument, tail labels
 * from the second (`<ENTITY>` / `<ANY>`: any), symmetric when `<REL-TYPE>` says so. Lines it cannot
 * read are ignored: the conf only helps set up types.
 */
export function parseAnnotationConf(content: string): RelationTypeHint[] {
	const hints: RelationTypeHint[] = [];
	let section = '';
	for (const raw of content.split(/\r?\n/)) {
		const line = raw.replace(/#.*$/, '').trim();
		if (line === '') continue;
		const header = /^\[(\w+)\]$/.exec(line);
		if (header) {
			section = header[1].toLowerCase();
			continue;
		}
		if (section !== 'relations') continue;
		const match = /^(\S+)\s+(.*)$/.exec(line);
		if (!match || match[1].startsWith('<')) continue;
		const name = match[1].replace(/^!/, '');
		const args = match[2].split(',').map((arg) => arg.trim()).filter((arg) => arg !== '');
		const roles: string[][] = [];
		let symmetric = false;
		for (const arg of args) {
			const [role, types = ''] = arg.split(':', 2);
			if (role === '<REL-TYPE>') symmetric ||= /symmetric/.test(types);
			else if (!role.startsWith('<')) roles.push(types.split('|').filter((t) => t !== '' && !ANY.has(t)));
		}
		hints.push({ name, directed: !symmetric, headLabels: roles[0] ?? [], tailLabels: roles[1] ?? [] });
	}
	return hints;
}
