// Removing a custom entity that intents require asks first and names them (the bot would keep
// asking for it there and never find it); one that no intent requires goes without asking.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../helpers/db';
import { startDemoApp, type DemoApp } from '../helpers/demo-app';

let demo: DemoApp;

beforeAll(async () => {
  demo = await startDemoApp();
}, 180_000);

afterAll(() => demo?.close());

it('warns before removing an entity that intents require, naming them', async () => {
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  await db().customEntity.deleteMany({ where: { siteId: site.id } });
  await db().customEntity.createMany({
    data: [
      { siteId: site.id, name: 'account_type', values: [{ value: 'savings', synonyms: [] }] },
      { siteId: site.id, name: 'colour', lookup: ['red', 'blue'] },
    ],
  });
  const slots = [{ entity: 'account_type', prompt: 'Which account?' }];
  await db().intent.createMany({
    data: [
      { siteId: site.id, name: 'open_account', slots },
      { siteId: site.id, name: 'close_account', slots },
    ],
  });
  // The demo site is the one the admin works on (app/admin/admin-context.ts).
  const context = await demo.signIn([{ name: 'hearth_admin_site', value: site.id }]);
  const page = await context.newPage();
  await page.goto(`${demo.app.url}/admin/entities`);
  const entity = (name: string) =>
    page.locator('fieldset', { has: page.locator(`input[value="${name}"]`) });

  // Not required by any intent: removed at once.
  await entity('colour').getByRole('button', { name: 'Remove' }).click();
  expect(await entity('colour').count()).toBe(0);
  expect(await page.locator('fieldset [role="alert"]').count()).toBe(0);

  // Required: the warning names both intents; keeping it keeps it.
  await entity('account_type').getByRole('button', { name: 'Remove' }).click();
  const warning = entity('account_type').getByRole('alert');
  expect(await warning.textContent()).toContain('Required by close_account, open_account');
  await warning.getByRole('button', { name: 'Keep it' }).click();
  expect(await entity('account_type').getByRole('alert').count()).toBe(0);

  await entity('account_type').getByRole('button', { name: 'Remove' }).click();
  await entity('account_type').getByRole('button', { name: 'Remove anyway' }).click();
  expect(await entity('account_type').count()).toBe(0);
  await page.getByRole('button', { name: 'Save entities' }).click();
  await page.getByText('Saved.').waitFor();
  expect(await db().customEntity.count({ where: { siteId: site.id } })).toBe(0);
});
