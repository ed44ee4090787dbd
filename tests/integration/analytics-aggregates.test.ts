import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteAnalytics } from '@/lib/analytics';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';

let database: TestDatabase;
let siteId: string;

const at = (iso: string) => new Date(`${iso}Z`);

/** A conversation with its messages: [sender, body, minute offset, intent?, reviewState?]. */
async function conversation(
  site: string,
  visitorId: string,
  start: string,
  fields: {
    handoffReason?: string;
    assigneeId?: string;
    firstResponseMinute?: number;
    csatScore?: number;
  },
  messages: [
    'visitor' | 'bot' | 'agent' | 'system',
    string,
    number,
    string?,
    ('pending' | 'dismissed')?,
  ][],
) {
  const createdAt = at(start);
  const minute = (offset: number) => new Date(createdAt.getTime() + offset * 60_000);
  await db().conversation.create({
    data: {
      siteId: site,
      visitorId,
      createdAt,
      handoffReason: fields.handoffReason,
      assigneeId: fields.assigneeId,
      csatScore: fields.csatScore,
      firstResponseAt:
        fields.firstResponseMinute === undefined ? undefined : minute(fields.firstResponseMinute),
      lastSeq: messages.length,
      messages: {
        create: messages.map(([sender, body, offset, intent, reviewState], index) => ({
          seq: index + 1,
          sender,
          body,
          intent,
          confidence: intent ? 0.9 : undefined,
          reviewState,
          createdAt: minute(offset),
        })),
      },
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const workspace = await db().workspace.create({ data: { name: 'w' } });
  const agent = await db().user.create({ data: { email: 'a@x.io', name: 'A', passwordHash: 'x' } });
  const [site, other] = await Promise.all(
    ['s', 'o'].map((key) =>
      db().site.create({
        data: {
          workspaceId: workspace.id,
          name: key,
          publicKey: key,
          allowedOrigins: [],
          identitySecret: 'i',
          visitorTokenSecret: 'v',
        },
      }),
    ),
  );
  siteId = site.id;
  const visitor = await db().visitor.create({ data: { siteId } });
  const otherVisitor = await db().visitor.create({ data: { siteId: other.id } });

  // Day 1: the bot answers alone.
  await conversation(siteId, visitor.id, '2026-03-01T10:00:00', { csatScore: 1 }, [
    ['visitor', 'where is my order', 0],
    ['bot', 'On its way', 0, 'order_status'],
  ]);
  // Day 1: a fallback, then a handoff; the agent answers 4 minutes after the bot's last word.
  await conversation(
    siteId,
    visitor.id,
    '2026-03-01T12:00:00',
    {
      handoffReason: 'Repeated fallback',
      assigneeId: agent.id,
      firstResponseMinute: 6,
      csatScore: 0,
    },
    [
      ['visitor', 'Blue  Widget?', 0, undefined, 'pending'],
      ['bot', 'Sorry?', 0],
      ['visitor', 'blue widget?', 1, undefined, 'dismissed'],
      ['bot', 'Passing you to a human', 2],
      ['visitor', 'hello??', 5],
      ['agent', 'Hi, I can help', 6],
    ],
  );
  // Day 2: the bot did not understand and the visitor left: not resolved by the bot.
  await conversation(siteId, visitor.id, '2026-03-02T15:00:00', {}, [
    ['visitor', 'do you sell gift cards for the cafe', 0, undefined, 'pending'],
    ['bot', "Sorry, I don't know the answer to that.", 0],
  ]);
  // Day 3: an agent steps in without a handoff, answering 10 minutes after the start (bot silent).
  await conversation(
    siteId,
    visitor.id,
    '2026-03-03T09:00:00',
    { assigneeId: agent.id, firstResponseMinute: 10 },
    [
      ['visitor', 'refund', 0],
      ['agent', 'Sure', 10],
    ],
  );
  // Outside the range, and another site: never counted.
  await conversation(siteId, visitor.id, '2026-02-27T10:00:00', {}, [['bot', 'x', 0, 'greeting']]);
  await conversation(other.id, otherVisitor.id, '2026-03-02T10:00:00', { handoffReason: 'x' }, [
    ['bot', 'x', 0, 'order_status'],
  ]);
});
afterAll(async () => {
  await database?.drop();
});

describe('site analytics', () => {
  it('computes every figure from the site’s conversations in the range', async () => {
    const analytics = await siteAnalytics(siteId, { from: '2026-03-01', to: '2026-03-03' });
    expect(analytics.totals).toEqual({
      conversations: 4,
      // Not the day-2 conversation abandoned after a fallback.
      botResolved: 1,
      handedOff: 2,
      // 4 minutes and 10 minutes
      medianFirstResponseSeconds: 420,
      csatResponses: 2,
      csatPositive: 1,
    });
    expect(analytics.perDay).toEqual([
      { day: '2026-03-01', conversations: 2, handedOff: 1 },
      { day: '2026-03-02', conversations: 1, handedOff: 0 },
      { day: '2026-03-03', conversations: 1, handedOff: 1 },
    ]);
    expect(analytics.handoffReasons).toEqual([
      { reason: 'An agent took over', count: 1, texts: [] },
      { reason: 'Repeated fallback', count: 1, texts: ['Repeated fallback'] },
    ]);
    expect(analytics.topIntents).toEqual([
      { intent: 'order_status', count: 1, averageConfidence: 0.9 },
    ]);
    expect(analytics.topUnrecognized).toEqual([
      { text: 'Blue  Widget?', count: 2 },
      { text: 'do you sell gift cards for the cafe', count: 1 },
    ]);
  });

  it('refuses a range that ends before it starts', async () => {
    await expect(siteAnalytics(siteId, { from: '2026-03-03', to: '2026-03-01' })).rejects.toThrow(
      /ends before it starts/,
    );
  });
});
