import { ariaBinding, bindingOf, formatBinding, normalizeBinding, type KeyPress } from './bindings';
import { ACTIVE_TOGETHER, SHORTCUTS, keysOf, type Command, type Shortcut, type ShortcutContext } from './table';

/** Looks up key presses in one context of a shortcut table, for one platform. */
export class Keymap {
	readonly #byKey: ReadonlyMap<string, Shortcut>;
	readonly context: ShortcutContext;
	readonly mac: boolean;

	constructor(context: ShortcutContext, mac: boolean, table: readonly Shortcut[] = SHORTCUTS) {
		this.context = context;
		this.mac = mac;
		const byKey = new Map<string, Shortcut>();
		for (const shortcut of table) {
			if (shortcut.context !== context) continue;
			for (const key of keysOf(shortcut, mac)) {
				const name = normalizeBinding(key, mac);
				const taken = byKey.get(name);
				if (taken) throw new RangeError(`"${key}" is bound twice in ${context}: ${taken.command} and ${shortcut.command}`);
				byKey.set(name, shortcut);
			}
		}
		this.#byKey = byKey;
	}

	/** The command a key press stands for here, if any (`native` ones included: callers decide). */
	lookup(event: KeyPress): Shortcut | undefined {
		return this.#byKey.get(bindingOf(event));
	}

	/** The command a key press runs here; undefined for unbound keys and for native bindings. */
	command(event: KeyPress): Command | undefined {
		const found = this.lookup(event);
		return found && !found.native ? found.command : undefined;
	}
}

/** One row of the `?` overlay: the keys as the user types them on this platform, and what they do. */
export interface HelpRow {
	readonly command: Command;
	readonly keys: readonly string[];
	readonly help: string;
}

/** The overlay rows for some contexts, each command once (first context wins), in table order. */
export function helpRows(contexts: readonly ShortcutContext[], mac: boolean, table: readonly Shortcut[] = SHORTCUTS): HelpRow[] {
	const seen = new Set<Command>();
	const rows: HelpRow[] = [];
	for (const context of contexts) {
		for (const s of table) {
			if (s.context !== context || seen.has(s.command)) continue;
			seen.add(s.command);
			rows.push({ command: s.command, keys: keysOf(s, mac).map((k) => formatBinding(k, mac)), help: s.help });
		}
	}
	return rows;
}

/** The keys (canonical, for this platform) the table binds in a context: what a label hotkey must not take. */
export function boundKeys(context: ShortcutContext, mac: boolean, table: readonly Shortcut[] = SHORTCUTS): Set<string> {
	return new Set(table.filter((s) => s.context === context).flatMap((s) => keysOf(s, mac).map((k) => normalizeBinding(k, mac))));
}

/**
 * Keys that mean different commands in contexts active at the same time (see ACTIVE_TOGETHER):
 * `[binding, commandA, commandB]` for each clash; empty for a sound table.
 */
export function clashes(mac: boolean, table: readonly Shortcut[] = SHORTCUTS): [string, Command, Command][] {
	const out: [string, Command, Command][] = [];
	for (const group of ACTIVE_TOGETHER) {
		const seen = new Map<string, Command>();
		for (const s of table) {
			if (!group.includes(s.context)) continue;
			for (const key of keysOf(s, mac)) {
				const name = normalizeBinding(key, mac);
				const other = seen.get(name);
				if (other && other !== s.command) out.push([name, other, s.command]);
				else seen.set(name, s.command);
			}
		}
	}
	return out;
}

/** The `aria-keyshortcuts` value of a command in a context: its bindings, space-separated. */
export function ariaShortcuts(command: Command, context: ShortcutContext, mac: boolean, table: readonly Shortcut[] = SHORTCUTS): string {
	const found = table.find((s) => s.command === command && s.context === context);
	return found ? keysOf(found, mac).map((k) => ariaBinding(k, mac)).join(' ') : '';
}
