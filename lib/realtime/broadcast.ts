import type { Namespace } from 'socket.io';
import {
  onConversationEvent,
  toAgentConversation,
  toAgentMessage,
  toVisitorConversation,
  toVisitorMessage,
} from '@/lib/conversations';
import { rooms } from './rooms';

/**
 * The socket broadcast listener: tells the visitor's tabs and the workspace's agents what
 * happened to a conversation. With the Redis adapter the rooms span every node.
 */
export function broadcastConversationEvents(
  visitors: Namespace,
  agents: Namespace,
  /** multiNode: rooms span nodes (the Redis adapter), so a room empty here may not be elsewhere. */
  options: { multiNode?: boolean } = {},
): () => void {
  /**
   * Whether a broadcast to `room` (but `except`) reaches anyone. socket.io builds and encodes a
   * packet before it looks for the room's sockets; on one node, a room without sockets here has
   * none anywhere, and the payload is not even built (at 500 messages/s most of them: nobody
   * watches a conversation the bot answers, and the sending tab gets its message in the ack).
   */
  const heard = (namespace: Namespace, room: string, except?: string) => {
    if (options.multiNode) return true;
    const sockets = namespace.adapter.rooms.get(room);
    return Boolean(sockets && sockets.size > (except && sockets.has(except) ? 1 : 0));
  };
  /**
   * Closes this node's connections of an erased visitor's tabs. Closed as a lost connection (a
   * server's disconnect would not be retried): the tab reconnects, its token is refused as naming no
   * one, and the widget starts afresh as a new visitor instead of failing every message.
   */
  const dropTabs = (visitorId: string) => {
    for (const socketId of visitors.adapter.rooms.get(rooms.visitor(visitorId)) ?? [])
      visitors.sockets.get(socketId)?.conn.close();
  };
  // The erasure is announced on the node that made it; the others hear it through the adapter.
  if (options.multiNode) visitors.on(VISITOR_ERASED, dropTabs);
  const unsubscribes = [
    onConversationEvent('message.created', ({ conversation, message, senderSocketId }) => {
      const tabsRoom = rooms.visitor(conversation.visitorId);
      if (!message.isPrivate && heard(visitors, tabsRoom, senderSocketId)) {
        // The sending tab has the message in its acknowledgement: one frame fewer per message.
        const tabs = visitors.to(tabsRoom);
        (senderSocketId ? tabs.except(senderSocketId) : tabs).emit(
          'message',
          toVisitorMessage(message),
        );
      }
      const viewers = rooms.conversation(conversation.id);
      if (heard(agents, viewers)) agents.to(viewers).emit('message', toAgentMessage(message));
      const inboxes = rooms.workspaceAgents(conversation.workspaceId);
      if (heard(agents, inboxes))
        agents
          .to(inboxes)
          .emit(
            'conversation:updated',
            toAgentConversation(conversation, message.isPrivate ? null : message.body),
          );
    }),
    onConversationEvent('conversation.created', ({ conversation }) => {
      const inboxes = rooms.workspaceAgents(conversation.workspaceId);
      if (heard(agents, inboxes))
        agents.to(inboxes).emit('conversation:updated', toAgentConversation(conversation));
    }),
    onConversationEvent('conversation.updated', ({ conversation }) => {
      const tabs = rooms.visitor(conversation.visitorId);
      if (heard(visitors, tabs))
        visitors.to(tabs).emit('conversation:updated', toVisitorConversation(conversation));
      const inboxes = rooms.workspaceAgents(conversation.workspaceId);
      if (heard(agents, inboxes))
        agents.to(inboxes).emit('conversation:updated', toAgentConversation(conversation));
    }),
    onConversationEvent('conversation.handoff', ({ conversation, reason }) => {
      agents
        .to(rooms.workspaceAgents(conversation.workspaceId))
        .emit('conversation:handoff', { conversation: toAgentConversation(conversation), reason });
    }),
    onConversationEvent('conversation.read', ({ conversation, reader, seq }) => {
      const notice = { conversationId: conversation.id, reader, seq };
      agents.to(rooms.conversation(conversation.id)).emit('conversation:read', notice);
      if (reader === 'agent')
        visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation:read', notice);
    }),
    onConversationEvent(
      'conversation.typing',
      ({ conversation, sender, agentId, name, typing }) => {
        const notice = { conversationId: conversation.id, sender, name, typing };
        if (sender === 'visitor') {
          agents.to(rooms.conversation(conversation.id)).emit('typing', { ...notice, agentId });
          return;
        }
        visitors.to(rooms.visitor(conversation.visitorId)).emit('typing', notice);
        if (sender === 'agent')
          agents.to(rooms.conversation(conversation.id)).emit('typing', { ...notice, agentId });
      },
    ),
    onConversationEvent('visitor.deleted', ({ workspaceId, visitorId, conversationIds }) => {
      agents
        .to(rooms.workspaceAgents(workspaceId))
        .emit('conversations:removed', { conversationIds });
      dropTabs(visitorId);
      if (options.multiNode) visitors.serverSideEmit(VISITOR_ERASED, visitorId);
    }),
    onConversationEvent('bot.token', ({ conversation, streamId, text }) => {
      visitors
        .to(rooms.visitor(conversation.visitorId))
        .emit('bot:token', { conversationId: conversation.id, streamId, text });
    }),
  ];
  return () => {
    unsubscribes.forEach((unsubscribe) => unsubscribe());
    visitors.off(VISITOR_ERASED, dropTabs);
  };
}

const VISITOR_ERASED = 'visitor:erased';
