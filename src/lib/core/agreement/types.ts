/**
 * Input and report of inter-annotator agreement. The report is plain JSON (null for undefined values,
 * snake_case metric names): the CLI prints it as is.
 */
import type { PRF } from './spans-match';

export type { PRF } from './spans-match';

/** One annotator's span, as `Span` has it (a `Span` fits): `[start, end)` in UTF-16 code units. */
export interface AgreementSpan {
	readonly start: number;
	readonly end: number;
	readonly label: string;
	readonly annotator: string;
}

/** One end of a relation: its span's range (UTF-16) and label. */
export interface AgreementRelationEnd {
	readonly start: number;
	readonly end: number;
	readonly label: string;
}

/** One annotator's relation with its two ends resolved to their spans (`resolveAgreementRelations` makes them from `Relation`s). */
export interface AgreementRelation {
	/** The relation type. */
	readonly label: string;
	readonly annotator: string;
	readonly head: AgreementRelationEnd;
	readonly tail: AgreementRelationEnd;
}

/** An article with every annotator's spans. Each annotator is taken to have annotated it; no spans means none found. */
export interface AgreementArticle {
	readonly id: string;
	readonly text: string;
	readonly spans: readonly AgreementSpan[];
	/** Every annotator's relations, when relations are compared (see relation-agreement.ts). */
	readonly relations?: readonly AgreementRelation[];
	/**
	 * The article's tokens as `tokenOffsets(text)` gives them, when the caller has them already
	 * (texts never change, so they can be kept); computed when absent. Tokenizing is the slow part.
	 */
	readonly tokens?: Int32Array;
}

/** What to compute agreement on. */
export interface AgreementInput {
	readonly articles: readonly AgreementArticle[];
	/** Whose spans to compare, in this order (pairs are (a, b) with a before b). Default: all seen, sorted. */
	readonly annotators?: readonly string[];
	/** Which labels to report. Default: all seen, sorted. Spans of other labels or annotators are ignored. */
	readonly labels?: readonly string[];
	/** Relation types whose two ends are interchangeable (matched either way round). */
	readonly symmetricRelations?: ReadonlySet<string>;
}

/** Options of `computeAgreement`. */
export interface AgreementOptions {
	/** Also report every article on its own, as `report.articles[id]`. */
	readonly perArticle?: boolean;
}

/** The figures of one label, or of all labels pooled (micro) or averaged (macro). */
export interface Figures {
	/** Span-level, exact boundaries; counts pooled over all annotator pairs. */
	readonly exact: PRF;
	/** Span-level, intersecting ranges, one-to-one; counts pooled over all annotator pairs. */
	readonly overlap: PRF;
	/** Token-level Cohen's kappa, the mean over annotator pairs where it is defined. */
	readonly cohen_kappa: number | null;
	/** Token-level Fleiss' kappa over all annotators; null with fewer than 3. */
	readonly fleiss_kappa: number | null;
	/** Krippendorff's α_u on the character continuum; null where undefined. */
	readonly krippendorff_alpha_u: number | null;
}

/** The figures of one annotator pair on one label, or on all labels. */
export interface PairLabelFigures {
	readonly exact: PRF;
	readonly overlap: PRF;
	readonly cohen_kappa: number | null;
}

/** Agreement of annotator `b` with annotator `a` as the reference (precision over b's spans, recall over a's). */
export interface PairFigures {
	readonly a: string;
	readonly b: string;
	readonly labels: Readonly<Record<string, PairLabelFigures>>;
	/** All labels pooled (micro-average). */
	readonly overall: PairLabelFigures;
	/** Mean of the per-label figures (macro-average). */
	readonly macro: PairLabelFigures;
}

/** Relation-level figures: exact (same type, both ends the same spans) and overlap (same type, each end overlapping with the same label, one-to-one). */
export interface RelationFigures {
	readonly exact: PRF;
	readonly overlap: PRF;
}

/** Relation figures of one annotator pair (`a` the reference, as for spans). */
export interface RelationPairFigures {
	readonly a: string;
	readonly b: string;
	readonly types: Readonly<Record<string, RelationFigures>>;
	/** All types pooled (micro-average). */
	readonly overall: RelationFigures;
	/** Mean of the per-type figures (macro-average). */
	readonly macro: RelationFigures;
}

/** Relation agreement: per type, overall (micro and macro) and per pair. */
export interface RelationAgreement {
	readonly types: Readonly<Record<string, RelationFigures>>;
	readonly overall: { readonly micro: RelationFigures; readonly macro: RelationFigures };
	readonly pairs: readonly RelationPairFigures[];
}

/** Agreement over a set of articles (one article, or a whole session). */
export interface ArticleAgreement {
	readonly annotators: readonly string[];
	readonly labels: Readonly<Record<string, Figures>>;
	readonly overall: { readonly micro: Figures; readonly macro: Figures };
	readonly pairs: readonly PairFigures[];
	/** Relation figures, when some article of the input has relations. */
	readonly relations?: RelationAgreement;
}

/** Agreement over a session, with each article's own figures when asked for. */
export interface AgreementReport extends ArticleAgreement {
	readonly articles?: Readonly<Record<string, ArticleAgreement>>;
}
