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
/** Where is my parcel: a paraphrase, not one of the training examples. */
const ORDER_QUESTION: Record<string, string> = {
  es: '¿dónde está mi paquete?',
  fr: 'où est mon colis ?',
  de: 'wo ist mein Paket?',
  pt: 'onde está o meu pacote?',
  it: "dov'è il mio pacco?",
};
/** A message no intent covers (and not among the out-of-scope examples). */
const UNRELATED: Record<string, string> = {
  es: '¿quién ganó el partido ayer?',
  fr: 'qui a gagné le match hier soir ?',
  de: 'wer hat gestern das Spiel gewonnen?',
  pt: 'quem ganhou o jogo ontem à noite?',
  it: 'chi ha vinto la partita ieri sera?',
};

/** A few things a shop's visitors ask that no intent covers: the site's out-of-scope examples. */
const OUT_OF_SCOPE: Record<string, string[]> = {
  es: [
    '¿qué tiempo hará mañana?',
    'cuéntame un chiste',
    '¿cuál es la capital de Francia?',
    'pon algo de música',
    'reserva una mesa para dos en un restaurante',
    '¿cuántos años tienes?',
    'recomiéndame una película',
    '¿cómo se hace una tortilla de patatas?',
  ],
  fr: [
    'quel temps fera-t-il demain ?',
    'raconte-moi une blague',
    'quelle est la capitale de l’Espagne ?',
    'mets de la musique',
    'réserve une table pour deux au restaurant',
    'quel âge as-tu ?',
    'conseille-moi un film',
    'comment faire une quiche lorraine ?',
  ],
  de: [
    'wie wird das Wetter morgen?',
    'erzähl mir einen Witz',
    'was ist die Hauptstadt von Frankreich?',
    'spiel etwas Musik',
    'reservier einen Tisch für zwei im Restaurant',
    'wie alt bist du?',
    'empfiehl mir einen Film',
    'wie backe ich einen Apfelkuchen?',
  ],
  pt: [
    'como vai estar o tempo amanhã?',
    'conta-me uma piada',
    'qual é a capital de França?',
    'põe música a tocar',
    'reserva uma mesa para dois num restaurante',
    'quantos anos tens?',
    'recomenda-me um filme',
    'como se faz bacalhau à brás?',
  ],
  it: [
    'che tempo farà domani?',
    'raccontami una barzelletta',
    'qual è la capitale della Francia?',
    'metti un po’ di musica',
    'prenota un tavolo per due al ristorante',
    'quanti anni hai?',
    'consigliami un film',
    'come si fa il tiramisù?',
  ],
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
    await db().intent.create({
      data: {
        siteId,
        name: 'oos',
        examples: { create: OUT_OF_SCOPE[language].map((text) => ({ text })) },
      },
    });
    const run = await startTrainingRun({ siteId, activateWhenDone: true });
    for (;;) {
      const current = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
      if (current.status === 'succeeded') break;
      if (current.status !== 'queued' && current.status !== 'running') {
        throw new Error(`training ${current.status}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Activation follows the run's success.
    while (!(await db().site.findUniqueOrThrow({ where: { id: siteId } })).activeModelVersionId) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  const ask = (body: string) =>
    replyToVisitor({
      // Eight examples per intent are too few for the default wrong-answer budget: a fixed threshold.
      site: {
        id: siteId,
        language,
        botSettings: BotSettingsSchema.parse({ confidenceThreshold: 0.5 }),
      },
      conversation: { id: `conversation-${language}`, fallbackCount: 0 },
      visitorMessage: { id: 'message', body },
      history: [],
      signal: new AbortController().signal,
    });

  it('answers a question it was not trained on, in its language', async () => {
    const reply = await ask(ORDER_QUESTION[language]);
    expect(reply).toMatchObject({ decision: 'answer', intent: 'order_status' });
    expect(reply.text).toBe(ORDER_STATUS_REPLY[language]);
  });

  it('says it does not know in its language', async () => {
    const reply = await ask(UNRELATED[language]);
    expect(reply.decision).not.toBe('answer');
    expect(reply.text.startsWith(WORDING[language].noAnswer) || reply.decision === 'handoff').toBe(
      true,
    );
  });
});
