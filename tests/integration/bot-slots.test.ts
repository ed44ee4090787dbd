import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopModels } from '@/lib/ai';
import { WORDING } from '@/lib/bot/wording';
import { db } from '@/lib/db';
import { describeConversation } from '@/lib/conversations';
import {
  exportIntents,
  importIntents,
  saveCustomEntities,
  saveIntentResponses,
  saveIntentSlots,
} from '@/lib/intents';
import { StoredBotStateSchema } from '@/lib/schemas/bot-state';
import type { VisitorMessage } from '@/lib/schemas/events';
import { IntentSlotsSchema } from '@/lib/schemas/intent';
import { stopLiveClassifiers } from '@/lib/training';
import { buildModelFixtures, configureFixtureModels } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  liftAddressLimits,
  newClientId,
  nextEvent,
  startRealtime,
  visitorToken,
  type VisitorClient,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';
import { activateTrainedModel } from '../helpers/trained-model';

configureFixtureModels();
liftAddressLimits();

interface SeedIntent {
  name: string;
  examples: string[];
  responses: string[];
  slots?: unknown;
}

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let siteId: string;
let admin: FixtureWorkspace['admin'];
let prompt: string;

// The demo shop's intents (order status requires an order number), trained and live.
beforeAll(async () => {
  await buildModelFixtures();
  database = await createTestDatabase();
  ({ siteId, admin } = await createFixtureWorkspace({ agents: 0 }));
  const intents: SeedIntent[] = JSON.parse(await readFile('prisma/seed/intents.en.json', 'utf8'));
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
  await activateTrainedModel(siteId, examples, { language: 'en' });
  realtime = await startRealtime(); // the real bot (lib/bot) behind the real listener
});

afterAll(async () => {
  await realtime?.close();
  await stopLiveClassifiers();
  await stopModels();
  await database?.drop();
});

/** A visitor on their own socket; `say` sends a message and resolves with the bot's reply. */
async function visitor() {
  const socket: VisitorClient = await connectVisitor(realtime.url, await visitorToken(siteId));
  let conversationId = '';
  return {
    socket,
    async say(body: string): Promise<VisitorMessage> {
      const reply = nextEvent<VisitorMessage>(socket, 'message', (m) => m.sender === 'bot', 30_000);
      const ack = await socket.emitWithAck('message:send', { clientId: newClientId(), body });
      expect(ack.ok).toBe(true);
      const message = await reply;
      conversationId = message.conversationId;
      return message;
    },
    async botState() {
      // The listener stores the state right after delivering the reply.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const row = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
      return StoredBotStateSchema.parse(row.botState);
    },
  };
}

describe('an intent that requires an order number', () => {
  it('asks for it, reads it from the next message, and answers with it filled in', async () => {
    const ann = await visitor();
    const asked = await ann.say('where is my order?');
    expect(asked.body).toBe(prompt);
    expect(await ann.botState()).toMatchObject({
      pendingSlot: { intent: 'order_status', entity: 'orderNumber', asks: 1 },
    });

    const answered = await ann.say("it's JN-104522");
    expect(answered.body).toContain('a teammate can look up JN-104522.');
    expect(await ann.botState()).toEqual({
      collected: { orderNumber: 'JN-104522' },
      pendingSlot: null,
      offered: [],
    });
    const stored = await db().message.findUniqueOrThrow({ where: { id: answered.id } });
    expect(stored.intent).toBe('order_status');
    // The inbox's side panel shows what the bot collected.
    const details = await describeConversation(
      { ...admin, name: 'Ada Admin' },
      { conversationId: answered.conversationId },
    );
    expect(details.botState.collected).toEqual({ orderNumber: 'JN-104522' });
    ann.socket.close();
  });

  it('asks at most twice, then says so honestly and offers a person (or an email when nobody is online)', async () => {
    const bob = await visitor();
    expect((await bob.say('where is my order?')).body).toBe(prompt);
    expect((await bob.say('hmm let me look')).body).toBe(`${WORDING.en.slotNotFound} ${prompt}`);
    const gaveUp = await bob.say('hmm let me look in my email');
    // Nobody from the team is online here: an email is offered instead of a person.
    expect(gaveUp.body).toBe(`${WORDING.en.slotGaveUp} ${WORDING.en.offerEmail}`);
    expect(gaveUp.choices).toEqual([{ label: WORDING.en.leaveEmail, action: 'human' }]);
    expect((await bob.botState()).pendingSlot).toBeNull();
    bob.socket.close();
  });

  it('lets the visitor change the subject: another confident intent is answered instead', async () => {
    const cy = await visitor();
    expect((await cy.say('where is my order?')).body).toBe(prompt);
    const shipping = await cy.say('how long does shipping take?');
    expect(shipping.body).toMatch(/Standard shipping takes 3-5 business days/);
    expect((await cy.botState()).pendingSlot).toBeNull();
    cy.socket.close();
  });
});

