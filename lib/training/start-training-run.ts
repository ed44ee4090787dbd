import { z } from 'zod';
import { embeddingsFor } from '@/lib/ai';
import { db } from '@/lib/db';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { siteEntityDefinitions } from '@/lib/intents/site-custom-entities';
import {
  evaluate,
  Language,
  TrainingExampleInput,
  trainInWorker,
  type WorkerTrainingOptions,
} from '@/lib/nlp';
import { exampleEntityNames } from '@/lib/nlp/custom-entities';
import { ExampleAnnotationsSchema } from '@/lib/schemas/entity';
import { queueWebhookEvent } from '@/lib/webhooks';
import { activateModelVersion } from './activate-model-version';
import { archiveOldModelVersions, lockSite } from './archive-model-versions';
import { NotFoundError, TrainingAlreadyRunningError, TrainingCancelledError } from './errors';
import { unlabeledSiteTexts } from './unlabeled-site-texts';

const PROGRESS_WRITE_INTERVAL_MS = 400;
/** A queued or running run not touched for this long was interrupted (its server stopped). */
const INTERRUPTED_AFTER_MS = 60_000;
const HEARTBEAT_MS = 10_000;
const TRAINING_SEED = 42;

interface RunningJob {
  controller: AbortController;
  job: Promise<void>;
}

/** Training jobs running in this process, so a cancel reaches the worker at once. */
const running = ((
  globalThis as { hearthTrainingJobs?: Map<string, RunningJob> }
).hearthTrainingJobs ??= new Map());

/** Why a job stops when its server shuts down: not a cancel, the run is left to be seen as interrupted. */
const SERVER_STOPPING = new Error('the server is stopping');

/**
 * Starts training a new model version for a site from its intents and examples. Returns at once with
 * the queued run; the job trains in a worker thread and records progress on the run row.
 */
export async function startTrainingRun(input: {
  siteId: string;
  actorId?: string;
  /** Activate the new version as soon as it is trained (first start). */
  activateWhenDone?: boolean;
}) {
  const run = await db().$transaction(async (tx) => {
    // One run per site at a time, even with several nodes.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`training:${input.siteId}`}))`;
    const site = await tx.site.findUnique({ where: { id: input.siteId }, select: { id: true } });
    if (!site) throw new NotFoundError('Site');
    await tx.trainingRun.updateMany({
      where: {
        siteId: input.siteId,
        status: { in: ['queued', 'running'] },
        updatedAt: { lt: new Date(Date.now() - INTERRUPTED_AFTER_MS) },
      },
      data: {
        status: 'failed',
        error: 'Interrupted: the server stopped during training',
        finishedAt: new Date(),
      },
    });
    const active = await tx.trainingRun.findFirst({
      where: { siteId: input.siteId, status: { in: ['queued', 'running'] } },
      select: { id: true },
    });
    if (active) throw new TrainingAlreadyRunningError(active.id);
    return tx.trainingRun.create({
      data: { siteId: input.siteId, startedById: input.actorId, log: ['Queued'] },
    });
  });
  const controller = new AbortController();
  const job = trainJob(run.id, input, controller.signal).finally(() => running.delete(run.id));
  running.set(run.id, { controller, job });
  return run;
}

export function abortLocalTrainingRun(runId: string): void {
  running.get(runId)?.controller.abort();
}

/**
 * Stops this process's training jobs before its database goes (server shutdown): they write
 * nothing more, and their runs are reported interrupted once their heartbeat is old.
 */
export async function stopTrainingRuns(): Promise<void> {
  const jobs = [...running.values()];
  for (const { controller } of jobs) controller.abort(SERVER_STOPPING);
  await Promise.allSettled(jobs.map(({ job }) => job));
}

/** The site's wrong-answer budget and traffic choose the operating point the version is trained for. */
function trainingPolicy(stored: unknown) {
  const { wrongAnswerBudget, outOfScopeShare, builtInOutOfScope } = BotSettingsSchema.parse(
    stored ?? {},
  );
  return { wrongAnswerBudget, outOfScopeShare, builtInOutOfScope };
}

