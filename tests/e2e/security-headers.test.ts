// The pages work under their Content-Security-Policy: no violation in Chromium's console.
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { launchChromium } from '../helpers/browser';

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let adminToken: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
  adminToken = (await createSession(admin.id, admin.memberships[0].workspaceId)).token;
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

const violation = (message: ConsoleMessage) =>
  /Content Security Policy|Refused to (load|execute|connect|frame|apply)/i.test(message.text());

describe('pages under their CSP', () => {
  it.each([
    ['/', 'the demo shop with the widget', false],
    ['/login', 'sign-in', false],
    ['/admin', 'admin', true],
    ['/inbox', 'inbox', true],
  ] as const)('%s (%s) loads without a CSP violation', async (path, _what, signedIn) => {
    const context = await browser.newContext();
    if (signedIn) {
      await context.addCookies([{ name: SESSION_COOKIE, value: adminToken, url: app.url }]);
    }
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (violation(message)) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(`${app.url}${path}`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(path);
    if (path === '/') {
      // The widget's iframe (its own policy) comes up too, once the launcher is hovered.
      const launcher = page.locator('[data-hearth] button');
      await launcher.waitFor({ state: 'visible', timeout: 15_000 });
      await launcher.hover();
      await page.frameLocator('[data-hearth] iframe').getByLabel('Your message').waitFor({
        state: 'attached',
        timeout: 15_000,
      });
    }
    await page.waitForTimeout(500);
    expect(problems).toEqual([]);
    await context.close();
  });
});
