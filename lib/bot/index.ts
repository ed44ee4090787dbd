// The bot: decides the reply to each visitor message (intents, knowledge base, handoff).
export type { BotReply, BotTurn } from './types';
export { replyToVisitor } from './reply-to-visitor';
export { prepareSite } from './prepare-site';
export { botWasUnsure } from './review';
// For the admin test console: the same reading of a message the bot uses.
export { understand, type Understanding } from './understand';
export { siteIntents, type SiteIntent } from './site-intents';
export { intentReading } from './intent-reading';
