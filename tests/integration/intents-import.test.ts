import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTENCE_ENCODER_ID } from '@/lib/ai';
import { replyToVisitor, type BotTurn } from '@/lib/bot';
import { db } from '@/lib/db';
import {
  annotateExample,
  exportIntents,
  importIntents,
  IntentFileError,
  listModelVersions,
} from '@/lib/intents';
import { parseIntentFile } from '@/lib/intents/formats';
import { BotSettingsSchema, type BotSettings, type SiteLanguage } from '@/lib/schemas/site';
import type { Admin } from '@/lib/sites';
import { startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

// The product's default embedding model: the imported site is small (a few examples per intent), and
// these tests check that it answers as a new user's site would.
process.env.EMBEDDING_MODEL = SENTENCE_ENCODER_ID;

let database: TestDatabase;
const fixture = (name: string) => readFile(`tests/fixtures/imports/${name}`, 'utf8');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await stopLiveClassifiers();
  await database?.drop();
});

async function siteWithAdmin(
  language: SiteLanguage = 'en',
): Promise<{ siteId: string; admin: Admin }> {
  const { siteId, admin } = await createFixtureWorkspace({ agents: 0 });
  await db().site.update({ where: { id: siteId }, data: { language } });
  return { siteId, admin };
}

async function trainAndActivate(siteId: string): Promise<void> {
  const run = await startTrainingRun({ siteId, activateWhenDone: true });
  for (;;) {
    const current = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    if (current.status === 'succeeded') break;
    if (current.status !== 'queued' && current.status !== 'running') {
      throw new Error(`training ${current.status}: ${current.log.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await expect
    .poll(
      async () =>
        (await db().site.findUniqueOrThrow({ where: { id: siteId } })).activeModelVersionId,
    )
    .not.toBeNull();
}

function turn(siteId: string, body: string, settings: Partial<BotSettings> = {}): BotTurn {
  return {
    site: { id: siteId, language: 'en', botSettings: BotSettingsSchema.parse(settings) },
    conversation: { id: `conversation-${body}`, fallbackCount: 0 },
    visitorMessage: { id: 'message', body },
    history: [],
    signal: new AbortController().signal,
  };
}

describe('importing a Rasa project', () => {
  let siteId: string;
  let admin: Admin;
  let rasa: string;

  beforeAll(async () => {
    ({ siteId, admin } = await siteWithAdmin());
    rasa = await fixture('rasa-bank.yml');
  });

  it('previews true counts and lists what it cannot import, storing nothing', async () => {
    const preview = await importIntents(admin, siteId, {
      fileName: 'nlu.yml',
      content: rasa,
      preview: true,
    });
    expect(preview).toMatchObject({
      format: 'rasa-yaml',
      preview: true,
      intentsCreated: 8,
      examplesAdded: 59,
      duplicatesSkipped: 1,
      annotationsAdded: 35,
      responsesAdded: 7,
      entitiesCreated: 3,
      outOfScopeExamples: 8,
    });
    expect(preview.notImported.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
      '20: intent "transfer_money": metadata {"owner":"payments-team"} is not kept',
      '53: intent "search_transactions": metadata {"source":"support-logs"} of "how much did I spend at [Starbucks](vendor_name) last month" is not kept',
      '117: response "utter_greet" variant 2: buttons not imported',
      '133: response "utter_did_that_help": no intent "did_that_help" to answer with it (used by stories or rules)',
      '135: response "utter_cheer_up": no intent "cheer_up" to answer with it (used by stories or rules)',
      '138: "stories:" (1): Hearth does not run stories; the bot answers each intent with its responses',
    ]);
    expect(await db().intent.count({ where: { siteId } })).toBe(0);
    expect(await db().customEntity.count({ where: { siteId } })).toBe(0);
  });

  it('imports exactly what the preview said', async () => {
    const summary = await importIntents(admin, siteId, { fileName: 'nlu.yml', content: rasa });
    expect(summary).toMatchObject({ preview: false, intentsCreated: 8, examplesAdded: 59 });
    expect(await db().trainingExample.count({ where: { intent: { siteId } } })).toBe(59);
    const oos = await db().intent.findFirstOrThrow({
      where: { siteId, name: 'oos' },
      include: { responses: true },
    });
    expect(oos.responses.map((response) => response.body)).toEqual([
      'Sorry, I can only help with your bank account.',
    ]);
    const faq = await db().intent.findFirstOrThrow({
      where: { siteId, name: 'faq/ask_fees' },
      include: { responses: true },
    });
    expect(faq.responses[0].body).toBe('Transfers within the country are free.');
    const entities = await db().customEntity.findMany({
      where: { siteId },
      orderBy: { name: 'asc' },
    });
    expect(entities.map((entity) => [entity.name, entity.lookup, entity.patterns])).toEqual([
      ['account_number', [], ['\\d{10,12}']],
      ['account_type', [], []],
      ['vendor_name', ['Starbucks', 'Amazon', 'Target', 'Costco', 'Walmart'], []],
    ]);
    // Importing the same file again adds nothing and says so.
    const again = await importIntents(admin, siteId, { fileName: 'nlu.yml', content: rasa });
    expect(again).toMatchObject({ examplesAdded: 0, duplicatesSkipped: 60, responsesAdded: 0 });
  });

  it('round-trips every example, annotation, synonym, regex, lookup and response', async () => {
    const exported = await exportIntents(admin, siteId, 'rasa-yaml');
    const original = parseIntentFile('rasa-yaml', rasa);
    const back = parseIntentFile('rasa-yaml', exported.content);
    const byName = <T extends { name: string }>(items: T[]) =>
      [...items].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(back.bundles)).toEqual(byName(original.bundles));
    expect(byName(back.entities)).toEqual(byName(original.entities));
    expect(exported.content).toContain('- intent: out_of_scope');
    expect(exported.content).toContain('  utter_faq/ask_limits:');
  });

  it('marks an entity in an example as the editor does, and exports it', async () => {
    const example = await db().trainingExample.findFirstOrThrow({
      where: { intent: { siteId }, text: 'transfer money to my friend' },
    });
    await annotateExample(admin, siteId, example.intentId, example.id, {
      annotations: [{ start: 9, end: 14, entity: 'payment_kind' }],
    });
    await expect(
      annotateExample(admin, siteId, example.intentId, example.id, {
        annotations: [{ start: 20, end: 40, entity: 'person' }],
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const exported = await exportIntents(admin, siteId, 'rasa-yaml');
    expect(exported.content).toContain('    - transfer [money](payment_kind) to my friend');
    await annotateExample(admin, siteId, example.intentId, example.id, { annotations: [] });
  });

  it('trains and answers with the imported responses, filling in the entities', async () => {
    await trainAndActivate(siteId);
    const transfer = await replyToVisitor(
      turn(siteId, 'send 250 euros to my landlord Maria please'),
    );
    expect(transfer).toMatchObject({ decision: 'answer', text: 'Sending 250 to Maria now.' });
    const greeting = await replyToVisitor(turn(siteId, 'hello there'));
    expect(greeting.text).toMatch(/^(Hello! How can I help|Hi there! What can I do)/);
    const pizza = await replyToVisitor(
      turn(siteId, 'can you recommend a good pizza place near me?'),
    );
    expect(pizza.intent ?? null).not.toBe('transfer_money');
    expect(pizza.text).not.toBe('Sending to now.');
  });
});

describe('importing an nlp.js corpus', () => {
  it('expands patterns, keeps entities and answers, lists what it cannot keep', async () => {
    const { siteId, admin } = await siteWithAdmin();
    const corpus = await fixture('nlpjs-shop.json');
    const preview = await importIntents(admin, siteId, {
      fileName: 'corpus.json',
      content: corpus,
      preview: true,
    });
    expect(preview).toMatchObject({
      format: 'nlpjs',
      intentsCreated: 5,
      examplesAdded: 27,
      testPhrasesAdded: 3,
      testPhrasesSkipped: 0,
      outOfScopeExamples: 3,
      entitiesCreated: 3,
    });
    expect(preview.notImported.map((problem) => problem.message)).toEqual([
      '"contextData" (1 keys) is not kept: answers that read it are left with the text',
      'entity "city": "trim" (text between words) is not supported; the entity is imported without it',
      'intent "greetings.hello": {{ shop.name }} reads contextData, which is not kept',
      'intent "order.buy": answer "opts" (conditions, options) is not kept',
    ]);
    await importIntents(admin, siteId, { fileName: 'corpus.json', content: corpus });
    // The tests are kept as the site's test phrases, never as examples; a second import adds none.
    const phrases = await db().testPhrase.findMany({
      where: { siteId },
      select: { intent: true, text: true },
      orderBy: { text: 'asc' },
    });
    expect(phrases).toEqual([
      { intent: 'order.buy', text: 'I would like a new smartphone' },
      { intent: 'order.buy', text: 'do you stock earbuds' },
      { intent: 'order.coupon', text: 'use SAVE20 please' },
    ]);
    const examples = await db().trainingExample.findMany({ where: { intent: { siteId } } });
    expect(examples.map((example) => example.text)).not.toContain('do you stock earbuds');
    const again = await importIntents(admin, siteId, {
      fileName: 'corpus.json',
      content: corpus,
      preview: true,
    });
    expect(again).toMatchObject({ testPhrasesAdded: 0, testPhrasesSkipped: 3 });
    await trainAndActivate(siteId);
    // Each trained version is measured on them, for the training page.
    const [version] = await listModelVersions(siteId);
    expect(version.testPhraseMetrics).toMatchObject({ evaluation: 'test', evaluatedCount: 3 });
    expect(version.testPhraseMetrics?.accuracy).toBeGreaterThan(0.6);
    // 27 examples of 5 intents are too few for the default wrong-answer budget: a fixed threshold.
    const settings = { confidenceThreshold: 0.5 };
    const buy = await replyToVisitor(turn(siteId, 'do you sell earbuds', settings));
    expect(buy).toMatchObject({
      decision: 'answer',
      text: 'We have headphones in stock. Want me to reserve one?',
    });
    const coupon = await replyToVisitor(turn(siteId, 'apply code SAVE20', settings));
    expect(coupon.text).toBe('Coupon SAVE20 is applied at checkout.');

    const exported = JSON.parse((await exportIntents(admin, siteId, 'nlpjs')).content);
    expect(exported.entities.product.options.headphones).toEqual([
      'headphones',
      'earbuds',
      'headset',
    ]);
    expect(exported.data.find((entry: { intent: string }) => entry.intent === 'None')).toBeTruthy();
    // The test phrases go back out as the intents' "tests".
    const tests = (intent: string) =>
      exported.data.find((entry: { intent: string }) => entry.intent === intent).tests;
    expect(tests('order.buy')).toEqual(['I would like a new smartphone', 'do you stock earbuds']);
    expect(tests('order.coupon')).toEqual(['use SAVE20 please']);
    // Hearth JSON carries them to another site.
    const hearth = await exportIntents(admin, siteId, 'hearth-json');
    const other = await siteWithAdmin();
    const moved = await importIntents(other.admin, other.siteId, {
      format: 'hearth-json',
      content: hearth.content,
    });
    expect(moved.testPhrasesAdded).toBe(3);
    expect(await db().testPhrase.count({ where: { siteId: other.siteId } })).toBe(3);
  });

  it('warns when a file without a language tag reads as another language', async () => {
    const { siteId, admin } = await siteWithAdmin();
    const spanish = [
      'nlu:',
      '- intent: estado_pedido',
      '  examples: |',
      '    - ¿dónde está mi pedido?',
      '    - quiero saber el estado de mi pedido',
      '    - mi paquete todavía no ha llegado',
    ].join('\n');
    const preview = await importIntents(admin, siteId, {
      fileName: 'nlu.yml',
      content: spanish,
      preview: true,
    });
    expect(preview.languageWarning).toBe(
      'The examples look Spanish, but this site is in English: they would be read with English stopwords and stemming',
    );
  });

  it('refuses a corpus in another language than the site', async () => {
    const { siteId, admin } = await siteWithAdmin();
    const spanish = JSON.stringify({
      locale: 'es-ES',
      data: [{ intent: 'saludo', utterances: ['hola'], answers: ['¡Hola!'] }],
    });
    const error = await importIntents(admin, siteId, {
      content: spanish,
      fileName: 'es.json',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntentFileError);
    expect((error as IntentFileError).problems[0].message).toMatch(
      /The file is in Spanish \("locale": "es-ES"\) but this site is in English/,
    );
  });
});
