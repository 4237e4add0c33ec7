/** What makes two spans the same annotation, whatever their ids. */
import type { Span } from '../types';

/**
 * The content of a span as import de-duplication compares it: same place, label and annotator.
 * Two spans with one content key are one annotation; ids are user data and may clash.
 */
export function spanContentKey(span: Pick<Span, 'start' | 'end' | 'label' | 'annotator'>): string {
	return `${span.start}\u0000${span.end}\u0000${span.label}\u0000${span.annotator}`;
}
