import type { Namespace, Socket } from 'socket.io';
import { ActionError, isActionError } from '@/lib/auth/errors';
import { readVisitorTokenClaims, verifyVisitorToken } from '@/lib/auth/visitor-token';
import {
  askForHuman,
  announce,
  findActiveConversation,
  findSite,
  identifyVisitor,
  isAllowedOrigin,
  isKnownVisitor,
  leaveContactEmail,
  markConversationRead,
  rateConversation,
  resumeVisitorConversation,
  sendVisitorMessage,
  signalTyping,
  type ConversationRecord,
  type VisitorActor,
} from '@/lib/conversations';
import {
  RateConversationRequestSchema,
  ReadRequestSchema,
  VisitorHandshakeSchema,
  VisitorTypingRequestSchema,
  type ReadRequest,
} from '@/lib/schemas/events';
import { recordStage } from '@/lib/conversations/stage-timings';
import { socketAddress } from './client-address';
import { limitVisitorConnect, limitVisitorMessage } from './limits';
import { ownHosts } from '@/lib/auth/own-hosts';
import { agentsOnline, type PresenceStore } from './presence';
import { admitWith, serveRequests, type InFlight } from './requests';
import { rooms } from './rooms';
import { Throttle } from './throttle';

export interface VisitorSocketData {
  visitor: VisitorActor;
  workspaceId: string;
  ip: string;
}

// Typing "on" is forwarded at most this often; receivers expire it after a few seconds.
const TYPING_EVERY_MS = 2_000;
const READ_EVERY_MS = 1_000;

/** `/visitor`: widget sockets, authenticated by a signed visitor token, each seeing only its own visitor. */
export function serveVisitors(
  namespace: Namespace,
  /** multiNode: other nodes share the rooms (the Redis adapter). */
  options: {
    presence: PresenceStore;
    inFlight: InFlight;
    multiNode: boolean;
    /** Starts loading what the bot reads for the site (not awaited). */
    prepareBot?: (siteId: string) => void;
  },
): void {
  admitWith(namespace, authenticate);
  // Another node saw the visitor's last tab close: work for them here stops too.
  namespace.on(VISITOR_LEFT, (visitorId: string) => announce('visitor.left', { visitorId }));

  namespace.on('connection', (socket: Socket) => {
    const { visitor, workspaceId, ip } = socket.data as VisitorSocketData;
    options.prepareBot?.(visitor.siteId);
    void socket.join([rooms.visitor(visitor.visitorId), rooms.workspaceVisitors(workspaceId)]);
    let typingConversation: { record: ConversationRecord; until: number } | null = null;
    const activeConversation = async () => {
      if (typingConversation && typingConversation.until > Date.now())
        return typingConversation.record;
      const record = await findActiveConversation(visitor);
      typingConversation = record ? { record, until: Date.now() + 10_000 } : null;
      return record;
    };
    let typingShown = false;
    const typing = new Throttle<boolean>(TYPING_EVERY_MS, async (isTyping) => {
      if (!isTyping && !typingShown) return;
      typingShown = isTyping;
      const conversation = await activeConversation();
      if (conversation) signalTyping(conversation, 'visitor', isTyping);
    });
    const reads = new Throttle<ReadRequest>(READ_EVERY_MS, (request) =>
      markConversationRead({ visitor }, request).catch(ignoreRefusal),
    );
    socket.on('disconnect', () => {
      // A closed tab stops typing; a server shutting down tells no one.
      if (!options.inFlight.closing) typing.flushNow(false);
      typing.stop();
      reads.stop();
      // A node shutting down loses visitors who reconnect elsewhere: they did not leave.
      if (!options.inFlight.closing)
        void leaveIfGone(namespace, visitor.visitorId, options.multiNode);
    });

    serveRequests(
      socket,
      {
        'conversation:resume': {
          run: async (payload) => ({
            ...(await resumeVisitorConversation(visitor, payload)),
            agentsOnline: agentsOnline(await options.presence.list(workspaceId)),
          }),
        },
        'message:send': {
          serial: true,
          run: async (payload) => {
            const startedAt = performance.now();
            await limitVisitorMessage(ip, visitor.visitorId);
            recordStage('1 limits', startedAt);
            const storing = performance.now();
            const sent = await sendVisitorMessage(visitor, payload, socket.id);
            recordStage('2 validate + store', storing);
            typing.flushNow(false);
            recordStage('3 ack (request → acknowledged)', startedAt);
            return sent;
          },
        },
        typing: {
          run: async (payload) => {
            const { typing: isTyping } = VisitorTypingRequestSchema.parse(payload);
            typing.offer(isTyping, { leading: isTyping });
            return {};
          },
        },
        'conversation:read': {
          run: async (payload) => {
            reads.offer(ReadRequestSchema.parse(payload), { leading: true });
            return {};
          },
        },
        'conversation:handoff': {
          run: async () => ({
            conversation: await askForHuman(visitor),
            agentsOnline: agentsOnline(await options.presence.list(workspaceId)),
          }),
        },
        'contact:leave': {
          run: async (payload) => ({ conversation: await leaveContactEmail(visitor, payload) }),
        },
        'visitor:identify': { serial: true, run: (payload) => identifyVisitor(visitor, payload) },
        'conversation:rate': {
          run: async (payload) => ({
            conversation: await rateConversation(
              visitor,
              RateConversationRequestSchema.parse(payload),
            ),
          }),
        },
      },
      options.inFlight,
    );
  });
}

