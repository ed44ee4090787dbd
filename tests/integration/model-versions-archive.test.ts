import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ActionError } from '@/lib/auth/errors';
import { listModelVersions } from '@/lib/intents';
import { activateModelVersion, startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import {
  archiveOldModelVersions,
  KEPT_MODEL_VERSIONS,
  lockSite,
} from '@/lib/training/archive-model-versions';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await stopLiveClassifiers();
  await database?.drop();
});

/** Versions 1..count of a new site, each with an artifact and examples; the first is live. */
async function siteWithVersions(count: number) {
  const { siteId } = await createFixtureWorkspace({ agents: 0 });
  const ids: string[] = [];
  for (let version = 1; version <= count; version += 1) {
    const created = await db().modelVersion.create({
      data: {
        siteId,
        version,
        artifact: new Uint8Array([1, 2, 3]),
        metrics: {},
        trainingExamples: [{ text: `example ${version}`, intent: 'greeting' }],
        exampleCount: 1,
        intentCount: 1,
      },
    });
    ids.push(created.id);
  }
  await db().site.update({ where: { id: siteId }, data: { activeModelVersionId: ids[0] } });
  return { siteId, ids };
}

async function kept(siteId: string) {
  const versions = await db().modelVersion.findMany({
    where: { siteId },
    orderBy: { version: 'asc' },
    select: { version: true, artifact: true, trainingExamples: true, archivedAt: true },
  });
  return versions.map((v) => ({
    version: v.version,
    artifact: v.artifact.length,
    examples: (v.trainingExamples as unknown[]).length,
    archived: v.archivedAt !== null,
  }));
}

it('drops the artifact and examples of versions older than the newest kept, never the live one', async () => {
  const { siteId } = await siteWithVersions(5);

  expect(await db().$transaction((tx) => archiveOldModelVersions(tx, siteId, 2))).toBe(2);
  expect(await kept(siteId)).toEqual([
    { version: 1, artifact: 3, examples: 1, archived: false }, // live, though old
    { version: 2, artifact: 0, examples: 0, archived: true },
    { version: 3, artifact: 0, examples: 0, archived: true },
    { version: 4, artifact: 3, examples: 1, archived: false },
    { version: 5, artifact: 3, examples: 1, archived: false },
  ]);
  // Done once: a second pass finds nothing more to archive.
  expect(await db().$transaction((tx) => archiveOldModelVersions(tx, siteId, 2))).toBe(0);
  expect(
    (await listModelVersions(siteId)).map(({ version, archived }) => [version, archived]),
  ).toEqual([
    [5, false],
    [4, false],
    [3, true],
    [2, true],
    [1, false],
  ]);
});

it('refuses to make an archived version live, and leaves the live one as it was', async () => {
  const { siteId, ids } = await siteWithVersions(3);
  await db().$transaction((tx) => archiveOldModelVersions(tx, siteId, 1));

  const refused = activateModelVersion({ siteId, versionId: ids[1] });
  await expect(refused).rejects.toBeInstanceOf(ActionError);
  await expect(refused).rejects.toMatchObject({ code: 'conflict' });
  const site = await db().site.findUniqueOrThrow({ where: { id: siteId } });
  expect(site.activeModelVersionId).toBe(ids[0]);
});

it('makes an activation wait for archiving in progress, so it never makes an archived version live', async () => {
  const { siteId, ids } = await siteWithVersions(3);
  let archiving!: Promise<number>;
  const archived = new Promise<void>((resolve) => {
    archiving = db().$transaction(async (tx) => {
      const count = await archiveOldModelVersions(tx, siteId, 1);
      resolve();
      await sleep(300); // the activation below arrives while this transaction holds the site
      return count;
    });
  });
  await archived;
  const activation = activateModelVersion({ siteId, versionId: ids[1] });
  await expect(activation).rejects.toMatchObject({ code: 'conflict' });
  expect(await archiving).toBe(1);
  expect((await db().site.findUniqueOrThrow({ where: { id: siteId } })).activeModelVersionId).toBe(
    ids[0],
  );
});

it('archives the versions a training run leaves older than the newest kept', async () => {
  const { siteId } = await siteWithVersions(KEPT_MODEL_VERSIONS + 1);
  for (const [name, texts] of Object.entries({
    greeting: ['hello', 'hi there', 'good morning', 'hey', 'hiya', 'good evening'],
    opening_hours: [
      'when are you open',
      'what are your opening hours',
      'are you open on sunday',
      'what time do you close',
      'opening times please',
      'how late are you open',
    ],
  })) {
    await db().intent.create({
      data: { siteId, name, examples: { create: texts.map((text) => ({ text })) } },
    });
  }

  const run = await startTrainingRun({ siteId });
  for (;;) {
    const { status } = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    if (status !== 'queued' && status !== 'running') break;
    await sleep(100);
  }
  const finished = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
  expect(finished.status).toBe('succeeded');
  expect(finished.log.join('\n')).toMatch(/Archived 1 older version/);

  // Version 1 is live and stays whole; version 2 is now older than the newest 20 (3..22).
  const versions = await kept(siteId);
  expect(versions.filter((v) => v.archived).map((v) => v.version)).toEqual([2]);
  expect(versions.at(-1)).toMatchObject({ version: KEPT_MODEL_VERSIONS + 2, archived: false });
  expect(versions.at(-1)?.artifact).toBeGreaterThan(1000);
});

it('lets visitors start conversations while an activation holds the site', async () => {
  const { siteId } = await siteWithVersions(1);
  const visitor = await db().visitor.create({ data: { siteId } });
  await db().$transaction(async (tx) => {
    await lockSite(tx, siteId);
    // The conversation's foreign key checks the site row with a KEY SHARE lock.
    const started = db()
      .conversation.create({ data: { siteId, visitorId: visitor.id } })
      .then(() => 'started');
    expect(await Promise.race([started, sleep(3_000).then(() => 'held up')])).toBe('started');
  });
});
