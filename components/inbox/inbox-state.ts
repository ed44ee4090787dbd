import type {
  AgentConversation,
  AgentMessage,
  AgentPresence,
  ConversationView,
  ReadNotice,
  TypingNotice,
} from '@/lib/schemas/events';
import type { ConversationDetails, InboxCounts } from '@/lib/schemas/inbox';

/** A reply or note the agent sent that the server has not acknowledged yet (the outbox). */
export interface PendingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  isPrivate: boolean;
  state: 'sending' | 'failed';
  createdAt: string;
}

export interface InboxState {
  /** Every conversation the inbox knows of; views are filters over it. */
  conversations: Record<string, AgentConversation>;
  /** Per view: the cursor for the next page; null when the last page is in; absent until listed. */
  cursors: Partial<Record<ConversationView, string | null>>;
  selectedId: string | null;
  /** Messages of the selected conversation, in seq order. */
  messages: AgentMessage[];
  outbox: PendingMessage[];
  details: ConversationDetails | null;
  counts: InboxCounts | null;
  visitorTyping: Record<string, boolean>;
  /** conversationId → agentId → name of other agents typing there. */
  agentsTyping: Record<string, Record<string, string>>;
  presence: AgentPresence[];
  connection: 'connecting' | 'online' | 'offline';
}

export type InboxAction =
  | { type: 'connection'; status: InboxState['connection'] }
  | {
      type: 'listed';
      view: ConversationView;
      conversations: AgentConversation[];
      nextCursor: string | null;
    }
  | { type: 'conversation'; conversation: AgentConversation }
  | { type: 'removed'; conversationIds: string[] }
  | { type: 'selected'; conversationId: string | null }
  | { type: 'joined'; conversation: AgentConversation; messages: AgentMessage[] }
  | { type: 'message'; message: AgentMessage }
  | { type: 'queued'; pending: PendingMessage }
  | { type: 'send-failed'; clientId: string }
  | { type: 'retrying'; clientIds: string[] }
  | { type: 'details'; details: ConversationDetails }
  | { type: 'counts'; counts: InboxCounts }
  | { type: 'typing'; notice: TypingNotice & { agentId: string | null } }
  | { type: 'read'; notice: ReadNotice }
  | { type: 'presence'; agents: AgentPresence[] };

export const initialInboxState: InboxState = {
  conversations: {},
  cursors: {},
  selectedId: null,
  messages: [],
  outbox: [],
  details: null,
  counts: null,
  visitorTyping: {},
  agentsTyping: {},
  presence: [],
  connection: 'connecting',
};

/**
 * Merges a conversation update. Updates can arrive out of order (two server nodes), so sequence
 * numbers only move forward, and the preview follows the newest message.
 */
export function mergeConversation(
  known: AgentConversation | undefined,
  incoming: AgentConversation,
): AgentConversation {
  if (!known) return incoming;
  const newer = incoming.lastSeq >= known.lastSeq;
  return {
    ...incoming,
    lastSeq: Math.max(known.lastSeq, incoming.lastSeq),
    agentReadSeq: Math.max(known.agentReadSeq, incoming.agentReadSeq),
    visitorReadSeq: Math.max(known.visitorReadSeq, incoming.visitorReadSeq),
    lastMessageAt: newer ? incoming.lastMessageAt : known.lastMessageAt,
    preview: newer && incoming.preview !== null ? incoming.preview : known.preview,
  };
}

/**
 * The seq to rejoin a conversation after: the end of the run of seqs the list holds without a gap,
 * not its highest. Messages of one conversation can arrive out of seq order (stored on different
 * connections or nodes), and one lost with the connection would never be asked for again; an
 * agent sees every seq, notes included, so any gap is such a message.
 */
export function rejoinAfterSeq(messages: readonly AgentMessage[]): number {
  const held = new Set(messages.map((message) => message.seq));
  let seq = 0;
  while (held.has(seq + 1)) seq += 1;
  return seq;
}

