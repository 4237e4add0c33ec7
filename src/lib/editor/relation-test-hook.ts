/**
 * A stop-gap for trying the relation overlay in the real app before relations are stored and wired
 * into the article view (issue 13). Off unless the page's localStorage has
 * `spanwise:test-relations` = `1` (a Playwright script sets it with `addInitScript`); then
 * `window.spanwiseRelationTest` lets the script list the spans, hand in relations and read back the
 * layout and what the user clicked. It stores nothing. Remove it once ArticleView wires the overlay.
 */
import type { Relation, Span } from '$lib/core/types';
import type { RelationDisplayMode } from '$lib/core/relations/arcs-display';
import type { ArcLayout } from '$lib/core/relations/arcs';
import { createRelationOverlay, type OverlayHost } from './relation-overlay';
import { spanState } from './span-plugin';

export interface RelationTestHook {
	/** The spans the editor shows, in text order. */
	spans(): readonly Span[];
	/** Relations to draw (and how), replacing those given before. */
	set(relations: readonly Relation[], options?: { mode?: RelationDisplayMode; selectedSpanId?: string | null; selectedRelationId?: string | null; colors?: Record<string, string>; symmetric?: readonly string[]; preview?: { head: string; tail: string; label: string } | null }): void;
	/** What the overlay drew last. */
	layout(): ArcLayout | null;
	/** Redraws now (as a scroll frame would) and returns how long it took, in ms. */
	redraw(): number;
	/** What the user did: `select <relation id>`, `jump <span id>`, `hover <relation id | null>`. */
	readonly events: string[];
}

declare global {
	interface Window {
		spanwiseRelationTest?: RelationTestHook;
	}
}

/** Whether the page asked for the hook (then the article view draws the injected relations instead of its own). */
export function relationTestHookWanted(): boolean {
	try {
		return localStorage.getItem('spanwise:test-relations') === '1';
	} catch {
		return false;
	}
}

/** Installs the hook over `editor` when the page asked for it; returns how to remove it. */
export function installRelationTestHook(editor: OverlayHost & { select(id: string | null, reveal?: boolean): void }): () => void {
	if (!relationTestHookWanted()) return () => {};
	let relations: readonly Relation[] = [];
	let mode: RelationDisplayMode = 'all';
	let selectedSpanId: string | null = null;
	let selectedRelationId: string | null = null;
	let colors: Record<string, string> = {};
	let symmetric = new Set<string>();
	let preview: { head: string; tail: string; label: string } | null = null;
	const events: string[] = [];
	const spans = () => spanState(editor.view.state).spans;
	const overlay = createRelationOverlay(editor, {
		getRelations: () => relations,
		getSpan: (id) => spans().get(id),
		typeColor: (type) => colors[type] ?? '#7a4fd6',
		isDirected: (type) => !symmetric.has(type),
		mode: () => mode,
		selectedSpanId: () => selectedSpanId ?? spanState(editor.view.state).selectedId,
		selectedRelationId: () => selectedRelationId,
		getPreview: () => preview,
		onJump: (spanId) => {
			events.push(`jump ${spanId}`);
			editor.select(spanId, true);
			overlay.update();
		},
		onHoverRelation: (id) => events.push(`hover ${id}`),
		onSelectRelation: (id) => {
			events.push(`select ${id}`);
			selectedRelationId = id;
			overlay.update();
		}
	});
	// The session would call update() when the selection changes; the hook follows the editor's events.
	const follow = () => overlay.update();
	editor.view.dom.addEventListener('click', follow);
	editor.view.dom.addEventListener('keyup', follow);
	window.spanwiseRelationTest = {
		spans: () => spans().all(),
		set(next, options = {}) {
			relations = [...next];
			mode = options.mode ?? mode;
			if (options.selectedSpanId !== undefined) selectedSpanId = options.selectedSpanId;
			if (options.selectedRelationId !== undefined) selectedRelationId = options.selectedRelationId;
			colors = options.colors ?? colors;
			symmetric = new Set(options.symmetric ?? [...symmetric]);
			if (options.preview !== undefined) preview = options.preview;
			overlay.update();
		},
		layout: () => overlay.layout,
		redraw: () => {
			const t0 = performance.now();
			overlay.update();
			overlay.flush();
			return performance.now() - t0;
		},
		events
	};
	return () => {
		editor.view.dom.removeEventListener('click', follow);
		editor.view.dom.removeEventListener('keyup', follow);
		overlay.destroy();
		delete window.spanwiseRelationTest;
	};
}
