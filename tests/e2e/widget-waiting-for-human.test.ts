// A visitor in Chromium against the production server, with no agent online (issue 10.6): the
// widget says once, honestly, that nobody is there and offers the email form; the bot keeps answering while the visitor
// waits, always replies to "talk to a human"; and a button the bot offers answers what it stands
// for (issue 10.5).
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Prisma } from '@/lib/db';
import { StoredChoicesSchema } from '@/lib/schemas/message';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/realtime';
import { launchChromium } from '../helpers/browser';

let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let visitor: Page;

const widget = () => visitor.frameLocator('[data-hearth] iframe');
const botMessages = () => widget().locator('li[data-sender="bot"] [data-testid="message-body"]');

/** Types a message into the widget and waits for the bot's next message; returns its text. */
async function say(text: string): Promise<string> {
  const before = await botMessages().count();
  const input = widget().getByLabel('Your message');
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => botMessages().count(), { timeout: 30_000 }).toBeGreaterThan(before);
  return (await botMessages().last().textContent()) ?? '';
}

async function lastBotMessage() {
  return db().message.findFirstOrThrow({
    where: { sender: 'bot', conversation: { site: { publicKey: 'demo-site' } } },
    orderBy: { createdAt: 'desc' },
  });
}

/**
 * Sets the demo site's "did you mean" margin (null: back to the default); returns once Postgres has
 * announced the change, which makes the server forget its cached site (lib/db/site-changes.ts).
 */
async function setAmbiguityMargin(margin: number | null): Promise<void> {
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  const { ambiguityMargin: _previous, ...settings } = site.botSettings as Prisma.InputJsonObject;
  const listener = new pg.Client({ connectionString: database.url });
  await listener.connect();
  try {
    await listener.query('LISTEN hearth_site_changed');
    const announced = new Promise<void>((resolve) =>
      listener.on('notification', ({ payload }) => payload === site.id && resolve()),
    );
    await db().site.update({
      where: { id: site.id },
      data: { botSettings: margin === null ? settings : { ...settings, ambiguityMargin: margin } },
    });
    await announced;
  } finally {
    await listener.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({
    DATABASE_URL: database.url,
    REDIS_URL: undefined,
    IP_CONNECTS_PER_MINUTE: '100000',
    IP_MESSAGES_PER_MINUTE: '100000',
  });
  // The first start trains the demo shop's model; the bot uses it once it is active.
  await eventually(
    async () =>
      (await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } }))
        .activeModelVersionId !== null,
    120_000,
  );
  // "Did you mean…?" on every confident answer, so the page shows buttons to click.
  await setAmbiguityMargin(1);
  browser = await launchChromium();
  visitor = await (await browser.newContext({ locale: 'en-US' })).newPage();
  visitor.setDefaultTimeout(30_000);
  visitor.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await visitor.goto(app.url);
  await visitor.locator('[data-hearth] button').click();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
});

it('answers a clicked "did you mean" button as the intent it stands for', async () => {
  await say('what hours are you open');
  const question = await lastBotMessage();
  const offered = StoredChoicesSchema.parse(question.choices);
  const choice = offered.find((candidate) => candidate.intent);
  expect(choice, 'the bot offered an intent as a button').toBeDefined();
  expect(choice!.label).not.toMatch(/_/); // a phrase, never the intent's internal name

  const group = widget().getByRole('group', { name: 'Suggested replies' });
  await group.getByRole('button', { name: choice!.label, exact: true }).click();
  // The label shows as the visitor's text; the bot answers the intent without reading the label.
  await widget()
    .locator('li[data-sender="visitor"] [data-testid="message-body"]', { hasText: choice!.label })
    .waitFor();
  await eventually(async () => (await lastBotMessage()).seq > question.seq, 30_000);
  // The widget sent what the button stands for, not only its label.
  const clicked = await db().message.findFirstOrThrow({
    where: {
      conversationId: question.conversationId,
      sender: 'visitor',
      seq: { gt: question.seq },
    },
  });
  expect(clicked).toMatchObject({ body: choice!.label, choices: [choice] });
  const answer = await lastBotMessage();
  expect(answer.intent).toBe(choice!.intent);
  const responses = await db().intentResponse.findMany({
    where: { intent: { name: choice!.intent, site: { publicKey: 'demo-site' } } },
  });
  expect(responses.map((response) => response.body)).toContain(answer.body);
  await setAmbiguityMargin(null);
});

it('says nobody is online once, in the panel with the email form, when the visitor asks for a person', async () => {
  const reply = await say('I want to talk to a human');
  // The panel says nobody is online and asks for the email; the bot's reply only adds that it keeps helping.
  expect(reply).toMatch(/Until someone from our team gets back to you/);
  expect(reply).not.toMatch(/online|email|connecting/i);
  await widget().getByLabel('Your email').waitFor();
  const panel = widget().getByRole('region', { name: 'No one is online right now' });
  await panel.waitFor();
  await expect
    .poll(() =>
      widget()
        .getByText(/online right now/i)
        .count(),
    )
    .toBe(1);
  expect(
    await widget()
      .getByText(/leave your email/i)
      .count(),
  ).toBe(1);
  expect(await panel.getByText("Leave your email and we'll get back to you.").count()).toBe(1);
  expect(await widget().getByText('A person will join this chat shortly.').count()).toBe(0);
});

it('keeps answering what it knows while the visitor waits', async () => {
  const reply = await say('How much does express shipping cost?');
  expect(reply).not.toMatch(/don't know|Nobody from our team/);
  expect(reply).toMatch(/\$12|express/i);
});

it('always replies to "talk to a human", however often it is asked', async () => {
  const reply = await say('I want to talk to a human');
  expect(reply).toMatch(/Until someone from our team gets back to you/);
  const conversation = await db().conversation.findFirstOrThrow({
    where: { site: { publicKey: 'demo-site' } },
    orderBy: { createdAt: 'desc' },
  });
  expect(conversation).toMatchObject({ status: 'open', assigneeId: null });
});
