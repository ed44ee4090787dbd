import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { updateBotSettings } from '@/lib/sites';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

let database: TestDatabase;
let workspace: FixtureWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace();
});
afterAll(async () => database?.drop());

const settings = (phoneCountry: string) => ({ ...BotSettingsSchema.parse({}), phoneCountry });

it('stores a site country for phone numbers, empty by default', async () => {
  expect(BotSettingsSchema.parse({}).phoneCountry).toBe('');
  await updateBotSettings(workspace.admin, workspace.siteId, settings('GB'));
  const site = await db().site.findUniqueOrThrow({ where: { id: workspace.siteId } });
  expect(BotSettingsSchema.parse(site.botSettings).phoneCountry).toBe('GB');
});

it('refuses a code that is not a country with a numbering plan', async () => {
  await expect(
    updateBotSettings(workspace.admin, workspace.siteId, settings('ZZ')),
  ).rejects.toMatchObject({ code: 'invalid' });
  await expect(
    updateBotSettings(workspace.admin, workspace.siteId, settings('United Kingdom')),
  ).rejects.toThrow(/two-letter country code/);
});
