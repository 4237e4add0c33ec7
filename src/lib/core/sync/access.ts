/**
 * Who may read and write which layer of a team project: one rule, decided on the server for every
 * request and used by the browser to keep batches the server would refuse out of its pushes.
 */
import { GOLD_ANNOTATOR, type LayerKind } from '../layers';
import type { Role } from './protocol';

export { layerKind } from '../layers';

/** What the rules need to know of a member. */
export interface Access {
	readonly name: string;
	readonly role: Role;
	/** Annotators see only their own layer (the project's setting). */
	readonly blind: boolean;
}

/** Whether `member` may read layer `layer` (of kind `kind`) of an article they can see. */
export function canRead(member: Access, layer: string, kind: LayerKind): boolean {
	if (member.role !== 'annotator') return true;
	if (layer === member.name) return true;
	return !member.blind && kind === 'annotator';
}

/** Why `member` may not write layer `layer` (their own; gold for reviewers and admins), or null when they may. */
export function writeRefusal(member: Pick<Access, 'name' | 'role'>, layer: string): string | null {
	if (layer === member.name) return null;
	if (layer === GOLD_ANNOTATOR) return member.role === 'annotator' ? 'Only reviewers and admins write gold.' : null;
	return `You (${member.name}) cannot write ${layer}'s layer.`;
}
