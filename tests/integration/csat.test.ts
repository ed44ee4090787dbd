// CSAT through the real socket: the visitor rates their own conversation once it is resolved,
// once per resolution, and the agents see the rating live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConversation, VisitorConversation } from '@/lib/schemas/events';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectAgent,
  connectVisitor,
  liftAddressLimits,
  newClientId,
  nextEvent,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

liftAddressLimits();

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let workspace: FixtureWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
  realtime = await startRealtime({
    replyToVisitor: async () => ({
      decision: 'answer',
      text: 'Noted.',
      choices: [],
      intent: 'echo',
      confidence: 0.9,
      citations: [],
    }),
  });
});

afterAll(async () => {
  await realtime?.close();
  await database?.drop();
});

async function newVisitor() {
  return connectVisitor(realtime.url, await visitorToken(workspace.siteId));
}

const storedRating = async (conversationId: string) =>
  db().conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { csatScore: true, csatComment: true },
  });

describe('CSAT after resolution', () => {
  it('is refused before resolution, stored once after it, shown to agents, and only for the visitor’s own', async () => {
    const visitor = await newVisitor();
    const stranger = await newVisitor();
    const agent = await connectAgent(realtime.url, workspace.admin.token);
    const sent = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'Where is my parcel?',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.conversation.id;

    const early = await visitor.emitWithAck('conversation:rate', { conversationId, score: 1 });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await storedRating(conversationId)).toEqual({ csatScore: null, csatComment: null });

    // The widget learns of the resolution from conversation:updated, not yet rated.
    const seenResolved = nextEvent<VisitorConversation>(
      visitor,
      'conversation:updated',
      (conversation) => conversation.status === 'resolved',
    );
    const resolved = await agent.emitWithAck('conversation:resolve', { conversationId });
    expect(resolved.ok).toBe(true);
    expect(await seenResolved).toMatchObject({ id: conversationId, csatScore: null });

    // Another visitor cannot rate it, and cannot tell it exists.
    const foreign = await stranger.emitWithAck('conversation:rate', { conversationId, score: -1 });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await storedRating(conversationId)).toEqual({ csatScore: null, csatComment: null });

    const agentSees = nextEvent<AgentConversation>(
      agent,
      'conversation:updated',
      (conversation) => conversation.id === conversationId,
    );
    const rated = await visitor.emitWithAck('conversation:rate', {
      conversationId,
      score: 1,
      comment: '  Quick and kind  ',
    });
    expect(rated).toMatchObject({ ok: true, conversation: { id: conversationId, csatScore: 1 } });
    expect(await storedRating(conversationId)).toEqual({
      csatScore: 1,
      csatComment: 'Quick and kind',
    });
    expect((await agentSees).status).toBe('resolved');
    const details = await agent.emitWithAck('conversation:details', { conversationId });
    expect(details.ok && details.details.csat).toEqual({ score: 1, comment: 'Quick and kind' });

    // Once per resolution: a second rating (another tab) changes nothing.
    const again = await visitor.emitWithAck('conversation:rate', { conversationId, score: -1 });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await storedRating(conversationId)).csatScore).toBe(1);
    const metrics = await agent.emitWithAck('inbox:metrics', {});
    expect(metrics.ok && metrics.metrics.team).toMatchObject({ csatResponses: 1, csatPositive: 1 });

    // Reopened and resolved again, the visitor rates the new resolution; an empty comment is none.
    expect((await agent.emitWithAck('conversation:reopen', { conversationId })).ok).toBe(true);
    const whileOpen = await visitor.emitWithAck('conversation:rate', { conversationId, score: -1 });
    expect(whileOpen).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await agent.emitWithAck('conversation:resolve', { conversationId })).ok).toBe(true);
    expect(await storedRating(conversationId)).toEqual({ csatScore: null, csatComment: null });
    const rerated = await visitor.emitWithAck('conversation:rate', {
      conversationId,
      score: -1,
      comment: '   ',
    });
    expect(rerated).toMatchObject({ ok: true, conversation: { csatScore: -1 } });
    expect(await storedRating(conversationId)).toEqual({ csatScore: -1, csatComment: null });
    // The click rated; a comment may follow it on the same rating, never a changed score.
    const flipped = await visitor.emitWithAck('conversation:rate', { conversationId, score: 1 });
    expect(flipped).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const commented = await visitor.emitWithAck('conversation:rate', {
      conversationId,
      score: -1,
      comment: 'Took too long',
    });
    expect(commented).toMatchObject({ ok: true });
    expect(await storedRating(conversationId)).toEqual({
      csatScore: -1,
      csatComment: 'Took too long',
    });

    [visitor, stranger, agent].forEach((socket) => socket.close());
  });

  it('answers a malformed rating with an error acknowledgement and stays connected', async () => {
    const visitor = await newVisitor();
    const agent = await connectAgent(realtime.url, workspace.admin.token);
    const sent = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'Thanks, bye',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.conversation.id;
    await agent.emitWithAck('conversation:resolve', { conversationId });

    const malformed: unknown[] = [
      null,
      'thumbs up',
      { conversationId, score: 5 },
      { conversationId, score: 0 },
      { conversationId, score: '1' },
      { score: 1 },
      { conversationId: '../../etc', score: 1 },
      { conversationId, score: 1, comment: 'x'.repeat(1_001) },
      { conversationId, score: 1, comment: 42 },
    ];
    for (const payload of malformed) {
      // The typed client forbids these; the server must cope with anything on the wire.
      const ack = await (
        visitor as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> }
      ).emitWithAck('conversation:rate', payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(visitor.connected).toBe(true);
    expect(await storedRating(conversationId)).toEqual({ csatScore: null, csatComment: null });
    const valid = await visitor.emitWithAck('conversation:rate', { conversationId, score: -1 });
    expect(valid.ok).toBe(true);
    [visitor, agent].forEach((socket) => socket.close());
  });
});
