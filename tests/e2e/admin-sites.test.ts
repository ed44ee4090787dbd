import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, type RunningApp } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';

// The Sites page on the real server: an admin adds a site in another language, lands on it, and
// changes its name and language; what the page shows is what is stored.

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;

async function adminPage(): Promise<Page> {
  const demo = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  const admin = await db().user.findFirstOrThrow({
    where: { memberships: { some: { workspaceId: demo.workspaceId, role: 'admin' } } },
  });
  const { token } = await createSession(admin.id, demo.workspaceId);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
  return context.newPage();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

it('adds a Chinese site, opens it, and switches its language', async () => {
  const page = await adminPage();
  await page.goto(`${app.url}/admin/sites`);
  const addSite = page.locator('section', {
    has: page.getByRole('heading', { name: 'Add a site' }),
  });
  await addSite.getByLabel('Name').fill('Tea house');
  await addSite.getByLabel('Language').selectOption('zh');
  await addSite.getByLabel('Website origin').fill('https://tea.example.com');
  await addSite.getByRole('button', { name: 'Add site' }).click();

  const created = await vi.waitFor(
    () => db().site.findFirstOrThrow({ where: { name: 'Tea house' } }),
    { timeout: 10_000, interval: 100 },
  );
  expect(created.language).toBe('zh');
  expect(created.allowedOrigins).toEqual(['https://tea.example.com']);

  // The page reloads on the new site: its settings show what was chosen.
  const details = page.locator('section', {
    has: page.getByRole('heading', { name: 'Site', exact: true }),
  });
  await expect
    .poll(() => details.getByLabel('Name').inputValue(), { timeout: 15_000 })
    .toBe('Tea house');
  expect(await details.getByLabel(/Language of visitors/).inputValue()).toBe('zh');

  await details.getByLabel('Name').fill('Tea house Paris');
  await details.getByLabel(/Language of visitors/).selectOption('fr');
  await details.getByRole('button', { name: 'Save' }).click();
  await details.getByText('Saved').waitFor();
  const saved = await db().site.findUniqueOrThrow({ where: { id: created.id } });
  expect(saved).toMatchObject({ name: 'Tea house Paris', language: 'fr' });

  // The language options name each language in its own words.
  expect(
    await details
      .getByLabel(/Language of visitors/)
      .locator('option')
      .allTextContents(),
  ).toContain('中文 (Chinese)');
}, 120_000);
