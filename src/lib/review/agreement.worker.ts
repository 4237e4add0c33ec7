/** Agreement across a review session, computed off the main thread (tokenizing 1,000 articles takes a while). */
import { computeAgreement } from '$lib/core/agreement/agreement';
import type { AgreementReport } from '$lib/core/agreement/types';
import { GOLD_ANNOTATOR } from '$lib/core/review/layers';
import { openDatabase, readSpansOf, readTexts } from '$lib/db';

export type AgreementRequest = { readonly dbName: string; readonly ids: readonly string[] };
export type AgreementResponse = { readonly report: AgreementReport; readonly ms: number } | { readonly error: string };

const scope = self as unknown as { postMessage(message: AgreementResponse): void; onmessage: ((e: MessageEvent<AgreementRequest>) => void) | null };

scope.onmessage = async ({ data }) => {
	try {
		const db = openDatabase(data.dbName);
		const [texts, spans] = await Promise.all([readTexts(db, data.ids), readSpansOf(db, data.ids)]);
		db.close();
		const started = performance.now();
		const articles = texts.map((t) => ({ id: t.id, text: t.text, spans: (spans.get(t.id) ?? []).filter((s) => s.annotator !== GOLD_ANNOTATOR) }));
		const report = computeAgreement({ articles });
		scope.postMessage({ report, ms: performance.now() - started });
	} catch (error) {
		scope.postMessage({ error: (error as Error).message ?? String(error) });
	}
};
