// The widget for keyboard and screen-reader users, in Chromium on another origin's page: axe-core
// (WCAG 2.1 AA, serious and critical) closed and open at 1440 and 390 px, focus after Send and in
// the phone's full-screen panel, replies announced while closed, the visitor's message read once;
// and the panels below the list never hiding the newest message (issue 13).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/session';
import type { RunningApp } from '../helpers/app';
import { seriousAxeViolations } from '../helpers/axe';
import { db } from '../helpers/db';
import { connectAgent, newClientId } from '../helpers/realtime';
import { fillChatBox, sendInChat, startWidgetHost, type WidgetHost } from '../helpers/widget-host';

let widgetHost: WidgetHost;
let app: RunningApp;
let hostUrl: string;
let browser: Browser;

beforeAll(async () => {
  widgetHost = await startWidgetHost(
    (appUrl) =>
      '<!doctype html><html lang="en"><head><title>A shop</title>' +
      '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
      '<body><main><h1>A shop</h1><a href="#top">Top</a></main>' +
      `<script src="${appUrl}/widget.js" data-site-key="demo-site" async></script></body></html>`,
  );
  ({ app, hostUrl, browser } = widgetHost);
}, 180_000);

afterAll(() => widgetHost?.close());

function widget(page: Page) {
  const frame = page.frameLocator('[data-hearth] iframe');
  return {
    launcher: page.locator('[data-hearth] button'),
    announcer: page.locator('[data-hearth] [role="status"]'),
    frame,
    input: frame.getByLabel('Your message'),
  };
}

async function openWithKeyboard(page: Page): Promise<void> {
  const { launcher, input } = widget(page);
  await launcher.waitFor({ state: 'visible', timeout: 30_000 });
  await launcher.focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => input.evaluate((box) => box === document.activeElement).catch(() => false), {
      timeout: 15_000,
    })
    .toBe(true);
}

/** Whether the element's whole box lies inside the scrolling message list's visible part. */
async function inViewOfList(page: Page, selector: string): Promise<boolean> {
  return widget(page)
    .frame.locator(selector)
    .last()
    .evaluate((element) => {
      const list = element.closest('.overflow-y-auto');
      if (!list) return false;
      const box = element.getBoundingClientRect();
      const view = list.getBoundingClientRect();
      return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
    });
}

describe.each([
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
])('at $viewport.width px', ({ viewport }) => {
  it('has no serious or critical axe violation, closed and open', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(hostUrl);
    await widget(page).launcher.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await openWithKeyboard(page);
    await widget(page).frame.getByText('Connecting…').waitFor({ state: 'hidden', timeout: 30_000 });
    await sendInChat(widget(page).input, 'hello');
    // A reply with its timestamp, and the buttons and panels around the list.
    await widget(page).frame.locator('li[data-sender="bot"]').first().waitFor({ timeout: 45_000 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // And the chat's own document on its own, as a screen reader in the frame meets it.
    const chat = page.frames().find((frame) => frame.url().includes('/embed/'));
    expect(await seriousAxeViolations(chat!)).toEqual([]);
    await context.close();
  });
});

describe('the keyboard', () => {
  it('keeps the focus in the text box after Send, with a visible focus ring', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(hostUrl);
    await openWithKeyboard(page);
    const { input, frame } = widget(page);
    const ring = await input.evaluate((box) => getComputedStyle(box));
    expect(ring.outlineStyle).toBe('solid');
    expect(parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);
    await fillChatBox(input, 'Do you ship abroad?');
    await frame.getByRole('button', { name: 'Send', exact: true }).click();
    await frame.getByText('Do you ship abroad?').waitFor();
    expect(await input.evaluate((box) => box === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-hearth'))).toBe(
      true,
    );
    await context.close();
  });

  it('keeps Tab inside the full-screen panel on a phone and returns to the launcher on close', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(hostUrl);
    await openWithKeyboard(page);
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      // The page behind the panel never gets the focus.
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-hearth'))).toBe(
        true,
      );
    }
    await page.keyboard.press('Escape');
    const { launcher } = widget(page);
    await expect.poll(() => launcher.evaluate((button) => button.matches(':focus'))).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });
});