async function trainJob(
  runId: string,
  input: { siteId: string; actorId?: string; activateWhenDone?: boolean },
  signal: AbortSignal,
): Promise<void> {
  const log: string[] = ['Queued'];
  const startedAt = Date.now();
  const heartbeat = setInterval(() => writeProgress(runId, undefined, log), HEARTBEAT_MS);
  const note = (line: string) =>
    log.push(`${((Date.now() - startedAt) / 1000).toFixed(1)}s ${line}`);
  try {
    const site = await db().site.findUniqueOrThrow({
      where: { id: input.siteId },
      select: {
        language: true,
        botSettings: true,
        activeModelVersion: { select: { id: true, version: true, trainingExamples: true } },
        intents: {
          select: { name: true, examples: { select: { text: true, annotations: true } } },
        },
        testPhrases: { select: { text: true, intent: true }, orderBy: { createdAt: 'asc' } },
      },
    });
    // Entity features only for sites that define or mark entities: others train as before.
    const entities = await siteEntityDefinitions(input.siteId);
    const withEntities = (text: string, intent: string, annotations: unknown = []) => ({
      text,
      intent,
      entities: entities.length
        ? exampleEntityNames(text, ExampleAnnotationsSchema.catch([]).parse(annotations), entities)
        : undefined,
    });
    const examples: TrainingExampleInput[] = site.intents.flatMap((intent) =>
      intent.examples.map((example) =>
        withEntities(example.text, intent.name, example.annotations),
      ),
    );
    note(`Training on ${examples.length} examples of ${site.intents.length} intents`);
    const { count: started } = await db().trainingRun.updateMany({
      where: { id: runId, status: 'queued' },
      data: { status: 'running', startedAt: new Date(), log },
    });
    if (!started) return; // cancelled while queued

    const language = Language.catch('en').parse(site.language);
    // Dense features from the installed embedding model (the bot classifies with the same).
    const embedding = await embeddingsFor(language);
    note(
      embedding
        ? `With sentence embeddings from ${embedding.model}`
        : 'Without sentence embeddings (no embedding model installed for this language)',
    );
    const { articleTexts, visitorMessages } = await unlabeledSiteTexts(input.siteId);
    note(
      `Reading ${articleTexts.length} article passages and ${visitorMessages.length} visitor messages`,
    );
    const compareWith = liveVersionExamples(site.activeModelVersion);
    if (compareWith) {
      note(
        `Comparing with live version ${compareWith.against.version} on the same held-out examples`,
      );
    }
    let lastWrite = 0;
    const result = await trainInWorker(
      examples,
      {
        language,
        seed: TRAINING_SEED,
        embeddingModel: embedding?.model ?? null,
        unlabeledTexts: visitorMessages,
        articleTexts,
        ...trainingPolicy(site.botSettings),
      },
      {
        signal,
        embed: embedding?.embed,
        compareWith,
        onProgress: (progress, message) => {
          if (message) note(message);
          if (Date.now() - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
          lastWrite = Date.now();
          writeProgress(runId, progress, log);
        },
      },
    );

    // The admin's test phrases, never trained on, read as the bot would read them.
    const testPhraseMetrics = site.testPhrases.length
      ? await evaluate(
          result.model,
          site.testPhrases.map((phrase) => withEntities(phrase.text, phrase.intent)),
          { embed: embedding?.embed },
        )
      : null;
    if (testPhraseMetrics) {
      note(
        `Read ${site.testPhrases.length} test phrases: ${(testPhraseMetrics.accuracy * 100).toFixed(1)}% as their intent`,
      );
    }

    const version = await db().$transaction(async (tx) => {
      // First, so activation waits for this run to store its version, and archiving takes no
      // stronger lock than the transaction already holds on the site.
      await lockSite(tx, input.siteId);
      const latest = await tx.modelVersion.aggregate({
        where: { siteId: input.siteId },
        _max: { version: true },
      });
      const nextVersion = (latest._max.version ?? 0) + 1;
      note(`Stored as version ${nextVersion}`);
      const created = await tx.modelVersion.create({
        data: {
          siteId: input.siteId,
          version: nextVersion,
          artifact: Buffer.from(result.artifact),
          metrics: result.metrics,
          trainingExamples: examples,
          comparison: result.comparison ?? undefined,
          testPhraseMetrics: testPhraseMetrics ?? undefined,
          exampleCount: examples.length,
          intentCount: site.intents.length,
          trainingRunId: runId,
        },
      });
      const archived = await archiveOldModelVersions(tx, input.siteId);
      if (archived) note(`Archived ${archived} older version${archived === 1 ? '' : 's'}`);
      const { count: finished } = await tx.trainingRun.updateMany({
        where: { id: runId, status: 'running' },
        data: { status: 'succeeded', progress: 1, finishedAt: new Date(), log },
      });
      // Cancelled from another node at the last moment: keep no version.
      if (!finished) throw new TrainingCancelledError();
      await queueWebhookEvent(
        input.siteId,
        'training.finished',
        {
          trainingRun: { id: runId, status: 'succeeded', error: null },
          modelVersion: {
            id: created.id,
            version: created.version,
            exampleCount: created.exampleCount,
            intentCount: created.intentCount,
          },
        },
        tx,
      );
      return created;
    });
    if (input.activateWhenDone) {
      await activateModelVersion({
        siteId: input.siteId,
        versionId: version.id,
        actorId: input.actorId,
      });
    }
  } catch (error) {
    if (signal.reason === SERVER_STOPPING) return;
    const cancelled = signal.aborted || error instanceof TrainingCancelledError;
    note(cancelled ? 'Cancelled' : `Failed: ${(error as Error).message}`);
    await db()
      .trainingRun.updateMany({
        where: { id: runId, status: { in: ['queued', 'running'] } },
        data: {
          status: cancelled ? 'cancelled' : 'failed',
          error: cancelled ? null : (error as Error).message,
          finishedAt: new Date(),
          log,
        },
      })
      .catch(() => {});
    await queueWebhookEvent(input.siteId, 'training.finished', {
      trainingRun: {
        id: runId,
        status: cancelled ? 'cancelled' : 'failed',
        error: cancelled ? null : (error as Error).message,
      },
      modelVersion: null,
    }).catch((failure: Error) => console.error(`training: webhook not queued: ${failure.message}`));
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Writes progress unless the run was cancelled meanwhile (perhaps from another node): then stops it.
 * A failed write is reported and left to the next one: progress is not worth failing the run for.
 */
function writeProgress(runId: string, progress: number | undefined, log: string[]): void {
  db()
    .trainingRun.updateMany({
      where: { id: runId, status: { in: ['queued', 'running'] } },
      data: { progress, log },
    })
    .then(
      ({ count }) => count === 0 && abortLocalTrainingRun(runId),
      (error: Error) =>
        console.error(`training: progress of run ${runId} not saved: ${error.message}`),
    );
}

/** The live version's examples to re-learn on the new folds; none for versions stored before they were kept. */
function liveVersionExamples(
  live: { id: string; version: number; trainingExamples: unknown } | null,
): WorkerTrainingOptions['compareWith'] {
  const examples = z.array(TrainingExampleInput).catch([]).parse(live?.trainingExamples);
  if (!live || new Set(examples.map((example) => example.intent)).size < 2) return undefined;
  return { against: { versionId: live.id, version: live.version }, examples };
}
