import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '@/lib/auth/identity';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import type { RunningApp } from '../helpers/app';
import { db } from '../helpers/db';
import { connectAgent, eventually, newClientId } from '../helpers/realtime';
import { sendInChat, startWidgetHost, type WidgetHost } from '../helpers/widget-host';

// A customer's website on another origin (other host and port than the app) that embeds the
// widget with the one script tag, and whose CSS tries hard to break ours.
const hostPage = (appUrl: string) => `<!doctype html>
<html lang="en"><head><title>Another shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>iframe{display:none!important} button{background:red!important;font-size:40px!important} *{color:lime!important}</style>
</head><body><h1>Another shop</h1>
<script>window.Hearth = window.Hearth || function () { (Hearth.q = Hearth.q || []).push(arguments); };
window.hearthEvents = []; Hearth('on', 'message', function (m) { hearthEvents.push(m); });
Hearth('on', 'ready', function () { hearthEvents.push({ ready: true }); });</script>
<script src="${appUrl}/widget.js" data-site-key="demo-site" async></script>
</body></html>`;

let widgetHost: WidgetHost;
let app: RunningApp;
let hostUrl: string;
let browser: Browser;

beforeAll(async () => {
  widgetHost = await startWidgetHost(hostPage);
  ({ app, hostUrl, browser } = widgetHost);
}, 180_000);

afterAll(() => widgetHost?.close());

function widget(page: Page) {
  return {
    launcher: page.locator('[data-hearth] button'),
    iframe: page.locator('[data-hearth] iframe'),
    frame: page.frameLocator('[data-hearth] iframe'),
  };
}

async function openWidget(page: Page) {
  const { launcher, frame } = widget(page);
  await launcher.waitFor({ state: 'visible', timeout: 30_000 });
  await launcher.click();
  const input = frame.getByLabel('Your message');
  await expect.poll(() => input.isVisible(), { timeout: 10_000 }).toBe(true);
  // Messages are typed once the chat is online.
  await frame.getByText('Connecting…').waitFor({ state: 'hidden', timeout: 30_000 });
  return input;
}

describe('the widget on another origin', () => {
  let visitorContext: BrowserContext;
  let page: Page;
  let conversationId: string;
  const xss = 'Is <script>alert(1)</script><img src=x onerror="alert(2)"> shipped?';

  it('loads from one script tag, in an iframe the page CSS cannot touch', async () => {
    visitorContext = await browser.newContext({ locale: 'en-US' });
    page = await visitorContext.newPage();
    page.on('dialog', (dialog) => {
      throw new Error(`A dialog opened: ${dialog.message()}`);
    });
    await page.goto(hostUrl);
    const { launcher, iframe } = widget(page);
    await launcher.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await launcher.getAttribute('aria-label')).toBe('Open chat: Chat');
    expect(await launcher.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(29, 78, 216)',
    );
    expect(
      await page.evaluate(() => (window as unknown as { hearthEvents: unknown[] }).hearthEvents),
    ).toContainEqual({ ready: true });
    // The chat loads on intent only: the pointer reaching the launcher.
    expect(await iframe.count()).toBe(0);
    await launcher.hover();
    expect(await iframe.getAttribute('src')).toContain(`origin=${encodeURIComponent(hostUrl)}`);
  });

  it('sends a message, shows it as text, and shows the bot’s reply', async () => {
    const input = await openWidget(page);
    await expect.poll(() => widget(page).iframe.isVisible()).toBe(true);
    await sendInChat(input, xss);
    const { frame } = widget(page);
    const mine = frame.locator('li[data-sender="visitor"] [data-testid="message-body"]');
    await expect.poll(() => mine.first().textContent(), { timeout: 15_000 }).toBe(xss);
    expect(
      await frame
        .locator('li[data-sender="visitor"] img, li[data-sender="visitor"] script')
        .count(),
    ).toBe(0);
    await frame.locator('li[data-sender="bot"]').first().waitFor({ timeout: 45_000 });
    const stored = await db().message.findFirstOrThrow({ where: { body: xss } });
    conversationId = stored.conversationId;
    expect(await frame.getByText(/Sent|Seen/).count()).toBeGreaterThan(0);
    const events = await page.evaluate(
      () => (window as unknown as { hearthEvents: { sender?: string }[] }).hearthEvents,
    );
    expect(events.map((event) => event.sender)).toEqual(expect.arrayContaining(['visitor', 'bot']));
  });

  it('keeps the history across a reload', async () => {
    await page.reload();
    await openWidget(page);
    const { frame } = widget(page);
    await expect
      .poll(
        () =>
          frame
            .locator('li[data-sender="visitor"] [data-testid="message-body"]')
            .first()
            .textContent(),
        {
          timeout: 15_000,
        },
      )
      .toBe(xss);
    expect(await frame.locator('li[data-sender="bot"]').count()).toBeGreaterThan(0);
  });

  it('lets an agent in another browser context watch it live and reply', async () => {
    const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
    const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
    const agentContext = await browser.newContext();
    await agentContext.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
    const inbox = await agentContext.newPage();
    await inbox.goto(`${app.url}/inbox?view=all&c=${conversationId}`);
    await inbox.getByText('shipped?').first().waitFor({ timeout: 30_000 });

    const input = widget(page).frame.getByLabel('Your message');
    await sendInChat(input, 'Can a person help me?');
    await inbox.getByText('Can a person help me?').first().waitFor({ timeout: 15_000 });

    // The agent replies (through the same socket API the inbox uses); the visitor sees it live.
    const agent = await connectAgent(app.url, token);
    await agent.emitWithAck('conversation:take-over', { conversationId });
    await agent.emitWithAck('typing', { conversationId, typing: true });
    await widget(page)
      .frame.getByText(/is typing/)
      .waitFor({ timeout: 10_000 });
    await agent.emitWithAck('message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'Hi, this is Ada.',
    });
    await widget(page).frame.getByText('Hi, this is Ada.').waitFor({ timeout: 10_000 });
    await inbox.getByText('Hi, this is Ada.').first().waitFor({ timeout: 10_000 });
    agent.close();
    await agentContext.close();
  });

  it('offers the offline notice and takes an email when no agent is online', async () => {
    const { frame } = widget(page);
    const email = frame.getByLabel('Your email');
    await email.waitFor({ timeout: 15_000 });
    await email.fill('sam@example.com');
    await frame.getByRole('button', { name: 'Notify me' }).click();
    await frame.getByText("We'll reply to sam@example.com").waitFor({ timeout: 10_000 });
    await eventually(
      async () =>
        (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } }))
          .contactEmail === 'sam@example.com',
    );
    await visitorContext.close();
  });
});

