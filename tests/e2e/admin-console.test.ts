import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { preprocess } from '@/lib/nlp';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { launchChromium } from '../helpers/browser';

// ADMIN_SCREENSHOTS=docs/screenshots npx vitest run tests/e2e/admin-console.test.ts saves the pages.
const screenshots = process.env.ADMIN_SCREENSHOTS;

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
/** First start trains and activates the demo model. */
const DEMO_VERSION = 1;
let giftWrapVersion: number;

async function shot(name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `admin-${name}.png`), fullPage: true });
}

/**
 * Presses Retrain and follows that run (not an earlier one) to success; resolves with the number of
 * the version it trained once the page shows that version's evaluation and confusion matrix.
 */
async function retrain(): Promise<number> {
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  const previousRun = await db().trainingRun.findFirst({
    where: { siteId: site.id },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  await page.goto(`${app.url}/admin/training`);
  await page.getByRole('button', { name: 'Retrain' }).click();
  let runId: string | undefined;
  await expect
    .poll(async () => {
      const latest = await db().trainingRun.findFirst({
        where: { siteId: site.id },
        orderBy: { createdAt: 'desc' },
        select: { id: true },
      });
      runId = latest?.id !== previousRun?.id ? latest?.id : undefined;
      return runId;
    })
    .toBeDefined();
  const run = page.locator(`[data-run-id="${runId}"]`);
  await run.getByRole('progressbar', { name: 'Training progress' }).waitFor();
  await expect
    .poll(() => run.getByTestId('training-status').textContent(), { timeout: 90_000 })
    .toBe('succeeded');
  const log = await run.getByLabel('Training log').textContent();
  expect(log).toMatch(/Training on \d+ examples of \d+ intents/);
  expect(log).toContain('Stored as version');
  expect(await run.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

  const { modelVersion } = await db().trainingRun.findUniqueOrThrow({
    where: { id: runId },
    select: { modelVersion: { select: { version: true } } },
  });
  const version = modelVersion!.version;
  // The finished run refreshes the page onto the new version's evaluation.
  await page
    .getByRole('region', { name: `Evaluation of version ${version}` })
    .getByTestId('confusion-matrix')
    .waitFor({ timeout: 15_000 });
  return version;
}

/** Sends a message through the test console and waits for the ranking (topped by `intent`, if given). */
async function testInConsole(text: string, intent?: string) {
  await page.getByLabel('Visitor message').fill(text);
  await page.getByRole('button', { name: 'Test' }).click();
  const ranking = () =>
    page
      .getByTestId('intent-ranking')
      .getByRole('meter')
      .evaluateAll((meters) =>
        meters.map((meter) => ({
          intent: meter.getAttribute('aria-label'),
          percent: Number(meter.getAttribute('aria-valuenow')),
        })),
      );
  await page.getByTestId('intent-ranking').waitFor({ timeout: 30_000 });
  if (intent)
    await expect.poll(async () => (await ranking())[0]?.intent, { timeout: 30_000 }).toBe(intent);
  const step = (label: string) =>
    page.getByTestId('preprocessing-steps').locator(`[data-step="${label}"] dd`).textContent();
  return { ranking, step };
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
  browser = await launchChromium();
  const admin = await db().user.findFirstOrThrow({ include: { memberships: true } });
  const { token } = await createSession(admin.id, admin.memberships[0].workspaceId);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  // Retrain refuses while the first-start training still runs.
  await vi.waitFor(async () => expect(await activeVersion()).toBe(DEMO_VERSION), {
    timeout: 90_000,
    interval: 200,
  });
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
    await page.getByRole('heading', { name: 'Examples (11)' }).waitFor();
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
    giftWrapVersion = await retrain();
    const evaluation = page.getByRole('region', {
      name: `Evaluation of version ${giftWrapVersion}`,
    });
    // The new intent was evaluated: a row of the per-intent F1 table (linked to fix it) and of the heat map.
    await evaluation.getByRole('link', { name: 'gift_wrap', exact: true }).waitFor();
    expect(await evaluation.getByTestId('confusion-matrix').textContent()).toContain('gift_wrap');
    await shot('training');
    await page.getByRole('button', { name: `Activate version ${giftWrapVersion}` }).click();
    await expect.poll(activeVersion, { timeout: 15_000 }).toBe(giftWrapVersion);

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
      'nlu:\n- intent: loyalty_points\n  examples: |\n    - how many points do I have\n- intent: loyalty points\n  examples: |\n    - points balance\n';
    await page.setInputFiles('#import-file', {
      name: 'nlu.yml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(broken),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText(/Line 5: intent name "loyalty points": Use letters/).waitFor();
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
      'responses:',
      '  utter_loyalty_points:',
      '  - text: "You have points to spend."',
      '    image: "https://example.com/points.png"',
    ].join('\n');
    await page.setInputFiles('#import-file', {
      name: 'nlu.yml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(rasa),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText(/Importing will add 6 examples \(1 new intent,/).waitFor();
    await page
      .getByTestId('not-imported')
      .getByText('response "utter_loyalty_points" variant 1: an image not imported')
      .waitFor();
    expect(await db().intent.count({ where: { name: 'loyalty_points' } })).toBe(0);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Imported 6 examples \(1 new intent,/).waitFor();
    await page.getByRole('table').getByRole('link', { name: 'loyalty_points' }).waitFor();
  });

  it('trains a second version and rolls back to the previous one in one click', async () => {
    const second = await retrain();
    await page.getByRole('button', { name: `Activate version ${second}` }).click();
    await expect.poll(activeVersion, { timeout: 15_000 }).toBe(second);
    await page
      .getByTestId('version-list')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `v${giftWrapVersion}`, exact: true }) })
      .getByRole('button', { name: 'Roll back' })
      .click();
    await expect.poll(activeVersion, { timeout: 15_000 }).toBe(giftWrapVersion);
    const demo = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
    // The demo shop's activations (the Chinese demo site has its own).
    const events = await db().auditEvent.findMany({
      where: { action: 'model.activated', target: `site:${demo.id}` },
      orderBy: { createdAt: 'asc' },
      select: { details: true },
    });
    // The demo model first start activated, then the admin's activations.
    expect(events.map((event) => (event.details as { version: number }).version)).toEqual([
      DEMO_VERSION,
      giftWrapVersion,
      second,
      giftWrapVersion,
    ]);
  });

  it('shows the test console with every step, the ranking, the decision and the reply', async () => {
    await page.goto(`${app.url}/admin/test`);
    // "oﬀer" with the ﬀ ligature of a copy from a PDF (glyphs the test machine's fonts all have).
    const message = 'Do you oﬀer GIFT-wrapping? ❤';
    const result = await testInConsole(message);
    // Every step is shown as the bot computes it, and this message makes each one do something.
    const steps = preprocess(message, 'en');
    expect(steps.normalized).not.toBe(steps.original);
    expect(steps.lowercased).not.toBe(steps.normalized);
    expect(steps.cleaned).not.toBe(steps.lowercased);
    expect(steps.withoutStopwords.length).toBeLessThan(steps.tokens.length);
    expect(steps.stems).not.toEqual(steps.withoutStopwords);
    for (const [label, value] of [
      ['Original', steps.original],
      ['Unicode normalized (NFKC)', steps.normalized],
      ['Lowercased', steps.lowercased],
      ['Punctuation and emoji handled', steps.cleaned],
      ['Emoji', '❤'],
      ['Tokens', steps.tokens.join(' · ')],
      ['Without stopwords', steps.withoutStopwords.join(' · ')],
      ['Stems', steps.stems.join(' · ')],
    ]) {
      expect(await result.step(label), label).toBe(value);
    }
    expect(await result.step('Character n-grams')).toContain(
      steps.charNgrams[0].replaceAll(' ', '␣'),
    );
    // The top intents, most confident first, with their confidence bars.
    const ranking = await result.ranking();
    expect(ranking.length).toBeGreaterThan(1);
    expect(ranking[0].intent).toBe('gift_wrap');
    const percents = ranking.map((ranked) => ranked.percent);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    expect(await page.getByTestId('decision').textContent()).toBe('answer');
    // Normalized, it is one of the intent's own examples ("do you offer gift wrapping").
    expect(await page.getByTestId('known-example').textContent()).toContain(
      "gift_wrap's training examples",
    );
    expect(await page.getByTestId('bot-reply').textContent()).toBe(
      'Yes! We gift wrap any order for $5; add it at checkout.',
    );
    expect(await page.getByTestId('entities').count()).toBe(0);
    await shot('test-console');

    // An order number is extracted as an entity and fills the reply's variable.
    await testInConsole('Where is my order #AB-12345?', 'order_status');
    expect(await page.getByTestId('entities').textContent()).toBe(
      'orderNumber “#AB-12345” → AB-12345',
    );
    expect(await page.getByTestId('decision').textContent()).toBe('answer');
    expect(await page.getByTestId('bot-reply').textContent()).toContain('look up AB-12345');
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

    // A demo article in the markdown editor, with its preview.
    await page.goto(`${app.url}/admin/knowledge`);
    const article = page.getByRole('table').first().getByRole('link').first();
    const title = (await article.textContent())!;
    await article.click();
    await page.getByRole('heading', { name: 'Edit article' }).waitFor();
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    await page.getByRole('heading', { name: title, exact: true }).first().waitFor();
    await shot('article-editor');
  });
});
