import type { ConversationView } from '@/lib/schemas/events';

export interface InboxMember {
  userId: string;
  name: string;
  role: 'admin' | 'agent';
}

export interface InboxIntent {
  id: string;
  name: string;
}

/** What the inbox page loads on the server before the socket takes over. */
export interface InboxSetup {
  me: InboxMember;
  /** For the few inbox actions made over HTTP rather than the socket (a visitor's data rights). */
  csrfToken: string;
  members: InboxMember[];
  cannedResponses: { id: string; shortcut: string; body: string }[];
  /** The intents an agent can teach, per site. */
  intentsBySite: Record<string, InboxIntent[]>;
  initialView: ConversationView;
  initialConversationId: string | null;
}

export type InboxPanel = 'conversations' | 'review' | 'metrics';
