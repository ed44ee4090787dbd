import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, LaunchOptions, Locator } from 'playwright-core';
import { expect } from 'vitest';
import { startApp, type RunningApp } from './app';
import { launchChromium } from './browser';
import { createTestDatabase, db } from './db';

/** The widget's end-to-end setup: the server, a page on another origin that embeds it, Chromium. */
export interface WidgetHost {
  app: RunningApp;
  /** The embedding page's origin, which the demo site allows. */
  hostUrl: string;
  browser: Browser;
  /** Closes the browser and the page's server, stops the app and drops the database. */
  close(): Promise<void>;
}

/** Serves `page(app.url)` as the host page; `launch` goes to launchChromium, `env` to the server. */
export async function startWidgetHost(
  page: (appUrl: string) => string,
  launch?: LaunchOptions,
  env: Record<string, string | undefined> = {},
): Promise<WidgetHost> {
  const database = await createTestDatabase();
  const started: { app?: RunningApp; host?: Server; browser?: Browser } = {};
  const close = async () => {
    await started.browser?.close();
    const { host } = started;
    if (host) await new Promise((resolve) => host.close(resolve));
    await started.app?.stop();
    await database.drop();
  };
  try {
    // One node, counters in-process: Redis counters for 127.0.0.1 would mix with other test files'.
    const app = (started.app = await startApp({
      DATABASE_URL: database.url,
      REDIS_URL: undefined,
      ...env,
    }));
    const host = (started.host = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page(app.url));
    }));
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    await db().site.update({
      where: { publicKey: 'demo-site' },
      data: { allowedOrigins: { push: hostUrl } },
    });
    const browser = (started.browser = await launchChromium(launch));
    return { app, hostUrl, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The chat frame's own keyboard: a DevTools session on the chat's cross-origin frame, whose keys go
 * to that frame's renderer. Keys sent to the page go to whichever frame the browser holds focused:
 * in CI that was now and then the host page, while the box was focused in its own frame, and the
 * text was lost (widget-embed failed so in four CI runs, a click in the box first notwithstanding).
 */
async function chatKeyboard(input: Locator) {
  const frame = await (await input.elementHandle())?.ownerFrame();
  if (!frame) throw new Error('The chat box is in no frame');
  const session = await input.page().context().newCDPSession(frame);
  return {
    insertText: (text: string) => session.send('Input.insertText', { text }),
    async pressEnter() {
      for (const type of ['keyDown', 'keyUp'] as const)
        await session.send('Input.dispatchKeyEvent', {
          type,
          key: 'Enter',
          code: 'Enter',
          windowsVirtualKeyCode: 13,
        });
    },
    detach: () => session.detach(),
  };
}

/** Puts `text` in the chat's message box the way a person does: a click in the box, then the text. */
export async function fillChatBox(input: Locator, text: string): Promise<void> {
  await input.click();
  await input.evaluate((box: HTMLTextAreaElement) => box.select());
  const keyboard = await chatKeyboard(input);
  await keyboard.insertText(text);
  await keyboard.detach();
  await expect.poll(() => input.inputValue()).toBe(text);
}

/** Types `text` in the chat's message box and sends it with Enter. */
export async function sendInChat(input: Locator, text: string): Promise<void> {
  await fillChatBox(input, text);
  const keyboard = await chatKeyboard(input);
  await keyboard.pressEnter();
  await keyboard.detach();
  await expect.poll(() => input.inputValue()).toBe('');
}
