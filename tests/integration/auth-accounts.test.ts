import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberFromRequest, signIn, signOut, signOutEverywhere } from '@/lib/auth';
import { createSession, findSessionByToken, hashToken } from '@/lib/auth/session';
import { FAILURES_PER_ACCOUNT_AND_ADDRESS, FAILURES_PER_ADDRESS } from '@/lib/auth/actions/sign-in';
import { db } from '@/lib/db';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  createFixtureWorkspace,
  FIXTURE_PASSWORD,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let acme: FixtureWorkspace;
let ipCounter = 0;
// Each test signs in from its own address so per-IP limits only bite where a test means them to.
// With REDIS_URL the counters outlive this run, so the addresses are new on every run too.
const runPrefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
const freshIp = () => `${runPrefix}::${(++ipCounter).toString(16)}`;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 2 });
});
afterAll(async () => database?.drop());

describe('sessions', () => {
  it('stores only the hash of the cookie token and finds the member by the token', async () => {
    const { token, sessionId } = await createSession(acme.agents[0].userId, acme.workspaceId);
    const row = await db().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toContain(token);
    const member = await findSessionByToken(token);
    expect(member).toMatchObject({
      userId: acme.agents[0].userId,
      workspaceId: acme.workspaceId,
      role: 'agent',
      sessionId,
      csrfToken: row.csrfToken,
    });
  });

  it('refuses unknown, empty and expired tokens', async () => {
    expect(await findSessionByToken('nope')).toBeNull();
    expect(await findSessionByToken('')).toBeNull();
    expect(await findSessionByToken(undefined)).toBeNull();
    const { token, sessionId } = await createSession(acme.agents[0].userId, acme.workspaceId);
    await db().session.update({
      where: { id: sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await findSessionByToken(token)).toBeNull();
    expect(await db().session.findUnique({ where: { id: sessionId } })).toBeNull();
  });

  it('reads the role fresh, so a role change applies to existing sessions', async () => {
    const { token } = await createSession(acme.agents[1].userId, acme.workspaceId);
    await db().membership.update({
      where: {
        workspaceId_userId: { workspaceId: acme.workspaceId, userId: acme.agents[1].userId },
      },
      data: { role: 'admin' },
    });
    expect((await findSessionByToken(token))?.role).toBe('admin');
    await db().membership.update({
      where: {
        workspaceId_userId: { workspaceId: acme.workspaceId, userId: acme.agents[1].userId },
      },
      data: { role: 'agent' },
    });
    expect((await findSessionByToken(token))?.role).toBe('agent');
  });

  it('sign out ends one session; sign out everywhere ends all of them', async () => {
    const user = acme.agents[0];
    const a = await createSession(user.userId, acme.workspaceId);
    const b = await createSession(user.userId, acme.workspaceId);
    await signOut({ sessionId: a.sessionId });
    expect(await findSessionByToken(a.token)).toBeNull();
    expect(await findSessionByToken(b.token)).not.toBeNull();
    const { sessionsEnded } = await signOutEverywhere(user);
    expect(sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await findSessionByToken(b.token)).toBeNull();
    const audit = await db().auditEvent.findFirst({
      where: { action: 'member.signed_out_everywhere' },
    });
    expect(audit?.actorId).toBe(user.userId);
  });
});

describe('sign-in', () => {
  it('signs in with the right password, case-insensitively by email', async () => {
    const result = await signIn(
      { email: acme.admin.email.toUpperCase(), password: FIXTURE_PASSWORD },
      { ip: freshIp() },
    );
    expect(result.workspaceId).toBe(acme.workspaceId);
    expect((await findSessionByToken(result.token))?.role).toBe('admin');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = signIn({ email: acme.admin.email, password: 'not it at all' }, { ip: freshIp() });
    await expect(wrong).rejects.toMatchObject({
      code: 'invalid',
      message: 'Wrong email or password',
    });
    const unknown = signIn(
      { email: 'nobody@example.com', password: 'whatever' },
      { ip: freshIp() },
    );
    await expect(unknown).rejects.toMatchObject({
      code: 'invalid',
      message: 'Wrong email or password',
    });
    await expect(
      signIn({ email: 'not an email', password: 'x' }, { ip: freshIp() }),
    ).rejects.toThrow();
  });

  it("holds back a stranger's address, never the account: the owner still signs in", async () => {
    const victim = await db().user.create({
      data: {
        email: `locked-${randomBytes(3).toString('hex')}@example.com`,
        name: 'Lock Test',
        passwordHash: (await db().user.findUniqueOrThrow({ where: { id: acme.admin.userId } }))
          .passwordHash,
        memberships: { create: { workspaceId: acme.workspaceId, role: 'agent' } },
      },
    });
    const stranger = freshIp();
    for (let i = 0; i < FAILURES_PER_ACCOUNT_AND_ADDRESS.points; i += 1) {
      await expect(
        signIn({ email: victim.email, password: `guess ${i}` }, { ip: stranger }),
      ).rejects.toMatchObject({ code: 'invalid' });
    }
    // The stranger waits, and is told how long, even with the right password.
    await expect(
      signIn({ email: victim.email, password: FIXTURE_PASSWORD }, { ip: stranger }),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/try again in 1[45] minutes/),
    });
    // The owner, from an address with no failures, gets straight in.
    const owner = await signIn(
      { email: victim.email, password: FIXTURE_PASSWORD },
      { ip: freshIp() },
    );
    expect(owner.userId).toBe(victim.id);
  });

  it('does not count successful sign-ins against any limit', async () => {
    const ip = freshIp();
    for (let i = 0; i <= FAILURES_PER_ADDRESS.points; i += 1) {
      await signIn({ email: acme.agents[0].email, password: FIXTURE_PASSWORD }, { ip });
    }
  });

  it('forgets an address’s failures on one account once it signs in there', async () => {
    const ip = freshIp();
    const attempt = (password: string) => signIn({ email: acme.agents[1].email, password }, { ip });
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < FAILURES_PER_ACCOUNT_AND_ADDRESS.points - 1; i += 1) {
        await expect(attempt('typo')).rejects.toMatchObject({ code: 'invalid' });
      }
      await attempt(FIXTURE_PASSWORD);
    }
  });

  it('rate-limits one address across many accounts', async () => {
    const ip = freshIp();
    let limited = 0;
    for (let i = 0; i < 35; i += 1) {
      try {
        await signIn({ email: `spray${i}@example.com`, password: 'Password1' }, { ip });
      } catch (error) {
        if ((error as { code?: string }).code === 'rate_limited') limited += 1;
      }
    }
    expect(limited).toBe(5);
  });

  it('refuses a user who belongs to no workspace any more', async () => {
    const user = await db().user.create({
      data: {
        email: 'former@example.com',
        name: 'Former',
        passwordHash: (await db().user.findUniqueOrThrow({ where: { id: acme.admin.userId } }))
          .passwordHash,
      },
    });
    await expect(
      signIn({ email: user.email, password: FIXTURE_PASSWORD }, { ip: freshIp() }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('route handlers', () => {
  let agent: { userId: string; token: string; csrfToken: string };
  beforeAll(async () => {
    const { token } = await createSession(acme.agents[1].userId, acme.workspaceId);
    agent = {
      userId: acme.agents[1].userId,
      token,
      csrfToken: (await findSessionByToken(token))!.csrfToken,
    };
  });
  const request = (method: string, headers: Record<string, string>) =>
    new Request('http://inbox.example/api/thing', {
      method,
      headers: { host: 'inbox.example', ...headers },
    });

  it('reads the member from the session cookie, and refuses the signed-out', async () => {
    const cookie = `theme=dark; hearth_session=${agent.token}`;
    expect(await memberFromRequest(request('GET', { cookie }))).toMatchObject({
      userId: agent.userId,
    });
    await expect(memberFromRequest(request('GET', {}))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(
      memberFromRequest(request('GET', { cookie: 'hearth_session=forged' })),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('lets a write through only from our own pages, with the session’s CSRF token', async () => {
    const cookie = `hearth_session=${agent.token}`;
    const own = { cookie, origin: 'http://inbox.example', 'x-csrf-token': agent.csrfToken };
    expect(await memberFromRequest(request('POST', own))).toMatchObject({ userId: agent.userId });
    await expect(
      memberFromRequest(request('POST', { ...own, origin: 'https://evil.example' })),
    ).rejects.toMatchObject({
      code: 'csrf',
    });
    await expect(
      memberFromRequest(request('DELETE', { ...own, 'x-csrf-token': 'guess' })),
    ).rejects.toMatchObject({
      code: 'csrf',
    });
    await expect(
      memberFromRequest(request('PATCH', { cookie, origin: 'http://inbox.example' })),
    ).rejects.toMatchObject({ code: 'csrf' });
  });

  it('keeps admin routes from agents', async () => {
    const cookie = `hearth_session=${agent.token}`;
    await expect(
      memberFromRequest(request('GET', { cookie }), { role: 'admin' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(
      await memberFromRequest(request('GET', { cookie: `hearth_session=${acme.admin.token}` }), {
        role: 'admin',
      }),
    ).toMatchObject({ role: 'admin' });
  });
});
