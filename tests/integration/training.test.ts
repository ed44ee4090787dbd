import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DEMO_SITE_KEY, seedDemo } from '@/lib/db/seed';
import { classify, type IntentClassifier } from '@/lib/nlp';
import {
  activateModelVersion,
  cancelTrainingRun,
  liveClassifier,
  liveEmbeddings,
  startTrainingRun,
  stopLiveClassifiers,
  TrainingAlreadyRunningError,
} from '@/lib/training';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

async function waitForRun(runId: string) {
  for (;;) {
    const run = await db().trainingRun.findUniqueOrThrow({ where: { id: runId } });
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** As the bot classifies: with the sentence embeddings the model was trained with. */
const classifyLive = (classifier: IntentClassifier, text: string) =>
  classify(classifier, text, { embed: liveEmbeddings(classifier) });

describe('training runs and the live model', () => {
  let database: TestDatabase;
  let siteId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(db(), {
      adminEmail: 'a@example.com',
      adminPassword: 'password123',
      publicUrl: 'http://localhost:3000',
    });
    siteId = (await db().site.findUniqueOrThrow({ where: { publicKey: DEMO_SITE_KEY } })).id;
  });
  afterAll(async () => {
    await stopLiveClassifiers();
    await database.drop();
  });

  it('trains from the database, stores a version with its evaluation, and refuses a second run meanwhile', async () => {
    const run = await startTrainingRun({ siteId });
    await expect(startTrainingRun({ siteId })).rejects.toBeInstanceOf(TrainingAlreadyRunningError);
    const finished = await waitForRun(run.id);
    expect(finished.status).toBe('succeeded');
    expect(finished.progress).toBe(1);
    expect(finished.log.join('\n')).toMatch(/Training on \d+ examples of 15 intents/);

    const version = await db().modelVersion.findUniqueOrThrow({ where: { trainingRunId: run.id } });
    expect(version.version).toBe(1);
    const metrics = version.metrics as { accuracy: number; macroF1: number };
    expect(metrics.accuracy).toBeGreaterThan(0.6);
    expect(metrics.macroF1).toBeGreaterThan(0.5);
    expect(await liveClassifier(siteId)).toBeNull(); // trained, not yet active
  });

  it("leaves another site's run alone when asked to cancel it by id", async () => {
    const run = await startTrainingRun({ siteId });
    expect(await cancelTrainingRun({ siteId: 'not-this-site', runId: run.id })).toBe(false);
    expect((await waitForRun(run.id)).status).toBe('succeeded');
  });

  it('cancels a run', async () => {
    const run = await startTrainingRun({ siteId });
    expect(await cancelTrainingRun({ siteId, runId: run.id })).toBe(true);
    const finished = await waitForRun(run.id);
    expect(finished.status).toBe('cancelled');
    expect(await db().modelVersion.count({ where: { trainingRunId: run.id } })).toBe(0);
  });

  it('activates, hot-swaps and rolls back while classification keeps flowing', async () => {
    const first = await db().modelVersion.findFirstOrThrow({ where: { siteId, version: 1 } });
    await activateModelVersion({ siteId, versionId: first.id });
    const live = await liveClassifier(siteId);
    expect(live?.versionId).toBe(first.id);
    expect((await classifyLive(live!.classifier, 'where is my parcel?')).ranking[0].intent).toBe(
      'order_status',
    );

    // Teach version 2 something new, then swap it in under a stream of requests.
    const intent = await db().intent.create({
      data: {
        siteId,
        name: 'loyalty_points',
        examples: {
          create: [
            'do you have a loyalty program',
            'how many loyalty points do I have',
            'can I collect reward points',
            'how do loyalty points work',
            'check my points balance',
            'do I earn points on every order',
          ].map((text) => ({ text })),
        },
        responses: { create: { body: 'Every order earns points.' } },
      },
    });
    const second = await waitForRun((await startTrainingRun({ siteId })).id);
    const secondVersion = await db().modelVersion.findUniqueOrThrow({
      where: { trainingRunId: second.id },
    });

    let served = 0;
    let failed = 0;
    const seen = new Set<string>();
    let keepGoing = true;
    const traffic = (async () => {
      while (keepGoing) {
        try {
          const model = await liveClassifier(siteId);
          await classifyLive(model!.classifier, 'what is your return policy');
          seen.add(model!.versionId);
          served++;
        } catch {
          failed++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (served < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    await activateModelVersion({ siteId, versionId: secondVersion.id });
    const servedAtSwap = served;
    while (served < servedAtSwap + 20) await new Promise((resolve) => setTimeout(resolve, 5));
    for (
      let i = 0;
      i < 100 && (await liveClassifier(siteId))?.versionId !== secondVersion.id;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    keepGoing = false;
    await traffic;
    expect(failed).toBe(0);
    expect(served).toBeGreaterThan(40);
    expect(seen).toEqual(new Set([first.id, secondVersion.id]));
    const swapped = await liveClassifier(siteId);
    expect(
      (await classifyLive(swapped!.classifier, 'do you have a loyalty program')).ranking[0].intent,
    ).toBe('loyalty_points');

    // Rolling back is the same act.
    await activateModelVersion({ siteId, versionId: first.id });
    for (let i = 0; i < 100 && (await liveClassifier(siteId))?.versionId !== first.id; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await liveClassifier(siteId))?.versionId).toBe(first.id);
    const audit = await db().auditEvent.findMany({ where: { action: 'model.activated' } });
    expect(audit).toHaveLength(3);
    await db().intent.delete({ where: { id: intent.id } });
  });

  it('refuses to activate a version of another site', async () => {
    const other = await db().modelVersion.findFirstOrThrow({ where: { siteId } });
    await expect(
      activateModelVersion({ siteId: 'not-this-site', versionId: other.id }),
    ).rejects.toThrow('not found');
  });
});
