import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { launchChromium } from '../helpers/browser';

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  browser = await launchChromium();
  await vi.waitFor(
    async () =>
      expect(await db().site.findUnique({ where: { publicKey: 'demo-site' } })).not.toBeNull(),
    { timeout: 90_000, interval: 200 },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

it('warns of an intent that repeats another and merges it with one click', async () => {
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  const orderStatus = await db().intent.findFirstOrThrow({
    where: { siteId: site.id, name: 'order_status' },
    include: { examples: true },
  });
  // The collision: a new intent whose examples say what order_status's say.
  const trackOrder = await db().intent.create({
    data: {
      siteId: site.id,
      name: 'track_order',
      examples: {
        create: ['where is my order now', 'track my parcel please', 'order tracking'].map(
          (text) => ({ text }),
        ),
      },
    },
  });
  const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
  const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
  const page = await context.newPage();
  await page.goto(`${app.url}/admin`);

  const warnings = page.getByTestId('overlap-warnings');
  await warnings.getByText('order_status and track_order overlap').waitFor();
  expect(await warnings.textContent()).toContain('“where is my order” (order_status) is nearly');

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await warnings.getByRole('button', { name: 'Merge track_order into order_status' }).click();
  await expect
    .poll(() => db().intent.count({ where: { id: trackOrder.id } }), { timeout: 15_000 })
    .toBe(0);
  expect(question).toContain('Its 3 examples and its responses move to order_status');
  expect(await db().trainingExample.count({ where: { intentId: orderStatus.id } })).toBe(
    orderStatus.examples.length + 3,
  );
  // The page refreshes without the warning.
  await expect.poll(() => page.getByTestId('overlap-warnings').count()).toBe(0);
  await context.close();
});
