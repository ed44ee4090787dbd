import { describe, expect, it } from 'vitest';
import {
  inboxReducer,
  initialInboxState,
  mergeConversation,
  rejoinAfterSeq,
} from '@/components/inbox/inbox-state';
import { formatWaiting, unreadCount } from '@/components/inbox/views';
import type { AgentConversation, AgentMessage } from '@/lib/schemas/events';

const conversation = (overrides: Partial<AgentConversation> = {}): AgentConversation => ({
  id: 'c1',
  siteId: 's1',
  status: 'open',
  assigneeId: null,
  handoffReason: null,
  lastSeq: 3,
  visitorReadSeq: 0,
  agentReadSeq: 1,
  lastMessageAt: '2026-01-01T10:00:00.000Z',
  waitingSince: '2026-01-01T09:00:00.000Z',
  contactEmail: null,
  preview: 'hello',
  visitor: {
    id: 'v1',
    name: null,
    email: null,
    identityVerified: false,
    currentUrl: null,
    browser: null,
    language: null,
  },
  ...overrides,
});

const message = (seq: number, overrides: Partial<AgentMessage> = {}): AgentMessage => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  sender: 'visitor',
  body: `message ${seq}`,
  clientId: null,
  authorName: null,
  choices: [],
  citations: [],
  createdAt: '2026-01-01T10:00:00.000Z',
  isPrivate: false,
  authorId: null,
  intent: null,
  confidence: null,
  modelVersionId: null,
  ...overrides,
});

describe('merging live conversation updates', () => {
  it('keeps the preview when an update carries none (status changes, private notes)', () => {
    expect(
      mergeConversation(conversation(), conversation({ status: 'resolved', preview: null })),
    ).toMatchObject({
      status: 'resolved',
      preview: 'hello',
    });
  });

  it('never moves sequence numbers back when updates arrive out of order', () => {
    const newer = conversation({
      lastSeq: 5,
      preview: 'fifth',
      lastMessageAt: '2026-01-01T10:05:00.000Z',
      agentReadSeq: 4,
    });
    const stale = conversation({
      lastSeq: 4,
      preview: 'fourth',
      lastMessageAt: '2026-01-01T10:04:00.000Z',
      assigneeId: 'u1',
    });
    expect(mergeConversation(newer, stale)).toMatchObject({
      lastSeq: 5,
      preview: 'fifth',
      lastMessageAt: '2026-01-01T10:05:00.000Z',
      agentReadSeq: 4,
      assigneeId: 'u1',
    });
  });
});

describe('the selected conversation’s messages and the outbox', () => {
  it('orders messages by seq, stores each once, and swaps a pending send for its stored message', () => {
    let state = inboxReducer(initialInboxState, { type: 'selected', conversationId: 'c1' });
    state = inboxReducer(state, {
      type: 'joined',
      conversation: conversation(),
      messages: [message(1), message(3)],
    });
    state = inboxReducer(state, {
      type: 'queued',
      pending: {
        clientId: 'k1',
        conversationId: 'c1',
        body: 'hi',
        isPrivate: false,
        state: 'sending',
        createdAt: '',
      },
    });
    state = inboxReducer(state, { type: 'message', message: message(2) });
    state = inboxReducer(state, { type: 'message', message: message(3) });
    state = inboxReducer(state, {
      type: 'message',
      message: message(4, { sender: 'agent', clientId: 'k1' }),
    });
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(state.outbox).toEqual([]);
  });

  it('ignores messages of other conversations and clears messages on switching', () => {
    let state = inboxReducer(initialInboxState, { type: 'selected', conversationId: 'c1' });
    state = inboxReducer(state, {
      type: 'message',
      message: message(1, { conversationId: 'c2', id: 'x' }),
    });
    expect(state.messages).toEqual([]);
    state = inboxReducer(state, {
      type: 'joined',
      conversation: conversation(),
      messages: [message(1)],
    });
    state = inboxReducer(state, { type: 'selected', conversationId: 'c2' });
    expect(state.messages).toEqual([]);
  });

  it('rejoins after the last seq it holds without a gap, not its highest', () => {
    // Seq 3 was sent after 4 and lost with the connection: the rejoin asks for it again.
    expect(rejoinAfterSeq([message(1), message(2), message(4), message(5)])).toBe(2);
    expect(rejoinAfterSeq([message(1), message(2), message(3, { isPrivate: true })])).toBe(3);
    expect(rejoinAfterSeq([])).toBe(0);
  });

  it('marks a failed send and sends it again on retry', () => {
    let state = inboxReducer(initialInboxState, {
      type: 'queued',
      pending: {
        clientId: 'k1',
        conversationId: 'c1',
        body: 'hi',
        isPrivate: true,
        state: 'sending',
        createdAt: '',
      },
    });
    state = inboxReducer(state, { type: 'send-failed', clientId: 'k1' });
    expect(state.outbox[0].state).toBe('failed');
    state = inboxReducer(state, { type: 'retrying', clientIds: ['k1'] });
    expect(state.outbox[0].state).toBe('sending');
  });
});

describe('read state and waiting time', () => {
  it('counts unread only while a human handles the conversation', () => {
    expect(unreadCount(conversation())).toBe(2);
    expect(unreadCount(conversation({ status: 'bot' }))).toBe(0);
    expect(unreadCount(conversation({ status: 'resolved' }))).toBe(0);
  });

  it('read receipts only move forward', () => {
    let state = inboxReducer(initialInboxState, {
      type: 'conversation',
      conversation: conversation(),
    });
    state = inboxReducer(state, {
      type: 'read',
      notice: { conversationId: 'c1', reader: 'visitor', seq: 3 },
    });
    state = inboxReducer(state, {
      type: 'read',
      notice: { conversationId: 'c1', reader: 'visitor', seq: 2 },
    });
    expect(state.conversations.c1.visitorReadSeq).toBe(3);
  });

  it('says how long someone has waited', () => {
    const now = Date.parse('2026-01-01T12:30:00.000Z');
    expect(formatWaiting('2026-01-01T12:29:40.000Z', now)).toBe('just now');
    expect(formatWaiting('2026-01-01T12:05:00.000Z', now)).toBe('25 min');
    expect(formatWaiting('2026-01-01T10:00:00.000Z', now)).toBe('2 h 30 min');
    expect(formatWaiting('2025-12-29T12:30:00.000Z', now)).toBe('3 d');
    expect(formatWaiting(null, now)).toBeNull();
  });
});

describe('a deleted visitor', () => {
  it('takes their conversations out of the inbox, and the selection with them', () => {
    let state = inboxReducer(initialInboxState, {
      type: 'listed',
      view: 'all',
      conversations: [conversation(), conversation({ id: 'c2' })],
      nextCursor: null,
    });
    state = inboxReducer(state, { type: 'selected', conversationId: 'c1' });
    state = inboxReducer(state, {
      type: 'joined',
      conversation: conversation(),
      messages: [message(1)],
    });
    state = inboxReducer(state, { type: 'removed', conversationIds: ['c1'] });
    expect(Object.keys(state.conversations)).toEqual(['c2']);
    expect(state).toMatchObject({ selectedId: null, messages: [], details: null });
    // Another agent looking at c2 keeps it.
    const other = inboxReducer(
      { ...state, selectedId: 'c2' },
      { type: 'removed', conversationIds: ['c9'] },
    );
    expect(other.selectedId).toBe('c2');
  });
});
