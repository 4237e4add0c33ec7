export { ArticleEditor, type ArticleEditorOptions, type EditorHost, type EdgeStep } from './article-editor';
export { onMac } from './keys';
export { highlightsSupported, type SuggestionMark } from './highlight-renderer';
