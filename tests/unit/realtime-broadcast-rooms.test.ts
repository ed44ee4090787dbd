import { Server, type Namespace } from 'socket.io';
import { afterEach, expect, it, vi } from 'vitest';
import { announce, type ConversationRecord, type StoredMessage } from '@/lib/conversations';
import { broadcastConversationEvents } from '@/lib/realtime/broadcast';
import { rooms } from '@/lib/realtime/rooms';

// On one node, a broadcast to a room none of this node's sockets are in reaches nobody: it is not
// built or encoded (socket.io encodes before it looks). With the Redis adapter every broadcast
// goes out, as other nodes may hold the room's sockets.

const conversation = {
  id: 'conversation-1',
  siteId: 'site-1',
  visitorId: 'visitor-1',
  workspaceId: 'workspace-1',
  status: 'bot',
  assigneeId: null,
  handoffReason: null,
  lastSeq: 1,
  lastMessageAt: new Date(),
  waitingSince: null,
  fallbackCount: 0,
  visitorReadSeq: 0,
  agentReadSeq: 0,
  contactEmail: null,
  firstResponseAt: null,
  resolvedAt: null,
  csatScore: null,
  csatComment: null,
  botState: {},
  createdAt: new Date(),
  updatedAt: new Date(),
  visitor: {
    id: 'visitor-1',
    siteId: 'site-1',
    externalId: null,
    name: null,
    email: null,
    identityVerified: false,
    browser: null,
    language: null,
    currentUrl: null,
    firstSeenAt: new Date(),
    lastSeenAt: new Date(),
  },
} as ConversationRecord;
const message = {
  id: 'message-1',
  conversationId: conversation.id,
  seq: 1,
  sender: 'visitor',
  authorId: null,
  authorName: null,
  clientId: 'client-1',
  body: 'hello',
  isPrivate: false,
  intent: null,
  confidence: null,
  modelVersionId: null,
  citations: null,
  choices: [],
  reviewState: null,
  createdAt: new Date(),
} as StoredMessage;

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function watch(multiNode: boolean) {
  const io = new Server();
  const visitors = io.of('/visitor');
  const agents = io.of('/agent');
  const sent = { visitors: vi.fn(), agents: vi.fn() };
  for (const [namespace, spy] of [
    [visitors, sent.visitors],
    [agents, sent.agents],
  ] as [Namespace, typeof sent.visitors][]) {
    const broadcast = namespace.adapter.broadcast.bind(namespace.adapter);
    namespace.adapter.broadcast = (packet, options) => {
      spy((packet.data as unknown[])[0], [...options.rooms]);
      return broadcast(packet, options);
    };
  }
  stop = broadcastConversationEvents(visitors, agents, { multiNode });
  return { visitors, agents, sent };
}

it('builds nothing for rooms without a socket on a single node', () => {
  const { visitors, agents, sent } = watch(false);
  // The sending tab is the visitor's only one: it has the message in its acknowledgement.
  visitors.adapter.addAll('tab-1', new Set([rooms.visitor(conversation.visitorId)]));
  announce('message.created', { conversation, message, senderSocketId: 'tab-1' });
  announce('conversation.created', { conversation });
  expect(sent.visitors).not.toHaveBeenCalled();
  expect(sent.agents).not.toHaveBeenCalled();

  // A second tab, an agent on the inbox and one viewing the conversation: each gets its frame.
  visitors.adapter.addAll('tab-2', new Set([rooms.visitor(conversation.visitorId)]));
  agents.adapter.addAll('agent-1', new Set([rooms.workspaceAgents(conversation.workspaceId)]));
  agents.adapter.addAll('agent-2', new Set([rooms.conversation(conversation.id)]));
  announce('message.created', { conversation, message, senderSocketId: 'tab-1' });
  expect(sent.visitors.mock.calls).toEqual([['message', [rooms.visitor('visitor-1')]]]);
  expect(sent.agents.mock.calls).toEqual([
    ['message', [rooms.conversation('conversation-1')]],
    ['conversation:updated', [rooms.workspaceAgents('workspace-1')]],
  ]);
  announce('conversation.updated', { conversation });
  expect(sent.visitors).toHaveBeenCalledTimes(2);
  expect(sent.agents).toHaveBeenCalledTimes(3);
});

it('broadcasts to every room when rooms span nodes', () => {
  const { sent } = watch(true);
  announce('message.created', { conversation, message, senderSocketId: 'tab-1' });
  expect(sent.visitors).toHaveBeenCalledTimes(1);
  expect(sent.agents).toHaveBeenCalledTimes(2);
});
