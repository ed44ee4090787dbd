import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/session';
import { DEMO_SITE_KEY_ZH } from '@/lib/db/seed';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { connectAgent } from '../helpers/realtime';
import { launchChromium } from '../helpers/browser';

// DEMO_SCREENSHOTS=docs/screenshots npx vitest run tests/e2e/demo-zh.test.ts saves the page with the
// widget open, wide and narrow (needs CJK fonts: scripts/ensure-chromium.sh installs them).
const screenshots = process.env.DEMO_SCREENSHOTS;

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url, REDIS_URL: undefined });
  // First start seeds the Chinese shop and trains its model; the bot needs it active.
  for (let waited = 0; ; waited += 500) {
    const site = await db().site.findUniqueOrThrow({ where: { publicKey: DEMO_SITE_KEY_ZH } });
    if (site.activeModelVersionId) break;
    if (waited > 120_000) throw new Error('The Chinese demo model was not trained in 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

async function openChineseDemo(page: Page) {
  await page.goto(`${app.url}/zh`);
  const launcher = page.locator('[data-hearth] button');
  await launcher.waitFor({ state: 'visible', timeout: 30_000 });
  await launcher.click();
  const frame = page.frameLocator('[data-hearth] iframe');
  const input = frame.getByLabel('您的消息');
  await expect.poll(() => input.isVisible(), { timeout: 10_000 }).toBe(true);
  return { frame, input };
}

describe('a visitor on the Chinese demo shop', () => {
  it('gets answers, an apology with a person, and an honest fallback, all in Chinese', async () => {
    // An agent has the inbox open, so a handoff means a person will come.
    const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
    const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
    const agent = await connectAgent(app.url, token);
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    const { frame, input } = await openChineseDemo(page);
    expect(await page.getByRole('heading', { name: '炉边小铺', exact: true }).isVisible()).toBe(
      true,
    );
    expect(await frame.getByText('炉边小铺客服').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'English demo' }).getAttribute('href')).toBe('/');

    const botMessages = frame.locator('li[data-sender="bot"] [data-testid="message-body"]');
    const ask = async (text: string) => {
      const before = await botMessages.count();
      await input.fill(text);
      await input.press('Enter');
      await expect.poll(() => botMessages.count(), { timeout: 45_000 }).toBeGreaterThan(before);
      return (await botMessages.nth(before).textContent()) ?? '';
    };

    expect(await ask('我想退款，怎么弄')).toMatch(/30 天内.*退款/);
    expect(await ask('你们几点开门呀')).toMatch(/9:00–18:00/);
    expect(await ask('帮我查查明天杭州会不会下雨')).toMatch(/^抱歉，我不知道/);

    const complaint = '收到的盘子是碎的，太让人生气了';
    expect(await ask(complaint)).toMatch(/抱歉.*人工客服/);
    const { conversation } = await db().message.findFirstOrThrow({
      where: { body: complaint },
      select: { conversation: { select: { status: true, handoffReason: true } } },
    });
    expect(conversation).toMatchObject({
      status: 'open',
      handoffReason: expect.stringMatching(/complaint/),
    });
    await expect
      .poll(() => frame.getByText('人工客服很快就会加入对话。').isVisible(), { timeout: 10_000 })
      .toBe(true);

    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, 'demo-zh.png') });
    }
    agent.close();
    await context.close();
  });

  it('fits a phone screen', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const { frame, input } = await openChineseDemo(page);
    await input.fill('多久能发货？');
    await input.press('Enter');
    await expect
      .poll(() => frame.getByText(/当天发货/).isVisible(), { timeout: 45_000 })
      .toBe(true);
    if (screenshots) await page.screenshot({ path: path.join(screenshots, 'demo-zh-mobile.png') });
    await context.close();
  });
});
