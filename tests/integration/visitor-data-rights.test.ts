// A visitor's data rights through the real HTTP server: the export holds everything stored about
// them, and deleting them leaves nothing behind in any table (every table of the schema is
// searched, so a table added later is checked too), while another visitor keeps everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/api';
import { SESSION_COOKIE } from '@/lib/auth';
import { VisitorExportSchema } from '@/lib/schemas/visitor';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureMember,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let app: RunningApp;
let workspace: FixtureWorkspace;
let secret: string;
let dana: { visitorId: string; conversationIds: string[]; messageIds: string[] };
let control: { visitorId: string; conversationId: string };

/** What Dana told us or we noted about her: none of it may survive her deletion. */
const PERSONAL = [
  'Dana Doe',
  'dana@example.com',
  'crm-user-77',
  'my order 9921 never came',
  'Agent note: Dana is a VIP',
  'dana.backup@example.com',
  'Slow but friendly',
  'Sorry Dana, checking now',
];

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 1 });
  const { siteId } = workspace;
  const visitor = await db().visitor.create({
    data: {
      siteId,
      externalId: 'crm-user-77',
      name: 'Dana Doe',
      email: 'dana@example.com',
      identityVerified: true,
      browser: 'Mozilla/5.0 (X11; Linux x86_64)',
      currentUrl: 'https://shop.example/orders',
    },
  });
  const first = await db().conversation.create({
    data: {
      siteId,
      visitorId: visitor.id,
      status: 'resolved',
      contactEmail: 'dana.backup@example.com',
      csatScore: 1,
      csatComment: 'Slow but friendly',
      botState: { collected: { orderNumber: '9921' }, pendingSlot: null, offered: [] },
      lastSeq: 4,
      messages: {
        create: [
          { seq: 1, sender: 'visitor', body: 'my order 9921 never came', reviewState: 'pending' },
          {
            seq: 2,
            sender: 'bot',
            body: 'Let me check that order.',
            intent: 'order_status',
            confidence: 0.4,
            choices: [{ label: 'Talk to a person', action: 'human' }],
          },
          {
            seq: 3,
            sender: 'agent',
            body: 'Sorry Dana, checking now',
            authorId: workspace.admin.userId,
          },
          { seq: 4, sender: 'agent', body: 'Agent note: Dana is a VIP', isPrivate: true },
        ],
      },
    },
    include: { messages: { orderBy: { seq: 'asc' } } },
  });
  const second = await db().conversation.create({
    data: {
      siteId,
      visitorId: visitor.id,
      lastSeq: 1,
      messages: { create: [{ seq: 1, sender: 'visitor', body: 'hello again' }] },
    },
    include: { messages: true },
  });
  const waiting = second.messages[0];
  // A turn the bot has yet to take (not due before the test ends, so no reply races the check).
  await db().botTurn.create({
    data: {
      messageId: waiting.id,
      conversationId: second.id,
      seq: 1,
      dueAt: new Date(Date.now() + 86_400_000),
    },
  });
  const intent = await db().intent.create({ data: { siteId, name: 'order_status' } });
  await db().trainingExample.create({
    data: {
      intentId: intent.id,
      text: 'my order 9921 never came',
      source: 'conversation',
      messageId: first.messages[0].id,
    },
  });
  // A model version trained since keeps copies of the texts it learned from and of those it misread.
  await db().modelVersion.create({
    data: {
      siteId,
      version: 1,
      artifact: new Uint8Array([1]),
      metrics: {
        misclassified: [
          { text: 'my order 9921 never came', expected: 'order_status', predicted: null },
          { text: 'where is my parcel', expected: 'order_status', predicted: null },
        ],
      },
      trainingExamples: [
        { text: 'my order 9921 never came', intent: 'order_status' },
        { text: 'where is my parcel', intent: 'order_status' },
        { text: 'hello', intent: 'greeting' },
      ],
      exampleCount: 3,
      intentCount: 2,
    },
  });
  dana = {
    visitorId: visitor.id,
    conversationIds: [first.id, second.id],
    messageIds: [...first.messages, ...second.messages].map((message) => message.id),
  };

  const other = await createFixtureConversation(siteId, {
    visitorName: 'Carl Control',
    messages: [{ sender: 'visitor', body: 'control message stays' }],
  });
  control = { visitorId: other.visitorId, conversationId: other.conversationId };

  // Webhook deliveries carry the conversation they are about; a job is waiting to send Dana's.
  const endpoint = await db().webhookEndpoint.create({
    data: {
      siteId,
      url: 'https://crm.example/hooks',
      secret: 'whsec',
      events: ['message.created'],
    },
  });
  const delivery = (conversationId: string, body: string) =>
    db().webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId: `evt-${conversationId}`,
        type: 'message.created',
        body: JSON.stringify({ data: { conversation: { id: conversationId }, message: { body } } }),
        retryUntil: new Date(Date.now() + 86_400_000),
      },
    });
  const danas = await delivery(first.id, 'my order 9921 never came');
  await delivery(control.conversationId, 'control message stays');
  await db().job.create({
    data: {
      kind: 'webhook.deliver',
      payload: { deliveryId: danas.id },
      runAt: new Date(Date.now() + 86_400_000),
    },
  });

  secret = (await createApiToken(workspace.admin, { name: 'Privacy desk', role: 'read_write' }))
    .secret;
  app = await startApp({ DATABASE_URL: database.url });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

const api = (path: string, method = 'GET') =>
  fetch(`${app.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${secret}` } });

