import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BotReply, BotTurn } from '@/lib/bot/types';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  eventually,
  liftAddressLimits,
  newClientId,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// A bot reply's outcome (fallbacks in a row, the review queue, the bot's state) is stored in the
// reply's own statement, so the next turn of the conversation always reads it.

liftAddressLimits();

let database: TestDatabase;
let workspace: FixtureWorkspace;
/** The state each turn was given, by visitor message body. */
const seen = new Map<string, BotTurn['conversation']>();
/** `?` → fallback; `ask N` → an answer that leaves N asks pending; anything else → an answer. */
const bot = async (turn: BotTurn): Promise<BotReply> => {
  const body = turn.visitorMessage.body;
  seen.set(body, turn.conversation);
  const asks = /^ask (\d)/.exec(body);
  if (body === '?') return { decision: 'fallback', text: 'sorry', choices: [], citations: [] };
  return {
    decision: 'answer',
    text: `re: ${body}`,
    choices: [],
    citations: [],
    intent: 'order_status',
    ...(asks && {
      botState: {
        collected: {},
        offered: [],
        pendingSlot: { intent: 'order_status', entity: 'orderNumber', asks: Number(asks[1]) },
      },
    }),
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
});

afterAll(async () => {
  await database?.drop();
});

it('stores fallbacks in a row, the review queue and the bot state with the reply', async () => {
  const realtime = await startRealtime({ replyToVisitor: bot });
  const visitor = await connectVisitor(realtime.url, await visitorToken(workspace.siteId));
  try {
    let conversationId = '';
    const say = async (body: string) => {
      const ack = await visitor.emitWithAck('message:send', { clientId: newClientId(), body });
      if (!ack.ok) throw new Error(ack.error.message);
      conversationId = ack.conversation.id;
      return ack.message.id;
    };
    const replied = (messageId: string) =>
      eventually(
        async () => (await db().message.count({ where: { clientId: `bot:${messageId}` } })) === 1,
      );
    const conversation = () =>
      db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const reviewState = async (messageId: string) =>
      (await db().message.findUniqueOrThrow({ where: { id: messageId } })).reviewState;

    const first = await say('?');
    await replied(first);
    expect((await conversation()).fallbackCount).toBe(1);
    expect(await reviewState(first)).toBe('pending');

    const second = await say('?');
    await replied(second);
    expect((await conversation()).fallbackCount).toBe(2);

    const asked = await say('ask 1');
    await replied(asked);
    expect((await conversation()).fallbackCount).toBe(0);
    expect(await reviewState(asked)).toBeNull();
    expect((await conversation()).botState).toMatchObject({ pendingSlot: { asks: 1 } });

    // Sent at once: each turn reads what the reply before it stored, never an older state.
    const [a, b] = [await say('ask 2'), await say('next')];
    await replied(a);
    await replied(b);
    expect(seen.get('next')?.botState?.pendingSlot?.asks).toBe(2);
    expect(seen.get('next')?.fallbackCount).toBe(0);
  } finally {
    visitor.close();
    await realtime.close();
  }
}, 30_000);
