import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { TrainingMetrics, type VersionComparison } from '@/lib/nlp';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { launchChromium } from '../helpers/browser';

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;

async function signedInContext(width: number, height: number): Promise<BrowserContext> {
  const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
  const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
  const context = await browser.newContext({ viewport: { width, height } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
  return context;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  browser = await launchChromium();
  // First start trains and activates the demo model.
  await vi.waitFor(
    async () =>
      expect(
        (await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } }))
          .activeModelVersionId,
      ).not.toBeNull(),
    { timeout: 90_000, interval: 200 },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

describe('on a phone (390 px)', () => {
  it('fits the admin pages and the inbox bar to the screen', async () => {
    const context = await signedInContext(390, 844);
    const page = await context.newPage();
    for (const path of [
      '/admin',
      '/admin/training',
      '/admin/sites',
      '/admin/analytics',
      '/inbox',
    ]) {
      await page.goto(`${app.url}${path}`);
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    // The admin sections are a strip of tabs above the page, not a sidebar beside it.
    await page.goto(`${app.url}/admin`);
    const nav = await page.getByRole('navigation', { name: 'Admin' }).boundingBox();
    expect(nav?.width).toBeGreaterThan(350);
    await context.close();
  });
});

describe('the inbox before its first sync', () => {
  it('says it is connecting and loading, not reconnecting to an empty queue', async () => {
    const context = await signedInContext(1440, 900);
    const page = await context.newPage();
    // Hold the agent socket for a moment, as a slow network would.
    await page.routeWebSocket(/socket\.io/, async (socket) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      socket.connectToServer();
    });
    await page.goto(`${app.url}/inbox`);
    const status = page.getByTestId('connection-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('Connecting…');
    expect(await page.getByText('Loading…').count()).toBeGreaterThan(0);
    expect(await page.getByText('Nobody is waiting for a human.').count()).toBe(0);
    expect(await page.getByText('Reconnecting…').count()).toBe(0);
    // Once connected, the empty queue says so.
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    await page.getByText('Nobody is waiting for a human.').waitFor();
    await context.close();
  });
});

describe('activating a version that answers fewer messages rightly', () => {
  it('shows the change on the same examples, asks for confirmation first, and activates only when confirmed', async () => {
    const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
    const live = await db().modelVersion.findUniqueOrThrow({
      where: { id: site.activeModelVersionId! },
    });
    const metrics = TrainingMetrics.parse(live.metrics);
    const worse = await db().modelVersion.create({
      data: {
        siteId: site.id,
        version: live.version + 1,
        artifact: live.artifact,
        exampleCount: live.exampleCount,
        intentCount: live.intentCount,
        metrics: {
          ...metrics,
          answers: { resolved: 0.05, wrong: 0.01, deferred: 0.94 },
        },
        comparison: worseOnTheSameExamples(live.id, live.version),
      },
    });
    const context = await signedInContext(1440, 900);
    const page = await context.newPage();
    await page.goto(`${app.url}/admin/training?version=${worse.id}`);
    const activate = page.getByRole('button', { name: `Activate version ${worse.version}` });
    await page
      .getByText(`compared with live version ${live.version} on the same examples`)
      .waitFor();
    const answeredRight = page.getByText('Answered right', { exact: true }).locator('..');
    expect(await answeredRight.textContent()).toMatch(
      /▼ 75\.0\s*live 80\.0%95%: -80\.0 to -70\.0 · clear/,
    );

    // confirm() blocks the page until answered, so the answer is given from the dialog handler.
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.dismiss();
    });
    await activate.click();
    expect(question).toContain(
      `On the same 200 held-out examples this version answers 5.0% rightly, live version ${live.version} 80.0%: unlikely to be chance`,
    );
    await page.waitForTimeout(500);
    expect(
      (await db().site.findUniqueOrThrow({ where: { id: site.id } })).activeModelVersionId,
    ).toBe(live.id);

    page.once('dialog', (dialog) => void dialog.accept());
    await activate.click();
    await expect
      .poll(
        async () =>
          (await db().site.findUniqueOrThrow({ where: { id: site.id } })).activeModelVersionId,
        { timeout: 15_000 },
      )
      .toBe(worse.id);
    // Live now, it still shows how it compared with the version live when it was trained.
    await page.reload();
    await page.getByText(`compared with version ${live.version} on the same examples`).waitFor();
    expect(await answeredRight.textContent()).toContain(`v${live.version} 80.0%`);
    await context.close();
  });
});

/** A stored comparison in which the new version answers far fewer of the same 200 messages rightly. */
function worseOnTheSameExamples(liveId: string, liveVersion: number): VersionComparison {
  const same = (candidate: number, baseline: number) => ({
    candidate,
    baseline,
    low: candidate - baseline,
    high: candidate - baseline,
    pValue: null,
  });
  return {
    against: { versionId: liveId, version: liveVersion },
    evaluatedCount: 200,
    resolved: { candidate: 0.05, baseline: 0.8, low: -0.8, high: -0.7, pValue: 1e-30 },
    wrong: same(0.01, 0.02),
    deferred: same(0.94, 0.18),
    accuracy: same(0.5, 0.9),
    macroF1: same(0.5, 0.9),
    perIntent: [],
  };
}
