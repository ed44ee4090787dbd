// The knowledge base: articles split into chunks, searched by keywords (BM25) and, when an
// embedding model is installed, by meaning; `retrieve` says whether the articles know the answer.
export { retrieve, type Passage, type Retrieval } from './retrieve';
export { intentArticle, type IntentReading } from './intent-support';
export { knowledgeThreshold, RELEVANCE_FIT, type RelevanceFeatures } from './relevance';
export { indexArticle, type IndexArticleResult } from './index-article';
export { saveArticle, ArticleNotFoundError } from './save-article';
export { deleteArticle } from './delete-article';
export { importArticles, type ImportResult } from './import-articles';
export { chunkArticle } from './chunk-article';
export { markdownToPlainText } from './plain-text';
export * from './schemas';