describe('a conversation', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(hostUrl);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('reads the visitor’s own message once: acknowledging it keeps its list item', async () => {
    await openWithKeyboard(page);
    const { frame, input } = widget(page);
    // Every list item the chat inserts for the visitor's messages, counted as it happens.
    await frame.locator('ol').evaluate((list) => {
      const inserted: string[] = [];
      new MutationObserver((changes) => {
        for (const change of changes) {
          for (const node of change.addedNodes) {
            if (node instanceof HTMLElement && node.dataset.sender === 'visitor')
              inserted.push(node.textContent ?? '');
          }
        }
      }).observe(list, { childList: true });
      Object.assign(window, { insertedVisitorItems: inserted });
    });
    await sendInChat(input, 'Where is my order?');
    await frame
      .locator('li[data-sender="visitor"]')
      .getByText(/Sent|Seen/)
      .waitFor();
    await frame.locator('li[data-sender="bot"]').first().waitFor({ timeout: 45_000 });
    const inserted = await frame
      .locator('ol')
      .evaluate(
        () => (window as unknown as { insertedVisitorItems: string[] }).insertedVisitorItems,
      );
    expect(inserted).toHaveLength(1);
    // The log is a wrapper; the list keeps its semantics.
    expect(await frame.locator('[role="log"] > ol').count()).toBe(1);
    expect(await frame.locator('ol[role]').count()).toBe(0);
  });

  it('offers one way to ask for a person, and the offline notice hides neither message nor itself', async () => {
    const { frame } = widget(page);
    const askers = frame.getByRole('button', { name: /talk to a (human|person)/i });
    expect(await askers.count()).toBeLessThanOrEqual(1);
    await frame.getByRole('button', { name: /talk to a (human|person)/i }).click();
    const email = frame.getByLabel('Your email');
    await email.waitFor({ timeout: 15_000 });
    expect(await askers.count()).toBe(0);
    // One "nobody is here" notice above the form, not a title and a message saying it twice.
    const title = await frame.getByText('No one is online right now').boundingBox();
    expect(title?.width ?? 0).toBeLessThanOrEqual(1); // for screen readers only
    expect(await frame.getByText("We're offline right now").count()).toBe(1);
    // The newest message stays in view above the notice.
    await expect.poll(() => inViewOfList(page, 'li')).toBe(true);
  });

  it('announces a reply that arrives while closed once, and names it on the launcher', async () => {
    const { launcher, announcer } = widget(page);
    // What was on screen has been read (the chat says so half a second after it shows).
    await page.waitForTimeout(1_000);
    await page.keyboard.press('Escape');
    await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('false');
    await announcer.evaluate((region) => {
      const said: string[] = [];
      new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      Object.assign(window, { announced: said });
    });

    const stored = await db().message.findFirstOrThrow({ where: { body: 'Where is my order?' } });
    const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
    const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
    const agent = await connectAgent(app.url, token);
    await agent.emitWithAck('conversation:take-over', { conversationId: stored.conversationId });
    await agent.emitWithAck('message:send', {
      conversationId: stored.conversationId,
      clientId: newClientId(),
      body: 'Your order left the warehouse today.',
    });
    agent.close();

    await expect
      .poll(() => launcher.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Open chat: Chat, 1 new message');
    await page.waitForTimeout(500);
    expect(
      await page.evaluate(() => (window as unknown as { announced: string[] }).announced),
    ).toEqual(['1 new message']);

    // Back on another page view, the launcher knows without the visitor doing anything.
    await page.reload();
    await expect
      .poll(() => widget(page).launcher.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Open chat: Chat, 1 new message');
    expect(await widget(page).announcer.textContent()).toBe('1 new message');
    // Opening it reads the reply: the count goes.
    await openWithKeyboard(page);
    await widget(page).frame.getByText('Your order left the warehouse today.').waitFor();
    await expect
      .poll(() => widget(page).launcher.getAttribute('aria-label'))
      .toBe('Open chat: Chat');
  });

  it('keeps the newest message in view above the rating panel, which passes axe too', async () => {
    const stored = await db().message.findFirstOrThrow({ where: { body: 'Where is my order?' } });
    const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
    const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
    const agent = await connectAgent(app.url, token);
    await agent.emitWithAck('message:send', {
      conversationId: stored.conversationId,
      clientId: newClientId(),
      body: 'Anything else I can do for you?',
    });
    await agent.emitWithAck('conversation:resolve', { conversationId: stored.conversationId });
    agent.close();
    const { frame } = widget(page);
    await frame.getByRole('button', { name: 'Thumbs up: helpful' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => inViewOfList(page, 'li')).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
