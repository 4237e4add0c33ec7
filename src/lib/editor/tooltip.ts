import type { EditorView } from 'prosemirror-view';
import type { Label, Span } from '$lib/core/types';
import type { TextPositions } from './positions';
import { selectedSpan, spanState } from './span-plugin';
import { chipTextColor } from '$lib/core/theme/highlight-style';

/**
 * Names the spans under the pointer (inner to outer) and the selected span, in a small tag over the
 * text. Text only (labels are user data): `textContent`, never HTML. The tag sits in the gap
 * between the span's first line and the line above (the line height leaves room for it), never
 * over text; Escape hides it until the pointer moves to other text.
 */
export class SpanTooltip {
	readonly #view: EditorView;
	readonly #positions: TextPositions;
	readonly #labels: () => readonly Label[];
	readonly #onHover: (span: Span | null) => void;
	readonly #el: HTMLDivElement;
	#frame = 0;
	#lastOffset = -1;

	constructor(view: EditorView, positions: TextPositions, labels: () => readonly Label[], onHover: (span: Span | null) => void) {
		this.#view = view;
		this.#positions = positions;
		this.#labels = labels;
		this.#onHover = onHover;
		this.#el = document.createElement('div');
		this.#el.className = 'sw-tip';
		this.#el.setAttribute('role', 'status');
		this.#el.setAttribute('aria-live', 'polite');
		this.#el.hidden = true;
		const host = view.dom.parentElement ?? view.dom;
		host.appendChild(this.#el);
		view.dom.addEventListener('mousemove', this.#move);
		view.dom.addEventListener('mouseleave', this.#leave);
	}

	#move = (event: MouseEvent) => {
		if (this.#frame) return;
		const { clientX, clientY } = event;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			const hit = this.#view.posAtCoords({ left: clientX, top: clientY });
			if (!hit) return this.#leave();
			const offset = this.#positions.toOffset(hit.pos);
			if (offset === this.#lastOffset) return;
			this.#lastOffset = offset;
			const spans = spanState(this.#view.state).spans.at(offset);
			this.#onHover(spans[0] ?? null);
			if (spans.length === 0) return this.showFor(selectedSpan(this.#view.state), true);
			this.#show(spans, hit.pos, true);
		});
	};

	#leave = () => {
		this.#lastOffset = -1;
		this.#onHover(null);
		this.showFor(selectedSpan(this.#view.state));
	};

	/** Hides the tag (Escape) until the pointer moves to other text or a span is selected. */
	hide(): void {
		this.#el.hidden = true;
		cancelAnimationFrame(this.#placeFrame);
	}

	/**
	 * Shows the tag for one span (the selected one), or hides it. `now`: place it at once (in a frame
	 * callback already); else it is placed in the next frame, so an editor update (a relabel, a
	 * selection) does not force a layout of the text it just changed.
	 */
	showFor(span: Span | null, now = false): void {
		if (!span) {
			this.hide();
			return;
		}
		this.#show([span], this.#positions.toPos(span.start), now);
	}

	refresh(): void {
		this.showFor(selectedSpan(this.#view.state));
	}

	#show(spans: readonly Span[], pos: number, now = false): void {
		const labels = this.#labels();
		this.#el.replaceChildren(
			...spans.map((s) => {
				const chip = document.createElement('span');
				chip.className = 'sw-tip-chip';
				chip.textContent = s.label;
				const color = labels.find((l) => l.name === s.label)?.color ?? '#6b6b6b';
				chip.style.setProperty('--chip', color);
				chip.style.setProperty('--chip-ink', chipTextColor(color));
				return chip;
			})
		);
		this.#el.hidden = false;
		cancelAnimationFrame(this.#placeFrame);
		if (now) this.#place(pos);
		else this.#placeFrame = requestAnimationFrame(() => !this.#el.hidden && !this.#view.isDestroyed && this.#place(pos));
	}
	#placeFrame = 0;

	/** Puts the tag just above position `pos` (measures the text: needs layout). */
	#place(pos: number): void {
		if (pos > this.#view.state.doc.content.size) return;
		const coords = this.#view.coordsAtPos(pos, 1);
		const parent = (this.#el.offsetParent ?? document.body) as HTMLElement;
		const box = parent.getBoundingClientRect();
		const width = this.#el.offsetWidth;
		// Just above the glyphs of the span's line: inside the line's own leading, clear of the line above.
		this.#el.style.left = `${Math.max(0, Math.min(coords.left - box.left, parent.clientWidth - width))}px`;
		this.#el.style.top = `${coords.top - box.top - this.#el.offsetHeight - 1}px`;
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
		cancelAnimationFrame(this.#placeFrame);
		this.#view.dom.removeEventListener('mousemove', this.#move);
		this.#view.dom.removeEventListener('mouseleave', this.#leave);
		this.#el.remove();
	}
}
