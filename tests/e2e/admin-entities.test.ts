// Removing a custom entity that intents require asks first and names them (the bot would keep
// asking for it there and never find it); one that no intent requires goes without asking.
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

it('warns before removing an entity that intents require, naming them', async () => {
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  await db().customEntity.deleteMany({ where: { siteId: site.id } });
  await db().customEntity.createMany({
    data: [
      { siteId: site.id, name: 'account_type', values: [{ value: 'savings', synonyms: [] }] },
      { siteId: site.id, name: 'colour', lookup: ['red', 'blue'] },
    ],
  });
  const slots = [{ entity: 'account_type', prompt: 'Which account?' }];
  await db().intent.createMany({
    data: [
      { siteId: site.id, name: 'open_account', slots },
      { siteId: site.id, name: 'close_account', slots },
    ],
  });
  const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
  const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([
    { name: SESSION_COOKIE, value: token, url: app.url },
    // The demo site is the one the admin works on (app/admin/admin-context.ts).
    { name: 'hearth_admin_site', value: site.id, url: app.url },
  ]);
  const page = await context.newPage();
  await page.goto(`${app.url}/admin/entities`);
  const entity = (name: string) =>
    page.locator('fieldset', { has: page.locator(`input[value="${name}"]`) });

  // Not required by any intent: removed at once.
  await entity('colour').getByRole('button', { name: 'Remove' }).click();
  expect(await entity('colour').count()).toBe(0);
  expect(await page.locator('fieldset [role="alert"]').count()).toBe(0);

  // Required: the warning names both intents; keeping it keeps it.
  await entity('account_type').getByRole('button', { name: 'Remove' }).click();
  const warning = entity('account_type').getByRole('alert');
  expect(await warning.textContent()).toContain('Required by close_account, open_account');
  await warning.getByRole('button', { name: 'Keep it' }).click();
  expect(await entity('account_type').getByRole('alert').count()).toBe(0);

  await entity('account_type').getByRole('button', { name: 'Remove' }).click();
  await entity('account_type').getByRole('button', { name: 'Remove anyway' }).click();
  expect(await entity('account_type').count()).toBe(0);
  await page.getByRole('button', { name: 'Save entities' }).click();
  await page.getByText('Saved.').waitFor();
  expect(await db().customEntity.count({ where: { siteId: site.id } })).toBe(0);
});
