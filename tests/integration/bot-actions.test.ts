import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { signVisitorToken } from '@/lib/auth/visitor-token';
import { replyToVisitor, siteIntents, type BotTurn } from '@/lib/bot';
import { saveIntentAction } from '@/lib/intents';
import type { TypingNotice, VisitorMessage } from '@/lib/schemas/events';
import type { Choice } from '@/lib/schemas/message';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { stopLiveClassifiers } from '@/lib/training';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  eventually,
  liftAddressLimits,
  newClientId,
  nextEvent,
  startRealtime,
} from '../helpers/realtime';
import {
  startWebhookReceiver,
  verifySignature,
  type WebhookReceiver,
} from '../helpers/webhook-receiver';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

// Bot actions: an intent whose answer comes from the site's own system, called with a signed POST;
// its text is the reply, and a failure is said honestly with a way to a person.

liftAddressLimits();

let database: TestDatabase;
let acme: FixtureWorkspace;
let receiver: WebhookReceiver;
let secret: string;

const offered: Choice[] = [
  { label: 'Order status', intent: 'order_status' },
  { label: 'Shipping', intent: 'shipping' },
];

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 0 });
  receiver = await startWebhookReceiver();
  const intent = await db().intent.create({
    data: {
      siteId: acme.siteId,
      name: 'order_status',
      quickReplies: [],
      responses: { create: [{ body: 'A canned answer the action replaces', position: 0 }] },
    },
  });
  ({ secret } = await saveIntentAction(acme.admin, acme.siteId, intent.id, {
    url: `${receiver.url}/order-status`,
    allowPrivateAddresses: true,
  }));
});

afterEach(() => {
  receiver.answers.length = 0;
  receiver.received.length = 0;
});

afterAll(async () => {
  await stopLiveClassifiers();
  await receiver?.close();
  await database?.drop();
});

/** The visitor clicks "Order status" under the bot's last message, naming their order. */
function orderStatusTurn(): BotTurn {
  return {
    site: { id: acme.siteId, language: 'en', botSettings: BotSettingsSchema.parse({}) },
    conversation: { id: 'conversation-1', fallbackCount: 0 },
    visitorMessage: {
      id: 'message-1',
      body: 'Order status for AB-123456 please',
      choice: offered[0],
    },
    history: [
      { sender: 'visitor', body: 'my order', choices: [] },
      { sender: 'bot', body: 'Did you mean one of these?', choices: offered },
    ],
    agentsOnline: true,
    signal: new AbortController().signal,
  };
}

it('says the text the site’s system returns, having sent it the intent and entities, signed', async () => {
  receiver.answers.push((response) =>
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ text: 'Order AB-123456 left our warehouse today.' })),
  );
  const reply = await replyToVisitor(orderStatusTurn());
  expect(reply).toMatchObject({
    decision: 'answer',
    intent: 'order_status',
    text: 'Order AB-123456 left our warehouse today.',
  });

  expect(receiver.received).toHaveLength(1);
  const [request] = receiver.received;
  expect(request.path).toBe('/order-status');
  expect(verifySignature(secret, request.body, request.signature)).toBe(true);
  expect(JSON.parse(request.body)).toMatchObject({
    type: 'intent.action',
    intent: { name: 'order_status' },
    entities: [{ type: 'orderNumber', value: 'AB-123456' }],
    message: { id: 'message-1', text: 'Order status for AB-123456 please' },
    conversation: { id: 'conversation-1', language: 'en' },
  });
});

it('shows the returned text as written, never as links, images or markup', async () => {
  const written =
    '[Track it](https://evil.example) **now** <b>x</b> ![i](https://x/i.png) AT&amp;T\n1. first\n- item';
  receiver.answers.push((response) =>
    response.writeHead(200).end(JSON.stringify({ text: written })),
  );
  const reply = await replyToVisitor(orderStatusTurn());
  // Parsed as the widget and the inbox parse bot messages: one paragraph of plain text.
  const tree = fromMarkdown(reply.text);
  expect(tree.children.map((node) => node.type)).toEqual(['paragraph']);
  const [paragraph] = tree.children as { children: { type: string; value: string }[] }[];
  expect(paragraph.children.map((node) => node.type)).toEqual(['text']);
  expect(paragraph.children[0].value).toBe(written);
});

it('falls back honestly, offering a person, when the system does not answer in time', async () => {
  receiver.answers.push('hang');
  const startedAt = Date.now();
  const reply = await replyToVisitor(orderStatusTurn());
  expect(Date.now() - startedAt).toBeLessThan(8_000);
  expect(reply.decision).toBe('answer'); // the bot understood; the system failed it
  expect(reply.text).toBe(
    "Sorry, I couldn't check that right now. Would you like to talk to a member of our team?",
  );
  expect(reply.choices).toEqual([{ label: 'Talk to a human', action: 'human' }]);
}, 15_000);

