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
 * Puts `text` in the chat's message box the way a person does: a click in the box, then the text.
 * Playwright inserts text into the frame the browser holds focused; a script's focus() inside the
 * cross-origin chat frame (the widget's own on open, Playwright's in fill) left the browser on the
 * host page now and then in CI, under load, the box active in its own document and empty for the
 * whole 10 s. A click is routed to the frame under the pointer and focuses it. Repeated until the
 * text is there.
 */
export async function fillChatBox(input: Locator, text: string): Promise<void> {
  await input.page().bringToFront();
  await expect
    .poll(
      async () => {
        if ((await input.inputValue()) !== text) {
          // Short timeouts: an attempt that hangs would outlast the poll, which then cannot retry.
          await input.click({ timeout: 3_000 });
          await input.fill(text, { timeout: 3_000 });
        }
        return input.inputValue();
      },
      { timeout: 10_000 },
    )
    .toBe(text);
}
