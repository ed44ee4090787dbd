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
export function broadcastConversationEvents(visitors: Namespace, agents: Namespace): () => void {
  const unsubscribes = [
    onConversationEvent('message.created', ({ conversation, message, senderSocketId }) => {
      if (!message.isPrivate) {
        // The sending tab has the message in its acknowledgement: one frame fewer per message.
        const tabs = visitors.to(rooms.visitor(conversation.visitorId));
        (senderSocketId ? tabs.except(senderSocketId) : tabs).emit(
          'message',
          toVisitorMessage(message),
        );
      }
      agents.to(rooms.conversation(conversation.id)).emit('message', toAgentMessage(message));
      agents
        .to(rooms.workspaceAgents(conversation.workspaceId))
        .emit(
          'conversation:updated',
          toAgentConversation(conversation, message.isPrivate ? null : message.body),
        );
    }),
    onConversationEvent('conversation.created', ({ conversation }) => {
      agents
        .to(rooms.workspaceAgents(conversation.workspaceId))
        .emit('conversation:updated', toAgentConversation(conversation));
    }),
    onConversationEvent('conversation.updated', ({ conversation }) => {
      visitors
        .to(rooms.visitor(conversation.visitorId))
        .emit('conversation:updated', toVisitorConversation(conversation));
      agents
        .to(rooms.workspaceAgents(conversation.workspaceId))
        .emit('conversation:updated', toAgentConversation(conversation));
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
    onConversationEvent('visitor.deleted', ({ workspaceId, conversationIds }) => {
      agents
        .to(rooms.workspaceAgents(workspaceId))
        .emit('conversations:removed', { conversationIds });
    }),
    onConversationEvent('bot.token', ({ conversation, streamId, text }) => {
      visitors
        .to(rooms.visitor(conversation.visitorId))
        .emit('bot:token', { conversationId: conversation.id, streamId, text });
    }),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
