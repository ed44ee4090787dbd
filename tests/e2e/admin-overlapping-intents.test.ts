import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../helpers/db';
import { startDemoApp, type DemoApp } from '../helpers/demo-app';

let demo: DemoApp;

beforeAll(async () => {
  demo = await startDemoApp();
}, 180_000);

afterAll(() => demo?.close());

it('warns of an intent that repeats another and merges it with one click', async () => {
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  const orderStatus = await db().intent.findFirstOrThrow({
    where: { siteId: site.id, name: 'order_status' },
    include: { examples: true },
  });
  // The collision: a new intent whose examples say what order_status's say.
  const trackOrder = await db().intent.create({
    data: {
      siteId: site.id,
      name: 'track_order',
      examples: {
        create: ['where is my order now', 'track my parcel please', 'order tracking'].map(
          (text) => ({ text }),
        ),
      },
    },
  });
  const context = await demo.signIn();
  const page = await context.newPage();
  await page.goto(`${demo.app.url}/admin`);

  const warnings = page.getByTestId('overlap-warnings');
  await warnings.getByText('order_status and track_order overlap').waitFor();
  expect(await warnings.textContent()).toContain('“where is my order” (order_status) is nearly');

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await warnings.getByRole('button', { name: 'Merge track_order into order_status' }).click();
  await expect
    .poll(() => db().intent.count({ where: { id: trackOrder.id } }), { timeout: 15_000 })
    .toBe(0);
  expect(question).toContain('Its 3 examples and its responses move to order_status');
  expect(await db().trainingExample.count({ where: { intentId: orderStatus.id } })).toBe(
    orderStatus.examples.length + 3,
  );
  // The page refreshes without the warning (a server render after the merge: slow on a busy machine).
  await expect
    .poll(() => page.getByTestId('overlap-warnings').count(), { timeout: 15_000 })
    .toBe(0);
  await context.close();
});
