import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  EventError,
  IdentifyRequest,
  RequestEvents,
  VisitorConversation,
  VisitorMessage,
  VisitorNotices,
  VisitorRequests,
} from '@/lib/schemas/events';
import type { Choice } from '@/lib/schemas/message';

/** Where the widget keeps its token and unsent messages: localStorage in a browser, a Map in tests. */
export interface ConnectionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OutboxItem {
  clientId: string;
  body: string;
  /** The button clicked (body = its label). Not kept across reloads: the label alone still matches it. */
  choice?: Choice;
  createdAt: string;
  state: 'sending' | 'failed';
  error: EventError | null;
  attempts: number;
}

export interface ChatState {
  connection: 'connecting' | 'online' | 'reconnecting' | 'refused';
  /** Why the server refused us, when connection = refused. */
  refusal: EventError | null;
  conversation: VisitorConversation | null;
  /** Oldest first, across the visitor's conversations seen in this page. */
  messages: VisitorMessage[];
  outbox: OutboxItem[];
  botTyping: boolean;
  /** Name of the agent who is typing. */
  agentTyping: string | null;
  /** Bot text still being generated. */
  draft: { streamId: string; text: string } | null;
  agentsOnline: boolean;
  /** The last error the server announced (rate limits). */
  notice: EventError | null;
}

export interface VisitorConnectionOptions {
  /** Origin of the app (the iframe's own origin). */
  url: string;
  siteKey: string;
  storage: ConnectionStorage;
  /** Trades the stored token (or none) for a valid one; the page POSTs to /api/widget/session. */
  fetchToken(previous: string | null): Promise<string>;
  /** Extra socket.io client options (tests force websocket). */
  socketOptions?: Parameters<typeof io>[1];
}

// socket.io fails a pending request as soon as the connection drops, and the resume after the
// reconnect resends it; on a live connection a slow answer is still coming, and resending would
// only queue the same message again. This is the backstop for a server that never answers.
const ACK_TIMEOUT_MS = 60_000;
const MAX_ATTEMPTS = 6;
const TYPING_EXPIRES_MS = 6_000;
type VisitorSocket = Socket<VisitorNotices, RequestEvents<VisitorRequests>>;

/**
 * The widget's side of the conversation, without any UI: a socket to `/visitor`, an outbox that
 * resends with the same clientId until the server acknowledges, and on every (re)connect a resume
 * of what came after the last seq up to which its list is complete. The React UI renders `state`;
 * tests drive it directly.
 */
export class VisitorConnection {
  state: ChatState = {
    connection: 'connecting',
    refusal: null,
    conversation: null,
    messages: [],
    outbox: [],
    botTyping: false,
    agentTyping: null,
    draft: null,
    agentsOnline: false,
    notice: null,
  };
  private socket: VisitorSocket | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly messageListeners = new Set<(message: VisitorMessage) => void>();
  private readonly conversationOrder: string[] = [];
  /** The last resume's answer: this conversation's list is complete up to this seq. */
  private resumedThrough: { conversationId: string; seq: number } | null = null;
  private flushing = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimers: {
    bot?: ReturnType<typeof setTimeout>;
    agent?: ReturnType<typeof setTimeout>;
  } = {};
  private readonly keys: { token: string; outbox: string };
  private stopped = false;