it('falls back on an error status or an answer that is not {text}', async () => {
  const answers = [
    (response: import('node:http').ServerResponse) => response.writeHead(500).end('{}'),
    (response: import('node:http').ServerResponse) =>
      response.writeHead(200).end('<html>Order shipped</html>'),
    (response: import('node:http').ServerResponse) =>
      response.writeHead(200).end(JSON.stringify({ text: 'x'.repeat(2_001) })),
    (response: import('node:http').ServerResponse) =>
      response.writeHead(200).end(JSON.stringify({ message: 'shipped' })),
  ];
  for (const answer of answers) {
    receiver.answers.push(answer);
    const reply = await replyToVisitor(orderStatusTurn());
    expect(reply.text).toMatch(/^Sorry, I couldn't check that right now\./);
  }
  expect(receiver.received).toHaveLength(answers.length);
});

it('tells a visitor already waiting for a person where they stand, with no second offer', async () => {
  receiver.answers.push(503);
  const turn = orderStatusTurn();
  const reply = await replyToVisitor({
    ...turn,
    conversation: { ...turn.conversation, waitingForHuman: true },
  });
  expect(reply.text).toBe(
    "Sorry, I couldn't check that right now. You're in the queue: a member of our team will be with you shortly. Meanwhile, I'm happy to answer what I can.",
  );
  expect(reply.choices).toEqual([]);
});

it('refuses a private address unless the admin allowed it', async () => {
  const intent = await db().intent.findFirstOrThrow({ where: { siteId: acme.siteId } });
  await saveIntentAction(acme.admin, acme.siteId, intent.id, {
    url: `http://localhost:${receiver.port}/order-status`,
  });
  // The bot reads intents through a cache that every node drops on the change's notification.
  const allowsPrivate = async () =>
    (await siteIntents(acme.siteId)).get('order_status')?.action?.allowPrivateAddresses;
  await eventually(async () => (await allowsPrivate()) === false);
  try {
    const reply = await replyToVisitor(orderStatusTurn());
    expect(reply.text).toMatch(/^Sorry, I couldn't check that right now\./);
    expect(receiver.received).toHaveLength(0);
  } finally {
    await saveIntentAction(acme.admin, acme.siteId, intent.id, {
      url: `${receiver.url}/order-status`,
      allowPrivateAddresses: true,
    });
    await eventually(async () => (await allowsPrivate()) === true);
  }
});

it('is set by admins of the site’s workspace only', async () => {
  const intent = await db().intent.findFirstOrThrow({ where: { siteId: acme.siteId } });
  const outsider = await createFixtureWorkspace({ agents: 1 });
  await expect(
    saveIntentAction(outsider.admin, acme.siteId, intent.id, { url: 'https://example.com/' }),
  ).rejects.toMatchObject({ code: 'not_found' });
  await expect(
    saveIntentAction(outsider.agents[0], outsider.siteId, intent.id, {
      url: 'https://example.com/',
    }),
  ).rejects.toMatchObject({ code: 'forbidden' });
});

it('shows the visitor the bot typing while the system answers, then its text, in a live conversation', async () => {
  const realtime = await startRealtime();
  try {
    // The bot's last message offered "Order status"; the visitor clicks it.
    const { conversationId, visitorId, messageIds } = await createFixtureConversation(acme.siteId, {
      status: 'bot',
      messages: [
        { sender: 'visitor', body: 'my order' },
        { sender: 'bot', body: 'Did you mean one of these?' },
      ],
    });
    await db().message.update({ where: { id: messageIds[1] }, data: { choices: offered } });
    const site = await db().site.findUniqueOrThrow({ where: { id: acme.siteId } });
    const token = signVisitorToken(site.visitorTokenSecret, { siteId: acme.siteId, visitorId });
    const visitor = await connectVisitor(realtime.url, { token });
    // The system takes a second, as a real one might.
    receiver.answers.push((response) =>
      setTimeout(
        () => response.writeHead(200).end(JSON.stringify({ text: 'It ships tomorrow.' })),
        1_000,
      ),
    );
    const typing = nextEvent<TypingNotice>(
      visitor,
      'typing',
      (notice) => notice.sender === 'bot' && notice.typing,
    );
    const answer = nextEvent<VisitorMessage>(visitor, 'message', (m) => m.sender === 'bot');
    const ack = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'Order status',
      choice: offered[0],
    });
    expect(ack.ok).toBe(true);
    expect((await typing).conversationId).toBe(conversationId);
    expect(receiver.received).toHaveLength(1); // typing shows while the system is still asked
    expect(await answer).toMatchObject({ body: 'It ships tomorrow.', conversationId });
    visitor.close();
  } finally {
    await realtime.close();
  }
});
