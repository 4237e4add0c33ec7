import type { Span } from '../types';

/**
 * A span builder for tests: `span('maria', 0, 5, 'actor')` is maria's actor over [0, 5) in
 * article "a", with ids s0, s1, … in the order the builder is called.
 */
export function spanBuilder(articleId = 'a'): (annotator: string, start: number, end: number, label: string) => Span {
	let n = 0;
	return (annotator, start, end, label) => ({ id: `s${n++}`, articleId, start, end, label, annotator, createdAt: 0, updatedAt: 0 });
}
