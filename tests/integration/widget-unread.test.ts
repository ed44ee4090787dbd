// The loader's unread check (POST /api/widget/unread → countVisitorUnread): replies after the
// visitor's read receipt in their open conversation, nothing else, and only for the site's pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signVisitorToken } from '@/lib/auth/visitor-token';
import { countVisitorUnread } from '@/lib/conversations';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let workspace: FixtureWorkspace;
let site: { publicKey: string; visitorTokenSecret: string };
const page = { ownHosts: new Set<string>(), origin: 'http://localhost:3000' };

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
      unreadFor(visitorId, { ownHosts: new Set(), origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
