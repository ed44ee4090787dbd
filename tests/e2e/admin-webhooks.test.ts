import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { activateModelVersion } from '@/lib/training';
import { startApp, type RunningApp } from '../helpers/app';
import { seriousAxeViolations } from '../helpers/axe';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  startWebhookReceiver,
  verifySignature,
  type WebhookReceiver,
} from '../helpers/webhook-receiver';
import { createFixtureMember, createFixtureWorkspace } from '../helpers/workspace-fixtures';
import { launchChromium } from '../helpers/browser';

// The Webhooks page on the real server: an admin adds an endpoint; a delivery that failed before a
// server restart is retried by the restarted server; the log shows it and Resend sends it again.
// The routes refuse agents and other workspaces.

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let receiver: WebhookReceiver;
let siteId: string;
let workspaceId: string;

async function adminPage(): Promise<Page> {
  const admin = await db().user.findFirstOrThrow({
    where: { memberships: { some: { workspaceId, role: 'admin' } } },
  });
  const { token } = await createSession(admin.id, workspaceId);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
  return context.newPage();
}

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startWebhookReceiver();
  app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  browser = await launchChromium();
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  siteId = site.id;
  workspaceId = site.workspaceId;
  await vi.waitFor(
    async () =>
      expect(
        (await db().site.findUniqueOrThrow({ where: { id: siteId } })).activeModelVersionId,
      ).not.toBeNull(),
    { timeout: 90_000, interval: 200 },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await receiver?.close();
  await database?.drop();
});

it('adds an endpoint, delivers across a server restart, and resends from the log', async () => {
  let page = await adminPage();
  await page.goto(`${app.url}/admin/webhooks`);
  await page.getByLabel('URL').fill(`${receiver.url}/hooks`);
  await page.getByLabel('model.activated').check();
  await page.getByLabel(/Allow private and loopback addresses/).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByText(/Added\. Its signing secret/).waitFor();
  const endpoint = await db().webhookEndpoint.findFirstOrThrow({ where: { siteId } });
  expect(endpoint).toMatchObject({ url: `${receiver.url}/hooks`, allowPrivateAddresses: true });
  expect(endpoint.events.sort()).toEqual(['conversation.handed_off', 'model.activated']);
  expect(await page.getByText(endpoint.secret).textContent()).toContain(endpoint.secret);

  // The receiver fails the first attempt; the server stops before the retry is due.
  receiver.answers.push(500);
  const { activeModelVersionId } = await db().site.findUniqueOrThrow({ where: { id: siteId } });
  await activateModelVersion({ siteId, versionId: activeModelVersionId! });
  await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 15_000 });
  await page.context().close();
  expect(await app.stop()).toBe(0);
  const [pending] = await db().webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
  expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });

  app = await startApp({ DATABASE_URL: database.url });
  await vi.waitFor(() => expect(receiver.received).toHaveLength(2), { timeout: 60_000 });
  const [first, second] = receiver.received;
  expect(second.body).toBe(first.body);
  expect(verifySignature(endpoint.secret, second.body, second.signature)).toBe(true);

  page = await adminPage();
  await page.goto(`${app.url}/admin/webhooks`);
  const row = page.getByRole('row').filter({ hasText: 'model.activated' });
  await row.getByText('succeeded').waitFor();
  // The page with an endpoint and its log, not just the empty form.
  expect(await seriousAxeViolations(page)).toEqual([]);
  await row.getByRole('button', { name: 'Resend' }).click();
  await vi.waitFor(() => expect(receiver.received).toHaveLength(3), { timeout: 15_000 });
  expect(JSON.parse(receiver.received[2].body).id).toBe(JSON.parse(first.body).id);
  await page.context().close();
}, 180_000);

it('keeps the webhook routes to the site’s own admins', async () => {
  const agent = await createFixtureMember(workspaceId, 'agent', 'agent@example.com', 'Agnes');
  const outsider = await createFixtureWorkspace({ agents: 0 });
  const list = (token: string) =>
    fetch(`${app.url}/api/admin/sites/${siteId}/webhooks`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
  expect((await list(agent.token)).status).toBe(403);
  expect((await list(outsider.admin.token)).status).toBe(404);
  expect((await fetch(`${app.url}/api/admin/sites/${siteId}/webhooks`)).status).toBe(401);
  // A write without the session's CSRF token is refused before anything changes.
  const endpoints = await db().webhookEndpoint.count();
  const { token } = await createSession(
    (await db().membership.findFirstOrThrow({ where: { workspaceId, role: 'admin' } })).userId,
    workspaceId,
  );
  const forged = await fetch(`${app.url}/api/admin/sites/${siteId}/webhooks`, {
    method: 'POST',
    headers: {
      cookie: `${SESSION_COOKIE}=${token}`,
      origin: app.url,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ url: 'https://example.com/', events: ['message.created'] }),
  });
  expect(forged.status).toBe(403);
  expect(await db().webhookEndpoint.count()).toBe(endpoints);
});

it('sets the retention period and an intent’s action from their pages', async () => {
  const page = await adminPage();
  await page.goto(`${app.url}/admin/sites`);
  const card = (title: string) =>
    page.locator('section').filter({ has: page.getByRole('heading', { name: title }) });
  const retention = card('Data retention');
  await retention.getByLabel(/Delete conversations quiet for/).check();
  await retention.getByRole('spinbutton', { name: 'Days' }).fill('90');
  await retention.getByRole('button', { name: 'Save' }).click();
  await retention.getByText('Saved').waitFor();
  expect((await db().site.findUniqueOrThrow({ where: { id: siteId } })).retentionDays).toBe(90);

  const intent = await db().intent.findFirstOrThrow({ where: { siteId, name: 'order_status' } });
  await page.goto(`${app.url}/admin/intents/${intent.id}`);
  const action = card('Answer from your system');
  await action.getByLabel('URL').fill('https://shop.example.com/hearth/order-status');
  await action.getByRole('button', { name: 'Answer from this URL' }).click();
  await action.getByRole('button', { name: 'Reveal secret' }).click();
  const saved = await db().intentAction.findUniqueOrThrow({ where: { intentId: intent.id } });
  expect(saved).toMatchObject({
    url: 'https://shop.example.com/hearth/order-status',
    allowPrivateAddresses: false,
  });
  await action.getByText(saved.secret).waitFor();
  await page.context().close();
});
