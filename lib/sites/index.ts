// The workspace's websites and their widget and bot settings.
export { listSites, type SiteView } from './list-sites';
export { createSite } from './create-site';
export { updateSiteDetails } from './update-site-details';
export { updateAllowedOrigins } from './update-allowed-origins';
export { rotateIdentitySecret } from './rotate-identity-secret';
export { rotateVisitorTokenSecret } from './rotate-visitor-token-secret';
export { updateWidgetSettings } from './update-widget-settings';
export { updateBotSettings } from './update-bot-settings';
export { updateRetention } from './update-retention';
export { embedSnippet } from './embed-snippet';
export { requireWorkspaceSite, assertAdmin, type Admin } from './workspace-site';
export { testMessage, type MessageTest } from './test-message';
export { previewKnowledgeAnswer } from './preview-knowledge-answer';
export { listSiteArticles, getSiteArticle, type ArticleStatus } from './list-site-articles';
