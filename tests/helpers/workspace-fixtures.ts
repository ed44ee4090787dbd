import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { hashPassword } from '@/lib/auth/password';
import { createSession, findSessionByToken, type SessionMember } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { createTestDatabase, type TestDatabase } from './db';

export const FIXTURE_PASSWORD = 'fixture-password-1';
let passwordHash: Promise<string> | undefined;

export interface FixtureMember extends SessionMember {
  /** The session cookie's token. */
  token: string;
}

export interface FixtureWorkspace {
  workspaceId: string;
  siteId: string;
  admin: FixtureMember;
  agents: FixtureMember[];
}

/** A workspace with one site, an admin and `agents` agents, each signed in. */
export async function createFixtureWorkspace(
  options: { name?: string; agents?: number } = {},
): Promise<FixtureWorkspace> {
  const tag = randomBytes(4).toString('hex');
  const workspace = await db().workspace.create({
    data: { name: options.name ?? `Workspace ${tag}` },
  });
  const site = await db().site.create({
    data: {
      workspaceId: workspace.id,
      name: `Site ${tag}`,
      publicKey: `site-${tag}`,
      allowedOrigins: ['http://localhost:3000'],
      identitySecret: randomBytes(16).toString('hex'),
      visitorTokenSecret: randomBytes(16).toString('hex'),
    },
  });
  const admin = await createFixtureMember(
    workspace.id,
    'admin',
    `admin-${tag}@example.com`,
    'Ada Admin',
  );
  const agents: FixtureMember[] = [];
  for (let i = 0; i < (options.agents ?? 1); i += 1) {
    agents.push(
      await createFixtureMember(
        workspace.id,
        'agent',
        `agent${i}-${tag}@example.com`,
        `Agent ${i}`,
      ),
    );
  }
  return { workspaceId: workspace.id, siteId: site.id, admin, agents };
}

export async function createFixtureMember(
  workspaceId: string,
  role: 'admin' | 'agent',
  email: string,
  name: string,
): Promise<FixtureMember> {
  const user = await db().user.create({
    data: {
      email,
      name,
      passwordHash: await (passwordHash ??= hashPassword(FIXTURE_PASSWORD)),
      memberships: { create: { workspaceId, role } },
    },
  });
  const { token } = await createSession(user.id, workspaceId);
  const member = await findSessionByToken(token);
  return { ...member!, token };
}

/** A visitor on the site with one conversation. */
export async function createFixtureConversation(
  siteId: string,
  data: {
    status?: 'bot' | 'open' | 'pending' | 'resolved';
    assigneeId?: string | null;
    visitorName?: string;
    messages?: {
      sender: 'visitor' | 'bot' | 'agent' | 'system';
      body: string;
      isPrivate?: boolean;
      confidence?: number;
      intent?: string;
    }[];
    waitingSince?: Date | null;
  } = {},
): Promise<{ conversationId: string; visitorId: string; messageIds: string[] }> {
  const visitor = await db().visitor.create({ data: { siteId, name: data.visitorName ?? null } });
  const messages = data.messages ?? [{ sender: 'visitor' as const, body: 'Hello there' }];
  const conversation = await db().conversation.create({
    data: {
      siteId,
      visitorId: visitor.id,
      status: data.status ?? 'open',
      assigneeId: data.assigneeId ?? null,
      waitingSince:
        data.waitingSince === undefined
          ? (data.status ?? 'open') === 'open'
            ? new Date()
            : null
          : data.waitingSince,
      lastSeq: messages.length,
      messages: {
        create: messages.map((message, index) => ({
          seq: index + 1,
          sender: message.sender,
          body: message.body,
          isPrivate: message.isPrivate ?? false,
          confidence: message.confidence,
          intent: message.intent,
        })),
      },
    },
    include: { messages: { orderBy: { seq: 'asc' }, select: { id: true } } },
  });
  return {
    conversationId: conversation.id,
    visitorId: visitor.id,
    messageIds: conversation.messages.map((message) => message.id),
  };
}

/**
 * A database of the test file's own with one workspace (no agents), made before its tests and
 * dropped after them; its fields are set once the file's tests start.
 */
export function fixtureWorkspaceForFile(): { database: TestDatabase; workspace: FixtureWorkspace } {
  const fixture = {} as { database: TestDatabase; workspace: FixtureWorkspace };
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    fixture.workspace = await createFixtureWorkspace({ agents: 0 });
  });
  afterAll(async () => {
    await fixture.database?.drop();
  });
  return fixture;
}
