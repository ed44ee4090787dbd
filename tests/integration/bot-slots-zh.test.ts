import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replyToVisitor, type BotTurn } from '@/lib/bot';
import { db } from '@/lib/db';
import { IntentSlotsSchema } from '@/lib/schemas/intent';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { stopLiveClassifiers } from '@/lib/training';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';
import { activateTrainedModel } from '../helpers/trained-model';

interface SeedIntent {
  name: string;
  examples: string[];
  responses: string[];
  slots?: unknown;
}

let database: TestDatabase;
let siteId: string;
let prompt: string;

// The Chinese demo shop's intents (order status requires an order number), trained and live.
beforeAll(async () => {
  database = await createTestDatabase();
  siteId = (await createFixtureWorkspace({ agents: 0 })).siteId;
  await db().site.update({ where: { id: siteId }, data: { language: 'zh' } });
  const intents: SeedIntent[] = JSON.parse(await readFile('prisma/seed/intents.zh.json', 'utf8'));
  for (const intent of intents) {
    await db().intent.create({
      data: {
        siteId,
        name: intent.name,
        slots: IntentSlotsSchema.parse(intent.slots ?? []),
        examples: { create: intent.examples.map((text) => ({ text })) },
        responses: { create: intent.responses.map((body, position) => ({ body, position })) },
      },
    });
  }
  prompt = IntentSlotsSchema.parse(
    intents.find((intent) => intent.name === 'order_status')?.slots,
  )[0].prompt;
  const examples = intents.flatMap((intent) =>
    intent.examples.map((text) => ({ text, intent: intent.name })),
  );
  await activateTrainedModel(siteId, examples, { language: 'zh' });
});

afterAll(async () => {
  await stopLiveClassifiers();
  await database?.drop();
});

function turn(
  body: string,
  earlier: BotTurn['history'],
  botState?: BotTurn['conversation']['botState'],
): BotTurn {
  return {
    site: { id: siteId, language: 'zh', botSettings: BotSettingsSchema.parse({}) },
    conversation: { id: 'conversation', fallbackCount: 0, botState },
    visitorMessage: { id: `m${earlier.length}`, body },
    history: earlier,
    agentsOnline: true,
    signal: new AbortController().signal,
  };
}

it('asks for the order number in Chinese, reads it from the reply and answers with it', async () => {
  const asked = await replyToVisitor(turn('我的订单到哪了？', []));
  expect(asked).toMatchObject({ decision: 'answer', intent: 'order_status', text: prompt });
  expect(asked.botState?.pendingSlot).toMatchObject({ entity: 'orderNumber', asks: 1 });

  const history: BotTurn['history'] = [
    { sender: 'visitor', body: '我的订单到哪了？', choices: [] },
    { sender: 'bot', body: asked.text, choices: [] },
  ];
  const answered = await replyToVisitor(turn('订单号是LB-204518', history, asked.botState));
  expect(answered).toMatchObject({ decision: 'answer', intent: 'order_status' });
  expect(answered.text).toContain('我会请同事帮您查询LB-204518。');
  expect(answered.botState?.collected).toEqual({ orderNumber: 'LB-204518' });
});
