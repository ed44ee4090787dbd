import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stopModels } from '@/lib/ai';
import { replyToVisitor } from '@/lib/bot';
import { db } from '@/lib/db';
import { DEMO_SITE_KEY, seedDemo } from '@/lib/db/seed';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { liveClassifier, startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import { buildModelFixtures, configureFixtureModels, EMBEDDING_FIXTURE } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The transformers.js feature-extraction path, for real, with the tiny ONNX embedder the fixtures build.
describe('training with an installed sentence-embedding model', () => {
  let database: TestDatabase;
  let siteId: string;

  beforeAll(async () => {
    await buildModelFixtures();
    configureFixtureModels({ generation: null });
    database = await createTestDatabase();
    await seedDemo(db(), { adminEmail: 'a@example.com', adminPassword: 'password123' });
    siteId = (await db().site.findUniqueOrThrow({ where: { publicKey: DEMO_SITE_KEY } })).id;
  });
  afterAll(async () => {
    await stopLiveClassifiers();
    await stopModels();
    await database.drop();
  });

  it('concatenates dense embeddings with the sparse features, and the bot classifies with them', async () => {
    const run = await startTrainingRun({ siteId, activateWhenDone: true });
    let finished;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      finished = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    } while (['queued', 'running'].includes(finished.status));
    expect(finished.status).toBe('succeeded');
    expect(finished.log.join('\n')).toContain(
      `With sentence embeddings from ${EMBEDDING_FIXTURE.id}`,
    );

    // The run is marked succeeded before the new version is activated: wait for the swap.
    const version = await db().modelVersion.findUniqueOrThrow({ where: { trainingRunId: run.id } });
    await vi.waitFor(
      async () =>
        expect(
          (await db().site.findUniqueOrThrow({ where: { id: siteId } })).activeModelVersionId,
        ).toBe(version.id),
      { timeout: 10_000, interval: 100 },
    );
    const live = await liveClassifier(siteId);
    expect(live?.versionId).toBe(version.id);
    expect(live?.classifier.embeddingModel).toContain(EMBEDDING_FIXTURE.id);
    expect(live?.classifier.features.embeddingSize).toBeGreaterThan(0);

    const reply = await replyToVisitor({
      // The intent path is under test: articles do not compete for the answer.
      site: {
        id: siteId,
        language: 'en',
        botSettings: BotSettingsSchema.parse({ knowledgeMinConfidence: 1 }),
      },
      conversation: { id: 'c1', fallbackCount: 0 },
      visitorMessage: { id: 'm1', body: 'how long does shipping take?' },
      history: [],
      signal: new AbortController().signal,
    });
    expect(reply.intent).toBe('shipping');
    expect(reply.modelVersionId).toBe(live?.versionId);
  });
});
