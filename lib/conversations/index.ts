// Conversations: every way a message or a status change enters the system, and the events it raises.
// Actions (one per file) validate their input with lib/schemas, act, then announce an event.
export type { AgentActor, VisitorActor } from './actors';
export { announce, onConversationEvent, type ConversationEventMap } from './events';
export type { ConversationRecord, StoredMessage } from './records';
export {
  findSite,
  findSiteByKey,
  forgetSite,
  isAllowedOrigin,
  normalizeOrigin,
  type WidgetSite,
} from './sites';
export { listenForBotTurns, type BotTurnOptions, type ReplyToVisitor } from './bot-listener';
export {
  toAgentConversation,
  toAgentMessage,
  toVisitorConversation,
  toVisitorMessage,
} from './views';

// Visitor actions
export { startVisitorSession } from './start-visitor-session';
export { resumeVisitorConversation } from './resume-visitor-conversation';
export { sendVisitorMessage } from './send-visitor-message';
export { askForHuman } from './ask-for-human';
export { leaveContactEmail } from './leave-contact-email';
export { identifyVisitor } from './identify-visitor';
export { isKnownVisitor } from './known-visitor';
export { rateConversation } from './rate-conversation';
export { findActiveConversation } from './current-conversation';
export { countVisitorUnread } from './count-visitor-unread';

// Agent actions
export { listConversations } from './list-conversations';
export { findAgentConversation } from './find-agent-conversation';
export { sendAgentMessage } from './send-agent-message';
export { takeOverConversation } from './take-over-conversation';

// Both sides
export { markConversationRead } from './mark-conversation-read';
export { signalTyping } from './signal-typing';
export { handOffConversation } from './hand-off-conversation';
export { loadWorkspaceConversation } from './records';
export { unassignConversations } from './unassign-conversations';
export { siteWantsWebhook, writeWebhookEvent } from './webhook-outbox';

// Inbox (agent) actions and queries
export { assignConversation } from './assign-conversation';
export { resolveConversation } from './resolve-conversation';
export { reopenConversation } from './reopen-conversation';
export { handBackToBot } from './hand-back-to-bot';
export { searchConversations } from './search-conversations';
export { countInbox } from './count-inbox';
export { describeConversation } from './describe-conversation';
export { labelMessages } from './label-messages';
export { dismissReviewItems } from './dismiss-review-items';
export { listReviewQueue } from './list-review-queue';
export { measureInbox } from './measure-inbox';
