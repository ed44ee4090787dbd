import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSessionByToken } from '@/lib/auth/session';
import { signIn } from '@/lib/auth';
import { FAILURES_PER_ACCOUNT_AND_ADDRESS } from '@/lib/auth/actions/sign-in';
import { onConversationEvent } from '@/lib/conversations';
import { db } from '@/lib/db';
import {
  acceptInvite,
  changeMemberRole,
  createInvite,
  deleteCannedResponse,
  findPendingInvite,
  listTeam,
  removeMember,
  revokeInvite,
  saveCannedResponse,
} from '@/lib/workspace';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureMember,
  createFixtureWorkspace,
  FIXTURE_PASSWORD,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let acme: FixtureWorkspace;
let globex: FixtureWorkspace;
let ipCounter = 0;
// Per-address limits count in Redis across runs: every run's addresses are new.
const runPrefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
const freshIp = () => `${runPrefix}::${(++ipCounter).toString(16)}`;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 2 });
  globex = await createFixtureWorkspace({ agents: 1 });
});
afterAll(async () => database?.drop());

describe('invites', () => {
  it('an admin invites; the link signs the new agent in once', async () => {
    const { token } = await createInvite(acme.admin, {
      email: 'New.Agent@Example.com',
      role: 'agent',
    });
    expect(await findPendingInvite(token)).toMatchObject({
      email: 'new.agent@example.com',
      hasAccount: false,
    });
    const joined = await acceptInvite(
      { token, name: 'New Agent', password: 'long enough password' },
      { ip: freshIp() },
    );
    expect(joined.workspaceId).toBe(acme.workspaceId);
    expect(await findSessionByToken(joined.token)).toMatchObject({
      role: 'agent',
      name: 'New Agent',
    });
    await expect(
      acceptInvite({ token, name: 'Again', password: 'long enough password' }, { ip: freshIp() }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await findPendingInvite(token)).toBeNull();
    const signedIn = await signIn(
      { email: 'new.agent@example.com', password: 'long enough password' },
      { ip: '198.51.100.1' },
    );
    expect(signedIn.workspaceId).toBe(acme.workspaceId);
  });

  it('refuses short passwords for new accounts and expired invites', async () => {
    const { token, inviteId } = await createInvite(acme.admin, { email: 'short@example.com' });
    await expect(
      acceptInvite({ token, name: 'S', password: 'short' }, { ip: freshIp() }),
    ).rejects.toThrow(/10 characters/);
    await db().invite.update({
      where: { id: inviteId },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await expect(
      acceptInvite({ token, name: 'S', password: 'long enough password' }, { ip: freshIp() }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an existing account joins a second workspace only with its own password', async () => {
    const { token } = await createInvite(globex.admin, { email: acme.agents[0].email });
    expect(await findPendingInvite(token)).toMatchObject({ hasAccount: true });
    const ip = freshIp();
    await expect(
      acceptInvite({ token, password: 'a guess that is wrong' }, { ip }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const joined = await acceptInvite({ token, password: FIXTURE_PASSWORD }, { ip });
    expect(joined.workspaceId).toBe(globex.workspaceId);
    const user = await db().user.findUniqueOrThrow({ where: { id: acme.agents[0].userId } });
    expect(user.name).toBe(acme.agents[0].name);
    await db().membership.delete({
      where: { workspaceId_userId: { workspaceId: globex.workspaceId, userId: user.id } },
    });
  });

  it('a new invite gives no more guesses at an existing account’s password than sign-in does', async () => {
    // Another workspace's admin invites someone who has an account, and holds the link.
    const victim = await createFixtureMember(
      acme.workspaceId,
      'agent',
      `guessed-${randomBytes(3).toString('hex')}@example.com`,
      'Guessed At',
    );
    const guesser = freshIp();
    for (let i = 0; i < FAILURES_PER_ACCOUNT_AND_ADDRESS.points; i += 1) {
      const { token } = await createInvite(globex.admin, { email: victim.email });
      await expect(
        acceptInvite({ token, password: `guess number ${i}` }, { ip: guesser }),
      ).rejects.toMatchObject({ code: 'invalid' });
    }
    // A fresh invite, the right password even: that address waits, as it would at sign-in.
    const { token } = await createInvite(globex.admin, { email: victim.email });
    await expect(
      acceptInvite({ token, password: FIXTURE_PASSWORD }, { ip: guesser }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(
      signIn({ email: victim.email, password: FIXTURE_PASSWORD }, { ip: guesser }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    // The account's owner is not locked out, at sign-in or by an invite.
    await signIn({ email: victim.email, password: FIXTURE_PASSWORD }, { ip: freshIp() });
    const joined = await acceptInvite({ token, password: FIXTURE_PASSWORD }, { ip: freshIp() });
    expect(joined.workspaceId).toBe(globex.workspaceId);
  });

  it('agents cannot invite or revoke; admins cannot revoke another workspace’s invite', async () => {
    await expect(createInvite(acme.agents[0], { email: 'x@example.com' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const { inviteId } = await createInvite(acme.admin, { email: 'pending@example.com' });
    await expect(revokeInvite(acme.agents[0], { inviteId })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(revokeInvite(globex.admin, { inviteId })).rejects.toMatchObject({
      code: 'not_found',
    });
    await revokeInvite(acme.admin, { inviteId });
    expect(await db().invite.findUnique({ where: { id: inviteId } })).toBeNull();
  });

  it('refuses to invite an existing member, and a new invite replaces the pending one', async () => {
    await expect(createInvite(acme.admin, { email: acme.agents[1].email })).rejects.toMatchObject({
      code: 'conflict',
    });
    const first = await createInvite(acme.admin, { email: 'twice@example.com' });
    const second = await createInvite(acme.admin, { email: 'twice@example.com', role: 'admin' });
    expect(await findPendingInvite(first.token)).toBeNull();
    expect(await findPendingInvite(second.token)).toMatchObject({ role: 'admin' });
    const team = await listTeam(acme.workspaceId);
    expect(team.invites.filter((invite) => invite.email === 'twice@example.com')).toHaveLength(1);
  });
});

describe('roles and removal', () => {
  it('an admin changes roles; agents and other workspaces cannot', async () => {
    const target = acme.agents[1];
    await expect(
      changeMemberRole(acme.agents[0], { userId: target.userId, role: 'admin' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      changeMemberRole(globex.admin, { userId: target.userId, role: 'admin' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await changeMemberRole(acme.admin, { userId: target.userId, role: 'admin' });
    expect((await findSessionByToken(target.token))?.role).toBe('admin');
    await changeMemberRole(acme.admin, { userId: target.userId, role: 'agent' });
    expect((await findSessionByToken(target.token))?.role).toBe('agent');
  });

  it('keeps at least one admin', async () => {
    await expect(
      changeMemberRole(acme.admin, { userId: acme.admin.userId, role: 'agent' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(removeMember(acme.admin, { userId: acme.admin.userId })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('removing a member ends their sessions and frees their conversations', async () => {
    const leaver = acme.agents[1];
    const { conversationId } = await createFixtureConversation(acme.siteId, {
      status: 'open',
      assigneeId: leaver.userId,
    });
    await expect(removeMember(acme.agents[0], { userId: leaver.userId })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(removeMember(globex.admin, { userId: leaver.userId })).rejects.toMatchObject({
      code: 'not_found',
    });
    const announced: string[] = [];
    const stop = onConversationEvent('conversation.updated', ({ conversation }) => {
      announced.push(`${conversation.id}:${conversation.assigneeId}`);
    });
    const { unassignedConversationIds } = await removeMember(acme.admin, { userId: leaver.userId });
    stop();
    expect(unassignedConversationIds).toEqual([conversationId]);
    expect(announced).toEqual([`${conversationId}:null`]);
    expect(await findSessionByToken(leaver.token)).toBeNull();
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { id: conversationId },
    });
    expect(conversation).toMatchObject({ assigneeId: null, status: 'open' });
    const audit = await db().auditEvent.findMany({
      where: { workspaceId: acme.workspaceId, action: 'member.removed' },
    });
    expect(audit).toHaveLength(1);
    expect((await listTeam(acme.workspaceId)).members.map((m) => m.userId)).not.toContain(
      leaver.userId,
    );
  });
});

describe('canned responses', () => {
  it('admins add, edit and delete them; shortcuts are unique per workspace', async () => {
    const { id } = await saveCannedResponse(acme.admin, {
      shortcut: ' Shipping ',
      body: 'We ship in 2 days.',
    });
    expect(await db().cannedResponse.findUniqueOrThrow({ where: { id } })).toMatchObject({
      shortcut: 'shipping',
      workspaceId: acme.workspaceId,
    });
    await expect(
      saveCannedResponse(acme.admin, { shortcut: 'shipping', body: 'again' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    // Another workspace may use the same shortcut.
    await saveCannedResponse(globex.admin, { shortcut: 'shipping', body: 'Globex ships weekly.' });
    await saveCannedResponse(acme.admin, { id, shortcut: 'shipping', body: 'We ship in 1 day.' });
    expect((await db().cannedResponse.findUniqueOrThrow({ where: { id } })).body).toBe(
      'We ship in 1 day.',
    );
    await expect(
      saveCannedResponse(acme.admin, { shortcut: 'two words', body: 'x' }),
    ).rejects.toThrow(/no spaces/);
    await deleteCannedResponse(acme.admin, { id });
    expect(await db().cannedResponse.findUnique({ where: { id } })).toBeNull();
  });

  it('agents and other workspaces cannot touch them', async () => {
    const { id } = await saveCannedResponse(acme.admin, { shortcut: 'hours', body: '9 to 5' });
    await expect(
      saveCannedResponse(acme.agents[0], { shortcut: 'x', body: 'y' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(deleteCannedResponse(acme.agents[0], { id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      saveCannedResponse(globex.admin, { id, shortcut: 'hours', body: 'hacked' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(deleteCannedResponse(globex.admin, { id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await db().cannedResponse.findUniqueOrThrow({ where: { id } })).body).toBe('9 to 5');
  });
});
