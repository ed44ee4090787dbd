import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignConversation,
  countInbox,
  describeConversation,
  dismissReviewItems,
  handBackToBot,
  labelMessages,
  listReviewQueue,
  measureInbox,
  onConversationEvent,
  reopenConversation,
  resolveConversation,
  searchConversations,
  type AgentActor,
} from '@/lib/conversations';
import { changeConversation } from '@/lib/conversations/change-conversation';
import { loadWorkspaceConversation } from '@/lib/conversations/records';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureMember,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let acme: FixtureWorkspace;
let ada: AgentActor;
let bob: AgentActor;

const actor = (member: FixtureMember): AgentActor => ({
  userId: member.userId,
  workspaceId: member.workspaceId,
  role: member.role,
  name: member.name,
});

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 2 });
  ada = actor(acme.agents[0]);
  bob = actor(acme.agents[1]);
});
afterAll(async () => database?.drop());

describe('conversation actions', () => {
  it('assigning a bot conversation takes it from the bot and announces it', async () => {
    const { conversationId } = await createFixtureConversation(acme.siteId, { status: 'bot' });
    const announced: string[] = [];
    const stop = onConversationEvent('conversation.updated', ({ conversation }) => {
      announced.push(`${conversation.id}:${conversation.status}:${conversation.assigneeId}`);
    });
    const assigned = await assignConversation(ada, { conversationId, assigneeId: bob.userId });
    stop();
    expect(assigned).toMatchObject({ status: 'open', assigneeId: bob.userId });
    expect(assigned.waitingSince).not.toBeNull();
    expect(announced).toEqual([`${conversationId}:open:${bob.userId}`]);
  });

  it('refuses assignees outside the workspace and resolved conversations', async () => {
    const outsider = await createFixtureWorkspace({ agents: 0 });
    const { conversationId } = await createFixtureConversation(acme.siteId, { status: 'open' });
    await expect(
      assignConversation(ada, { conversationId, assigneeId: outsider.admin.userId }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await resolveConversation(ada, { conversationId });
    await expect(
      assignConversation(ada, { conversationId, assigneeId: ada.userId }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('resolve → reopen → hand back to the bot, with the timestamps the metrics need', async () => {
    const { conversationId } = await createFixtureConversation(acme.siteId, { status: 'open' });
    const resolved = await resolveConversation(bob, { conversationId });
    // Resolving an unassigned conversation credits whoever resolved it.
    expect(resolved).toMatchObject({
      status: 'resolved',
      assigneeId: bob.userId,
      waitingSince: null,
    });
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row.resolvedAt).not.toBeNull();
    expect(await resolveConversation(bob, { conversationId })).toMatchObject({
      status: 'resolved',
    });

    const reopened = await reopenConversation(ada, { conversationId });
    expect(reopened).toMatchObject({ status: 'open', assigneeId: bob.userId });
    expect(reopened.waitingSince).not.toBeNull();
    expect(
      (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).resolvedAt,
    ).toBeNull();
    await expect(reopenConversation(ada, { conversationId })).rejects.toMatchObject({
      code: 'conflict',
    });

    const withBot = await handBackToBot(ada, { conversationId });
    expect(withBot).toMatchObject({
      status: 'bot',
      assigneeId: null,
      waitingSince: null,
      handoffReason: null,
    });
    expect(
      (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).fallbackCount,
    ).toBe(0);
  });

  it('tells the second of two agents acting at once instead of overwriting', async () => {
    const { conversationId } = await createFixtureConversation(acme.siteId, { status: 'open' });
    const seenByAda = await loadWorkspaceConversation(acme.workspaceId, conversationId);
    const seenByBob = await loadWorkspaceConversation(acme.workspaceId, conversationId);
    await changeConversation(seenByAda, { assigneeId: ada.userId });
    await expect(changeConversation(seenByBob, { status: 'resolved' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(
      await db().conversation.findUniqueOrThrow({ where: { id: conversationId } }),
    ).toMatchObject({
      status: 'open',
      assigneeId: ada.userId,
    });
  });
});

describe('counts and search', () => {
  it('counts the live views', async () => {
    const other = await createFixtureWorkspace({ agents: 1 });
    const carol = actor(other.agents[0]);
    await createFixtureConversation(other.siteId, { status: 'open' });
    await createFixtureConversation(other.siteId, { status: 'open', assigneeId: carol.userId });
    const mine = await createFixtureConversation(other.siteId, {
      status: 'pending',
      assigneeId: carol.userId,
    });
    await db().conversation.update({
      where: { id: mine.conversationId },
      data: { agentReadSeq: 1 },
    });
    await createFixtureConversation(other.siteId, { status: 'bot' });
    await createFixtureConversation(other.siteId, { status: 'resolved', waitingSince: null });
    expect(await countInbox(carol)).toEqual({
      unassigned: 1,
      needsHuman: 2,
      mine: 2,
      mineUnread: 1,
      open: 3,
    });
  });

  it('finds messages by word prefix, notes included, newest conversation first', async () => {
    const older = await createFixtureConversation(acme.siteId, {
      messages: [{ sender: 'visitor', body: 'My parcel to Reykjavik is late' }],
    });
    const newer = await createFixtureConversation(acme.siteId, {
      messages: [
        { sender: 'visitor', body: 'hello' },
        { sender: 'agent', body: 'Reykjavik depot called back', isPrivate: true },
      ],
    });
    await db().message.updateMany({
      where: { conversationId: older.conversationId },
      data: { createdAt: new Date(Date.now() - 60_000) },
    });
    const { hits } = await searchConversations(ada, { query: 'reykja' });
    expect(hits.map((hit) => hit.conversation.id)).toEqual([
      newer.conversationId,
      older.conversationId,
    ]);
    expect(hits[1].snippet).toContain('«Reykjavik»');
    expect((await searchConversations(ada, { query: 'reykjavik parcel' })).hits).toHaveLength(1);
    expect((await searchConversations(ada, { query: '&|!:*()' })).hits).toEqual([]);
  });

  it('matches order numbers as written, and survives tsquery syntax and quotes in the query', async () => {
    const { conversationId } = await createFixtureConversation(acme.siteId, {
      messages: [{ sender: 'visitor', body: "Order JN-004217 hasn't shipped, O'Brien here" }],
    });
    for (const query of ['JN-004217', 'jn-0042', "o'brien", "hasn't"]) {
      const { hits } = await searchConversations(ada, { query });
      expect({ query, ids: hits.map((hit) => hit.conversation.id) }).toEqual({
        query,
        ids: [conversationId],
      });
    }
    for (const query of ["' & | ! :* ( ) \\", '&', 'zzzzzz']) {
      expect((await searchConversations(ada, { query })).hits).toEqual([]);
    }
  });
});

describe('teaching the bot', () => {
  it('labels visitor messages as training examples from a conversation, once per text', async () => {
    const { messageIds } = await createFixtureConversation(acme.siteId, {
      messages: [
        { sender: 'visitor', body: 'wheres my package' },
        { sender: 'bot', body: 'Sorry, I did not get that.' },
        { sender: 'visitor', body: 'Wheres my   package' },
      ],
    });
    const intent = await db().intent.create({
      data: { siteId: acme.siteId, name: 'order_status' },
    });
    const result = await labelMessages(ada, {
      messageIds: [messageIds[0], messageIds[2]],
      intentId: intent.id,
    });
    expect(result).toMatchObject({ intent: { id: intent.id, created: false }, examplesAdded: 1 });
    const examples = await db().trainingExample.findMany({ where: { intentId: intent.id } });
    expect(examples).toEqual([
      expect.objectContaining({
        text: 'wheres my package',
        source: 'conversation',
        messageId: messageIds[0],
      }),
    ]);
    const states = await db().message.findMany({
      where: { id: { in: messageIds } },
      orderBy: { seq: 'asc' },
    });
    expect(states.map((message) => message.reviewState)).toEqual(['labelled', null, 'labelled']);
    await expect(
      labelMessages(ada, { messageIds: [messageIds[1]], intentId: intent.id }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('creates a new intent when asked, and validates its name', async () => {
    const { messageIds } = await createFixtureConversation(acme.siteId, {
      messages: [{ sender: 'visitor', body: 'do you sell gift cards' }],
    });
    const result = await labelMessages(bob, { messageIds, newIntentName: 'gift_cards' });
    expect(result.intent).toMatchObject({ name: 'gift_cards', created: true });
    expect(
      await db().intent.findUnique({
        where: { siteId_name: { siteId: acme.siteId, name: 'gift_cards' } },
      }),
    ).not.toBeNull();
    await expect(
      labelMessages(bob, { messageIds, newIntentName: 'gift cards!' }),
    ).rejects.toThrow();
    await expect(labelMessages(bob, { messageIds })).rejects.toThrow(/Pick an intent/);
  });

  it('groups the review queue by similarity and takes dismissed items out', async () => {
    const pending = async (body: string, intent: string | null, confidence = 0.6) => {
      const { messageIds } = await createFixtureConversation(acme.siteId, {
        messages: [
          { sender: 'visitor', body },
          { sender: 'bot', body: 'Hmm?', intent: intent ?? undefined, confidence },
        ],
      });
      await db().message.update({ where: { id: messageIds[0] }, data: { reviewState: 'pending' } });
      return messageIds[0];
    };
    const refundA = await pending('I want a refund for my order', 'refund');
    const refundB = await pending('i want a refund for the order please', 'refund');
    const refundC = await pending('want refund for my ordr', null);
    // A guess at 30% is shown, but not offered as the label.
    const hours = await pending('what time do you open on sunday', 'opening_hours', 0.3);
    const { groups, total } = await listReviewQueue(ada);
    expect(total).toBe(4);
    expect(groups[0].items.map((item) => item.messageId).sort()).toEqual(
      [refundA, refundB, refundC].sort(),
    );
    expect(groups[0].suggestedIntent).toBe('refund');
    expect(groups[1].items.map((item) => item.messageId)).toEqual([hours]);
    expect(groups[1].items[0]).toMatchObject({ botIntent: 'opening_hours', botConfidence: 0.3 });
    expect(groups[1].suggestedIntent).toBeNull();

    expect(await dismissReviewItems(ada, { messageIds: [hours] })).toEqual({ messageIds: [hours] });
    expect((await listReviewQueue(ada)).total).toBe(3);
  });
});

describe('details and metrics', () => {
  it('describes the visitor and their past conversations', async () => {
    const first = await createFixtureConversation(acme.siteId, {
      status: 'resolved',
      messages: [{ sender: 'visitor', body: 'earlier question' }],
    });
    const visitor = await db().visitor.update({
      where: { id: first.visitorId },
      data: {
        name: 'Vera',
        externalId: 'u-42',
        identityVerified: true,
        currentUrl: 'https://shop.example/cart',
      },
    });
    const second = await db().conversation.create({
      data: {
        siteId: acme.siteId,
        visitorId: visitor.id,
        status: 'open',
        csatScore: 1,
        csatComment: 'great',
      },
    });
    const details = await describeConversation(ada, { conversationId: second.id });
    expect(details.visitor).toMatchObject({
      name: 'Vera',
      externalId: 'u-42',
      identityVerified: true,
    });
    expect(details.pastConversations).toEqual([
      expect.objectContaining({
        id: first.conversationId,
        status: 'resolved',
        preview: 'earlier question',
      }),
    ]);
    expect(details.csat).toEqual({ score: 1, comment: 'great' });
  });

  it('measures handled conversations, first response, resolution time and CSAT per agent', async () => {
    const team = await createFixtureWorkspace({ agents: 2 });
    const [dee, eve] = team.agents.map(actor);
    const start = new Date(Date.now() - 60 * 60_000);
    const make = async (
      assignee: string,
      firstReplyAfterS: number,
      resolvedAfterS: number,
      csat: number | null,
    ) => {
      const { conversationId } = await createFixtureConversation(team.siteId, {
        status: 'resolved',
        assigneeId: assignee,
        messages: [
          { sender: 'visitor', body: 'help' },
          { sender: 'bot', body: 'Let me get a person' },
        ],
      });
      await db().conversation.update({
        where: { id: conversationId },
        data: {
          createdAt: start,
          firstResponseAt: new Date(start.getTime() + firstReplyAfterS * 1000),
          resolvedAt: new Date(start.getTime() + resolvedAfterS * 1000),
          csatScore: csat,
        },
      });
      // The bot's handoff message, 60 s in: first response counts from there.
      await db().message.updateMany({
        where: { conversationId, sender: 'bot' },
        data: { createdAt: new Date(start.getTime() + 60_000) },
      });
    };
    await make(dee.userId, 120, 600, 1);
    await make(dee.userId, 180, 1200, -1);
    await make(eve.userId, 90, 300, null);
    const metrics = await measureInbox(dee, { days: 7 });
    const byName = Object.fromEntries(metrics.agents.map((agent) => [agent.userId, agent]));
    expect(byName[dee.userId]).toMatchObject({
      handled: 2,
      medianFirstResponseSeconds: 90,
      medianResolutionSeconds: 900,
      csatResponses: 2,
      csatPositive: 1,
    });
    expect(byName[eve.userId]).toMatchObject({ handled: 1, medianFirstResponseSeconds: 30 });
    expect(byName[team.admin.userId]).toMatchObject({
      handled: 0,
      medianFirstResponseSeconds: null,
    });
    expect(metrics.team).toMatchObject({
      handled: 3,
      medianFirstResponseSeconds: 60,
      csatResponses: 2,
    });
  });
});
