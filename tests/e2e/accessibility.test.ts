// Every page of the product, checked with axe-core (WCAG 2.1 A/AA, serious and critical) in
// Chromium at a desktop and a phone width, and the inbox walked with the keyboard.
// A11Y_SCREENSHOTS=tmp/a11y npx vitest run tests/e2e/accessibility.test.ts saves each checked page.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { createInvite } from '@/lib/workspace';
import { startApp, type RunningApp } from '../helpers/app';
import { seriousAxeViolations } from '../helpers/axe';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { createFixtureConversation } from '../helpers/workspace-fixtures';
import { launchChromium } from '../helpers/browser';

const screenshots = process.env.A11Y_SCREENSHOTS;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let session: string;
let conversationId: string;
let intentId: string;
let articleId: string;
let inviteToken: string;

interface CheckedPage {
  name: string;
  path: () => string;
  signedIn?: boolean;
  /** Brings the page to the state to check, once it has loaded. */
  prepare?: (page: Page) => Promise<void>;
}

/** A page in a fresh browser context (closed with the browser), signed in when given a session. */
async function newPage(
  viewport: { width: number; height: number },
  sessionToken?: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  if (sessionToken)
    await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, url: app.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  const file = `${name.replace(/\W+/g, '-')}.png`;
  await page.screenshot({ path: path.join(screenshots, file), fullPage: true });
}

async function openConversation(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor();
  await page.getByTestId('messages').getByText('Where is my parcel?').waitFor();
}