describe('the widget for everyone', () => {
  it('speaks Chinese to a Chinese browser and is usable with the keyboard', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(hostUrl);
    const { launcher, frame } = widget(page);
    await launcher.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await launcher.getAttribute('aria-label')).toContain('打开聊天');
    await launcher.focus();
    await page.keyboard.press('Enter');
    const input = frame.getByLabel('您的消息');
    await expect
      .poll(() => input.evaluate((element) => element === document.activeElement), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => launcher.evaluate((element) => element.matches(':focus'))).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('answers the page’s JS API: open, close, toggle and a verified identify', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(hostUrl);
    const { launcher, iframe } = widget(page);
    await launcher.waitFor({ state: 'visible', timeout: 30_000 });
    type Hearth = {
      open(): void;
      close(): void;
      toggle(): void;
      identify(identity: object): void;
      on(e: string, f: () => void): void;
    };
    await page.evaluate(() => {
      const events: string[] = [];
      const hearth = (window as unknown as { Hearth: Hearth }).Hearth;
      hearth.on('open', () => events.push('open'));
      hearth.on('close', () => events.push('close'));
      Object.assign(window, { apiEvents: events });
      hearth.open();
    });
    await expect.poll(() => iframe.isVisible()).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await page.evaluate(() => (window as unknown as { Hearth: Hearth }).Hearth.toggle());
    await expect.poll(() => iframe.isVisible()).toBe(false);
    expect(
      await page.evaluate(() => (window as unknown as { apiEvents: string[] }).apiEvents),
    ).toEqual(['open', 'close']);

    const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
    const hash = identityHash(site.identitySecret, 'customer-7');
    await page.evaluate(
      ({ hash }) =>
        (window as unknown as { Hearth: Hearth }).Hearth.identify({
          id: 'customer-7',
          name: 'Kim',
          email: 'kim@example.com',
          hash,
        }),
      { hash },
    );
    await eventually(
      async () =>
        (await db().visitor.count({
          where: { externalId: 'customer-7', identityVerified: true },
        })) === 1,
    );
    expect(await db().visitor.findFirst({ where: { externalId: 'customer-7' } })).toMatchObject({
      name: 'Kim',
      email: 'kim@example.com',
    });
    await context.close();
  });

  it('fills the screen of a phone', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(hostUrl);
    await openWidget(page);
    await expect
      .poll(() => widget(page).iframe.boundingBox(), { timeout: 5_000 })
      .toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await context.close();
  });

  it('cannot be framed by a page the site does not allow', async () => {
    const response = await fetch(`${app.url}/embed/demo-site?origin=https%3A%2F%2Fevil.example`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/^frame-ancestors 'self' /);
    expect(policy).toContain(hostUrl);
    expect(policy).not.toContain('evil.example');
    expect(await response.text()).toContain('Chat is not available on this page.');
  });

  it('draws no launcher for a page the site does not allow, and lets allowed pages cache it', async () => {
    const launcher = `${app.url}/api/widget/launcher/demo-site`;
    const refused = await fetch(launcher, { headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(launcher, { headers: { origin: hostUrl } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(hostUrl);
    expect(allowed.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = allowed.headers.get('etag')!;
    const again = await fetch(launcher, { headers: { origin: hostUrl, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // Nor does it tell that page whether a visitor has unread replies.
    const unread = await fetch(`${app.url}/api/widget/unread`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ siteKey: 'demo-site', token: 'x.y' }),
    });
    expect(unread.status).toBe(403);
  });
});
