/**
 * The relation types a new workspace starts with, and the rules for relation type names and keys.
 * A relation type is configured like a label (name, colour, key, guideline) plus the rules of which
 * spans it may link; see `rules.ts` for how those rules are applied.
 */
import type { Label, RelationType } from '../types';
import { checkHotkey, checkLabelName } from '../labels/defaults';
import { boundKeys } from '../shortcuts/dispatch';

/** `source`: a claim → the actor who puts it forward, at most one per claim, on key `s`. */
export const DEFAULT_RELATION_TYPES: readonly RelationType[] = [
	{
		name: 'source',
		// Okabe–Ito reddish purple: not a default label's colour, so an arc never reads as a span.
		color: '#CC79A7',
		hotkey: 's',
		description: 'Who puts the claim forward.',
		headLabels: ['claim'],
		tailLabels: ['actor'],
		directed: true,
		onePerHead: true
	}
];

/**
 * Keys a relation type can never have, besides the shortcut table's: `r` starts a link and `R`
 * (Shift+R) reverses the selected one (issue 13), and relation keys are read while a link is being
 * made, when those keys are in use.
 */
export const LINK_KEYS: readonly string[] = ['r', 'R'];

/**
 * Single-character keys of the article page ("n" notes the selected span): active while the text has
 * the keyboard too, so a relation key must not take them (label keys are checked against the editor's).
 */
const ARTICLE_KEYS: readonly string[] = [...boundKeys('article', false)].filter((key) => [...key].length === 1);

/**
 * Null if `name` can name a new relation type (or rename the one now called `self`), else why not:
 * the label name rules (not empty, at most 40 characters, no control characters), not the name of
 * another relation type, and not the name of a label (ignoring case).
 */
export function checkRelationTypeName(name: string, types: readonly RelationType[], labels: readonly Label[], self?: string): string | null {
	const problem = checkLabelName(name, types, self, 'relation type');
	if (problem) return problem;
	// Relation types and labels are named apart: a type named like a label would confuse messages and exports.
	return checkLabelName(name, labels) ? `there is already a label named "${name.trim()}"; a relation type needs a name of its own` : null;
}

/**
 * Null if `key` can be the key of relation type `self` (or of a new one), else why not: none, or one
 * printable character, not space, not a key the editor or the article page reserves, not `r` / `R`
 * (making and reversing links), not another relation type's key and not a label's key (ignoring case: a label
 * key relabels the selected span, so the two must never be the same key).
 */
export function checkRelationHotkey(key: string, types: readonly RelationType[], labels: readonly Label[], self?: string): string | null {
	// No key: the type is picked by its button (and by the one-type-fits rule).
	if (key === '') return null;
	if (LINK_KEYS.includes(key)) return `"${key}" is reserved for making and reversing links`;
	if (ARTICLE_KEYS.includes(key)) return `"${key}" is reserved for another shortcut`;
	const asType = checkHotkey(key, types, self);
	if (asType) return asType;
	const lower = key.toLowerCase();
	const label = labels.find((l) => l.hotkey.toLowerCase() === lower);
	return label ? `"${key}" is already the key of the label "${label.name}"` : null;
}

/**
 * Null if `type` is a valid relation type among `types` (which may include it, under `self`) and
 * `labels`, else the first problem: its name, its key, its colour, and its head and tail labels
 * (each must be a label's name, listed once).
 */
export function checkRelationType(type: RelationType, types: readonly RelationType[], labels: readonly Label[], self?: string): string | null {
	const name = checkRelationTypeName(type.name, types, labels, self);
	if (name) return name;
	const key = checkRelationHotkey(type.hotkey, types, labels, self);
	if (key) return key;
	if (!/^#[0-9a-fA-F]{6}$/.test(type.color)) return `the colour of "${type.name}" must be #rrggbb, not "${type.color}"`;
	const known = new Set(labels.map((l) => l.name));
	for (const [side, names] of [['head', type.headLabels], ['tail', type.tailLabels]] as const) {
		if (new Set(names).size !== names.length) return `the ${side} labels of "${type.name}" list a label twice`;
		const unknown = names.find((n) => !known.has(n));
		if (unknown !== undefined) return `the ${side} labels of "${type.name}" name "${unknown}", which is not a label`;
	}
	return null;
}
