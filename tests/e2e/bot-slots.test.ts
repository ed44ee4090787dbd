// A slot end to end, in Chromium against the production server: on the demo shop, order status
// requires an order number (seeded); the bot asks for it, reads it from the visitor's next message
// and answers with it; the agent inbox shows what the bot collected, and the admin test console
// runs the same conversation showing its state. The intents page shows where more examples help.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IntentSlotsSchema } from '@/lib/schemas/intent';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/realtime';
import { launchChromium } from '../helpers/browser';

const ADMIN_PASSWORD = 'correct-horse-battery';

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let prompt: string;
let conversationId: string;
let admin: Page;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

beforeAll(async () => {
  const intents: { name: string; slots?: unknown }[] = JSON.parse(
    await readFile('prisma/seed/intents.en.json', 'utf8'),
  );
  const orderStatus = intents.find((intent) => intent.name === 'order_status');
  prompt = IntentSlotsSchema.parse(orderStatus?.slots)[0].prompt;
  database = await createTestDatabase();
  app = await startApp({
    DATABASE_URL: database.url,
    ADMIN_PASSWORD,
    IP_CONNECTS_PER_MINUTE: '100000',
    IP_MESSAGES_PER_MINUTE: '100000',
  });
  browser = await launchChromium();
  // First start trains the demo model; the bot needs it to recognize order status.
  await eventually(
    async () =>
      (await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } }))
        .activeModelVersionId !== null,
    120_000,
  );
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

it('asks the visitor for the order number, reads it from the reply and answers with it', async () => {
  const visitor = await newPage();
  await visitor.goto(app.url);
  await visitor.locator('[data-hearth] button').click();
  const frame = visitor.frameLocator('[data-hearth] iframe');
  const input = frame.getByLabel('Your message');
  const botMessages = frame.locator('li[data-sender="bot"] [data-testid="message-body"]');
  const before = await botMessages.count();

  await input.fill('where is my order?');
  await input.press('Enter');
  await expect.poll(() => botMessages.count(), { timeout: 45_000 }).toBe(before + 1);
  expect(await botMessages.last().textContent()).toBe(prompt);

  await input.fill("It's JN-104522");
  await input.press('Enter');
  await expect.poll(() => botMessages.count(), { timeout: 45_000 }).toBe(before + 2);
  expect(await botMessages.last().textContent()).toContain('a teammate can look up JN-104522.');

  conversationId = (await db().message.findFirstOrThrow({ where: { body: "It's JN-104522" } }))
    .conversationId;
});

it('shows the agent what the bot collected', async () => {
  const agent = await newPage();
  await agent.goto(`${app.url}/login`);
  await agent.getByLabel('Email').fill('admin@example.com');
  await agent.getByLabel('Password').fill(ADMIN_PASSWORD);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.waitForURL(/\/inbox/);
  await agent.getByTestId('view-bot').click();
  await agent
    .locator(`[data-testid="conversation-row"][data-conversation-id="${conversationId}"]`)
    .click();
  const collected = agent.getByTestId('bot-collected');
  await collected.waitFor();
  await expect.poll(() => collected.textContent()).toContain('Order number');
  expect(await collected.textContent()).toContain('JN-104522');
});