describe('after "did you mean…?"', () => {
  it('answers the option the visitor picks by position, from the state stored with the conversation', async () => {
    const eve = await visitor();
    await eve.say('hello');
    // As a "did you mean shipping or returns?" would have left it.
    const { conversationId } = await db().message.findFirstOrThrow({
      where: { body: 'hello', conversation: { siteId } },
      orderBy: { createdAt: 'desc' },
    });
    await db().conversation.update({
      where: { id: conversationId },
      data: {
        botState: {
          collected: {},
          pendingSlot: null,
          offered: [
            { intent: 'shipping', label: 'Shipping' },
            { intent: 'returns_refunds', label: 'Returns and refunds' },
          ],
        },
      },
    });
    const picked = await eve.say('the second one');
    expect(picked.body).toMatch(/^You can return any item within 30 days/);
    expect((await eve.botState()).offered).toEqual([]);
    eve.socket.close();
  });
});

describe('the admin sets what an intent requires', () => {
  it('saves each entity type once with its question, and the bot asks it at once', async () => {
    const hours = await db().intent.findFirstOrThrow({ where: { siteId, name: 'business_info' } });
    await expect(
      saveIntentSlots(admin, siteId, hours.id, {
        slots: [
          { entity: 'email', prompt: 'Your email?' },
          { entity: 'email', prompt: 'Again?' },
        ],
      }),
    ).rejects.toThrow(/each kind of entity once/);
    await saveIntentSlots(admin, siteId, hours.id, {
      slots: [{ entity: 'email', prompt: '  Which email should we write to?  ' }],
    });
    const saved = await db().intent.findUniqueOrThrow({ where: { id: hours.id } });
    expect(saved.slots).toEqual([{ entity: 'email', prompt: 'Which email should we write to?' }]);

    const dee = await visitor();
    expect((await dee.say('what are your opening hours?')).body).toBe(
      'Which email should we write to?',
    );
    expect((await dee.say('dee@example.com')).body).toMatch(/^Juniper & Co\. is an online/);
    expect((await dee.botState()).collected).toEqual({ email: 'dee@example.com' });
    await saveIntentSlots(admin, siteId, hours.id, { slots: [] });
    dee.socket.close();
  });
});

describe("an intent that requires one of the site's own entities", () => {
  it('is refused for an entity the site does not have, then asks for it, reads it and fills it in', async () => {
    const shipping = await db().intent.findFirstOrThrow({ where: { siteId, name: 'shipping' } });
    const requireCity = () =>
      saveIntentSlots(admin, siteId, shipping.id, {
        slots: [{ entity: 'city', prompt: 'Which city should we ship to?' }],
      });
    await expect(requireCity()).rejects.toThrow(/no entity named "city"/);
    await saveCustomEntities(admin, siteId, {
      entities: [
        { name: 'city', values: [{ value: 'Paris', synonyms: ['paname'] }, { value: 'Lyon' }] },
      ],
    });
    await requireCity();
    await saveIntentResponses(admin, siteId, shipping.id, {
      responses: ['Parcels to {city} arrive in 2 days.'],
    });

    const flo = await visitor();
    expect((await flo.say('how long does shipping take?')).body).toBe(
      'Which city should we ship to?',
    );
    expect(await flo.botState()).toMatchObject({
      pendingSlot: { intent: 'shipping', entity: 'city', asks: 1 },
    });
    // A typo in a list value is still the value.
    expect((await flo.say('to Pariss please')).body).toBe('Parcels to Paris arrive in 2 days.');
    expect((await flo.botState()).collected).toEqual({ city: 'Paris' });
    // Known now, it is not asked for again.
    expect((await flo.say('how long does shipping take?')).body).toBe(
      'Parcels to Paris arrive in 2 days.',
    );
    flo.socket.close();

    // Named in the first message, it is not asked for at all.
    const gus = await visitor();
    expect((await gus.say('how long does shipping take to Lyon?')).body).toBe(
      'Parcels to Lyon arrive in 2 days.',
    );
    gus.socket.close();
    await saveIntentSlots(admin, siteId, shipping.id, { slots: [] });
  });
});

it('carries required entities through an export and an import in Hearth JSON', async () => {
  const file = await exportIntents(admin, siteId, 'hearth-json');
  const other = await createFixtureWorkspace({ agents: 0 });
  await importIntents(other.admin, other.siteId, { format: 'hearth-json', content: file.content });
  const imported = await db().intent.findFirstOrThrow({
    where: { siteId: other.siteId, name: 'order_status' },
  });
  expect(imported.slots).toEqual([{ entity: 'orderNumber', prompt }]);
});
