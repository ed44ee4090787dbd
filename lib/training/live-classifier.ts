import pg from 'pg';
import { z } from 'zod';
import { db, type Prisma } from '@/lib/db';
import {
  deserialize,
  TrainingExampleInput,
  withKnownExamples,
  type IntentClassifier,
} from '@/lib/nlp';

const MODEL_ACTIVATED_CHANNEL = 'hearth_model_activated';

export interface LiveModel {
  versionId: string;
  version: number;
  classifier: IntentClassifier;
}

interface LiveModels {
  bySite: Map<string, Promise<LiveModel | null>>;
  listener?: Promise<pg.Client>;
}

// On globalThis: the custom server and Next's bundle are two module graphs in one process.
const live: LiveModels = ((globalThis as { hearthLiveModels?: LiveModels }).hearthLiveModels ??= {
  bySite: new Map(),
});

/**
 * The site's active classifier, loaded once and kept in memory. When any node activates another
 * version, this node loads it in the background and swaps it in whole, so requests in flight
 * never see a half-loaded model and never wait on the swap.
 */
export function liveClassifier(siteId: string): Promise<LiveModel | null> {
  void listenForActivations();
  let model = live.bySite.get(siteId);
  if (!model) {
    model = loadActiveModel(siteId);
    live.bySite.set(siteId, model);
    model.catch(() => live.bySite.delete(siteId));
  }
  return model;
}

async function loadActiveModel(siteId: string): Promise<LiveModel | null> {
  const site = await db().site.findUnique({
    where: { id: siteId },
    select: {
      activeModelVersion: {
        select: { id: true, version: true, artifact: true, trainingExamples: true },
      },
    },
  });
  const version = site?.activeModelVersion;
  if (!version) return null;
  // The examples it learned from, answered as written (none kept by versions stored before them).
  const examples = z.array(TrainingExampleInput).catch([]).parse(version.trainingExamples);
  return {
    versionId: version.id,
    version: version.version,
    classifier: withKnownExamples(deserialize(new Uint8Array(version.artifact)), examples),
  };
}

/**
 * Has every node load the site's live model again once the caller's transaction commits: another
 * version went live, or the live one's stored examples changed (a visitor's words erased).
 */
export async function reloadLiveModelOnCommit(
  tx: Prisma.TransactionClient,
  siteId: string,
): Promise<void> {
  await tx.$executeRaw`select pg_notify(${MODEL_ACTIVATED_CHANNEL}, ${siteId})`;
}

/** Loads the site's active version and swaps it in; the node that activated it waits for this. */
export async function reloadLiveClassifier(siteId: string): Promise<void> {
  if (!live.bySite.has(siteId)) return; // never asked for here: load lazily when it is
  const next = loadActiveModel(siteId);
  await next.then(
    () => live.bySite.set(siteId, next),
    (error) => console.error(`Could not load the new model of site ${siteId}:`, error),
  );
}

function listenForActivations(): Promise<pg.Client> {
  live.listener ??= (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const forget = () => {
      // Lost the connection: forget cached models (they may be stale) and listen again on next use.
      live.listener = undefined;
      live.bySite.clear();
    };
    client.on('error', forget);
    client.on('end', forget);
    client.on('notification', (message) => {
      if (message.channel === MODEL_ACTIVATED_CHANNEL && message.payload)
        void reloadLiveClassifier(message.payload);
    });
    await client.connect();
    await client.query(`listen ${MODEL_ACTIVATED_CHANNEL}`);
    return client;
  })();
  live.listener.catch(() => (live.listener = undefined));
  return live.listener;
}

/** Closes the listening connection (shutdown and tests). */
export async function stopLiveClassifiers(): Promise<void> {
  const listener = live.listener;
  live.listener = undefined;
  live.bySite.clear();
  await listener?.then((client) => client.end()).catch(() => {});
}
