import { Keymap, type ShortcutContext } from '$lib/core/shortcuts';
import { onMac } from '$lib/editor';

const cache = new Map<ShortcutContext, Keymap>();

/** The shortcut table's keymap for one context on this platform (Mod: ⌘ on a Mac, else Ctrl). */
export function keymap(context: ShortcutContext): Keymap {
	let found = cache.get(context);
	if (!found) cache.set(context, (found = new Keymap(context, onMac())));
	return found;
}

/** Whether this is a Mac (Mod is ⌘). */
export function isMac(): boolean {
	return onMac();
}