it('runs the same conversation in the admin test console, showing its state', async () => {
  admin = await newPage();
  await admin.goto(`${app.url}/login`);
  await admin.getByLabel('Email').fill('admin@example.com');
  await admin.getByLabel('Password').fill(ADMIN_PASSWORD);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.waitForURL(/\/inbox/);
  await admin.goto(`${app.url}/admin/test`);
  const message = admin.getByLabel('Visitor message');
  await message.fill('where is my order?');
  await admin.getByRole('button', { name: 'Test' }).click();
  await expect.poll(() => admin.getByTestId('bot-reply').textContent()).toBe(prompt);
  expect(await admin.getByTestId('state-waiting').textContent()).toBe(
    'Order number for order_status (asked 1×)',
  );

  await message.fill('JN-55555');
  await admin.getByRole('button', { name: 'Test' }).click();
  await expect
    .poll(() => admin.getByTestId('bot-reply').textContent())
    .toContain('a teammate can look up JN-55555.');
  expect(await admin.getByTestId('state-collected').textContent()).toBe('Order number: JN-55555');
  expect(await admin.getByTestId('state-waiting').textContent()).toBe('Nothing');
  expect(
    await admin.getByTestId('test-conversation').locator('li[data-sender="visitor"]').count(),
  ).toBe(2);
  await eventually(async () => (await db().conversation.count()) === 1); // the console stored nothing
});

it('shows the order number the intent requires in the intent editor', async () => {
  const orderStatus = await db().intent.findFirstOrThrow({ where: { name: 'order_status' } });
  await admin.goto(`${app.url}/admin/intents/${orderStatus.id}`);
  const required = admin.getByTestId('required-entities');
  expect(await required.getByLabel('Required entity 1').inputValue()).toBe('orderNumber');
  expect(await required.getByLabel('What the bot asks for the order number').inputValue()).toBe(
    prompt,
  );
});

it("lets the admin require one of the site's own entities", async () => {
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  await db().customEntity.create({
    data: { siteId: site.id, name: 'city', values: [{ value: 'Paris', synonyms: ['paname'] }] },
  });
  const shipping = await db().intent.findFirstOrThrow({
    where: { siteId: site.id, name: 'shipping' },
  });
  await admin.goto(`${app.url}/admin/intents/${shipping.id}`);
  const required = admin.getByTestId('required-entities');
  await required.getByRole('button', { name: 'Require an entity' }).click();
  const choice = required.getByLabel('Required entity 1');
  expect(await choice.locator('option').allTextContents()).toContain('city');
  await choice.selectOption('city');
  await required.getByLabel('What the bot asks for the city').fill('Which city do we ship to?');
  await required.getByRole('button', { name: 'Save required entities' }).click();
  await eventually(
    async () =>
      JSON.stringify(
        (await db().intent.findUniqueOrThrow({ where: { id: shipping.id } })).slots,
      ) === JSON.stringify([{ entity: 'city', prompt: 'Which city do we ship to?' }]),
  );
  await db().intent.update({ where: { id: shipping.id }, data: { slots: [] } });
  await db().customEntity.deleteMany({ where: { siteId: site.id } });
});

it('marks an intent with few examples and adds a suggested review-queue message in one click', async () => {
  // Shipping down to 8 examples, and a visitor message the bot was unsure about in the queue.
  // (The Chinese demo site has a shipping intent too.)
  const shipping = await db().intent.findFirstOrThrow({
    where: { name: 'shipping', site: { publicKey: 'demo-site' } },
    include: { examples: { orderBy: { id: 'asc' } } },
  });
  await db().trainingExample.deleteMany({
    where: { id: { in: shipping.examples.slice(8).map((example) => example.id) } },
  });
  const text = 'how many days does standard shipping take to canada';
  const message = await db().message.create({
    data: { conversationId, seq: 1000, sender: 'visitor', body: text, reviewState: 'pending' },
  });

  await admin.goto(`${app.url}/admin`);
  const advice = admin.getByTestId('example-suggestions').locator('[data-intent="shipping"]');
  await advice.waitFor();
  expect(await advice.textContent()).toContain('few examples');
  await advice.getByRole('button', { name: `Add “${text}” to shipping` }).click();
  await eventually(
    async () =>
      (await db().trainingExample.count({
        where: { intentId: shipping.id, messageId: message.id, text },
      })) === 1,
  );
  await expect.poll(() => advice.getByText(text).count()).toBe(0);
  expect((await db().message.findUniqueOrThrow({ where: { id: message.id } })).reviewState).toBe(
    'labelled',
  );
});