const PAGES: CheckedPage[] = [
  // With the widget's launcher; the open widget is checked in widget-accessibility.test.ts.
  { name: 'demo shop', path: () => '/' },
  { name: 'Chinese demo shop', path: () => '/zh' },
  { name: 'sign-in', path: () => '/login' },
  {
    name: 'sign-in refused',
    path: () => '/login',
    prepare: async (page) => {
      await page.getByLabel('Email').fill('admin@example.com');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Wrong email or password').waitFor();
    },
  },
  { name: 'invite', path: () => `/invite/${inviteToken}` },
  { name: 'used invite', path: () => '/invite/not-a-token' },
  { name: 'not found', path: () => '/no-such-page' },
  {
    name: 'inbox with a conversation open',
    path: () => `/inbox?c=${conversationId}`,
    signedIn: true,
    prepare: openConversation,
  },
  {
    name: 'inbox with the details panel',
    path: () => `/inbox?c=${conversationId}`,
    signedIn: true,
    prepare: async (page) => {
      await openConversation(page);
      // The panel sits beside the conversation on wide screens and opens over it on narrow ones.
      const details = page.getByRole('button', { name: 'Details' });
      if (await details.isVisible()) await details.click();
      await page.getByTestId('details-panel').waitFor();
    },
  },
  {
    name: 'inbox: writing a private note',
    path: () => `/inbox?c=${conversationId}`,
    signedIn: true,
    prepare: async (page) => {
      await openConversation(page);
      await page.getByTestId('composer-note').click();
      await page.getByTestId('composer').fill('Refund approved by Sam');
    },
  },
  {
    name: 'inbox: keyboard shortcuts',
    path: () => `/inbox?c=${conversationId}`,
    signedIn: true,
    prepare: async (page) => {
      await openConversation(page);
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'inbox: teach the bot from a message',
    path: () => `/inbox?c=${conversationId}`,
    signedIn: true,
    prepare: async (page) => {
      await openConversation(page);
      await page.getByTestId('teach-message').first().click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'inbox: teach the bot',
    path: () => '/inbox',
    signedIn: true,
    prepare: async (page) => {
      await page.getByTestId('panel-review').click();
      await page.waitForLoadState('networkidle');
    },
  },
  {
    name: 'inbox: metrics',
    path: () => '/inbox',
    signedIn: true,
    prepare: async (page) => {
      await page.getByTestId('panel-metrics').click();
      await page.waitForLoadState('networkidle');
    },
  },
  { name: 'admin: intents', path: () => '/admin', signedIn: true },
  { name: 'admin: intent editor', path: () => `/admin/intents/${intentId}`, signedIn: true },
  { name: 'admin: entities', path: () => '/admin/entities', signedIn: true },
  { name: 'admin: training', path: () => '/admin/training', signedIn: true },
  {
    name: 'admin: test console',
    path: () => '/admin/test',
    signedIn: true,
    prepare: async (page) => {
      await page.getByLabel('Visitor message').fill('where is my order JN-1234?');
      await page.getByRole('button', { name: 'Test' }).click();
      await page.getByTestId('intent-ranking').waitFor({ timeout: 30_000 });
    },
  },
  { name: 'admin: knowledge base', path: () => '/admin/knowledge', signedIn: true },
  {
    name: 'admin: article editor',
    path: () => `/admin/knowledge/${articleId}`,
    signedIn: true,
  },
  { name: 'admin: new article', path: () => '/admin/knowledge/new', signedIn: true },
  { name: 'admin: sites', path: () => '/admin/sites', signedIn: true },
  { name: 'admin: webhooks', path: () => '/admin/webhooks', signedIn: true },
  { name: 'admin: analytics', path: () => '/admin/analytics', signedIn: true },
  { name: 'admin: API tokens', path: () => '/admin/api', signedIn: true },
  { name: 'admin: API reference', path: () => '/admin/api/reference', signedIn: true },
  { name: 'admin: audit log', path: () => '/admin/audit', signedIn: true },
  { name: 'settings: account', path: () => '/settings', signedIn: true },
  { name: 'settings: team', path: () => '/settings/team', signedIn: true },
  { name: 'settings: canned responses', path: () => '/settings/canned', signedIn: true },
];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({
    DATABASE_URL: database.url,
    ADMIN_PASSWORD: 'correct-horse-battery',
    // Sign-in limits in this process's memory: a shared Redis counts other test files' failures too.
    REDIS_URL: undefined,
  });
  browser = await launchChromium();
  // First start seeds the demo and trains its model (the training page shows the run).
  const site = await vi.waitFor(
    async () => {
      const demo = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
      expect(demo.activeModelVersionId).not.toBeNull();
      return demo;
    },
    { timeout: 90_000, interval: 200 },
  );
  const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
  const workspaceId = admin.memberships[0].workspaceId;
  session = (await createSession(admin.id, workspaceId)).token;
  conversationId = (
    await createFixtureConversation(site.id, {
      status: 'open',
      assigneeId: admin.id,
      visitorName: 'Rosa Diaz',
      messages: [
        { sender: 'visitor', body: 'Hi, I ordered a mug last week' },
        { sender: 'bot', body: 'Happy to help! What is your order number?', confidence: 0.91 },
        { sender: 'visitor', body: 'Where is my parcel?' },
        { sender: 'system', body: 'Handed over to a person' },
        { sender: 'agent', body: 'Checking with the warehouse now.' },
        { sender: 'agent', body: 'Carrier says Thursday.', isPrivate: true },
      ],
    })
  ).conversationId;
  intentId = (await db().intent.findFirstOrThrow({ where: { siteId: site.id } })).id;
  articleId = (await db().article.findFirstOrThrow({ where: { siteId: site.id } })).id;
  inviteToken = (
    await createInvite(
      { userId: admin.id, workspaceId, role: 'admin' },
      { email: 'new-agent@example.com', role: 'agent' },
    )
  ).token;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

// The two widths at once, each in its own pages, one page after another: a check mostly waits for
// the network to go quiet (networkidle, 500 ms), time the other width's check uses.
describe.concurrent.each([DESKTOP, PHONE])('at $width px', (viewport) => {
  let visitor: Page;
  let member: Page;

  beforeAll(async () => {
    visitor = await newPage(viewport);
    member = await newPage(viewport, session);
  });

  it.sequential.each(PAGES)('$name has no serious or critical axe violations', async (checked) => {
    const page = checked.signedIn ? member : visitor;
    const url = new URL(checked.path(), app.url);
    await page.goto(url.href);
    // The page asked for, not a redirect (to sign-in, or away from it).
    expect(new URL(page.url()).pathname).toBe(url.pathname);
    await page.waitForLoadState('networkidle');
    await checked.prepare?.(page);
    await saveScreenshot(page, `${checked.name}-${viewport.width}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe('the inbox by keyboard', () => {
  let page: Page;

  /** Presses Tab until the focus is on `selector`. */
  async function tabTo(selector: string): Promise<void> {
    for (let presses = 1; presses <= 60; presses += 1) {
      await page.keyboard.press('Tab');
      const there = await page.evaluate((s) => document.activeElement?.matches(s), selector);
      if (there) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement!;
      const style = getComputedStyle(element);
      return {
        testId: element.getAttribute('data-testid'),
        outline: style.outlineStyle,
        boxShadow: style.boxShadow,
      };
    });

  beforeAll(async () => {
    page = await newPage(DESKTOP, session);
    await page.goto(`${app.url}/inbox?c=${conversationId}`);
    await openConversation(page);
  });

  it('reaches the message log, with a visible focus ring, and then the reply box', async () => {
    await tabTo('[data-testid="message-log"]');
    expect(await focused()).toMatchObject({ testId: 'message-log', outline: 'solid' });
    await saveScreenshot(page, 'inbox-message-log-focused');
    await tabTo('[data-testid="composer"]');
    const box = await focused();
    expect(box.testId).toBe('composer');
    expect(box.boxShadow).not.toBe('none');
  });

  it('keeps the focus in the reply box after Send, by Enter or by the button', async () => {
    await page.keyboard.type('Your parcel left the warehouse today.');
    await page.keyboard.press('Enter');
    const log = page.getByTestId('messages');
    await log.getByText('Your parcel left the warehouse today.').waitFor();
    expect((await focused()).testId).toBe('composer');

    await page.keyboard.type('It should arrive on Thursday.');
    await page.keyboard.press('Tab');
    expect((await focused()).testId).toBe('composer-send');
    await page.keyboard.press('Enter');
    await log.getByText('It should arrive on Thursday.').waitFor();
    expect((await focused()).testId).toBe('composer');
  });
});
