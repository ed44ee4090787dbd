import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';

// ADMIN_SCREENSHOTS=docs/screenshots npx vitest run tests/e2e/admin-console.test.ts saves the pages.
const screenshots = process.env.ADMIN_SCREENSHOTS;

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `admin-${name}.png`), fullPage: true });
}

async function retrain(): Promise<void> {
  await page.goto(`${app.url}/admin/training`);
  await page.getByRole('button', { name: 'Retrain' }).click();
  await expect
    .poll(() => page.getByRole('progressbar', { name: 'Training progress' }).isVisible())
    .toBe(true);
  await expect
    .poll(() => page.getByTestId('training-status').textContent(), { timeout: 90_000 })
    .toBe('succeeded');
  await page.getByTestId('confusion-matrix').waitFor({ timeout: 15_000 });
}

async function activeVersion(): Promise<number | undefined> {
  const site = await db().site.findUniqueOrThrow({
    where: { publicKey: 'demo-site' },
    select: { activeModelVersion: { select: { version: true } } },
  });
  return site.activeModelVersion?.version;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  // The demo shop on the app's own origin embeds the widget.
  await db().site.update({
    where: { publicKey: 'demo-site' },
    data: { allowedOrigins: { push: app.url } },
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
  const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

describe('admin console in Chromium', () => {
  it('adds an intent with examples and a response', async () => {
    await page.goto(`${app.url}/admin`);
    await page.getByRole('heading', { name: 'Intents' }).waitFor();
    await shot('intents');
    await page.getByLabel('Name').fill('gift_wrap');
    await page.getByRole('button', { name: 'Create intent' }).click();
    await page.getByLabel('Intent name').waitFor();
    await page
      .getByLabel('Paste examples, one per line')
      .fill(
        [
          'can you gift wrap my order',
          'do you offer gift wrapping',
          'I want this wrapped as a present',
          'is gift wrap available',
          'wrap it as a gift please',
          'can I add gift wrapping',
          'gift wrapping options',
          'please wrap the item as a gift',
          'do you do gift wrap',
          'add gift wrap to my purchase',
          'gift wrap please',
          'gift wrap please',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Add examples' }).click();
    await page.getByText('Added 11. Skipped 1 duplicate(s).').waitFor();
    await page
      .getByLabel('Response 1', { exact: true })
      .fill('Yes! We gift wrap any order for $5; add it at checkout.');
    await page.getByRole('button', { name: 'Save responses' }).click();
    await expect
      .poll(async () => db().intentResponse.count({ where: { intent: { name: 'gift_wrap' } } }))
      .toBe(1);
    await shot('intent-editor');
  });

  it('retrains with live progress, shows the confusion matrix, activates, and the widget answers with the new intent', async () => {
    await retrain();
    expect(await page.getByRole('link', { name: 'gift_wrap' }).count()).toBeGreaterThan(0);
    await shot('training');
    await page.getByRole('button', { name: 'Activate version 1' }).click();
    await expect.poll(activeVersion, { timeout: 15_000 }).toBe(1);

    const visitor = await browser.newPage();
    await visitor.goto(app.url);
    const launcher = visitor.locator('[data-hearth] button');
    await launcher.waitFor({ state: 'visible', timeout: 30_000 });
    await launcher.click();
    const frame = visitor.frameLocator('[data-hearth] iframe');
    const input = frame.getByLabel('Your message');
    await input.waitFor({ timeout: 15_000 });
    await input.fill('do you offer gift wrapping?');
    await input.press('Enter');
    await expect
      .poll(() => frame.locator('li[data-sender="bot"]').last().textContent(), { timeout: 45_000 })
      .toContain('We gift wrap any order');
    await visitor.close();
  });

  it('refuses a broken Rasa file with its line number, then imports a good one', async () => {
    await page.goto(`${app.url}/admin`);
    const broken =
      'nlu:\n- intent: loyalty_points\n  examples: |\n    - how many points do I have\n    points balance\n';
    await page.setInputFiles('#import-file', {
      name: 'nlu.yml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(broken),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page
      .getByText('Line 5: intent "loyalty_points": each example line must start with "- "')
      .waitFor();
    expect(await db().intent.count({ where: { name: 'loyalty_points' } })).toBe(0);

    const rasa = [
      'version: "3.1"',
      'nlu:',
      '- intent: loyalty_points',
      '  examples: |',
      '    - how many loyalty points do I have',
      '    - what is my points balance',
      '    - check my reward points',
      '    - how do I use my points',
      '    - do I have any reward points left',
      '    - loyalty program points',
    ].join('\n');
    await page.setInputFiles('#import-file', {
      name: 'nlu.yml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(rasa),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/Imported 6 examples \(1 new intents/).waitFor();
    await page.getByRole('link', { name: 'loyalty_points' }).waitFor();
  });

  it('trains a second version and rolls back to the first in one click', async () => {
    await retrain();
    await page.getByRole('button', { name: 'Activate version 2' }).click();
    await expect.poll(activeVersion, { timeout: 15_000 }).toBe(2);
    await page.getByTestId('version-list').getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(activeVersion, { timeout: 15_000 }).toBe(1);
    const events = await db().auditEvent.findMany({
      where: { action: 'model.activated' },
      orderBy: { createdAt: 'asc' },
      select: { details: true },
    });
    expect(events.map((event) => (event.details as { version: number }).version)).toEqual([
      1, 2, 1,
    ]);
  });

  it('shows the test console with every step, the ranking, the decision and the reply', async () => {
    await page.goto(`${app.url}/admin/test`);
    await page.getByLabel('Visitor message').fill('Can you gift-wrap order #AB-12345? 🎁');
    await page.getByRole('button', { name: 'Test' }).click();
    await page.getByTestId('intent-ranking').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('preprocessing-steps').textContent()).toContain('Stems');
    expect(await page.getByTestId('decision').textContent()).toBe('answer');
    expect(await page.getByTestId('bot-reply').textContent()).toContain('gift wrap');
    await shot('test-console');
  });

  it('renders the other admin pages', async () => {
    for (const [route, heading, name] of [
      ['/admin/knowledge', 'Knowledge base', 'knowledge'],
      ['/admin/sites', 'Sites and widget', 'sites'],
      ['/admin/analytics', 'Analytics', 'analytics'],
      ['/admin/audit', 'Audit log', 'audit'],
    ] as const) {
      await page.goto(`${app.url}${route}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await shot(name);
    }
    expect(await page.getByText('intents.imported').count()).toBeGreaterThan(0);
  });
});
