import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { SpanSet } from '$lib/core/spans/span-set';
import type { Span, SpanEdit } from '$lib/core/types';
import type { SpanRenderer } from './highlight-renderer';

/** What the editor knows of the article's spans: the set, and which one is selected. */
export interface SpanPluginState {
	readonly spans: SpanSet;
	readonly selectedId: string | null;
}

/**
 * The one way spans change in the editor: a transaction whose meta is a `SpanAction`.
 * `edits` lets the renderer draw just the change; without it everything is redrawn.
 */
export type SpanAction =
	| { readonly type: 'sync'; readonly spans: SpanSet; readonly edits: readonly SpanEdit[] | null }
	| { readonly type: 'select'; readonly id: string | null };

export const spanPluginKey = new PluginKey<SpanPluginState>('spanwise-spans');

/** Reads the editor's spans. */
export function spanState(state: EditorState): SpanPluginState {
	const s = spanPluginKey.getState(state);
	if (!s) throw new RangeError('span plugin is not installed in this editor state');
	return s;
}

/** The selected span, if any. */
export function selectedSpan(state: EditorState): Span | null {
	const { spans, selectedId } = spanState(state);
	return selectedId ? (spans.get(selectedId) ?? null) : null;
}

function actionOf(tr: Transaction): SpanAction | undefined {
	return tr.getMeta(spanPluginKey) as SpanAction | undefined;
}

/**
 * Keeps the span set in plugin state and hands every change to a renderer. The document never
 * changes (the text is immutable), so there is nothing to map: offsets stay valid for the life
 * of the view.
 */
export function spanPlugin(
	initial: SpanSet,
	makeRenderer: (view: EditorView) => SpanRenderer,
	onDeselect: () => void
): Plugin<SpanPluginState> {
	return new Plugin<SpanPluginState>({
		key: spanPluginKey,
		state: {
			init: () => ({ spans: initial, selectedId: null }),
			apply(tr, value) {
				const action = actionOf(tr);
				if (!action) {
					// A new text selection (the user is about to tag something else) lets go of the span.
					return value.selectedId && tr.selectionSet && !tr.selection.empty ? { ...value, selectedId: null } : value;
				}
				if (action.type === 'select') {
					return action.id === value.selectedId ? value : { ...value, selectedId: action.id };
				}
				const selectedId = value.selectedId && action.spans.has(value.selectedId) ? value.selectedId : null;
				return { spans: action.spans, selectedId };
			}
		},
		view(view) {
			const renderer = makeRenderer(view);
			renderer.reset(spanState(view.state).spans);
			return {
				update(view, prev) {
					const before = spanPluginKey.getState(prev);
					const after = spanState(view.state);
					if (!before || before === after) return;
					if (before.spans !== after.spans) {
						// Incremental when the sync said what changed; a full redraw otherwise.
						const edits = lastEdits.get(view);
						if (edits) renderer.apply(edits, after.spans);
						else renderer.reset(after.spans);
						lastEdits.delete(view);
					}
					if (before.selectedId !== after.selectedId || before.spans !== after.spans) {
						renderer.select(after.selectedId ? (after.spans.get(after.selectedId) ?? null) : null);
					}
					// Idempotent for the host, so it is told whatever the cause.
					if (before.selectedId && !after.selectedId) onDeselect();
				},
				destroy() {
					renderer.destroy();
				}
			};
		}
	});
}

/** Edits of the sync being applied, handed from `applySpanAction` to the plugin view. */
const lastEdits = new WeakMap<EditorView, readonly SpanEdit[]>();

/** Dispatches a span action (with the edits it carries, for incremental drawing). */
export function applySpanAction(view: EditorView, action: SpanAction, tr: Transaction = view.state.tr): void {
	if (action.type === 'sync') {
		if (action.edits) lastEdits.set(view, action.edits);
		else lastEdits.delete(view);
	}
	view.dispatch(tr.setMeta(spanPluginKey, action).setMeta('addToHistory', false));
}
