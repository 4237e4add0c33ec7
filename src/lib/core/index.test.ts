import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('core index', () => {
	it('re-exports the public API', () => {
		for (const name of [
			'ARTICLE_STATUSES',
			'newId',
			'codePointLength',
			'OffsetConverter',
			'splitsSurrogatePair',
			'isGraphemeBoundary',
			'graphemeFloor',
			'graphemeCeil',
			'splitLines',
			'normaliseLineEndings',
			'snapSelection',
			'nextWordEdge',
			'previousWordEdge',
			'textHash',
			'SpanSet',
			'compareSpans',
			'applyEdits',
			'invertEdits',
			'EditHistory',
			'checkSpanBounds',
			'DEFAULT_LABELS',
			'nextLabelColor',
			'checkLabelName',
			'checkHotkey',
			'titleFromText',
			'serializeArticle',
			'parseSpanwiseLine',
			'parseSpanwiseJsonl',
			'parsePlainText',
			'looksBinary',
			'markdownToText',
			'safeFileName'
		]) {
			expect(core, name).toHaveProperty(name);
		}
	});
});
