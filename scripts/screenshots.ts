// npm run screenshots — refreshes docs/screenshots/: the demo shops, the inbox and every admin page, at
// 1440 px (NAME.png) and 390 px (NAME-mobile.png), from a fresh app on a throwaway database (first start:
// seeded demo, trained model; a scratch database on DATABASE_URL's server) with one visitor who asked for a person, so the inbox has a conversation.
// Needs the production build (`npm run build`), Postgres (DATABASE_URL, any database on the server) and
// Chromium at /usr/bin/chromium; Chinese and emoji need fonts-noto-cjk and fonts-noto-color-emoji.
import { mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { db, disconnectDatabase } from '@/lib/db';
import { withDatabase } from '@/lib/db/url';
import { startApp } from '@/tests/helpers/app';
import { launchChromium } from '@/tests/helpers/browser';

const OUT = 'docs/screenshots';
const SIZES = [
  { suffix: '', width: 1440, height: 900 },
  { suffix: '-mobile', width: 390, height: 844 },
] as const;

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `hearth_screenshots_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  process.env.DATABASE_URL = withDatabase(serverUrl, name);
  const app = await startApp({
    DATABASE_URL: process.env.DATABASE_URL,
    ADMIN_PASSWORD: 'screenshots-only',
  });
  const browser = await launchChromium();
  try {
    await trainedDemo();
    await visitorAsksForAPerson(browser, app.url);
    const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
    const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
    const intent = await db().intent.findFirstOrThrow({
      where: { siteId: site.id, name: 'shipping' },
    });
    const article = await db().article.findFirstOrThrow({ where: { siteId: site.id } });
    const pages: Record<string, string> = {
      inbox: '/inbox',
      'admin-intents': '/admin',
      'admin-intent-editor': `/admin/intents/${intent.id}`,
      'admin-training': '/admin/training',
      'admin-test-console': '/admin/test',
      'admin-entities': '/admin/entities',
      'admin-knowledge': '/admin/knowledge',
      'admin-article-editor': `/admin/knowledge/${article.id}`,
      'admin-sites': '/admin/sites',
      'admin-webhooks': '/admin/webhooks',
      'admin-api': '/admin/api',
      'admin-analytics': '/admin/analytics',
      'admin-audit': '/admin/audit',
      settings: '/settings',
    };
    for (const { suffix, width, height } of SIZES) {
      // The widget speaks the visitor's browser language: a Chinese visitor on the Chinese shop.
      for (const [name, path, locale] of [
        ['demo', '/', 'en-US'],
        ['demo-zh', '/zh', 'zh-CN'],
      ]) {
        const visitor = await browser.newContext({ viewport: { width, height }, locale });
        const shop = await visitor.newPage();
        await shop.goto(`${app.url}${path}`);
        await openWidget(shop);
        await shop.screenshot({ path: `${OUT}/${name}${suffix}.png` });
        await visitor.close();
      }
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(`${app.url}${path}`);
        await page.waitForLoadState('networkidle');
        if (name === 'inbox') await openFirstConversation(page);
        await page.screenshot({ path: `${OUT}/${name}${suffix}.png`, fullPage: suffix === '' });
        console.log(`${OUT}/${name}${suffix}.png`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await app.stop();
    await disconnectDatabase();
    await onServer(serverUrl, `drop database if exists ${name} with (force)`);
  }
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** First start trains the demo shop's model in the background; the pages show it once it is live. */
async function trainedDemo(): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
    if (site.activeModelVersionId) return;
    await sleep(200);
  }
  throw new Error('The demo model was not trained within two minutes');
}

async function openWidget(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() =>
    (window as unknown as { Hearth: (command: string) => void }).Hearth('open'),
  );
  await page.frameLocator('iframe[title]').getByRole('textbox').waitFor();
  await sleep(500); // the panel's opening animation
}

async function visitorAsksForAPerson(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto(url);
  await openWidget(page);
  const chat = page.frameLocator('iframe[title]');
  await chat
    .getByRole('textbox')
    .fill('Hi, my parcel JN-104522 arrived damaged. Can I talk to a person?');
  await chat.getByRole('textbox').press('Enter');
  await chat
    .getByText(/team|online/i)
    .first()
    .waitFor();
  await page.close();
}

async function openFirstConversation(page: Page): Promise<void> {
  await page.getByTestId('view-needs_human').click();
  await page.getByTestId('conversation-row').first().click();
  await page.getByTestId('conversation-title').waitFor();
  await page.getByText('Past conversations').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
