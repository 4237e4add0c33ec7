/**
 * Every keyboard shortcut of Spanwise, as data: the editor, the pages and the `?` overlay all read
 * this table, so what is bound and what the overlay says cannot drift apart. Label keys are not
 * here: they are part of each label (`Label.hotkey`) and take precedence in the editor.
 *
 * Contexts say where a binding is active:
 * - `editor`: keys the article text handles while it has the keyboard (article and review pages);
 * - `article`: the article page outside the text (and, unless the editor takes the key, inside it);
 * - `review`: the review page (the editor passes these keys on);
 * - `find`: the find box.
 * `native` marks a binding the browser (or a later hook) performs; it is listed, not dispatched.
 */

/** Where a binding applies; `panel` is a panel open over the page (keys there win over the page's). */
export type ShortcutContext = 'editor' | 'article' | 'review' | 'find' | 'panel';

export type Command =
	| 'undo'
	| 'redo'
	| 'help'
	| 'find'
	| 'findNext'
	| 'findPrevious'
	| 'closeFind'
	| 'selectSpanAtCaret'
	| 'nextSpan'
	| 'previousSpan'
	| 'removeSpan'
	| 'startLink'
	| 'reverseLink'
	| 'deselect'
	| 'spanEndWordRight'
	| 'spanEndWordLeft'
	| 'spanStartWordRight'
	| 'spanStartWordLeft'
	| 'spanEndCharRight'
	| 'spanEndCharLeft'
	| 'spanStartCharRight'
	| 'spanStartCharLeft'
	| 'caretWordRight'
	| 'caretWordLeft'
	| 'extendWordRight'
	| 'extendWordLeft'
	| 'nextSentence'
	| 'previousSentence'
	| 'extendSentenceForward'
	| 'extendSentenceBackward'
	| 'nextParagraph'
	| 'previousParagraph'
	| 'textStart'
	| 'textEnd'
	| 'extendToTextStart'
	| 'extendToTextEnd'
	| 'articleDoneNext'
	| 'articlePrevious'
	| 'articleNext'
	| 'spanNote'
	| 'suggestionNext'
	| 'suggestionPrevious'
	| 'suggestionAccept'
	| 'suggestionReject'
	| 'suggestionAcceptAll'
	| 'suggestionMentions'
	| 'reviewRejectUnanimous'
	| 'closeAgreement'
	| 'reviewNextConflict'
	| 'reviewPreviousConflict'
	| 'reviewNextCandidate'
	| 'reviewPreviousCandidate'
	| 'reviewAccept'
	| 'reviewReject'
	| 'reviewAcceptAllUnanimous';

export interface Shortcut {
	readonly command: Command;
	/** Bindings (see bindings.ts); the first is the one shown first. */
	readonly keys: readonly string[];
	/** More bindings on a Mac only (its own conventions, such as ⌘↑ for the start of the text). */
	readonly macKeys?: readonly string[];
	/** What it does, in the user's words (the overlay's text). */
	readonly help: string;
	readonly context: ShortcutContext;
	/** Performed by the browser's own editing (or a hook added later): listed, not dispatched. */
	readonly native?: boolean;
}

const undo = (context: ShortcutContext, what: string): Shortcut => ({ command: 'undo', keys: ['Mod-z'], help: `Undo ${what}`, context });
const redo = (context: ShortcutContext): Shortcut => ({ command: 'redo', keys: ['Mod-Shift-z', 'Mod-y'], help: 'Redo the last undone action', context });
const help = (context: ShortcutContext): Shortcut => ({ command: 'help', keys: ['?'], help: 'Show this list of shortcuts', context });

