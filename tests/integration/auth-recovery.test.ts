// Ways back in: the admin's reset command, and a signed-in member changing their own password.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, signIn } from '@/lib/auth';
import { createSession, findSessionByToken } from '@/lib/auth/session';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  createFixtureWorkspace,
  FIXTURE_PASSWORD,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let acme: FixtureWorkspace;
const ip = () =>
  `2001:db8:ffff:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 1 });
});
afterAll(async () => database?.drop());

describe('npm run admin:reset-password -- EMAIL', () => {
  const run = (...args: string[]) =>
    spawnSync('npm', ['run', '--silent', 'admin:reset-password', '--', ...args], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: 'utf8',
    });

  it('prints a new password that signs in, and ends the old sessions', async () => {
    const result = run(acme.admin.email.toUpperCase());
    expect(result.status).toBe(0);
    const password = /New password for (\S+): (\S+)/.exec(result.stdout);
    expect(password?.[1]).toBe(acme.admin.email);
    expect(await findSessionByToken(acme.admin.token)).toBeNull();
    await expect(
      signIn({ email: acme.admin.email, password: FIXTURE_PASSWORD }, { ip: ip() }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const session = await signIn({ email: acme.admin.email, password: password![2] }, { ip: ip() });
    expect(session.userId).toBe(acme.admin.userId);
    expect(
      await db().auditEvent.count({
        where: { action: 'member.password_reset', target: `user:${acme.admin.userId}` },
      }),
    ).toBe(1);
  });

  it('says so when no account has the email, or none is given', () => {
    const unknown = run('nobody@example.com');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No account has the email nobody@example.com');
    expect(run().status).toBe(2);
  });
});

describe('changing your own password', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const agent = acme.agents[0];
    const other = await createSession(agent.userId, acme.workspaceId);
    await expect(
      changePassword(agent, { currentPassword: 'not it', newPassword: 'a brand new secret' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      changePassword(agent, { currentPassword: FIXTURE_PASSWORD, newPassword: 'short' }),
    ).rejects.toThrow('at least 10 characters');

    const { sessionsEnded } = await changePassword(agent, {
      currentPassword: FIXTURE_PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(sessionsEnded).toBe(1);
    expect(await findSessionByToken(agent.token)).not.toBeNull();
    expect(await findSessionByToken(other.token)).toBeNull();
    const session = await signIn(
      { email: agent.email, password: 'a brand new secret' },
      { ip: ip() },
    );
    expect(session.userId).toBe(agent.userId);
  });

  it('stops guessing the current password through a borrowed session', async () => {
    const member = await createFixtureWorkspace().then((workspace) => workspace.admin);
    for (let i = 0; i < 5; i += 1) {
      await expect(
        changePassword(member, { currentPassword: `guess ${i}`, newPassword: 'whatever12345' }),
      ).rejects.toMatchObject({ code: 'invalid' });
    }
    await expect(
      changePassword(member, { currentPassword: FIXTURE_PASSWORD, newPassword: 'whatever12345' }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
