// Audit findings of issue 12 that are logic over the real database (routes: security-routes.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSiteByKey, startVisitorSession } from '@/lib/conversations';
import { rotateVisitorTokenSecret } from '@/lib/sites';
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

describe('visitor token rotation', () => {
  const session = (token?: string) =>
    startVisitorSession(
      { siteKey: acmeKey, token, hostOrigin: 'http://localhost:3000' },
      { ownHosts: new Set(), origin: null, browser: null },
    );
  let acmeKey: string;
  beforeAll(async () => {
    acmeKey = `acme-${Date.now()}`;
    await db().site.update({ where: { id: acme.siteId }, data: { publicKey: acmeKey } });
  });

  it('hands old tokens a new visitor, not an error, and only on the rotated site', async () => {
    const first = await session();
    expect((await session(first.token)).visitorId).toBe(first.visitorId);

    const globex = await createFixtureWorkspace();
    await expect(rotateVisitorTokenSecret(globex.admin, acme.siteId)).rejects.toThrow();
    expect((await session(first.token)).visitorId).toBe(first.visitorId);

    await rotateVisitorTokenSecret(acme.admin, acme.siteId);
    const after = await session(first.token);
    expect(after.visitorId).not.toBe(first.visitorId);
    expect((await session(after.token)).visitorId).toBe(after.visitorId);
    expect(
      await db().auditEvent.count({ where: { action: 'site.visitor_token_secret_rotated' } }),
    ).toBe(1);
  });
});
