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

/** Serves `page(app.url)` as the host page; `launch` goes to launchChromium. */
export async function startWidgetHost(
  page: (appUrl: string) => string,
  launch?: LaunchOptions,
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
 * Puts `text` in the chat's message box. Playwright types into whatever has the focus, and with
 * another page just opened, or the focus still moving into the chat's cross-origin frame, a fill
 * sometimes left the box empty (CI, under load): the page comes to the front and the fill is
 * repeated until the text is there.
 */
export async function fillChatBox(input: Locator, text: string): Promise<void> {
  await input.page().bringToFront();
  await expect
    .poll(
      async () => {
        if ((await input.inputValue()) !== text) await input.fill(text);
        return input.inputValue();
      },
      { timeout: 10_000 },
    )
    .toBe(text);
}
