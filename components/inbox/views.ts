import type { AgentConversation, ConversationView } from '@/lib/schemas/events';

/** The inbox's views in the order the sidebar shows them (the server's list query defines each). */
export const INBOX_VIEWS: { view: ConversationView; label: string; key: string }[] = [
  { view: 'needs_human', label: 'Needs a human', key: '1' },
  { view: 'mine', label: 'Mine', key: '2' },
  { view: 'open', label: 'All open', key: '3' },
  { view: 'bot', label: 'With the bot', key: '4' },
  { view: 'resolved', label: 'Resolved', key: '5' },
];

/**
 * Whether a conversation belongs in a view, mirroring the server's list query, so a live update
 * moves it between views without asking the server again.
 */
export function inView(
  conversation: AgentConversation,
  view: ConversationView,
  userId: string,
): boolean {
  switch (view) {
    case 'needs_human':
      return conversation.status === 'open';
    case 'mine':
      return (
        conversation.assigneeId === userId &&
        (conversation.status === 'open' || conversation.status === 'pending')
      );
    case 'open':
      return conversation.status === 'open' || conversation.status === 'pending';
    case 'bot':
      return conversation.status === 'bot';
    case 'resolved':
      return conversation.status === 'resolved';
    case 'all':
      return true;
  }
}

const NEVER = '9999-12-31T23:59:59.999Z';
/** Plain code-point order, as Postgres sorts ISO timestamps and cuid ids. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The view's order: unassigned and longest-waiting first for "needs a human", newest first elsewhere. */
export function compareInView(view: ConversationView) {
  if (view === 'needs_human') {
    return (a: AgentConversation, b: AgentConversation) =>
      Number(a.assigneeId !== null) - Number(b.assigneeId !== null) ||
      // Never handed off (an agent stepped in): waiting "forever", so last, as on the server.
      byText(a.waitingSince ?? NEVER, b.waitingSince ?? NEVER) ||
      byText(a.id, b.id);
  }
  return (a: AgentConversation, b: AgentConversation) =>
    byText(b.lastMessageAt, a.lastMessageAt) || byText(b.id, a.id);
}

/** Messages no agent has read yet; only meaningful while a human handles the conversation. */
export function unreadCount(conversation: AgentConversation): number {
  if (conversation.status === 'bot' || conversation.status === 'resolved') return 0;
  return Math.max(0, conversation.lastSeq - conversation.agentReadSeq);
}

/** "4 min", "2 h 5 min", "3 d": how long someone has waited. */
export function formatWaiting(sinceIso: string | null, now: number): string | null {
  if (!sinceIso) return null;
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** Whether the name or email the inbox shows came from the visitor's own word, not the site's signature. */
export function claimsIdentity(conversation: AgentConversation): boolean {
  const { visitor, contactEmail } = conversation;
  return !visitor.identityVerified && Boolean(visitor.name ?? visitor.email ?? contactEmail);
}

export function visitorName(conversation: AgentConversation): string {
  return (
    conversation.visitor.name ??
    conversation.visitor.email ??
    conversation.contactEmail ??
    `Visitor ${conversation.visitor.id.slice(-5)}`
  );
}

/** The name as plain text (notifications, screen readers), saying so when it is only claimed. */
export function visitorLabel(conversation: AgentConversation): string {
  const name = visitorName(conversation);
  return claimsIdentity(conversation) ? `${name} (unverified)` : name;
}
