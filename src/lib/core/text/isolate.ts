/**
 * Quoting user text inside interface messages. The text is wrapped in first-strong isolate marks
 * (U+2068 … U+2069), so bidirectional controls inside it (a right-to-left override, U+202E) reorder
 * only the quoted text, never the message around it.
 */

/** `value` in curly quotes, isolated: “⁨value⁩”. */
export function quoted(value: string): string {
	return `“\u2068${value}\u2069”`;
}
