export { SpanwiseDB, openDatabase, SNAPSHOT_MIN_SPANS, SCHEMA_VERSION, defaultRelationTypeRows, schemaProblem, type RelationTypeRow, type DecisionRow, type ArticleRow, type SnapshotRow, type LabelRow, type SettingRow, type TextRow, type OutboxRow } from './database';
export {
	listArticles,
	readArticle,
	readArticleText,
	readArticleSpans,
	refreshSnapshot,
	createArticles,
	updateArticleStatus,
	updateArticleTitle,
	countLayerLabels,
	destroyArticle,
	restoreArticle,
	countStoredTexts,
	listTextIds,
	readSpansOf,
	readArticleRows,
	removeUntouchedSamples,
	SAMPLE_SOURCE,
	articlesWithAnnotators,
	readTexts,
	IMPORT_CHUNK_SIZE,
	type DuplicatePolicy,
	type ImportReport
} from './articles';
export { listSpans } from './spans';
export { listOutbox, countOutbox, removeFromOutbox, layerRevision, setLayerRevision, applyPulledEdits, writeServerArticle, writeServerArticles, serverCopies, type ServerCopy, hasArticle, hasPendingBatches } from './sync';
export { commitEdits, commitEdits as commitSpanEdits, EditConflictError } from './commit';
export {
	listRelationTypes,
	saveRelationTypes,
	renameRelationType,
	deleteRelationType,
	undoRelationTypeDeletion,
	listRelations,
	relationsAtSpans,
	readRelationsOf,
	type RelationTypeDeletion
} from './relations';
export { listLabels, saveLabels, renameLabel, countLabelSpans, deleteLabel, undoLabelDeletion, type LabelDeletion } from './labels';
export { readSetting, writeSetting } from './settings';
export { seedIfEmpty, SEEDED_KEY } from './seed';
export { forEachArticle, EXPORT_BATCH_SIZE, type ForEachArticleOptions } from './export';
export { watchArticles } from './live';
export { listAnnotators, renameAnnotator } from './annotators';
export { listRejections, listRejectionsOf, setRejection } from './decisions';
export { readWorkspaceExtras, restoreWorkspaceExtras, type WorkspaceExtras } from './backup';
export {
	suggestionKey,
	readSuggestions,
	writeSuggestions,
	addSuggestions,
	removeSuggestionSource,
	readSuggestionDecisions,
	setSuggestionDecisions,
	articlesWithoutSuggestions,
	addMentionsInCorpus,
	MENTION_BATCH,
	type CorpusMentionSearch
} from './suggestions';
export type { SuggestionRow, SuggestionDecisionRow } from './database';
