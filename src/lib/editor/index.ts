export { ArticleEditor, type ArticleEditorOptions, type EditorHost } from './article-editor';
export { highlightsSupported } from './highlight-renderer';