const VISITOR_LEFT = 'visitor:left';

/** Announces on every node that the visitor left, once no node has a socket of theirs. */
async function leaveIfGone(
  namespace: Namespace,
  visitorId: string,
  multiNode: boolean,
): Promise<void> {
  const room = rooms.visitor(visitorId);
  if (namespace.adapter.rooms.get(room)?.size) return;
  // With Redis this asks every node; when unsure, the visitor has not left.
  const sockets = await namespace
    .in(room)
    .fetchSockets()
    .catch(() => null);
  if (sockets === null || sockets.length) return;
  if (multiNode) namespace.serverSideEmit(VISITOR_LEFT, visitorId);
  announce('visitor.left', { visitorId });
}

async function authenticate(socket: Socket): Promise<VisitorSocketData> {
  const handshake = VisitorHandshakeSchema.safeParse(socket.handshake.auth);
  if (!handshake.success) throw new ActionError('unauthenticated', 'A visitor token is required');
  const claims = readVisitorTokenClaims(handshake.data.token);
  const site = claims ? await findSite(claims.siteId) : null;
  const verified = site ? verifyVisitorToken(site.visitorTokenSecret, handshake.data.token) : null;
  if (!site || !verified)
    throw new ActionError('unauthenticated', 'This visitor token is not valid');
  // Browsers always send Origin; only the site's allowed pages (and our own embed page) may connect.
  const origin = socket.handshake.headers.origin;
  if (origin && !isAllowedOrigin(site, origin, ownHosts(socket.handshake.headers.host))) {
    throw new ActionError('forbidden', `This site does not allow the widget on ${origin}`);
  }
  const ip = socketAddress(socket);
  await limitVisitorConnect(ip, verified.visitorId);
  const visitor = { siteId: site.id, visitorId: verified.visitorId };
  // Erased (data rights) since the token was signed: the widget starts afresh as a new visitor.
  if (!(await isKnownVisitor(visitor)))
    throw new ActionError('unauthenticated', 'This visitor token is not valid');
  return {
    visitor,
    workspaceId: site.workspaceId,
    ip,
  };
}

/** A receipt for a conversation that is not the visitor's own is dropped, not logged. */
function ignoreRefusal(error: unknown): void {
  if (!isActionError(error)) throw error;
}
