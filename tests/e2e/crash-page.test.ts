// A page that crashes shows Hearth's own crash page (app/error.tsx), not Next's bare one: it has a
// language and a title (axe-clean), a retry that works once the cause is gone, and the ways back.
// The crash is made reliably by hiding the invite table from the page that reads it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seriousAxeViolations } from '../helpers/axe';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { launchChromium } from '../helpers/browser';

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url });
  browser = await launchChromium();
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

it('shows a crash page with a language and a title, with a working retry and the ways back', async () => {
  await db().$executeRawUnsafe('ALTER TABLE "Invite" RENAME TO "InviteHidden"');
  try {
    await page.goto(`${app.url}/invite/some-token`);
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Something went wrong — Hearth');
    const waysBack = page.getByRole('navigation', { name: 'Ways back' });
    expect(await waysBack.getByRole('link').allTextContents()).toEqual([
      'Inbox',
      'Admin',
      'Demo shop',
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);
  } finally {
    await db().$executeRawUnsafe('ALTER TABLE "InviteHidden" RENAME TO "Invite"');
  }
  // With the cause gone, "Try again" renders the page itself.
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'This invite cannot be used' }).waitFor();
});