/** The inbox's own calls: session cookie, CSRF token, same origin. */
const inbox = (member: FixtureMember, path: string, method = 'GET') =>
  fetch(`${app.url}${path}`, {
    method,
    headers: {
      cookie: `${SESSION_COOKIE}=${member.token}`,
      'x-csrf-token': member.csrfToken,
      origin: app.url,
    },
  });

/** Rows of every table of the schema whose text holds any of `needles` (migrations' own aside). */
async function rowsMentioning(needles: string[], tables?: string[]) {
  const all = await db().$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const found: Record<string, number> = {};
  for (const { name } of all) {
    if (tables && !tables.includes(name)) continue;
    const [{ count }] = await db().$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "${name}" t WHERE t::text ILIKE ANY ($1::text[])`,
      needles.map((needle) => `%${needle}%`),
    );
    if (count) found[name] = count;
  }
  return found;
}

describe("a visitor's data rights", () => {
  it('exports everything stored about the visitor as JSON', async () => {
    const response = await api(`/visitors/${dana.visitorId}/export`);
    expect(response.status).toBe(200);
    const data = VisitorExportSchema.parse(await response.json());
    expect(data.visitor).toMatchObject({
      id: dana.visitorId,
      name: 'Dana Doe',
      email: 'dana@example.com',
      externalId: 'crm-user-77',
      identityVerified: true,
    });
    expect(data.conversations.map((c) => c.id)).toEqual(dana.conversationIds);
    const [first] = data.conversations;
    expect(first).toMatchObject({
      contactEmail: 'dana.backup@example.com',
      rating: { score: 1, comment: 'Slow but friendly' },
      botState: { collected: { orderNumber: '9921' } },
    });
    expect(first.messages.map((m) => [m.sender, m.body, m.isPrivate])).toEqual([
      ['visitor', 'my order 9921 never came', false],
      ['bot', 'Let me check that order.', false],
      ['agent', 'Sorry Dana, checking now', false],
      ['agent', 'Agent note: Dana is a VIP', true],
    ]);
    expect(first.messages[0].reviewState).toBe('pending');
    expect(first.messages[2].authorName).toBe(workspace.admin.name);
    expect(data.trainingExamples).toEqual([
      expect.objectContaining({ intent: 'order_status', text: 'my order 9921 never came' }),
    ]);
    expect(data.webhookDeliveries).toEqual([
      expect.objectContaining({
        endpointUrl: 'https://crm.example/hooks',
        type: 'message.created',
        status: 'pending',
      }),
    ]);
    // The text covers every personal string we stored.
    const text = JSON.stringify(data);
    for (const personal of PERSONAL) expect(text).toContain(personal);
  });

  it('lets only admins export or delete from the inbox', async () => {
    const [agent] = workspace.agents;
    const path = `/api/admin/visitors/${dana.visitorId}`;
    expect((await inbox(agent, `${path}/export`)).status).toBe(403);
    expect((await inbox(agent, path, 'DELETE')).status).toBe(403);
    const download = await inbox(workspace.admin, `${path}/export`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="visitor-${dana.visitorId}.json"`,
    );
    expect(VisitorExportSchema.parse(await download.json()).conversations).toHaveLength(2);
  });

  it('deletes the visitor completely: nothing of theirs is left in any table', async () => {
    const before = await rowsMentioning([...PERSONAL, dana.visitorId, ...dana.conversationIds]);
    // The seeding reached every place the deletion must clean (so the check below can fail).
    for (const table of [
      'Visitor',
      'Conversation',
      'Message',
      'BotTurn',
      'TrainingExample',
      'ModelVersion',
      'WebhookDelivery',
    ]) {
      expect(before[table], table).toBeGreaterThan(0);
    }

    const response = await api(`/visitors/${dana.visitorId}`, 'DELETE');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      visitorId: dana.visitorId,
      conversations: 2,
      messages: 5,
      trainingExamples: 1,
    });

    const ids = [dana.visitorId, ...dana.conversationIds, ...dana.messageIds];
    expect(await rowsMentioning([...PERSONAL, 'hello again'])).toEqual({});
    // Only the audit trail may name the erased visitor's id (who deleted whom, and when).
    const left = await rowsMentioning(ids);
    expect(left).toEqual({ AuditEvent: expect.any(Number) });
    expect(await db().job.count({ where: { kind: 'webhook.deliver' } })).toBe(0);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'visitor.deleted' } });
    expect(audit).toMatchObject({
      actorId: workspace.admin.userId,
      target: `visitor:${dana.visitorId}`,
      details: expect.objectContaining({ conversations: 2, messages: 5, webhookDeliveries: 1 }),
    });

    // The other visitor keeps everything.
    expect(await rowsMentioning(['Carl Control', 'control message stays'])).toEqual({
      Visitor: 1,
      Message: 1,
      WebhookDelivery: 1,
    });
    expect((await api(`/visitors/${control.visitorId}`)).status).toBe(200);
    // The model version keeps what the admin wrote.
    const version = await db().modelVersion.findFirstOrThrow();
    expect(version.trainingExamples).toEqual([
      { text: 'where is my parcel', intent: 'order_status' },
      { text: 'hello', intent: 'greeting' },
    ]);
    expect(version.metrics).toEqual({
      misclassified: [{ text: 'where is my parcel', expected: 'order_status', predicted: null }],
    });
    // And the erased visitor is gone for good.
    expect((await api(`/visitors/${dana.visitorId}`)).status).toBe(404);
    expect((await api(`/visitors/${dana.visitorId}`, 'DELETE')).status).toBe(404);
  });
});
