import type { Namespace, Socket } from 'socket.io';
import { ActionError } from '@/lib/auth/errors';
import { findSessionByToken, SESSION_COOKIE } from '@/lib/auth/session';
import {
  assignConversation,
  countInbox,
  describeConversation,
  dismissReviewItems,
  handBackToBot,
  labelMessages,
  listReviewQueue,
  measureInbox,
  reopenConversation,
  resolveConversation,
  searchConversations,
  findAgentConversation,
  listConversations,
  loadWorkspaceConversation,
  markConversationRead,
  sendAgentMessage,
  signalTyping,
  takeOverConversation,
  type AgentActor,
} from '@/lib/conversations';
import {
  AgentTypingRequestSchema,
  ConversationRequestSchema,
  PresenceRequestSchema,
  ReadRequestSchema,
  type AgentPresence,
} from '@/lib/schemas/events';
import { isOwnOrigin } from '@/lib/auth/own-hosts';
import { agentsOnline, type PresenceStore } from './presence';
import { admitWith, serveRequests, type InFlight } from './requests';
import { rooms } from './rooms';

export interface AgentSocketData {
  agent: AgentActor;
  sessionToken: string;
}

const TYPING_EVERY_MS = 2_000;
const SESSION_CHECK_MS = 60_000;

/** `/agent`: inbox sockets, authenticated by the session cookie, scoped to the member's workspace. */
export function serveAgents(
  namespace: Namespace,
  visitors: Namespace,
  options: { presence: PresenceStore; inFlight: InFlight },
): void {
  const announcePresence = async (workspaceId: string) => {
    const agents = await options.presence.list(workspaceId);
    // Shutting down disconnects every agent; announcing that through a closed Redis would only fail.
    if (options.inFlight.closing) return agents;
    namespace.to(rooms.workspaceAgents(workspaceId)).emit('presence', { agents });
    visitors
      .to(rooms.workspaceVisitors(workspaceId))
      .emit('presence', { agentsOnline: agentsOnline(agents) });
    return agents;
  };
  const setPresence = async (
    socket: Socket,
    agent: AgentActor,
    status: AgentPresence['status'],
  ) => {
    await options.presence.set(agent.workspaceId, socket.id, {
      userId: agent.userId,
      name: agent.name,
      status,
    });
    return announcePresence(agent.workspaceId);
  };

  admitWith(namespace, authenticate);

  namespace.on('connection', (socket: Socket) => {
    const { agent, sessionToken } = socket.data as AgentSocketData;
    void socket.join(rooms.workspaceAgents(agent.workspaceId));
    setPresence(socket, agent, 'online').catch(logPresenceError);
    // Signing out (everywhere) or losing membership ends the socket too, within a minute.
    const sessionCheck = setInterval(() => {
      findSessionByToken(sessionToken)
        .then((member) => {
          if (!member || member.workspaceId !== agent.workspaceId) socket.disconnect(true);
        })
        .catch(logPresenceError);
    }, SESSION_CHECK_MS);
    socket.on('disconnect', () => {
      clearInterval(sessionCheck);
      options.presence
        .remove(agent.workspaceId, socket.id)
        .then(() => announcePresence(agent.workspaceId))
        .catch(logPresenceError);
    });
    const lastTyping = new Map<string, number>();

    serveRequests(
      socket,
      {
        'conversation:list': { run: (payload) => listConversations(agent, payload) },
        'conversation:join': {
          run: (payload) =>
            findAgentConversation(agent, payload, (conversationId) =>
              socket.join(rooms.conversation(conversationId)),
            ),
        },
        'conversation:leave': {
          run: async (payload) => {
            const { conversationId } = ConversationRequestSchema.parse(payload);
            await socket.leave(rooms.conversation(conversationId));
            return {};
          },
        },
        'message:send': {
          serial: true,
          run: async (payload) => ({ message: await sendAgentMessage(agent, payload) }),
        },
        typing: {
          run: async (payload) => {
            const { conversationId, typing } = AgentTypingRequestSchema.parse(payload);
            const now = Date.now();
            // "Still typing" at most every 2 s per conversation; "stopped" always goes through.
            if (typing && now - (lastTyping.get(conversationId) ?? 0) < TYPING_EVERY_MS) return {};
            if (lastTyping.size > 100) lastTyping.clear();
            lastTyping.set(conversationId, typing ? now : 0);
            signalTyping(
              await loadWorkspaceConversation(agent.workspaceId, conversationId),
              agent,
              typing,
            );
            return {};
          },
        },
        'conversation:read': {
          run: async (payload) => {
            await markConversationRead({ agent }, ReadRequestSchema.parse(payload));
            return {};
          },
        },
        'conversation:take-over': {
          run: async (payload) => ({ conversation: await takeOverConversation(agent, payload) }),
        },
        'conversation:assign': {
          run: async (payload) => ({ conversation: await assignConversation(agent, payload) }),
        },
        'conversation:resolve': {
          run: async (payload) => ({ conversation: await resolveConversation(agent, payload) }),
        },
        'conversation:reopen': {
          run: async (payload) => ({ conversation: await reopenConversation(agent, payload) }),
        },
        'conversation:hand-back': {
          run: async (payload) => ({ conversation: await handBackToBot(agent, payload) }),
        },
        'conversation:details': {
          run: async (payload) => ({ details: await describeConversation(agent, payload) }),
        },
        'conversation:search': { run: (payload) => searchConversations(agent, payload) },
        'inbox:counts': { run: async () => ({ counts: await countInbox(agent) }) },
        'inbox:metrics': {
          run: async (payload) => ({ metrics: await measureInbox(agent, payload ?? {}) }),
        },
        'review:list': { run: () => listReviewQueue(agent) },
        'review:label': { serial: true, run: (payload) => labelMessages(agent, payload) },
        'review:dismiss': { run: (payload) => dismissReviewItems(agent, payload) },
        'presence:set': {
          run: async (payload) => {
            const { status } = PresenceRequestSchema.parse(payload);
            return { agents: await setPresence(socket, agent, status) };
          },
        },
      },
      options.inFlight,
    );
  });
}

async function authenticate(socket: Socket): Promise<AgentSocketData> {
  // The cookie rides along on any page's WebSocket: only our own pages may use it.
  const origin = socket.handshake.headers.origin;
  if (origin && !isOwnOrigin(origin, socket.handshake.headers.host)) {
    throw new ActionError('forbidden', 'Cross-site connection refused');
  }
  const cookies = socket.handshake.headers.cookie ?? '';
  const sessionToken = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]+)`).exec(
    cookies,
  )?.[1];
  const member = sessionToken ? await findSessionByToken(sessionToken) : null;
  if (!sessionToken || !member) throw new ActionError('unauthenticated', 'Sign in first');
  return {
    agent: {
      userId: member.userId,
      workspaceId: member.workspaceId,
      role: member.role,
      name: member.name,
    },
    sessionToken,
  };
}

function logPresenceError(error: unknown): void {
  console.error('realtime: presence update failed:', error);
}
