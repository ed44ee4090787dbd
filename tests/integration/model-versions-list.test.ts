import { afterAll, beforeAll, expect, it } from 'vitest';
import { listModelVersions } from '@/lib/intents';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

it('lists the latest versions and the live one when it is older (a roll-back)', async () => {
  const { siteId } = await createFixtureWorkspace();
  const versions = [];
  for (const version of [1, 2, 3, 4]) {
    versions.push(
      await db().modelVersion.create({
        data: {
          siteId,
          version,
          artifact: new Uint8Array([1]),
          metrics: {},
          exampleCount: 2,
          intentCount: 2,
        },
      }),
    );
  }
  await db().site.update({ where: { id: siteId }, data: { activeModelVersionId: versions[0].id } });

  const listed = await listModelVersions(siteId, 2);
  expect(listed.map(({ version, active }) => [version, active])).toEqual([
    [4, false],
    [3, false],
    [1, true],
  ]);
  // A live version among the latest is listed once.
  await db().site.update({ where: { id: siteId }, data: { activeModelVersionId: versions[3].id } });
  expect((await listModelVersions(siteId, 2)).map(({ version }) => version)).toEqual([4, 3]);
});