/** Adds messages by id, keeps seq order; a message replaces its pending copy in the outbox. */
function mergeMessages(known: AgentMessage[], incoming: AgentMessage[]): AgentMessage[] {
  const byId = new Map(known.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'connection':
      return { ...state, connection: action.status };
    case 'listed': {
      const conversations = { ...state.conversations };
      for (const conversation of action.conversations) {
        conversations[conversation.id] = mergeConversation(
          conversations[conversation.id],
          conversation,
        );
      }
      return {
        ...state,
        conversations,
        cursors: { ...state.cursors, [action.view]: action.nextCursor },
      };
    }
    case 'conversation':
      return {
        ...state,
        conversations: {
          ...state.conversations,
          [action.conversation.id]: mergeConversation(
            state.conversations[action.conversation.id],
            action.conversation,
          ),
        },
      };
    case 'removed': {
      const conversations = { ...state.conversations };
      for (const id of action.conversationIds) delete conversations[id];
      const selectedGone = state.selectedId !== null && !conversations[state.selectedId];
      return selectedGone
        ? { ...state, conversations, selectedId: null, messages: [], details: null }
        : { ...state, conversations };
    }
    case 'selected':
      if (action.conversationId === state.selectedId) return state;
      return { ...state, selectedId: action.conversationId, messages: [], details: null };
    case 'joined': {
      if (action.conversation.id !== state.selectedId) return state;
      const conversations = {
        ...state.conversations,
        [action.conversation.id]: mergeConversation(
          state.conversations[action.conversation.id],
          action.conversation,
        ),
      };
      return { ...state, conversations, messages: mergeMessages(state.messages, action.messages) };
    }
    case 'message': {
      const { message } = action;
      const outbox = state.outbox.filter(
        (pending) =>
          !(
            pending.clientId === message.clientId &&
            pending.conversationId === message.conversationId
          ),
      );
      if (message.conversationId !== state.selectedId) return { ...state, outbox };
      return { ...state, outbox, messages: mergeMessages(state.messages, [message]) };
    }
    case 'queued':
      return { ...state, outbox: [...state.outbox, action.pending] };
    case 'send-failed':
      return {
        ...state,
        outbox: state.outbox.map((pending) =>
          pending.clientId === action.clientId ? { ...pending, state: 'failed' } : pending,
        ),
      };
    case 'retrying':
      return {
        ...state,
        outbox: state.outbox.map((pending) =>
          action.clientIds.includes(pending.clientId) ? { ...pending, state: 'sending' } : pending,
        ),
      };
    case 'details':
      return action.details.conversationId === state.selectedId
        ? { ...state, details: action.details }
        : state;
    case 'counts':
      return { ...state, counts: action.counts };
    case 'typing': {
      const { notice } = action;
      if (notice.sender === 'visitor') {
        return {
          ...state,
          visitorTyping: { ...state.visitorTyping, [notice.conversationId]: notice.typing },
        };
      }
      if (notice.sender !== 'agent' || !notice.agentId) return state;
      const typing = { ...(state.agentsTyping[notice.conversationId] ?? {}) };
      if (notice.typing) typing[notice.agentId] = notice.name ?? 'An agent';
      else delete typing[notice.agentId];
      return { ...state, agentsTyping: { ...state.agentsTyping, [notice.conversationId]: typing } };
    }
    case 'read': {
      const known = state.conversations[action.notice.conversationId];
      if (!known) return state;
      const field = action.notice.reader === 'visitor' ? 'visitorReadSeq' : 'agentReadSeq';
      if (known[field] >= action.notice.seq) return state;
      return {
        ...state,
        conversations: {
          ...state.conversations,
          [known.id]: { ...known, [field]: action.notice.seq },
        },
      };
    }
    case 'presence':
      return { ...state, presence: action.agents };
  }
}
