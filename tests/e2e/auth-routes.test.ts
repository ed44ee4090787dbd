// Every page of accounts, settings and the inbox as: signed out, an agent, an admin, a member of
// another workspace; and a form post whose CSRF token was tampered with.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, findSessionByToken, SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';
import { launchChromium } from '../helpers/browser';

let database: TestDatabase;
let app: RunningApp;
let juniper: { admin: string; agent: string };
let globex: FixtureWorkspace;

async function get(path: string, token?: string): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    redirect: 'manual',
    headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  // The seeded workspace ("Juniper & Co."): its admin, and an agent of it.
  const admin = await db().user.findFirstOrThrow({
    where: { email: 'admin@example.com' },
    include: { memberships: true },
  });
  const workspaceId = admin.memberships[0].workspaceId;
  const agent = await db().user.create({
    data: {
      email: 'jo@juniper.example',
      name: 'Jo Juniper',
      passwordHash: '!',
      memberships: { create: { workspaceId, role: 'agent' } },
    },
  });
  juniper = {
    admin: (await createSession(admin.id, workspaceId)).token,
    agent: (await createSession(agent.id, workspaceId)).token,
  };
  globex = await createFixtureWorkspace({ name: 'Globex', agents: 1 });
  await db().cannedResponse.create({
    data: {
      workspaceId: globex.workspaceId,
      shortcut: 'secret',
      body: 'Globex internal discount code GLX-99',
    },
  });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe('an admin page asked for what cannot be', () => {
  it('is not found (a path id no row can have), or the unfiltered log (a filter that cannot be)', async () => {
    for (const path of ['/admin/intents/x%00y', '/admin/knowledge/x%00y']) {
      expect((await get(path, juniper.admin)).status, path).toBe(404);
    }
    for (const path of ['/admin/audit?cursor=x%00y', '/admin/audit?action=a%00b&limit=lots']) {
      const response = await get(path, juniper.admin);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('Audit log');
    }
  });
});

describe('signed out', () => {
  it.each(['/inbox', '/inbox?view=mine', '/settings', '/settings/team', '/settings/canned'])(
    '%s sends to the sign-in page',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(307);
      expect(new URL(response.headers.get('location')!, app.url).pathname).toBe('/login');
    },
  );

  it('a made-up or expired session is the same as none', async () => {
    expect((await get('/inbox', 'made-up-token')).status).toBe(307);
    const { token, sessionId } = await createSession(globex.agents[0].userId, globex.workspaceId);
    await db().session.update({
      where: { id: sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await get('/inbox', token)).status).toBe(307);
  });

  it('shows the sign-in page, and an unusable invite link as such', async () => {
    expect(await (await get('/login')).text()).toContain('Sign in to Hearth');
    expect(await (await get('/invite/not-a-real-invite-token')).text()).toContain(
      'This invite cannot be used',
    );
  });
});

describe('an agent', () => {
  it('uses the inbox and the account page', async () => {
    expect((await get('/inbox', juniper.agent)).status).toBe(200);
    expect((await get('/settings', juniper.agent)).status).toBe(200);
  });

  it('gets "not found" for the admin pages', async () => {
    expect((await get('/settings/team', juniper.agent)).status).toBe(404);
    expect((await get('/settings/canned', juniper.agent)).status).toBe(404);
  });

  it('is sent on from the sign-in page when already signed in', async () => {
    const response = await get('/login', juniper.agent);
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location')!, app.url).pathname).toBe('/inbox');
  });
});

describe('an admin', () => {
  it('manages the team and canned responses of their own workspace only', async () => {
    const team = await (await get('/settings/team', juniper.admin)).text();
    expect(team).toContain('jo@juniper.example');
    expect(team).not.toContain(globex.agents[0].email);
    const canned = await (await get('/settings/canned', juniper.admin)).text();
    expect(canned).toContain('How can I help?');
    expect(canned).not.toContain('GLX-99');
  });
});

describe('another workspace', () => {
  it('sees none of Juniper’s people or canned responses in its inbox', async () => {
    const html = await (await get('/inbox', globex.admin.token)).text();
    expect(html).toContain(globex.agents[0].name);
    expect(html).toContain('GLX-99');
    expect(html).not.toContain('Jo Juniper');
    expect(html).not.toContain('How can I help?');
    const juniperHtml = await (await get('/inbox', juniper.agent)).text();
    expect(juniperHtml).not.toContain('GLX-99');
    expect(juniperHtml).not.toContain(globex.agents[0].name);
  });
});

describe('forms', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('refuses a post whose CSRF token is not the session’s', async () => {
    const { token } = await createSession(globex.agents[0].userId, globex.workspaceId);
    const context = await browser.newContext();
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}/settings`);
    const form = page.locator('form', {
      has: page.getByRole('button', { name: 'Sign out everywhere' }),
    });
    await form
      .locator('input[name="csrf"]')
      .evaluate((input: HTMLInputElement) => (input.value = 'forged-token'));
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForTimeout(1500);
    expect(await findSessionByToken(token)).not.toBeNull();

    // The untampered form works.
    await page.goto(`${app.url}/settings`);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL(/\/login/);
    expect(await findSessionByToken(token)).toBeNull();
    await context.close();
  });
});
