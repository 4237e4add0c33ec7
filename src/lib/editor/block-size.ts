/**
 * How many characters fit on a line of the article, so that blocks of lines not laid out yet
 * (`content-visibility: auto`) take about their real height and the scrollbar stays honest.
 * Measured from the text itself in a canvas: no layout of the article is forced.
 */
export function measureLineLength(dom: HTMLElement, sample: string): number | null {
	const style = getComputedStyle(dom);
	const context = document.createElement('canvas').getContext('2d');
	const text = sample.slice(0, 4_000).replace(/\s+/g, ' ').trim();
	if (!context || !text) return null;
	context.font = style.font;
	const average = context.measureText(text).width / text.length;
	const width = dom.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
	if (!(average > 0) || !(width > 0)) return null;
	return Math.max(10, Math.floor(width / average));
}