  constructor(private readonly options: VisitorConnectionOptions) {
    this.keys = {
      token: `hearth:${options.siteKey}:token`,
      outbox: `hearth:${options.siteKey}:outbox`,
    };
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = (): ChatState => this.state;

  /** Each message that arrives live (not from history). */
  onMessage(listener: (message: VisitorMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    // Messages written before the last page load that the server never acknowledged.
    const unsent = readOutbox(this.options.storage.getItem(this.keys.outbox));
    const known = new Set(this.state.outbox.map((item) => item.clientId));
    this.update({
      outbox: [...this.state.outbox, ...unsent.filter((item) => !known.has(item.clientId))],
    });
    const token = await this.refreshToken();
    if (this.stopped) return;
    const socket: VisitorSocket = io(`${this.options.url}/visitor`, {
      auth: (send) => send({ token: this.options.storage.getItem(this.keys.token) ?? token }),
      reconnectionDelayMax: 5_000,
      ...this.options.socketOptions,
    });
    this.socket = socket;
    socket.on('connect', () => void this.resume());
    socket.on('disconnect', () =>
      this.update({ connection: this.stopped ? 'connecting' : 'reconnecting' }),
    );
    socket.on(
      'connect_error',
      (error) => void this.onConnectError(error as Error & { data?: EventError }),
    );
    socket.on('message', (message) => {
      this.receive([message]);
      for (const listener of this.messageListeners) listener(message);
    });
    socket.on('conversation:updated', (conversation) => {
      if (conversation.id === this.state.conversation?.id) this.update({ conversation });
    });
    socket.on('typing', (notice) => {
      if (notice.conversationId !== this.state.conversation?.id) return;
      if (notice.sender === 'bot') this.setTyping('bot', notice.typing ? 'bot' : null);
      if (notice.sender === 'agent')
        this.setTyping('agent', notice.typing ? (notice.name ?? '') : null);
    });
    socket.on('bot:token', (token) => {
      const draft = this.state.draft?.streamId === token.streamId ? this.state.draft.text : '';
      this.update({ draft: { streamId: token.streamId, text: draft + token.text } });
    });
    socket.on('conversation:read', (notice) => {
      const conversation = this.state.conversation;
      if (notice.reader === 'agent' && conversation?.id === notice.conversationId) {
        this.update({
          conversation: {
            ...conversation,
            agentReadSeq: Math.max(conversation.agentReadSeq, notice.seq),
          },
        });
      }
    });
    socket.on('presence', ({ agentsOnline }) => this.update({ agentsOnline }));
    socket.on('server:error', (notice) => this.update({ notice }));
  }

  /** The widget could not even get a session (unknown site, page not allowed, server down). */
  refuse(): void {
    this.update({
      connection: 'refused',
      refusal: { code: 'forbidden', message: 'No chat session' },
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.typingTimers.bot);
    clearTimeout(this.typingTimers.agent);
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Queues a message (or a clicked button); it shows as "sending" until the server has stored it. */
  send(body: string, choice?: Choice): string {
    const item: OutboxItem = {
      clientId: newClientId(),
      body,
      choice,
      createdAt: new Date().toISOString(),
      state: 'sending',
      error: null,
      attempts: 0,
    };
    this.setOutbox([...this.state.outbox, item]);
    void this.flush();
    return item.clientId;
  }

  /** Sends a failed message again, with the same clientId. */
  retry(clientId: string): void {
    this.setOutbox(
      this.state.outbox.map((item) =>
        item.clientId === clientId ? { ...item, state: 'sending', error: null, attempts: 0 } : item,
      ),
    );
    void this.flush();
  }

  /** Drops a failed message from the outbox. */
  discard(clientId: string): void {
    this.setOutbox(this.state.outbox.filter((item) => item.clientId !== clientId));
  }

  setTypingState(typing: boolean): void {
    this.socket?.emit('typing', { typing }, () => {});
  }

  markRead(): void {
    const { conversation, messages } = this.state;
    const last = messages.findLast((message) => message.conversationId === conversation?.id);
    if (conversation && last)
      this.socket?.emit(
        'conversation:read',
        { conversationId: conversation.id, seq: last.seq },
        () => {},
      );
  }

  async askForHuman(): Promise<Ack<{ conversation: VisitorConversation; agentsOnline: boolean }>> {
    const result = await this.request('conversation:handoff', {});
    if (result.ok) {
      this.adoptConversation(result.conversation);
      this.update({ agentsOnline: result.agentsOnline });
    }
    return result;
  }

  async leaveEmail(email: string): Promise<Ack<{ conversation: VisitorConversation }>> {
    const result = await this.request('contact:leave', { email });
    if (result.ok) this.adoptConversation(result.conversation);
    return result;
  }

  /** CSAT for the resolved conversation on screen: thumbs up (+1) or down (-1). */
  async rate(score: 1 | -1, comment: string): Promise<Ack<{ conversation: VisitorConversation }>> {
    const conversation = this.state.conversation;
    if (!conversation)
      return { ok: false, error: { code: 'not_found', message: 'No conversation to rate' } };
    const result = await this.request('conversation:rate', {
      conversationId: conversation.id,
      score,
      comment,
    });
    if (result.ok) this.adoptConversation(result.conversation);
    return result;
  }

  /** From the host page's `Hearth.identify()`; a different visitor means reconnecting as them. */
  async identify(
    identity: IdentifyRequest,
  ): Promise<Ack<{ verified: boolean; visitorId: string; token: string }>> {
    const result = await this.request('visitor:identify', identity);
    if (!result.ok) return result;
    const previous = this.options.storage.getItem(this.keys.token);
    this.options.storage.setItem(this.keys.token, result.token);
    if (previous && tokenVisitor(previous) !== result.visitorId) {
      this.conversationOrder.length = 0;
      this.resumedThrough = null;
      this.update({ conversation: null, messages: [], draft: null });
      this.socket?.disconnect().connect();
    }
    return result;
  }

  private async request<E extends keyof VisitorRequests>(
    event: E,
    payload: VisitorRequests[E][0],
  ): Promise<Ack<VisitorRequests[E][1]>> {
    const socket = this.socket;
    if (!socket?.connected)
      return { ok: false, error: { code: 'internal', message: 'Not connected' } };
    try {
      // socket.io's emitWithAck typing cannot follow a generic event name.
      const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
        emitWithAck(event: E, payload: VisitorRequests[E][0]): Promise<Ack<VisitorRequests[E][1]>>;
      };
      return await timed.emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: 'internal', message: 'No answer from the server' } };
    }
  }

  private async refreshToken(): Promise<string> {
    const token = await this.options.fetchToken(this.options.storage.getItem(this.keys.token));
    this.options.storage.setItem(this.keys.token, token);
    return token;
  }

  private async onConnectError(error: Error & { data?: EventError }): Promise<void> {
    if (this.stopped || this.socket?.active) return; // socket.io retries transport errors itself
    const problem = error.data;
    if (problem?.code === 'unauthenticated') {
      // The site rotated its secret, or the token expired: become a fresh visitor.
      this.options.storage.removeItem(this.keys.token);
      await this.refreshToken().catch(() => {});
      this.later(() => this.socket?.connect(), 1_000);
    } else if (problem?.code === 'rate_limited') {
      this.update({ connection: 'reconnecting', notice: problem });
      this.later(() => this.socket?.connect(), problem.retryAfterMs ?? 5_000);
    } else {
      this.update({
        connection: 'refused',
        refusal: problem ?? { code: 'internal', message: error.message },
      });
    }
  }

  private later(action: () => void, ms: number): void {
    setTimeout(() => {
      if (!this.stopped) action();
    }, ms);
  }

  private async resume(): Promise<void> {
    for (;;) {
      const current = this.state.conversation;
      const result = await this.request('conversation:resume', {
        conversationId: current?.id ?? null,
        afterSeq: current ? this.completeThrough(current.id) : 0,
      });
      if (!result.ok) {
        // The server is busy or restarting; the next reconnect tries again.
        if (this.socket?.connected) this.later(() => void this.resume(), 2_000);
        return;
      }
      if (result.conversation) {
        this.adoptConversation(result.conversation);
        this.resumedThrough = { conversationId: result.conversation.id, seq: result.throughSeq };
      }
      this.receive(result.messages);
      this.update({ connection: 'online', refusal: null, agentsOnline: result.agentsOnline });
      if (!result.hasMore) break;
    }
    void this.flush();
  }

  /**
   * The seq up to which this conversation's list has no hole: from the last resume's answer on,
   * as far as the seqs run on without a gap. Not the highest seq held: messages of one conversation
   * stored on different connections or nodes can be sent out of seq order (an agent's reply and
   * the visitor's acknowledgement), and one lost with the connection would never be asked for. A
   * gap can also be a private note, which only a resume can tell; until then the next resume asks
   * again for what came after it, and `receive` keeps each message once by id.
   */
  private completeThrough(conversationId: string): number {
    let seq = this.resumedThrough?.conversationId === conversationId ? this.resumedThrough.seq : 0;
    const held = new Set(
      this.state.messages
        .filter((message) => message.conversationId === conversationId)
        .map((message) => message.seq),
    );
    while (held.has(seq + 1)) seq += 1;
    return seq;
  }

  /** Sends the outbox in order, one at a time, so the server stores messages as they were written. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const item = this.state.outbox.find((entry) => entry.state === 'sending');
        if (!item || !this.socket?.connected) return;
        const result = await this.request('message:send', {
          clientId: item.clientId,
          body: item.body,
          choice: item.choice,
        });
        if (result.ok) {
          this.adoptConversation(result.conversation);
          // The server sends this tab no 'message' frame for its own message: the ack is it.
          const isNew = !this.state.messages.some((message) => message.id === result.message.id);
          this.receive([result.message]);
          if (isNew) for (const listener of this.messageListeners) listener(result.message);
          continue;
        }
        // Lost the connection mid-send: the reconnect's resume sends it again, no attempt spent.
        if (!this.socket?.connected) return;
        const attempts = item.attempts + 1;
        const retriable =
          ['internal', 'rate_limited'].includes(result.error.code) && attempts < MAX_ATTEMPTS;
        this.setOutbox(
          this.state.outbox.map((entry) =>
            entry.clientId === item.clientId
              ? { ...entry, attempts, error: result.error, state: retriable ? 'sending' : 'failed' }
              : entry,
          ),
        );
        if (retriable) {
          const wait = result.error.retryAfterMs ?? Math.min(1_000 * 2 ** attempts, 15_000);
          clearTimeout(this.flushTimer);
          this.flushTimer = setTimeout(() => void this.flush(), wait);
          return;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private adoptConversation(conversation: VisitorConversation): void {
    if (!this.conversationOrder.includes(conversation.id))
      this.conversationOrder.push(conversation.id);
    const known = this.state.conversation;
    this.update({
      conversation:
        known?.id === conversation.id
          ? {
              ...conversation,
              agentReadSeq: Math.max(known.agentReadSeq, conversation.agentReadSeq),
            }
          : conversation,
    });
  }

  /** Adds messages, each once, in conversation then seq order; settles their outbox entries. */
  private receive(incoming: VisitorMessage[]): void {
    if (!incoming.length) return;
    const byId = new Map(this.state.messages.map((message) => [message.id, message]));
    for (const message of incoming) {
      if (!this.conversationOrder.includes(message.conversationId))
        this.conversationOrder.push(message.conversationId);
      byId.set(message.id, message);
    }
    const order = (id: string) => this.conversationOrder.indexOf(id);
    const messages = [...byId.values()].sort(
      (a, b) => order(a.conversationId) - order(b.conversationId) || a.seq - b.seq,
    );
    const delivered = new Set(incoming.map((message) => message.clientId));
    const last = incoming[incoming.length - 1];
    const patch: Partial<ChatState> = { messages };
    if (this.state.draft && delivered.has(this.state.draft.streamId)) patch.draft = null;
    if (last.sender === 'bot') this.setTyping('bot', null);
    if (last.sender === 'agent') this.setTyping('agent', null);
    this.update(patch);
    if (this.state.outbox.some((item) => delivered.has(item.clientId))) {
      this.setOutbox(this.state.outbox.filter((item) => !delivered.has(item.clientId)));
    }
  }

  private setTyping(who: 'bot' | 'agent', value: string | null): void {
    clearTimeout(this.typingTimers[who]);
    // A lost "stopped typing" must not leave the indicator on forever.
    if (value !== null)
      this.typingTimers[who] = setTimeout(() => this.setTyping(who, null), TYPING_EXPIRES_MS);
    this.update(who === 'bot' ? { botTyping: value !== null } : { agentTyping: value });
  }

  private setOutbox(outbox: OutboxItem[]): void {
    this.update({ outbox });
    const unsent = outbox.map(({ clientId, body, createdAt }) => ({ clientId, body, createdAt }));
    if (unsent.length) this.options.storage.setItem(this.keys.outbox, JSON.stringify(unsent));
    else this.options.storage.removeItem(this.keys.outbox);
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** A random id that works outside secure contexts too (crypto.randomUUID needs https). */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function readOutbox(stored: string | null): OutboxItem[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (item): item is { clientId: string; body: string; createdAt: string } =>
          typeof item?.clientId === 'string' &&
          typeof item?.body === 'string' &&
          typeof item?.createdAt === 'string',
      )
      .map((item) => ({ ...item, state: 'sending' as const, error: null, attempts: 0 }));
  } catch {
    return [];
  }
}

/** The visitor id inside a token (its first part is base64url JSON; the server checks the rest). */
function tokenVisitor(token: string): string | null {
  try {
    const json = atob(token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { v?: string }).v ?? null;
  } catch {
    return null;
  }
}
