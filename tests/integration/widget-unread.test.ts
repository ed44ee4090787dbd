// The loader's unread check (POST /api/widget/unread → countVisitorUnread): replies after the
// visitor's read receipt in their open conversation, nothing else, and only for the site's pages.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signVisitorToken } from '@/lib/auth/visitor-token';
import { countVisitorUnread } from '@/lib/conversations';
import { config } from '@/lib/config';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let workspace: FixtureWorkspace;
let site: { publicKey: string; visitorTokenSecret: string };
// Per-address limits count in Redis across runs: every run's addresses are new.
const runPrefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
let ipCounter = 0;
const freshIp = () => `${runPrefix}::${(++ipCounter).toString(16)}`;
const page = { ownHosts: new Set<string>(), origin: 'http://localhost:3000', ip: freshIp() };

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
  site = await db().site.findUniqueOrThrow({ where: { id: workspace.siteId } });
});

afterAll(async () => {
  await database?.drop();
});

async function unreadFor(visitorId: string, request = page): Promise<number> {
  const token = signVisitorToken(site.visitorTokenSecret, { siteId: workspace.siteId, visitorId });
  return (await countVisitorUnread({ siteKey: site.publicKey, token }, request)).unread;
}

describe('unread replies for the loader', () => {
  it('counts bot and agent replies after the read receipt, never notes or the visitor’s own', async () => {
    const { conversationId, visitorId } = await createFixtureConversation(workspace.siteId, {
      messages: [
        { sender: 'visitor', body: 'Where is my parcel?' },
        { sender: 'bot', body: 'Let me find a person.' },
        { sender: 'agent', body: 'Checking now.' },
        { sender: 'agent', body: 'Carrier says Thursday.', isPrivate: true },
        { sender: 'agent', body: 'It arrives Thursday.' },
        { sender: 'visitor', body: 'Thanks!' },
      ],
    });
    expect(await unreadFor(visitorId)).toBe(3);
    await db().conversation.update({ where: { id: conversationId }, data: { visitorReadSeq: 3 } });
    expect(await unreadFor(visitorId)).toBe(1);
  });

  it('has nothing unread once the conversation is resolved', async () => {
    const { visitorId } = await createFixtureConversation(workspace.siteId, {
      status: 'resolved',
      messages: [{ sender: 'agent', body: 'Done!' }],
    });
    expect(await unreadFor(visitorId)).toBe(0);
  });

  it('answers a token of another site, or a forged one, with nothing', async () => {
    const { visitorId } = await createFixtureConversation(workspace.siteId, {
      messages: [{ sender: 'bot', body: 'Hello' }],
    });
    const forged = signVisitorToken('not-the-secret', { siteId: workspace.siteId, visitorId });
    await expect(
      countVisitorUnread({ siteKey: site.publicKey, token: forged }, page),
    ).resolves.toEqual({ unread: 0 });
  });

  it('refuses a page the site does not allow', async () => {
    const { visitorId } = await createFixtureConversation(workspace.siteId);
    await expect(
      unreadFor(visitorId, { ownHosts: new Set(), origin: 'https://evil.example', ip: freshIp() }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('holds back an address past its budget, as new chats are: the database is not free to ask', async () => {
    const { visitorId } = await createFixtureConversation(workspace.siteId, {
      messages: [{ sender: 'bot', body: 'Hello' }],
    });
    const asker = { ...page, ip: freshIp() };
    for (let i = 0; i < config().IP_CONNECTS_PER_MINUTE; i += 1) {
      expect(await unreadFor(visitorId, asker)).toBe(1);
    }
    await expect(unreadFor(visitorId, asker)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: expect.any(Number),
    });
    // Another address is not held back.
    expect(await unreadFor(visitorId, { ...page, ip: freshIp() })).toBe(1);
  });
});
