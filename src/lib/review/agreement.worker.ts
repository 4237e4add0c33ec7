/** Agreement across a review session, computed off the main thread (tokenizing 1,000 articles takes a while). */
import { computeAgreement } from '$lib/core/agreement/agreement';
import type { AgreementReport } from '$lib/core/agreement/types';
import { isAnnotatorLayer } from '$lib/core/layers';
import { openDatabase, readRelationsOf, readSpansOf, readTexts } from '$lib/db';
import { resolveAgreementRelations } from '$lib/core/agreement/relation-agreement';

export type AgreementRequest = { readonly dbName: string; readonly ids: readonly string[]; readonly symmetricRelations?: readonly string[] };
export type AgreementResponse = { readonly report: AgreementReport; readonly ms: number } | { readonly error: string };

const scope = self as unknown as { postMessage(message: AgreementResponse): void; onmessage: ((e: MessageEvent<AgreementRequest>) => void) | null };

scope.onmessage = async ({ data }) => {
	try {
		const db = openDatabase(data.dbName);
		const [texts, spans, relations] = await Promise.all([readTexts(db, data.ids), readSpansOf(db, data.ids), readRelationsOf(db, data.ids)]);
		db.close();
		const started = performance.now();
		const articles = texts.map((t) => {
			const layers = (spans.get(t.id) ?? []).filter((s) => isAnnotatorLayer(s.annotator));
			const links = (relations.get(t.id) ?? []).filter((r) => isAnnotatorLayer(r.annotator));
			return { id: t.id, text: t.text, spans: layers, relations: resolveAgreementRelations(layers, links) };
		});
		const report = computeAgreement({ articles, symmetricRelations: new Set(data.symmetricRelations ?? []) });
		scope.postMessage({ report, ms: performance.now() - started });
	} catch (error) {
		scope.postMessage({ error: (error as Error).message ?? String(error) });
	}
};