export const SHORTCUTS: readonly Shortcut[] = [
	// —— in the article text ——
	{ command: 'find', keys: ['/', 'Mod-f'], help: 'Find in the article; Enter selects the next match, then a label key tags it', context: 'editor' },
	{ command: 'selectSpanAtCaret', keys: ['Enter'], help: 'Select the span at the caret (again: the next outer one)', context: 'editor' },
	{ command: 'nextSpan', keys: [']'], help: 'Select the next span', context: 'editor' },
	{ command: 'previousSpan', keys: ['['], help: 'Select the previous span', context: 'editor' },
	{ command: 'removeSpan', keys: ['Delete', 'Backspace'], help: 'Remove the selected span', context: 'editor' },
	// Relation keys are the session's (ArticleSession.relationKey), asked before the table: listed here.
	{
		command: 'startLink',
		keys: ['r'],
		help: 'Link the selected span: then click the other end, or ] / [ to walk to it and Enter (a type’s key picks the type; Escape cancels). Or drag from one span to the other with Alt held',
		context: 'editor',
		native: true
	},
	{ command: 'reverseLink', keys: ['Shift-r'], help: 'Reverse the selected link (Delete removes it, a type’s key retypes it)', context: 'editor', native: true },
	{ command: 'deselect', keys: ['Escape'], help: 'Deselect the span and hide its label tag; with none selected, close the find box', context: 'editor' },
	{ command: 'spanEndWordRight', keys: ['Alt-ArrowRight'], help: 'Move the selected span’s end one word right', context: 'editor' },
	{ command: 'spanEndWordLeft', keys: ['Alt-ArrowLeft'], help: 'Move the selected span’s end one word left', context: 'editor' },
	{ command: 'spanStartWordRight', keys: ['Alt-Shift-ArrowRight'], help: 'Move the selected span’s start one word right', context: 'editor' },
	{ command: 'spanStartWordLeft', keys: ['Alt-Shift-ArrowLeft'], help: 'Move the selected span’s start one word left', context: 'editor' },
	{ command: 'spanEndCharRight', keys: ['.'], help: 'Move the selected span’s end one character right', context: 'editor' },
	{ command: 'spanEndCharLeft', keys: [','], help: 'Move the selected span’s end one character left', context: 'editor' },
	{ command: 'spanStartCharRight', keys: ['>'], help: 'Move the selected span’s start one character right', context: 'editor' },
	{ command: 'spanStartCharLeft', keys: ['<'], help: 'Move the selected span’s start one character left', context: 'editor' },
	// Word moves step by the tokenizer's tokens (so "Ukraine" stops before its "’s"); with no span
	// selected, Alt+←/→ (the Mac's word move) does the same through the span-edge commands above.
	{ command: 'caretWordRight', keys: ['Ctrl-ArrowRight'], help: 'Move the caret one word (token) right', context: 'editor' },
	{ command: 'caretWordLeft', keys: ['Ctrl-ArrowLeft'], help: 'Move the caret one word (token) left', context: 'editor' },
	{ command: 'extendWordRight', keys: ['Ctrl-Shift-ArrowRight'], help: 'Extend the selection one word (token) right', context: 'editor' },
	{ command: 'extendWordLeft', keys: ['Ctrl-Shift-ArrowLeft'], help: 'Extend the selection one word (token) left', context: 'editor' },
	{ command: 'nextSentence', keys: [')'], help: 'Caret to the start of the next sentence', context: 'editor' },
	{ command: 'previousSentence', keys: ['('], help: 'Caret to the start of this sentence (again: the previous one)', context: 'editor' },
	{ command: 'extendSentenceForward', keys: ['Alt-Shift-ArrowDown'], help: 'Extend the selection to the end of the sentence', context: 'editor' },
	{ command: 'extendSentenceBackward', keys: ['Alt-Shift-ArrowUp'], help: 'Extend the selection back to the start of the sentence', context: 'editor' },
	{ command: 'nextParagraph', keys: ['}', 'Alt-ArrowDown'], help: 'Caret to the start of the next paragraph', context: 'editor' },
	{ command: 'previousParagraph', keys: ['{', 'Alt-ArrowUp'], help: 'Caret to the start of this paragraph (again: the previous one)', context: 'editor' },
	{ command: 'textStart', keys: ['Mod-Home'], macKeys: ['Meta-ArrowUp'], help: 'Caret to the start of the text', context: 'editor' },
	{ command: 'textEnd', keys: ['Mod-End'], macKeys: ['Meta-ArrowDown'], help: 'Caret to the end of the text', context: 'editor' },
	{ command: 'extendToTextStart', keys: ['Mod-Shift-Home'], macKeys: ['Meta-Shift-ArrowUp'], help: 'Extend the selection to the start of the text', context: 'editor' },
	{ command: 'extendToTextEnd', keys: ['Mod-Shift-End'], macKeys: ['Meta-Shift-ArrowDown'], help: 'Extend the selection to the end of the text', context: 'editor' },
	undo('editor', 'the last annotation action'),
	redo('editor'),
	help('editor'),

	// —— the find box ——
	{ command: 'findNext', keys: ['Enter'], help: 'Select the next match in the text and go back to it', context: 'find' },
	{ command: 'findPrevious', keys: ['Shift-Enter'], help: 'Select the previous match in the text and go back to it', context: 'find' },
	{ command: 'closeFind', keys: ['Escape'], help: 'Close the find box', context: 'find' },

	// —— the article page ——
	{ command: 'find', keys: ['/', 'Mod-f'], help: 'Find in the article (also when the text does not have the keyboard)', context: 'article' },
	undo('article', 'the last annotation action'),
	redo('article'),
	help('article'),
	{ command: 'articleDoneNext', keys: ['Mod-Enter'], help: 'Mark the article done and open the next one', context: 'article' },
	{ command: 'articlePrevious', keys: ['Alt-PageUp'], help: 'Open the previous article of the library list', context: 'article' },
	{ command: 'articleNext', keys: ['Alt-PageDown'], help: 'Open the next article of the library list', context: 'article' },
	{ command: 'spanNote', keys: ['n'], help: 'Add or edit the note of the selected span (Mod+Enter in the note saves it)', context: 'article' },
	// Suggestion keys are the suggestion session's (SuggestionSession.key), asked in the text before label keys: listed here,
	// and reserved (a label cannot take them). The same vocabulary as the review page's.
	{ command: 'suggestionNext', keys: ['j'], help: 'Next suggestion (shown and scrolled into view)', context: 'article', native: true },
	{ command: 'suggestionPrevious', keys: ['k'], help: 'Previous suggestion', context: 'article', native: true },
	{ command: 'suggestionAccept', keys: ['a'], help: 'Accept the current suggestion into your layer (a label key accepts it with that label)', context: 'article', native: true },
	{ command: 'suggestionReject', keys: ['x'], help: 'Reject the current suggestion: it is not offered again', context: 'article', native: true },
	{ command: 'suggestionAcceptAll', keys: ['A'], help: 'Accept every suggestion of the current one’s label in the article', context: 'article', native: true },
	{ command: 'suggestionMentions', keys: ['m'], help: 'Tag all mentions: suggest the other mentions of the selected (or last tagged) span', context: 'article', native: true },

	// —— the review page ——
	{ command: 'reviewNextConflict', keys: ['n'], help: 'Next unsettled conflict', context: 'review' },
	{ command: 'reviewPreviousConflict', keys: ['p'], help: 'Previous unsettled conflict', context: 'review' },
	{ command: 'reviewNextCandidate', keys: ['j'], help: 'Next unsettled candidate', context: 'review' },
	{ command: 'reviewPreviousCandidate', keys: ['k'], help: 'Previous unsettled candidate', context: 'review' },
	{ command: 'reviewAccept', keys: ['a'], help: 'Accept the current candidate into gold; the other sides of its conflict are rejected', context: 'review' },
	{ command: 'reviewReject', keys: ['x'], help: 'Reject the current candidate (a unanimous one needs Shift+X)', context: 'review' },
	{ command: 'reviewRejectUnanimous', keys: ['X'], help: 'Reject the current candidate, a unanimous one too', context: 'review' },
	{ command: 'reviewAcceptAllUnanimous', keys: ['A'], help: 'Accept every unanimous candidate', context: 'review' },
	{ command: 'closeAgreement', keys: ['Escape'], help: 'Close the agreement panel (when the text does not have the keyboard)', context: 'panel' },
	{ command: 'find', keys: ['/', 'Mod-f'], help: 'Find in the article (also when the text does not have the keyboard)', context: 'review' },
	undo('review', 'any review decision or gold edit'),
	redo('review'),
	help('review')
];

/** Mouse gestures, listed in the overlay beside the keys (not bindings: nothing dispatches them). */
export const MOUSE_HELP: readonly { readonly gesture: string; readonly help: string }[] = [
	{ gesture: 'Select text, then a label key (or click a label)', help: 'Tag the selection (word snapping on: partial words grow to whole words)' },
	{ gesture: 'Alt while selecting', help: 'Tag exactly what you selected (no word snapping)' },
	{ gesture: 'Click a span', help: 'Select it (click again: the next span around it); then a label key relabels it' }
];

/** The bindings of a shortcut on one platform. */
export function keysOf(shortcut: Shortcut, mac: boolean): readonly string[] {
	return mac && shortcut.macKeys ? [...shortcut.keys, ...shortcut.macKeys] : shortcut.keys;
}

/** Contexts that are active at the same time on a page: a key must mean one thing across them. */
export const ACTIVE_TOGETHER: readonly (readonly ShortcutContext[])[] = [
	['editor', 'article'],
	['editor', 'review'],
	['find'],
	['panel', 'review']
];
