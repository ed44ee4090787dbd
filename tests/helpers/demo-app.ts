import type { Browser, BrowserContext } from 'playwright-core';
import { expect, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, type RunningApp } from './app';
import { launchChromium } from './browser';
import { createTestDatabase, db } from './db';

/** The admin pages' end-to-end setup: the server on a fresh database, with the demo site, and Chromium. */
export interface DemoApp {
  app: RunningApp;
  browser: Browser;
  /** A 1440 × 900 browser context signed in as the admin; `cookies` are set beside the session's. */
  signIn(cookies?: { name: string; value: string }[]): Promise<BrowserContext>;
  /** Closes the browser, stops the server and drops the database. */
  close(): Promise<void>;
}

/** Starts it all and waits until the server has seeded the demo site. */
export async function startDemoApp(): Promise<DemoApp> {
  const database = await createTestDatabase();
  const started: { app?: RunningApp; browser?: Browser } = {};
  const close = async () => {
    await started.browser?.close();
    await started.app?.stop();
    await database.drop();
  };
  try {
    const app = (started.app = await startApp({
      DATABASE_URL: database.url,
      ADMIN_PASSWORD: 'correct-horse-battery',
    }));
    const browser = (started.browser = await launchChromium());
    await vi.waitFor(
      async () =>
        expect(await db().site.findUnique({ where: { publicKey: 'demo-site' } })).not.toBeNull(),
      { timeout: 90_000, interval: 200 },
    );
    const signIn = async (cookies: { name: string; value: string }[] = []) => {
      const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
      const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies(
        [{ name: SESSION_COOKIE, value: token }, ...cookies].map((cookie) => ({
          ...cookie,
          url: app.url,
        })),
      );
      return context;
    };
    return { app, browser, signIn, close };
  } catch (error) {
    await close();
    throw error;
  }
}
