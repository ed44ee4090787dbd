import { expect, it } from 'vitest';
import type { BotReply, BotTurn } from '@/lib/bot/types';
import { poolSize } from '@/lib/db';
import { db } from '../helpers/db';
import {
  connectVisitor,
  eventually,
  liftAddressLimits,
  newClientId,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { fixtureWorkspaceForFile } from '../helpers/workspace-fixtures';

// A turn's reply is stored by a statement it shares with the turns finishing with it, so turns
// hold no pool connection while they work: more of them run at once than the pool has connections
// (it was pool − 2, at most 8, and the bot fell seconds behind at 500 msg/s).

liftAddressLimits();

const fixture = fixtureWorkspaceForFile();

it('works on more turns at once than the pool has connections, and answers each once', async () => {
  const conversations = poolSize() + 6;
  let running = 0;
  let mostAtOnce = 0;
  let release!: () => void;
  const allStarted = new Promise<void>((resolve) => (release = resolve));
  // Each turn waits until every one has started: with fewer slots than turns this never happens.
  const bot = async (turn: BotTurn): Promise<BotReply> => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    if (running === conversations) release();
    await Promise.race([allStarted, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    running -= 1;
    return {
      decision: 'answer',
      text: `re: ${turn.visitorMessage.body}`,
      choices: [],
      citations: [],
    };
  };
  const realtime = await startRealtime({ replyToVisitor: bot });
  try {
    const visitors = await Promise.all(
      Array.from({ length: conversations }, async () =>
        connectVisitor(realtime.url, await visitorToken(fixture.workspace.siteId)),
      ),
    );
    const acks = await Promise.all(
      visitors.map((visitor, i) =>
        visitor.emitWithAck('message:send', { clientId: newClientId(), body: `question ${i}` }),
      ),
    );
    const ids = acks.map((ack) => (ack.ok ? ack.message.id : ''));
    await eventually(
      async () =>
        (await db().message.count({
          where: { clientId: { in: ids.map((id) => `bot:${id}`) } },
        })) === conversations,
      20_000,
    );
    expect(mostAtOnce).toBe(conversations);
    for (const visitor of visitors) visitor.close();
  } finally {
    await realtime.close();
  }
}, 30_000);
