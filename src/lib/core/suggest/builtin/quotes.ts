/**
 * Quotations: pairs of quote marks within a paragraph. Curly marks pair as opening and closing (“ … ”,
 * « … »); straight marks (") alternate. A mark left open at a paragraph's end pairs with nothing
 * (news style reopens a quotation that goes on in the next paragraph; the recognizers leave those
 * alone). Single quotes are not read: ’ is the apostrophe far more often.
 */
import type { Analysis } from './analysis';

/** A quotation: token indices of its opening and closing marks. */
export interface Quotation {
	readonly open: number;
	readonly close: number;
}

const PAIRS: Readonly<Record<string, string>> = { '“': '”', '«': '»', '„': '“' };

function startsParagraph(analysis: Analysis, k: number): boolean {
	return k === 0 || /\n/.test(analysis.text.slice(analysis.tokens[2 * k - 1], analysis.tokens[2 * k]));
}

/** The quotations of the article, in text order; they never nest or overlap. */
export function findQuotations(analysis: Analysis): Quotation[] {
	const found: Quotation[] = [];
	let open = -1;
	let closing = '';
	for (let k = 0; k < analysis.size; k++) {
		if (startsParagraph(analysis, k)) open = -1;
		const word = analysis.word[k];
		if (open >= 0) {
			if (word === closing) {
				found.push({ open, close: k });
				open = -1;
			}
		} else if (word === '"') {
			open = k;
			closing = '"';
		} else if (PAIRS[word] !== undefined) {
			open = k;
			closing = PAIRS[word];
		}
	}
	return found;
}

/** For each token, the quotation it is inside (between the marks), or -1. */
export function insideQuotation(analysis: Analysis, quotations: readonly Quotation[]): Int32Array {
	const inside = new Int32Array(analysis.size).fill(-1);
	quotations.forEach((quotation, q) => {
		for (let k = quotation.open + 1; k < quotation.close; k++) inside[k] = q;
	});
	return inside;
}
