// What an admin clicks for the REST API and for a visitor's data, in Chromium: a token is created
// and shown once, works, is revoked and stops working; the reference renders the document; the
// inbox's visitor panel offers export and delete to admins only, and delete erases the visitor.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, type RunningApp } from '../helpers/app';
import { seriousAxeViolations } from '../helpers/axe';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureMember,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';
import { launchChromium } from '../helpers/browser';

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let workspace: FixtureWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 1 });
  app = await startApp({ DATABASE_URL: database.url });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

async function signedIn(member: FixtureMember): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: member.token, url: app.url }]);
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

const listSites = (secret: string) =>
  fetch(`${app.url}/api/v1/sites`, { headers: { authorization: `Bearer ${secret}` } });

describe('Admin → API', () => {
  it('creates a token shown once, which works until it is revoked', async () => {
    const page = await signedIn(workspace.admin);
    await page.goto(`${app.url}/admin/api`);
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByLabel('Access').selectOption('read_write');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('api-token-secret');
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret).toMatch(/^hearth_[\w-]{40,}$/);
    expect((await listSites(secret)).status).toBe(200);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Shown once: after a reload only its first characters are listed, with its last use.
    await page.reload();
    expect(await page.getByTestId('api-token-secret').count()).toBe(0);
    const row = page.getByTestId('api-token-CRM sync');
    expect(await row.textContent()).toContain(`${secret.slice(0, 13)}…`);
    expect(await row.textContent()).not.toContain(secret);
    expect(await row.textContent()).not.toContain('never');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/revoked/).waitFor();
    expect((await listSites(secret)).status).toBe(401);
    await page.context().close();
  });

  it('renders the reference from the OpenAPI document', async () => {
    const page = await signedIn(workspace.admin);
    await page.goto(`${app.url}/admin/api/reference`);
    await page
      .getByRole('heading', { name: /POST \/api\/v1\/conversations\/\{conversationId\}\/messages/ })
      .waitFor();
    await page.getByRole('heading', { name: 'VisitorExport' }).waitFor();
    await page.getByRole('link', { name: 'ConversationPage' }).first().click();
    expect(page.url()).toContain('#schema-ConversationPage');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe("the inbox's visitor panel", () => {
  it('offers export and delete to admins only; delete erases the visitor from every inbox at once', async () => {
    const { conversationId, visitorId } = await createFixtureConversation(workspace.siteId, {
      visitorName: 'Erin Erase',
      messages: [{ sender: 'visitor', body: 'please forget me' }],
    });

    const agent = await signedIn(workspace.agents[0]);
    await agent.goto(`${app.url}/inbox?c=${conversationId}`);
    await agent.getByTestId('details-panel').getByText('Erin Erase').waitFor();
    expect(await agent.getByRole('button', { name: 'Delete visitor' }).count()).toBe(0);
    expect(await agent.getByRole('link', { name: 'Export data' }).count()).toBe(0);
    const agentsRow = agent.getByTestId('conversation-row').filter({ hasText: 'Erin Erase' });
    expect(await agentsRow.count()).toBe(1);

    const admin = await signedIn(workspace.admin);
    await admin.goto(`${app.url}/inbox?c=${conversationId}`);
    const panel = admin.getByTestId('details-panel');
    await panel.getByText('Erin Erase').waitFor();
    expect(await panel.getByRole('link', { name: 'Export data' }).getAttribute('href')).toBe(
      `/api/admin/visitors/${visitorId}/export`,
    );
    await panel.getByRole('button', { name: 'Delete visitor' }).click();

    // Both inboxes drop the conversation without a reload; the admin's panel closes with it.
    await panel.waitFor({ state: 'detached' });
    await agentsRow.waitFor({ state: 'detached' });
    expect(
      await admin.getByTestId('conversation-row').filter({ hasText: 'Erin Erase' }).count(),
    ).toBe(0);
    expect(await db().visitor.count({ where: { id: visitorId } })).toBe(0);
    expect(await db().message.count({ where: { conversationId } })).toBe(0);
    await agent.context().close();
    await admin.context().close();
  });
});
