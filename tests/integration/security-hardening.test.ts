// Audit findings of issue 12 that are logic over the real database (routes: security-routes.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSiteByKey } from '@/lib/conversations';
import { countMatches } from '@/lib/conversations/search-conversations';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let acme: FixtureWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace();
});
afterAll(async () => database?.drop());

describe('site keys from strangers', () => {
  it('does not remember unknown keys: a key created after a miss is found at once', async () => {
    const key = `late-${Date.now()}`;
    expect(await findSiteByKey(key)).toBeNull();
    await db().site.update({ where: { id: acme.siteId }, data: { publicKey: key } });
    expect((await findSiteByKey(key))?.id).toBe(acme.siteId);
  });

  it('refuses absurd keys without asking the database', async () => {
    await db().site.update({ where: { id: acme.siteId }, data: { publicKey: 'x'.repeat(8000) } });
    expect(await findSiteByKey('x'.repeat(8000))).toBeNull();
    expect(await findSiteByKey('../../etc')).toBeNull();
  });
});

describe('inbox search', () => {
  it("counts only the workspace's own matching messages", async () => {
    const globex = await createFixtureWorkspace();
    for (let i = 0; i < 3; i += 1) {
      await createFixtureConversation(globex.siteId, {
        messages: [{ sender: 'visitor', body: 'quokkaberry order' }],
      });
    }
    await createFixtureConversation(acme.siteId, {
      messages: [{ sender: 'visitor', body: 'quokkaberry refund' }],
    });
    expect(await countMatches([acme.siteId], "'quokkaberry':*")).toBe(1);
    expect(await countMatches([globex.siteId], "'quokkaberry':*")).toBe(3);
  });
});
