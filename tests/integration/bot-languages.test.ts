import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToVisitor } from '@/lib/bot';
import { WORDING } from '@/lib/bot/wording';
import { db } from '@/lib/db';
import { BotSettingsSchema, type SiteLanguage } from '@/lib/schemas/site';
import { startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await stopLiveClassifiers();
  await database?.drop();
});

/** Where an order is, in the site's language: the reply the conversation must get. */
const ORDER_STATUS_REPLY: Record<string, string> = {
  es: 'Tu pedido está en camino y llegará en 2 o 3 días.',
  fr: 'Votre commande est en route et arrivera sous 2 à 3 jours.',
  de: 'Ihre Bestellung ist unterwegs und kommt in 2 bis 3 Tagen an.',
  pt: 'A sua encomenda está a caminho e chega em 2 a 3 dias.',
  it: 'Il tuo ordine è in viaggio e arriverà in 2 o 3 giorni.',
};
/** Held-out messages (not among the training examples) and a message no intent covers. */
const CONVERSATION: Record<string, { order: string; unrelated: string }> = {
  es: { order: '¿cuándo me llega el paquete que pedí?', unrelated: 'xyzzy plugh qwerty' },
  fr: { order: 'quand est-ce que mon colis arrive ?', unrelated: 'xyzzy plugh qwerty' },
  de: { order: 'wann kommt mein Paket endlich an?', unrelated: 'xyzzy plugh qwerty' },
  pt: { order: 'quando chega o meu pacote?', unrelated: 'xyzzy plugh qwerty' },
  it: { order: 'quando arriva il mio pacco?', unrelated: 'xyzzy plugh qwerty' },
};

describe.each(['es', 'fr', 'de', 'pt', 'it'] as const)('a %s site', (language: SiteLanguage) => {
  let siteId: string;

  beforeAll(async () => {
    ({ siteId } = await createFixtureWorkspace({ agents: 0 }));
    await db().site.update({ where: { id: siteId }, data: { language } });
    const data: Record<string, string[]> = JSON.parse(
      await readFile(`tests/fixtures/languages/${language}.json`, 'utf8'),
    );
    for (const [name, examples] of Object.entries(data)) {
      await db().intent.create({
        data: {
          siteId,
          name,
          // The first 8 of each intent train (as in the README's measurement).
          examples: { create: examples.slice(0, 8).map((text) => ({ text })) },
          responses: {
            create: [{ body: name === 'order_status' ? ORDER_STATUS_REPLY[language] : name }],
          },
        },
      });
    }
    const run = await startTrainingRun({ siteId, activateWhenDone: true });
    for (;;) {
      const current = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
      if (current.status === 'succeeded') break;
      if (current.status !== 'queued' && current.status !== 'running') {
        throw new Error(`training ${current.status}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await expect
      .poll(
        async () =>
          (await db().site.findUniqueOrThrow({ where: { id: siteId } })).activeModelVersionId,
      )
      .not.toBeNull();
  });

  const ask = (body: string) =>
    replyToVisitor({
      site: { id: siteId, language, botSettings: BotSettingsSchema.parse({}) },
      conversation: { id: `conversation-${language}`, fallbackCount: 0 },
      visitorMessage: { id: 'message', body },
      history: [],
      signal: new AbortController().signal,
    });

  it('answers a question it was not trained on, in its language', async () => {
    const reply = await ask(CONVERSATION[language].order);
    expect(reply).toMatchObject({ decision: 'answer', intent: 'order_status' });
    expect(reply.text).toBe(ORDER_STATUS_REPLY[language]);
  });

  it('says it does not know in its language', async () => {
    const reply = await ask(CONVERSATION[language].unrelated);
    expect(reply.decision).not.toBe('answer');
    expect(reply.text.startsWith(WORDING[language].noAnswer) || reply.decision === 'handoff').toBe(
      true,
    );
  });
});
